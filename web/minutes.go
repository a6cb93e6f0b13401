package web

import (
	"net/http"
	"strconv"
	"strings"
	"time"

	"jingzi"
)

// minutesPage 召开 is the meeting phase: attendance and quorum, the meeting's
// particulars, the agenda with each speech, the 相互批评, the 督导组点评 and the
// 总结 in one form, and the 情况报告's deadline and sending.
type minutesPage struct {
	Meeting    *jingzi.Meeting
	Minutes    *jingzi.Minutes
	Form       minutesForm
	Statements []*jingzi.Statement // those the caller may see, for the speech's material
	Attendance []attendanceRow
	Agenda     []agendaRow
	Criticisms []criticismRow
	Kinds      []jingzi.AgendaKind
	Quorum     quorumLine
	Report     reportLine
	CanManage  bool
	CanExport  bool
	Error      string
	Today      string // default day of the 已报送 form
}

func (p minutesPage) meeting() *jingzi.Meeting { return p.Meeting }

// attendanceRow is one roster member's line of the attendance table.
type attendanceRow struct {
	Participant *jingzi.Participant
	Leave       bool
	Reason      string
}

// agendaRow is one agenda item as a form row; Index numbers the parallel fields.
type agendaRow struct {
	Index   int
	Item    *jingzi.AgendaItem
	Speaker string // the speaker's name, for the read-only view
	Blank   bool
}

// criticismRow is one criticism as a form row. CanRespond: the caller is the
// receiver and may write the response in a form of its own.
type criticismRow struct {
	Index      int
	Criticism  *jingzi.Criticism
	CanRespond bool
	Blank      bool
}

// quorumLine 应到N人，实到N人，达到/未达到三分之二.
type quorumLine struct {
	Present, Expected int
	OK                bool
}

// Text is the line as the page and its script write it.
func (q quorumLine) Text() string {
	s := "应到" + strconv.Itoa(q.Expected) + "人，实到" + strconv.Itoa(q.Present) + "人，"
	if q.OK {
		return s + "达到应到人数的三分之二"
	}
	return s + "未达到应到人数的三分之二"
}

// reportLine is the 情况报告's deadline: due day, days late while not sent, the day sent.
type reportLine struct {
	Known bool // the meeting date is set, so there is a due day
	Due   *time.Time
	Days  int
	Late  int
	Sent  *time.Time
	Saved bool // MarkReportSent needs saved minutes
}

func reportLineOf(m *jingzi.Meeting, min *jingzi.Minutes, now time.Time) reportLine {
	due := min.ReportDue(m.MeetingDate)
	return reportLine{Known: due != nil, Due: due, Days: min.ReportDays, Late: min.ReportLate(m.MeetingDate, now),
		Sent: min.ReportSentOn, Saved: min.Saved}
}

// minutesPageHandler shows the 召开 page.
func (s *Server) minutesPageHandler(w http.ResponseWriter, r *http.Request) {
	m, err := s.findMeeting(r)
	if err != nil {
		s.error(w, r, err)
		return
	}
	min, err := s.MinutesService.FindMinutes(r.Context(), m.ID)
	if err != nil {
		s.error(w, r, err)
		return
	}
	s.renderMinutes(w, r, http.StatusOK, m, min, minutesForm{Minutes: min, StartedAt: formatMinutesTime(min.StartedAt)}, "")
}

func (s *Server) renderMinutes(w http.ResponseWriter, r *http.Request, status int, m *jingzi.Meeting, stored *jingzi.Minutes, f minutesForm, msg string) {
	ctx := r.Context()
	p := minutesPage{Meeting: m, Minutes: f.Minutes, Form: f, Kinds: jingzi.AgendaKinds, Error: msg,
		CanManage: jingzi.CanManageMinutes(ctx, m), CanExport: s.DocumentService != nil,
		Report: reportLineOf(m, stored, s.Now()), Today: s.Now().Format("2006-01-02")}
	if s.StatementService != nil {
		list, _, err := s.StatementService.FindStatements(ctx, jingzi.StatementFilter{MeetingID: &m.ID})
		if err != nil {
			s.error(w, r, err)
			return
		}
		p.Statements = list
	}
	min := f.Minutes
	for _, pt := range m.Participants {
		row := attendanceRow{Participant: pt}
		if a := min.Attendee(pt.ID); a != nil {
			row.Leave, row.Reason = a.Status == jingzi.AttendLeave, a.Reason
		}
		p.Attendance = append(p.Attendance, row)
	}
	p.Quorum.Present, p.Quorum.Expected, p.Quorum.OK = min.Quorum()
	for i, it := range min.Agenda {
		row := agendaRow{Index: i, Item: it}
		if sp := m.Participant(it.ParticipantID); sp != nil {
			row.Speaker = sp.Name
		}
		p.Agenda = append(p.Agenda, row)
	}
	me := jingzi.RosterEntry(ctx, m)
	for i, c := range min.Criticisms {
		p.Criticisms = append(p.Criticisms, criticismRow{Index: i, Criticism: c,
			CanRespond: !p.CanManage && me != nil && c.ID != 0 && me.ID == c.ToID})
	}
	if p.CanManage {
		for i := 0; i < blankAgendaRows; i++ {
			p.Agenda = append(p.Agenda, agendaRow{Index: len(p.Agenda), Item: &jingzi.AgendaItem{Kind: jingzi.AgendaOther}, Blank: true})
		}
		for i := 0; i < blankCriticismRows; i++ {
			p.Criticisms = append(p.Criticisms, criticismRow{Index: len(p.Criticisms), Criticism: &jingzi.Criticism{}, Blank: true})
		}
	}
	s.render(w, r, status, "minutes", "召开 · "+m.Title, p)
}

