package jingzi

import (
	"context"
	"fmt"
	"time"
)

// MeetingProgress 会议进度 holds the plain numbers the phase strip is computed
// from. The plan's numbers come from the meeting itself (ProgressOf); each of
// the other nouns fills its own part, and a nil part means its records are not
// connected yet: the strip then shows "—" for that phase instead of guessing.
type MeetingProgress struct {
	Phase          Phase // the current phase, as the organiser set it
	Participants   int   // roster size
	HasHead        bool  // 主要负责人 named
	HasFramework   bool
	Reviewers      int // 审核人 and 督导 named
	MeetingDate    *time.Time
	ReportBy       *time.Time // last day to report theme and plan to the superior
	Reported       bool       // 已报送上级
	StudySessions  *StudyProgress
	Opinions       *OpinionProgress
	Talks          *TalkProgress
	Statements     *StatementProgress
	Reviews        *ReviewProgress
	MeetingRecord  *MinutesProgress
	Rectifications *RectificationProgress
}

// StudyProgress 学习研讨 counts.
type StudyProgress struct {
	Sessions     int // 学习研讨次数
	WithoutNotes int // participants who have not handed in 研讨发言/心得
}

// OpinionProgress 征求意见 counts.
type OpinionProgress struct {
	Solicitations int
	Opinions      int // 意见建议条数
	Units         int // 覆盖单位数
	Untriaged     int // opinions without target or aspect
	Released      bool
}

// TalkProgress 谈心谈话 counts over the 四必谈 pairs.
type TalkProgress struct {
	RequiredPairs int
	MissingPairs  int // required pairs with no talk recorded yet
	Talks         int // 人次
}

// StatementProgress 对照检查材料 counts.
type StatementProgress struct {
	Participants int  // participants expected to write one
	Created      int  // of those, how many have a statement
	TeamCreated  bool // 班子对照检查材料
}

// ReviewProgress 审核 counts over the statements.
type ReviewProgress struct {
	Statements int
	Approved   int
	Returned   int // returned and not yet resubmitted
}

// MinutesProgress 会议记录 of the meeting itself.
type MinutesProgress struct {
	Recorded bool
	Present  int
	Expected int
	// ReportDays and ReportSent: the 情况报告 is due ReportDays after the
	// meeting date and counts as done once sent.
	ReportDays int
	ReportSent bool
}

// RectificationProgress 整改台账 counts.
type RectificationProgress struct {
	Items      int
	Open       int // not yet 销号
	Overdue    int
	ReportSent bool // 情况报告 sent to the superior
}

// MeetingReportDays: the 情况报告 goes to the superior within 15 days after the meeting.
const MeetingReportDays = 15

// ProgressSource gives the numbers of the nouns other than the meeting. The web
// server may hold one; without it the phases those numbers decide show "—".
type ProgressSource interface {
	MeetingProgress(ctx context.Context, meetingID int64) (MeetingProgress, error)
}

// ProgressOf returns the numbers the meeting itself knows.
func ProgressOf(m *Meeting) MeetingProgress {
	p := MeetingProgress{Phase: m.Phase, Participants: len(m.Participants), HasHead: m.Head() != nil,
		HasFramework: m.Framework != nil, Reviewers: len(m.Reviewers), MeetingDate: m.MeetingDate,
		ReportBy: m.ReportBy(), Reported: m.ReportedOn != nil}
	return p
}

// Merge takes the parts other sources know into p; the plan's numbers stay.
func (p *MeetingProgress) Merge(o MeetingProgress) {
	if o.StudySessions != nil {
		p.StudySessions = o.StudySessions
	}
	if o.Opinions != nil {
		p.Opinions = o.Opinions
	}
	if o.Talks != nil {
		p.Talks = o.Talks
	}
	if o.Statements != nil {
		p.Statements = o.Statements
	}
	if o.Reviews != nil {
		p.Reviews = o.Reviews
	}
	if o.MeetingRecord != nil {
		p.MeetingRecord = o.MeetingRecord
	}
	if o.Rectifications != nil {
		p.Rectifications = o.Rectifications
	}
}

