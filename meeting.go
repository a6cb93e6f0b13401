package jingzi

import (
	"context"
	"strings"
	"time"
	"unicode/utf8"
)

// MeetingKind distinguishes the two kinds of meeting.
type MeetingKind string

const (
	KindDemocratic MeetingKind = "democratic" // 民主生活会（领导班子）
	KindBranch     MeetingKind = "branch"     // 组织生活会（党支部）
)

// Label is the Chinese name of the kind.
func (k MeetingKind) Label() string {
	if k == KindBranch {
		return "组织生活会"
	}
	return "民主生活会"
}

// Phase 阶段 of a meeting's cycle. Phases may overlap; Phase is where the team says it is.
type Phase string

const (
	PhasePlan       Phase = "plan"       // 筹备
	PhaseStudy      Phase = "study"      // 学习研讨
	PhaseOpinions   Phase = "opinions"   // 征求意见
	PhaseTalks      Phase = "talks"      // 谈心谈话
	PhaseStatements Phase = "statements" // 对照检查
	PhaseReview     Phase = "review"     // 审核
	PhaseMeeting    Phase = "meeting"    // 召开
	PhaseRectify    Phase = "rectify"    // 整改
	PhaseArchive    Phase = "archive"    // 归档
)

// Phases lists the phases in cycle order.
var Phases = []Phase{PhasePlan, PhaseStudy, PhaseOpinions, PhaseTalks, PhaseStatements, PhaseReview, PhaseMeeting, PhaseRectify, PhaseArchive}

// Label is the Chinese name of the phase.
func (p Phase) Label() string {
	switch p {
	case PhasePlan:
		return "筹备"
	case PhaseStudy:
		return "学习研讨"
	case PhaseOpinions:
		return "征求意见"
	case PhaseTalks:
		return "谈心谈话"
	case PhaseStatements:
		return "对照检查"
	case PhaseReview:
		return "审核"
	case PhaseMeeting:
		return "召开"
	case PhaseRectify:
		return "整改"
	case PhaseArchive:
		return "归档"
	}
	return string(p)
}

// Participant 班子成员 is one member of the team on a meeting's roster.
type Participant struct {
	ID        int64
	MeetingID int64
	UserID    int64 // 0 when the member has no account
	Name      string
	Title     string   // 职务
	Head      bool     // 主要负责人（书记）
	Portfolio []string // 分管 departments
	Position  int
}

// Meeting 民主生活会 / 组织生活会 of one team in one year.
type Meeting struct {
	ID      int64
	OrgID   int64
	OrgName string
	OrgPath string
	Year    int
	Kind    MeetingKind
	Title   string
	// Framework is the meeting's own copy, kept even when the original changes.
	Framework    *Framework
	Phase        Phase
	MeetingDate  *time.Time // 召开日期
	Participants []*Participant
	CreatedAt    time.Time
	UpdatedAt    time.Time
}

// Head returns the head of the roster, or nil.
func (m *Meeting) Head() *Participant {
	for _, p := range m.Participants {
		if p.Head {
			return p
		}
	}
	return nil
}

// Validate returns an EINVALID error when the meeting cannot be stored.
func (m *Meeting) Validate() error {
	m.Title = strings.TrimSpace(m.Title)
	switch {
	case m.OrgID == 0:
		return Errorf(EINVALID, "请选择召开会议的党组织。")
	case m.Year < 2000 || m.Year > 2100:
		return Errorf(EINVALID, "年度应为四位数年份。")
	case m.Kind != KindDemocratic && m.Kind != KindBranch:
		return Errorf(EINVALID, "请选择会议类型。")
	case m.Title == "" || utf8.RuneCountInString(m.Title) > 100:
		return Errorf(EINVALID, "请填写会议名称（不超过100个字）。")
	case m.Framework == nil:
		return Errorf(EINVALID, "请选择检视框架。")
	}
	heads := 0
	for _, p := range m.Participants {
		p.Name = strings.TrimSpace(p.Name)
		if p.Name == "" {
			return Errorf(EINVALID, "班子成员姓名不能为空。")
		}
		if p.Head {
			heads++
		}
	}
	if heads > 1 {
		return Errorf(EINVALID, "主要负责人只能有一位。")
	}
	if m.Phase == "" {
		m.Phase = PhasePlan
	}
	return m.Framework.Validate()
}

// MeetingService 会议.
type MeetingService interface {
	// FindMeetingByID returns ENOTFOUND when it does not exist or the caller may not see it.
	FindMeetingByID(ctx context.Context, id int64) (*Meeting, error)
	FindMeetings(ctx context.Context, filter MeetingFilter) ([]*Meeting, int, error)
	// CreateMeeting returns EINVALID or EFORBIDDEN (not an organiser over the org).
	CreateMeeting(ctx context.Context, m *Meeting) error
}

// MeetingFilter selects meetings, newest year first.
type MeetingFilter struct {
	OrgID         *int64
	Within        *int64
	Offset, Limit int
}