// saveMinutes stores the whole form. A refused save shows the page again with
// what the user typed and the reason; a stale one says someone saved first.
func (s *Server) saveMinutes(w http.ResponseWriter, r *http.Request) {
	m, err := s.findMeeting(r)
	if err == nil {
		err = parseForm(r)
	}
	if err != nil {
		s.error(w, r, err)
		return
	}
	f, err := parseMinutesForm(r, m)
	if err == nil {
		err = s.MinutesService.SaveMinutes(r.Context(), f.Minutes)
	}
	if err != nil {
		s.minutesFailed(w, r, m, f, err)
		return
	}
	present, expected, ok := f.Minutes.Quorum()
	msg := "会议记录已保存：应到" + strconv.Itoa(expected) + "人，实到" + strconv.Itoa(present) + "人。"
	if !ok {
		msg += "到会人数未达到应到人数的三分之二。"
	}
	s.redirectWithFlash(w, r, minutesURL(m.ID), msg)
}

// minutesFailed re-renders the form as typed with a Chinese message.
func (s *Server) minutesFailed(w http.ResponseWriter, r *http.Request, m *jingzi.Meeting, f minutesForm, err error) {
	status := http.StatusBadRequest
	msg := jingzi.ErrorMessage(err)
	switch jingzi.ErrorCode(err) {
	case jingzi.ECONFLICT:
		status = http.StatusConflict
		if !strings.Contains(msg, "归档") {
			msg = "会议记录已被他人修改，您的修改未保存。下方保留了您填写的内容，请复制需要保留的部分，刷新页面后重新修改。"
		}
	case jingzi.EINVALID:
	default:
		s.error(w, r, err)
		return
	}
	stored, ferr := s.MinutesService.FindMinutes(r.Context(), m.ID)
	if ferr != nil {
		s.error(w, r, ferr)
		return
	}
	f.Minutes.ReportSentOn, f.Minutes.Saved = stored.ReportSentOn, stored.Saved
	s.renderMinutes(w, r, status, m, stored, f, msg)
}

// respondToCriticism 表态: the receiver writes the response to one criticism.
func (s *Server) respondToCriticism(w http.ResponseWriter, r *http.Request) {
	m, err := s.findMeeting(r)
	if err == nil {
		err = parseForm(r)
	}
	var cid int64
	if err == nil {
		cid, err = strconv.ParseInt(r.PathValue("cid"), 10, 64)
		if err != nil {
			err = jingzi.Errorf(jingzi.ENOTFOUND, "该批评意见不存在。")
		}
	}
	if err == nil {
		err = s.MinutesService.RespondToCriticism(r.Context(), cid, r.PostFormValue("response"))
	}
	if jingzi.ErrorCode(err) == jingzi.EINVALID {
		min, ferr := s.MinutesService.FindMinutes(r.Context(), m.ID)
		if ferr != nil {
			s.error(w, r, ferr)
			return
		}
		if c := min.Criticism(cid); c != nil {
			c.Response = r.PostFormValue("response")
		}
		s.renderMinutes(w, r, http.StatusBadRequest, m, min, minutesForm{Minutes: min, StartedAt: formatMinutesTime(min.StartedAt)}, jingzi.ErrorMessage(err))
		return
	} else if err != nil {
		s.error(w, r, err)
		return
	}
	s.redirectWithFlash(w, r, minutesURL(m.ID)+"#criticism-"+strconv.FormatInt(cid, 10), "表态已保存。")
}

// markReportSent 已报送: the organiser records the day the 情况报告 went out, or clears it.
func (s *Server) markReportSent(w http.ResponseWriter, r *http.Request) {
	m, err := s.findMeeting(r)
	if err == nil {
		err = parseForm(r)
	}
	if err != nil {
		s.error(w, r, err)
		return
	}
	var on *time.Time
	msg := "已撤销情况报告的报送登记。"
	if r.PostFormValue("clear") == "" {
		d, perr := time.Parse("2006-01-02", strings.TrimSpace(r.PostFormValue("sent_on")))
		if perr != nil {
			s.redirectWithFlash(w, r, minutesURL(m.ID)+"#report", "报送日期不正确，请按“2024-02-01”的格式填写。")
			return
		}
		on, msg = &d, "已登记：情况报告于"+jingzi.FormatDate(d)+"报送上级。"
	}
	if err := s.MinutesService.MarkReportSent(r.Context(), m.ID, on); err != nil {
		if jingzi.ErrorCode(err) == jingzi.EINVALID || jingzi.ErrorCode(err) == jingzi.ECONFLICT {
			s.redirectWithFlash(w, r, minutesURL(m.ID)+"#report", jingzi.ErrorMessage(err))
			return
		}
		s.error(w, r, err)
		return
	}
	s.redirectWithFlash(w, r, minutesURL(m.ID)+"#report", msg)
}

func minutesURL(meetingID int64) string {
	return "/meetings/" + strconv.FormatInt(meetingID, 10) + "/meeting"
}

// reportLine is the 情况报告 line of the meeting overview, once the meeting
// date is set; nil without a minutes service or when the minutes cannot be read.
func (s *Server) reportLine(r *http.Request, m *jingzi.Meeting) *reportLine {
	if s.MinutesService == nil || m.MeetingDate == nil {
		return nil
	}
	min, err := s.MinutesService.FindMinutes(r.Context(), m.ID)
	if err != nil {
		s.Logger.Warn("minutes for the overview", "meeting", m.ID, "err", err)
		return nil
	}
	l := reportLineOf(m, min, s.Now())
	return &l
}
