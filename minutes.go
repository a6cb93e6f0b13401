package jingzi

import (
	"context"
	"time"
)

// Minutes 会议记录 of the meeting itself: who came, the agenda with each
// speech, the 相互批评 and the 督导组点评. A meeting has at most one; until the
// organiser saves it, FindMinutes returns a draft with the usual agenda
// pre-filled from the roster (DefaultAgenda).
type Minutes struct {
	MeetingID int64
	StartedAt *time.Time // 会议开始时间 (date and time; the date is the meeting date)
	Place     string     // 地点
	Host      string     // 主持人
	Recorder  string     // 记录人
	Attendees string     // 列席人员 (督导组、组织部等), as written
	// Attendance: one entry per roster member (the same type as a study
	// session's): AttendLeave needs a reason (缺席原因).
	Attendance []*Attendance
	Agenda     []*AgendaItem
	Criticisms []*Criticism
	// SupervisorRemarks 督导组点评 as the supervisor said it.
	SupervisorRemarks string
	// Summary 总结讲话 of the head at the end.
	Summary string
	// ReportDays: the 情况报告 is due this many days after the meeting
	// (MeetingReportDays when 0).
	ReportDays int
	// ReportSentOn is when the 情况报告 went to the superior; nil while not sent.
	ReportSentOn *time.Time
	Saved        bool // false for the pre-filled draft nobody has saved yet
	Version      int  // bumped by every save; an editor sends back the one it started from
	UpdatedAt    time.Time
}

// AgendaKind says what an agenda item is, so that documents and checks can
// find the speeches and the criticisms.
type AgendaKind string

const (
	AgendaLastYear   AgendaKind = "lastyear"   // 通报上年度整改落实情况
	AgendaOpinions   AgendaKind = "opinions"   // 通报征求意见情况
	AgendaTeam       AgendaKind = "team"       // 主要负责人代表班子作对照检查
	AgendaSpeech     AgendaKind = "speech"     // 个人对照检查发言（含相互批评）
	AgendaSupervisor AgendaKind = "supervisor" // 督导组点评
	AgendaSummary    AgendaKind = "summary"    // 总结讲话
	AgendaOther      AgendaKind = "other"
)

// AgendaItem 议程 is one item of the agenda. A speech names its speaker and the
// statement the speaker read out.
type AgendaItem struct {
	ID            int64
	Position      int
	Kind          AgendaKind
	Title         string
	ParticipantID int64  // the speaker; 0 when none
	StatementID   int64  // the statement read out; 0 when none
	Notes         string // 发言要点 as recorded
}

// Criticism 相互批评 is one criticism given at the meeting by a participant to
// another, with the receiver's response (表态).
type Criticism struct {
	ID        int64
	MeetingID int64
	FromID    int64 // participant who criticises
	ToID      int64 // participant criticised
	FromName  string
	ToName    string
	Content   string
	Response  string // the receiver's response; the receiver may write it
	Position  int
}

// Quorum reports whether at least two thirds of the roster attended
// (应到人数的三分之二以上), with the numbers.
func (m *Minutes) Quorum() (present, expected int, ok bool) {
	expected = len(m.Attendance)
	for _, a := range m.Attendance {
		if a.Status == AttendPresent {
			present++
		}
	}
	return present, expected, expected > 0 && present*3 >= expected*2
}

// ReportDue is the last day of the 情况报告 for a meeting held on date.
func (m *Minutes) ReportDue(date *time.Time) *time.Time {
	if date == nil {
		return nil
	}
	days := m.ReportDays
	if days == 0 {
		days = MeetingReportDays
	}
	d := date.AddDate(0, 0, days)
	return &d
}

// MinutesService 会议记录 and the 情况报告's sending. The organiser over the team
// records; everyone who may see the meeting reads; a participant may write the
// response to a criticism addressed to them.
type MinutesService interface {
	// FindMinutes returns the meeting's minutes, or an unsaved draft with the
	// roster as attendance and DefaultAgenda when none is stored. ENOTFOUND when
	// the caller may not see the meeting.
	FindMinutes(ctx context.Context, meetingID int64) (*Minutes, error)
	// SaveMinutes stores attendance, agenda, criticisms and texts. m.Version is the
	// version the editor started from; ECONFLICT when someone saved in between.
	// EINVALID for an absent member without a reason or a criticism of oneself.
	SaveMinutes(ctx context.Context, m *Minutes) error
	// RespondToCriticism records the receiver's response (the receiver or the organiser).
	RespondToCriticism(ctx context.Context, criticismID int64, response string) error
	// MarkReportSent records that the 情况报告 went to the superior on the day
	// (nil clears it). Organiser only; audited.
	MarkReportSent(ctx context.Context, meetingID int64, on *time.Time) error
}

// DefaultAgenda is the usual order of business, one speech per roster member
// with their statement where one exists (statements by participant id; the
// team's under 0).
func DefaultAgenda(m *Meeting, statements map[int64]int64) []*AgendaItem {
	var out []*AgendaItem
	add := func(k AgendaKind, title string, pid int64) {
		it := &AgendaItem{Position: len(out) + 1, Kind: k, Title: title, ParticipantID: pid}
		if pid != 0 {
			it.StatementID = statements[pid]
		}
		out = append(out, it)
	}
	add(AgendaLastYear, "通报上年度民主生活会整改措施落实情况", 0)
	add(AgendaOpinions, "通报征求意见情况", 0)
	head := m.Head()
	if head != nil {
		out = append(out, &AgendaItem{Position: len(out) + 1, Kind: AgendaTeam, Title: "主要负责人代表领导班子作对照检查",
			ParticipantID: head.ID, StatementID: statements[0]})
		add(AgendaSpeech, head.Name+"同志作个人对照检查，班子成员逐一提出批评意见", head.ID)
	}
	for _, p := range m.Participants {
		if head != nil && p.ID == head.ID {
			continue
		}
		add(AgendaSpeech, p.Name+"同志作个人对照检查，其他同志提出批评意见", p.ID)
	}
	add(AgendaSupervisor, "督导组点评", 0)
	add(AgendaSummary, "主要负责人作总结讲话", 0)
	if head != nil {
		out[len(out)-1].ParticipantID = head.ID
	}
	return out
}
