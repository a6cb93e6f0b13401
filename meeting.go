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

// MeetingReviewer 审核人 / 督导 is an account of the superior named on a meeting:
// one holding the reviewer role over the team's org.
type MeetingReviewer struct {
	UserID     int64
	Name       string // filled from the account when read
	Title      string // 职务, filled from the account when read
	Supervisor bool   // 督导组成员 rather than 审核人
}

// DefaultReportDays is how many days before the meeting its theme and plan go to
// the superior when the organiser sets nothing. Superiors' notices commonly ask
// for the plan about half a month ahead; each meeting can change it.
const DefaultReportDays = 15

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
	Framework   *Framework
	Phase       Phase
	MeetingDate *time.Time // 召开日期
	// ReportDays: the theme and plan are reported to the superior (报送上级)
	// this many days before the meeting date.
	ReportDays int
	// ReportedOn is when the organiser reported them; nil while not yet done.
	ReportedOn *time.Time
	// ArchivedAt is when the meeting was archived (归档); while set the
	// meeting and its records are read-only.
	ArchivedAt   *time.Time
	Participants []*Participant
	Reviewers    []*MeetingReviewer
	Version      int // bumped by every update; an editor sends back the one it started from
	CreatedAt    time.Time
	UpdatedAt    time.Time
}

// ReportBy is the last day to report the theme and plan to the superior, or nil
// while the meeting date is not set.
func (m *Meeting) ReportBy() *time.Time {
	if m.MeetingDate == nil {
		return nil
	}
	d := m.MeetingDate.AddDate(0, 0, -m.ReportDays)
	return &d
}

// ReviewerIDs returns the accounts named as 审核人 (督导 excluded).
func (m *Meeting) ReviewerIDs() []int64 { return m.reviewerIDs(false) }

// SupervisorIDs returns the accounts named as 督导.
func (m *Meeting) SupervisorIDs() []int64 { return m.reviewerIDs(true) }

func (m *Meeting) reviewerIDs(supervisor bool) []int64 {
	var out []int64
	for _, r := range m.Reviewers {
		if r.Supervisor == supervisor {
			out = append(out, r.UserID)
		}
	}
	return out
}

// Participant returns the roster entry with the id, or nil.
func (m *Meeting) Participant(id int64) *Participant {
	for _, p := range m.Participants {
		if p.ID == id {
			return p
		}
	}
	return nil
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
	if m.ReportDays == 0 {
		m.ReportDays = DefaultReportDays
	} else if m.ReportDays < 1 || m.ReportDays > 60 {
		return Errorf(EINVALID, "报送上级的提前天数应为1至60天。")
	}
	if m.Phase == "" {
		m.Phase = PhasePlan
	} else if !m.Phase.Valid() {
		return Errorf(EINVALID, "请选择会议所处的工作环节。")
	}
	if err := validateRoster(m.Participants); err != nil {
		return err
	} else if err := validateReviewers(m.Reviewers); err != nil {
		return err
	}
	return m.Framework.Validate()
}

// validateRoster checks names, lengths, the single head and accounts used once.
func validateRoster(list []*Participant) error {
	heads, users := 0, map[int64]bool{}
	for _, p := range list {
		p.Name, p.Title = strings.TrimSpace(p.Name), strings.TrimSpace(p.Title)
		switch {
		case p.Name == "":
			return Errorf(EINVALID, "班子成员姓名不能为空。")
		case utf8.RuneCountInString(p.Name) > 50 || utf8.RuneCountInString(p.Title) > 100:
			return Errorf(EINVALID, "班子成员姓名不超过50个字，职务不超过100个字。")
		case p.UserID != 0 && users[p.UserID]:
			return Errorf(EINVALID, "同一账号不能对应两名班子成员（%s）。", p.Name)
		case len(p.Portfolio) > 30:
			return Errorf(EINVALID, "%s的分管部门不能超过30个。", p.Name)
		}
		users[p.UserID] = p.UserID != 0
		if p.Head {
			heads++
		}
		for _, d := range p.Portfolio {
			if d == "" || utf8.RuneCountInString(d) > 50 {
				return Errorf(EINVALID, "%s的分管部门名称应为1至50个字。", p.Name)
			}
		}
	}
	if heads > 1 {
		return Errorf(EINVALID, "主要负责人只能有一位。")
	}
	if len(list) > 200 {
		return Errorf(EINVALID, "班子成员不能超过200人。")
	}
	return nil
}

