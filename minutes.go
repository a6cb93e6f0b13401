package jingzi

import (
	"context"
	"sort"
	"strings"
	"time"
	"unicode/utf8"
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
	return present, expected, QuorumMet(present, expected)
}

// QuorumMet: at least two thirds of the roster attended (应到人数的三分之二以上).
func QuorumMet(present, expected int) bool {
	return expected > 0 && present*3 >= expected*2
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

// Label is the Chinese name of the agenda kind.
func (k AgendaKind) Label() string {
	switch k {
	case AgendaLastYear:
		return "通报上年度整改情况"
	case AgendaOpinions:
		return "通报征求意见情况"
	case AgendaTeam:
		return "班子对照检查"
	case AgendaSpeech:
		return "个人对照检查"
	case AgendaSupervisor:
		return "督导组点评"
	case AgendaSummary:
		return "总结讲话"
	}
	return "其他"
}

// AgendaKinds lists the kinds in the order a form offers them.
var AgendaKinds = []AgendaKind{AgendaLastYear, AgendaOpinions, AgendaTeam, AgendaSpeech, AgendaSupervisor, AgendaSummary, AgendaOther}

// Valid reports whether k is a known agenda kind.
func (k AgendaKind) Valid() bool {
	for _, v := range AgendaKinds {
		if k == v {
			return true
		}
	}
	return false
}

// Limits of the minutes' fields.
const (
	MaxMinutesLine  = 200   // place, host, recorder, agenda title
	MaxMinutesText  = 20000 // notes, remarks, summary, criticism, response
	MaxAgendaItems  = 200
	MaxCriticisms   = 2000
	MaxReportDays   = 60
	minutesAttendee = 1000 // 列席人员
)

// Validate checks the minutes against the meeting's roster: one attendance
// entry per roster member at most, a reason for every absence, speakers on the
// roster, criticisms between two different roster members, lengths and the
// report days (1–60; 0 takes MeetingReportDays). It trims the texts, orders
// the agenda by Position, renumbers it and fills the criticisms' names.
func (m *Minutes) Validate(mt *Meeting) error {
	for _, p := range []*string{&m.Place, &m.Host, &m.Recorder, &m.Attendees, &m.SupervisorRemarks, &m.Summary} {
		*p = strings.TrimSpace(*p)
	}
	switch {
	case utf8.RuneCountInString(m.Place) > MaxMinutesLine || utf8.RuneCountInString(m.Host) > MaxMinutesLine ||
		utf8.RuneCountInString(m.Recorder) > MaxMinutesLine:
		return Errorf(EINVALID, "地点、主持人、记录人均不能超过%d个字。", MaxMinutesLine)
	case utf8.RuneCountInString(m.Attendees) > minutesAttendee:
		return Errorf(EINVALID, "列席人员不能超过%d个字。", minutesAttendee)
	case utf8.RuneCountInString(m.SupervisorRemarks) > MaxMinutesText || utf8.RuneCountInString(m.Summary) > MaxMinutesText:
		return Errorf(EINVALID, "督导组点评和总结讲话均不能超过%d个字。", MaxMinutesText)
	case m.ReportDays < 0 || m.ReportDays > MaxReportDays:
		return Errorf(EINVALID, "情况报告的报送期限应为会后1至%d天。", MaxReportDays)
	}
	if m.ReportDays == 0 {
		m.ReportDays = MeetingReportDays
	}
	if m.StartedAt != nil && (m.StartedAt.Year() < 2000 || m.StartedAt.Year() > 2100) {
		return Errorf(EINVALID, "会议时间不正确，请按“2024-01-20 09:00”的格式填写。")
	}
	if err := m.validateAttendance(mt); err != nil {
		return err
	} else if err := m.validateAgenda(mt); err != nil {
		return err
	}
	return m.validateCriticisms(mt)
}

func (m *Minutes) validateAttendance(mt *Meeting) error {
	seen := map[int64]bool{}
	for _, a := range m.Attendance {
		a.Reason = strings.TrimSpace(a.Reason)
		p := mt.Participant(a.ParticipantID)
		switch {
		case p == nil:
			return Errorf(EINVALID, "出席情况中有不在班子成员名单上的人员，请刷新后重新登记。")
		case seen[p.ID]:
			return Errorf(EINVALID, "同一位同志只能登记一次出席情况（%s）。", p.Name)
		case a.Status != AttendPresent && a.Status != AttendLeave:
			return Errorf(EINVALID, "请为%s选择“出席”或“请假”。", p.Name)
		case a.Status == AttendLeave && a.Reason == "":
			return Errorf(EINVALID, "%s未出席，请填写缺席原因。", p.Name)
		case utf8.RuneCountInString(a.Reason) > MaxLeaveReason:
			return Errorf(EINVALID, "%s的缺席原因不能超过%d个字。", p.Name, MaxLeaveReason)
		}
		if a.Status == AttendPresent {
			a.Reason = ""
		}
		seen[p.ID] = true
	}
	return nil
}

func (m *Minutes) validateAgenda(mt *Meeting) error {
	if len(m.Agenda) > MaxAgendaItems {
		return Errorf(EINVALID, "会议议程不能超过%d项。", MaxAgendaItems)
	}
	sort.SliceStable(m.Agenda, func(i, j int) bool { return m.Agenda[i].Position < m.Agenda[j].Position })
	for i, it := range m.Agenda {
		it.Title, it.Notes = strings.TrimSpace(it.Title), strings.TrimSpace(it.Notes)
		it.Position = i + 1
		if it.Kind == "" {
			it.Kind = AgendaOther
		}
		switch {
		case !it.Kind.Valid():
			return Errorf(EINVALID, "第%d项议程的类型不正确。", i+1)
		case it.Title == "":
			return Errorf(EINVALID, "请填写第%d项议程的内容。", i+1)
		case utf8.RuneCountInString(it.Title) > MaxMinutesLine:
			return Errorf(EINVALID, "第%d项议程的内容不能超过%d个字。", i+1, MaxMinutesLine)
		case utf8.RuneCountInString(it.Notes) > MaxMinutesText:
			return Errorf(EINVALID, "第%d项议程的发言要点不能超过%d个字。", i+1, MaxMinutesText)
		case it.ParticipantID != 0 && mt.Participant(it.ParticipantID) == nil:
			return Errorf(EINVALID, "第%d项议程的发言人不在班子成员名单上，请重新选择。", i+1)
		}
	}
	return nil
}

func (m *Minutes) validateCriticisms(mt *Meeting) error {
	if len(m.Criticisms) > MaxCriticisms {
		return Errorf(EINVALID, "相互批评不能超过%d条。", MaxCriticisms)
	}
	for i, c := range m.Criticisms {
		c.Content, c.Response = strings.TrimSpace(c.Content), strings.TrimSpace(c.Response)
		from, to := mt.Participant(c.FromID), mt.Participant(c.ToID)
		switch {
		case from == nil || to == nil:
			return Errorf(EINVALID, "第%d条批评意见的提出人和被批评人都应从班子成员中选择。", i+1)
		case from.ID == to.ID:
			return Errorf(EINVALID, "第%d条批评意见的提出人和被批评人不能是同一人（%s）。", i+1, from.Name)
		case c.Content == "":
			return Errorf(EINVALID, "请填写%s对%s的批评意见内容。", from.Name, to.Name)
		case utf8.RuneCountInString(c.Content) > MaxMinutesText || utf8.RuneCountInString(c.Response) > MaxMinutesText:
			return Errorf(EINVALID, "第%d条批评意见或表态不能超过%d个字。", i+1, MaxMinutesText)
		}
		c.MeetingID, c.Position, c.FromName, c.ToName = mt.ID, i+1, from.Name, to.Name
	}
	return nil
}

// ValidateCriticismResponse trims a response (表态) and checks its length.
func ValidateCriticismResponse(s string) (string, error) {
	s = strings.TrimSpace(s)
	if utf8.RuneCountInString(s) > MaxMinutesText {
		return "", Errorf(EINVALID, "表态不能超过%d个字。", MaxMinutesText)
	}
	return s, nil
}

// Criticism returns the criticism with the id, or nil.
func (m *Minutes) Criticism(id int64) *Criticism {
	for _, c := range m.Criticisms {
		if c.ID == id {
			return c
		}
	}
	return nil
}

// Attendee returns the participant's attendance, or nil when not recorded.
func (m *Minutes) Attendee(participantID int64) *Attendance {
	return attendee(m.Attendance, participantID)
}

// CanManageMinutes: the organiser over the team records the minutes and the
// 情况报告's sending.
func CanManageMinutes(ctx context.Context, m *Meeting) bool {
	return HasRoleOver(ctx, RoleOrganizer, m.OrgPath)
}

// CanRespondToCriticism: the receiver of a criticism (the roster entry whose
// account is the caller's) writes the response; the organiser may enter it.
func CanRespondToCriticism(ctx context.Context, m *Meeting, c *Criticism) bool {
	if CanManageMinutes(ctx, m) {
		return true
	}
	me := RosterEntry(ctx, m)
	return me != nil && me.ID == c.ToID
}

// ReportLate is how many days the 情况报告 of a meeting held on date is past its
// due day while it has not been sent; 0 when sent, not yet due or undated.
func (m *Minutes) ReportLate(date *time.Time, now time.Time) int {
	due := m.ReportDue(date)
	if due == nil || m.ReportSentOn != nil {
		return 0
	}
	return max(DaysPast(*due, now), 0)
}

// Progress is what the phase strip needs of the minutes.
func (m *Minutes) Progress() *MinutesProgress {
	p := &MinutesProgress{Recorded: m.Saved, ReportDays: m.ReportDays, ReportSent: m.ReportSentOn != nil}
	p.Present, p.Expected, _ = m.Quorum()
	return p
}