// PhaseStatus 环节进度 is one phase of the strip: done, or what is still missing.
// Phases overlap; a missing item never blocks work in another phase.
type PhaseStatus struct {
	Phase   Phase
	Done    bool
	Missing []string
	Current bool // the phase the organiser says the meeting is in
	Unknown bool // its numbers are not available: shown as "—"
	Overdue bool // a date of this phase has passed with work still missing
}

// PhaseStrip computes the strip for every phase in cycle order; now decides
// which dates have passed.
func PhaseStrip(p MeetingProgress, now time.Time) []PhaseStatus {
	steps := []func(MeetingProgress, time.Time) PhaseStatus{planStatus, studyStatus, opinionStatus, talkStatus,
		statementStatus, reviewStatus, meetingStatus, rectifyStatus, archiveStatus}
	out := make([]PhaseStatus, len(steps))
	for i, step := range steps {
		out[i] = step(p, now)
		out[i].Phase, out[i].Current = Phases[i], Phases[i] == p.Phase
		out[i].Done = !out[i].Unknown && len(out[i].Missing) == 0
	}
	return out
}

// DaysPast is how many whole days the date lies before now's day (negative
// when it is still ahead). Dates are civil dates stored at midnight UTC.
func DaysPast(date time.Time, now time.Time) int {
	d := time.Date(date.Year(), date.Month(), date.Day(), 0, 0, 0, 0, time.UTC)
	n := time.Date(now.Year(), now.Month(), now.Day(), 0, 0, 0, 0, time.UTC)
	return int(n.Sub(d).Hours() / 24)
}

// FormatDate is how the strip writes a date: 2024年1月5日.
func FormatDate(t time.Time) string {
	return fmt.Sprintf("%d年%d月%d日", t.Year(), t.Month(), t.Day())
}

func planStatus(p MeetingProgress, now time.Time) PhaseStatus {
	var s PhaseStatus
	add := func(ok bool, msg string) {
		if !ok {
			s.Missing = append(s.Missing, msg)
		}
	}
	add(p.Participants > 0, "尚未登记班子成员")
	add(p.Participants == 0 || p.HasHead, "尚未确定主要负责人")
	add(p.HasFramework, "尚未选择检视框架")
	add(p.Reviewers > 0, "尚未指定上级审核人或督导")
	add(p.MeetingDate != nil, "召开日期未定")
	if p.ReportBy != nil && !p.Reported {
		msg := "会议主题和时间应于" + FormatDate(*p.ReportBy) + "前报送上级"
		if late := DaysPast(*p.ReportBy, now); late > 0 {
			msg += fmt.Sprintf("，已逾期%d天", late)
			s.Overdue = true
		}
		s.Missing = append(s.Missing, msg)
	}
	return s
}

func studyStatus(p MeetingProgress, _ time.Time) PhaseStatus {
	st := p.StudySessions
	if st == nil {
		return PhaseStatus{Unknown: true}
	}
	var s PhaseStatus
	if st.Sessions == 0 {
		s.Missing = append(s.Missing, "尚未开展学习研讨")
	}
	if st.WithoutNotes > 0 {
		s.Missing = append(s.Missing, fmt.Sprintf("%d人尚未提交研讨发言", st.WithoutNotes))
	}
	return s
}

func opinionStatus(p MeetingProgress, _ time.Time) PhaseStatus {
	o := p.Opinions
	if o == nil {
		return PhaseStatus{Unknown: true}
	}
	var s PhaseStatus
	switch {
	case o.Solicitations == 0:
		s.Missing = append(s.Missing, "尚未开展征求意见")
	case o.Opinions == 0:
		s.Missing = append(s.Missing, "尚未收到意见建议")
	}
	if o.Untriaged > 0 {
		s.Missing = append(s.Missing, fmt.Sprintf("%d条意见尚未归类", o.Untriaged))
	}
	if o.Opinions > 0 && !o.Released {
		s.Missing = append(s.Missing, "意见建议尚未向班子成员反馈")
	}
	return s
}