func validateReviewers(list []*MeetingReviewer) error {
	seen := map[MeetingReviewer]bool{}
	for _, r := range list {
		key := MeetingReviewer{UserID: r.UserID, Supervisor: r.Supervisor}
		if r.UserID == 0 {
			return Errorf(EINVALID, "审核人和督导须从账号中选择。")
		} else if seen[key] {
			return Errorf(EINVALID, "同一审核人或督导不能重复选择。")
		}
		seen[key] = true
	}
	return nil
}

// Valid reports whether p is a known phase.
func (p Phase) Valid() bool {
	for _, v := range Phases {
		if p == v {
			return true
		}
	}
	return false
}

// SplitPortfolio reads 分管 departments typed in one field, separated by 、，,；;
// or new lines, dropping empty names and repeats.
func SplitPortfolio(s string) []string {
	fields := strings.FieldsFunc(s, func(r rune) bool {
		return strings.ContainsRune("、，,；;\n\r", r)
	})
	var out []string
	seen := map[string]bool{}
	for _, f := range fields {
		if f = strings.TrimSpace(f); f != "" && !seen[f] {
			seen[f] = true
			out = append(out, f)
		}
	}
	return out
}

// MeetingService 会议.
type MeetingService interface {
	// FindMeetingByID returns ENOTFOUND when it does not exist or the caller may not see it.
	FindMeetingByID(ctx context.Context, id int64) (*Meeting, error)
	FindMeetings(ctx context.Context, filter MeetingFilter) ([]*Meeting, int, error)
	// CreateMeeting returns EINVALID or EFORBIDDEN (not an organiser over the org).
	CreateMeeting(ctx context.Context, m *Meeting) error
	// UpdateMeeting changes what upd holds. ENOTFOUND, EFORBIDDEN (not an
	// organiser over the team), EINVALID, ECONFLICT when upd.Version is not the
	// current version or a removed participant already has a statement.
	UpdateMeeting(ctx context.Context, id int64, upd MeetingUpdate) (*Meeting, error)
	// FindMeetingCandidates lists who may be put on a meeting of the org: its
	// accounts (for the roster) and the reviewers over it. EFORBIDDEN unless the
	// caller organises there; ENOTFOUND for an org the caller cannot see.
	FindMeetingCandidates(ctx context.Context, orgID int64) (*MeetingCandidates, error)
}

// MeetingUpdate holds the fields to change. Nil fields stay as they are.
type MeetingUpdate struct {
	Version     int // required: the version the editor started from
	Title       *string
	Year        *int
	Kind        *MeetingKind
	Framework   *Framework // replaces the meeting's copy
	Phase       *Phase     // the organiser sets the current phase by hand
	MeetingDate *time.Time // a pointer to the zero time clears the date
	ReportDays  *int
	ReportedOn  *time.Time // a pointer to the zero time clears it
	// Participants is the whole new roster. Entries with the ID of a current
	// participant update that participant and keep its id (statements, talks and
	// opinions refer to it); entries with ID 0 are added; the others are removed.
	Participants *[]*Participant
	Reviewers    *[]*MeetingReviewer
}

// MeetingCandidates are the accounts an organiser may name on a meeting.
type MeetingCandidates struct {
	Members   []*User // accounts of the org and its subtree, for the roster
	Reviewers []*User // accounts holding the reviewer role over the org
}

// MeetingFilter selects meetings, newest year first.
type MeetingFilter struct {
	OrgID         *int64
	Within        *int64
	Offset, Limit int
}
