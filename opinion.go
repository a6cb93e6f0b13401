package jingzi

import (
	"context"
	"crypto/rand"
	"encoding/base32"
	"strings"
	"unicode/utf8"
)

// Channel 征求渠道 is how an opinion came in.
type Channel string

const (
	ChannelCode      Channel = "code"      // 匿名码
	ChannelUnit      Channel = "unit"      // 单位征求意见表
	ChannelForum     Channel = "forum"     // 座谈会
	ChannelInterview Channel = "interview" // 个别访谈
	ChannelBox       Channel = "box"       // 意见箱
	ChannelTalk      Channel = "talk"      // 谈心谈话中提出，具名
)

// ManualChannels are the channels an organiser enters by hand.
var ManualChannels = []Channel{ChannelForum, ChannelInterview, ChannelBox, ChannelTalk}

// TalkSolicitationTitle names the solicitation that holds the opinions raised
// in 谈心谈话, created the first time such an opinion is taken over.
const TalkSolicitationTitle = "谈心谈话中提出的意见建议"

// Label is the Chinese name of the channel.
func (c Channel) Label() string {
	switch c {
	case ChannelCode:
		return "匿名码"
	case ChannelUnit:
		return "单位征求意见表"
	case ChannelForum:
		return "座谈会"
	case ChannelInterview:
		return "个别访谈"
	case ChannelBox:
		return "意见箱"
	case ChannelTalk:
		return "谈心谈话"
	}
	return string(c)
}

// Anonymous reports whether the channel is an anonymous one, whose opinions wait for the threshold.
func (c Channel) Anonymous() bool { return c == ChannelCode || c == ChannelUnit }

// OpinionStatus 处理情况 is the organiser's conclusion on an opinion.
type OpinionStatus string

const (
	StatusOpen      OpinionStatus = ""          // 待处理
	StatusAdopted   OpinionStatus = "adopted"   // 已采纳
	StatusUntrue    OpinionStatus = "untrue"    // 不属实
	StatusExplained OpinionStatus = "explained" // 已说明
)

// OpinionStatuses lists the statuses in display order.
var OpinionStatuses = []OpinionStatus{StatusOpen, StatusAdopted, StatusUntrue, StatusExplained}

// Label is the Chinese name of the status.
func (s OpinionStatus) Label() string {
	switch s {
	case StatusAdopted:
		return "已采纳"
	case StatusUntrue:
		return "不属实"
	case StatusExplained:
		return "已说明"
	}
	return "待处理"
}

// Valid reports whether s is a known status.
func (s OpinionStatus) Valid() bool {
	for _, v := range OpinionStatuses {
		if s == v {
			return true
		}
	}
	return false
}

// MaxOpinionRunes limits one opinion's text; MaxOpinionsPerSubmission one submission.
const (
	MaxOpinionRunes          = 2000
	MaxOpinionsPerSubmission = 30
)

// Opinion 意见建议 is one opinion, aimed at the team (ParticipantID 0) or at one
// participant, classified by aspect. It holds nothing about who wrote it or when:
// no account, session, address, browser or time; its id is random.
type Opinion struct {
	ID             string
	SolicitationID int64
	Channel        Channel
	Unit           string // 单位, "" when unknown
	ParticipantID  int64  // 0: the team (领导班子)
	AspectIndex    int    // framework aspect, -1 when not chosen
	Text           string
	Status         OpinionStatus
	// MergedInto is the opinion this one was merged into as a duplicate; it stays visible.
	MergedInto string
}

// Validate returns an EINVALID error when the opinion cannot be stored.
func (o *Opinion) Validate() error {
	o.Text = strings.TrimSpace(o.Text)
	o.Unit = strings.TrimSpace(o.Unit)
	switch {
	case o.Text == "":
		return Errorf(EINVALID, "意见建议内容不能为空。")
	case utf8.RuneCountInString(o.Text) > MaxOpinionRunes:
		return Errorf(EINVALID, "每条意见建议不超过%d个字。", MaxOpinionRunes)
	case utf8.RuneCountInString(o.Unit) > 100:
		return Errorf(EINVALID, "单位名称不超过100个字。")
	case !o.Status.Valid():
		return Errorf(EINVALID, "处理情况无效。")
	case o.AspectIndex < -1:
		return Errorf(EINVALID, "检视方面无效。")
	}
	return nil
}

var opinionIDEncoding = base32.StdEncoding.WithPadding(base32.NoPadding)

// NewOpinionID returns a random id (16 bytes from crypto/rand, base32): ids carry no order.
func NewOpinionID() (string, error) {
	buf := make([]byte, 16)
	if _, err := rand.Read(buf); err != nil {
		return "", err
	}
	return strings.ToLower(opinionIDEncoding.EncodeToString(buf)), nil
}

// OpinionUpdate is the organiser's triage of an opinion; nil fields stay.
type OpinionUpdate struct {
	ParticipantID *int64
	AspectIndex   *int
	Status        *OpinionStatus
}

// OpinionFilter selects opinions; listing is ordered by id, which follows no submission order.
type OpinionFilter struct {
	SolicitationID *int64
	MeetingID      *int64
	ParticipantID  *int64 // 0 selects the team's
	Offset, Limit  int
}

// OpinionService 意见建议.
type OpinionService interface {
	// FindOpinionByID returns ENOTFOUND when it does not exist or the caller may not see it.
	FindOpinionByID(ctx context.Context, id string) (*Opinion, error)
	// FindOpinions lists what the caller may see. Organisers and reviewers see every
	// opinion of the meeting; a participant, after release, those aimed at them and at
	// the team. Anonymous opinions stay hidden from everyone until the solicitation's
	// threshold of submissions is reached.
	FindOpinions(ctx context.Context, filter OpinionFilter) ([]*Opinion, int, error)
	// CreateOpinion is the organiser's manual entry (座谈会/个别访谈/意见箱).
	CreateOpinion(ctx context.Context, o *Opinion) error
	// UpdateOpinion sets target, aspect and status. EFORBIDDEN unless organiser.
	UpdateOpinion(ctx context.Context, id string, upd OpinionUpdate) (*Opinion, error)
	// MergeOpinions marks ids as duplicates of into; all stay visible. EINVALID
	// when into is among ids or the opinions belong to different solicitations.
	MergeOpinions(ctx context.Context, into string, ids []string) error
}

// CanSeeOpinion: organisers and reviewers over the team see opinions; a participant
// sees, once released, those aimed at them or at the team. Nobody sees an anonymous
// opinion before the threshold.
func CanSeeOpinion(ctx context.Context, m *Meeting, s *Solicitation, o *Opinion) bool {
	if o.Channel.Anonymous() && !s.AnonymousVisible() && !IsSystem(ctx) {
		return false
	}
	if hasAnyRoleOver(ctx, m.OrgPath, RoleOrganizer, RoleReviewer) {
		return true
	}
	me := RosterEntry(ctx, m)
	return s.Released && me != nil && (o.ParticipantID == 0 || o.ParticipantID == me.ID)
}