func talkStatus(p MeetingProgress, _ time.Time) PhaseStatus {
	t := p.Talks
	if t == nil {
		return PhaseStatus{Unknown: true}
	}
	var s PhaseStatus
	if t.RequiredPairs == 0 {
		s.Missing = append(s.Missing, "班子成员不足两人，尚无必谈对象")
	} else if t.MissingPairs > 0 {
		s.Missing = append(s.Missing, fmt.Sprintf("%d对必谈尚未谈话", t.MissingPairs))
	}
	return s
}

func statementStatus(p MeetingProgress, _ time.Time) PhaseStatus {
	st := p.Statements
	if st == nil {
		return PhaseStatus{Unknown: true}
	}
	var s PhaseStatus
	if !st.TeamCreated {
		s.Missing = append(s.Missing, "班子对照检查材料尚未建立")
	}
	if n := st.Participants - st.Created; n > 0 {
		s.Missing = append(s.Missing, fmt.Sprintf("%d名班子成员尚未建立对照检查材料", n))
	}
	return s
}

func reviewStatus(p MeetingProgress, _ time.Time) PhaseStatus {
	r := p.Reviews
	if r == nil {
		return PhaseStatus{Unknown: true}
	}
	var s PhaseStatus
	if r.Statements == 0 {
		s.Missing = append(s.Missing, "尚无送审的对照检查材料")
	} else if n := r.Statements - r.Approved; n > 0 {
		s.Missing = append(s.Missing, fmt.Sprintf("%d份材料尚未审核通过", n))
	}
	if r.Returned > 0 {
		s.Missing = append(s.Missing, fmt.Sprintf("%d份材料已退回待修改", r.Returned))
	}
	return s
}

func meetingStatus(p MeetingProgress, now time.Time) PhaseStatus {
	var s PhaseStatus
	if p.MeetingDate == nil {
		s.Missing = append(s.Missing, "召开日期未定")
	}
	rec := p.MeetingRecord
	if rec == nil {
		s.Unknown = true
		return s
	}
	if !rec.Recorded {
		msg := "尚未登记会议记录"
		if p.MeetingDate != nil && DaysPast(*p.MeetingDate, now) > 0 {
			msg, s.Overdue = "召开日期已过，"+msg, true
		}
		s.Missing = append(s.Missing, msg)
	} else if rec.Expected > 0 && !QuorumMet(rec.Present, rec.Expected) {
		s.Missing = append(s.Missing, fmt.Sprintf("到会%d人，未达到应到%d人的三分之二", rec.Present, rec.Expected))
	}
	return s
}

func rectifyStatus(p MeetingProgress, now time.Time) PhaseStatus {
	r := p.Rectifications
	if r == nil {
		return PhaseStatus{Unknown: true}
	}
	var s PhaseStatus
	if r.Items == 0 {
		s.Missing = append(s.Missing, "尚未建立整改台账")
	}
	if r.Overdue > 0 {
		s.Missing, s.Overdue = append(s.Missing, fmt.Sprintf("%d项整改任务已逾期", r.Overdue)), true
	}
	if r.Open > 0 {
		s.Missing = append(s.Missing, fmt.Sprintf("%d项整改事项尚未销号", r.Open))
	}
	sent, days := r.ReportSent, MeetingReportDays
	if rec := p.MeetingRecord; rec != nil { // the minutes hold the report's deadline and sending
		sent = sent || rec.ReportSent
		if rec.ReportDays > 0 {
			days = rec.ReportDays
		}
	}
	if !sent && p.MeetingDate != nil {
		due := p.MeetingDate.AddDate(0, 0, days)
		msg := "情况报告应于" + FormatDate(due) + "前报送上级"
		if DaysPast(due, now) > 0 {
			msg, s.Overdue = msg+"，已逾期", true
		}
		s.Missing = append(s.Missing, msg)
	}
	return s
}

func archiveStatus(p MeetingProgress, _ time.Time) PhaseStatus {
	var s PhaseStatus
	if r := p.Rectifications; r != nil && r.Open > 0 {
		s.Missing = append(s.Missing, "整改事项尚未全部销号")
	}
	if p.Phase != PhaseArchive {
		s.Missing = append(s.Missing, "会议尚未归档")
	}
	return s
}
