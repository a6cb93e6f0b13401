package web

import (
	"net/http"
	"strconv"
	"strings"
	"time"

	"jingzi"
)

// studyForm is the session form as typed, kept when it is shown again with an error.
type studyForm struct {
	Date      string
	Topic     string
	Form      string
	Materials string
}

// studyListPage 学习研讨 lists a meeting's sessions with attendance and notes
// counts, and offers the organiser the form for a new session.
type studyListPage struct {
	Meeting   *jingzi.Meeting
	Rows      []studyRow
	Held      int // sessions dated today or earlier: 学习研讨N次
	CanManage bool
	Forms     []jingzi.StudyForm
	New       studyForm
	Error     string
}

func (p studyListPage) meeting() *jingzi.Meeting { return p.Meeting }

// studyRow is one session in the list.
type studyRow struct {
	Study   *jingzi.Study
	Present int
	Roster  int
	Notes   int
	Planned bool // dated after today
}

func (s *Server) studyList(w http.ResponseWriter, r *http.Request) {
	m, err := s.findMeeting(r)
	if err != nil {
		s.error(w, r, err)
		return
	}
	p, err := s.newStudyListPage(r, m)
	if err != nil {
		s.error(w, r, err)
		return
	}
	p.New.Date = s.Now().Format("2006-01-02")
	s.render(w, r, http.StatusOK, "studies", "学习研讨 · "+m.Title, p)
}

func (s *Server) newStudyListPage(r *http.Request, m *jingzi.Meeting) (*studyListPage, error) {
	list, _, err := s.StudyService.FindStudies(r.Context(), jingzi.StudyFilter{MeetingID: &m.ID})
	if err != nil {
		return nil, err
	}
	p := &studyListPage{Meeting: m, CanManage: jingzi.CanManageStudy(r.Context(), m), Forms: jingzi.StudyForms,
		New: studyForm{Form: string(jingzi.StudySeminar)}}
	today := jingzi.StudyDay(s.Now(), time.Local)
	for _, st := range list {
		row := studyRow{Study: st, Present: st.Present(), Roster: len(m.Participants), Notes: len(st.Notes),
			Planned: st.Date.After(today)}
		if !row.Planned {
			p.Held++
		}
		p.Rows = append(p.Rows, row)
	}
	return p, nil
}

// createStudy 新增学习研讨 stores a session and opens it for attendance and notes.
func (s *Server) createStudy(w http.ResponseWriter, r *http.Request) {
	m, err := s.findMeeting(r)
	if err == nil {
		err = parseForm(r)
	}
	if err != nil {
		s.error(w, r, err)
		return
	}
	in := readStudyForm(r)
	st := &jingzi.Study{MeetingID: m.ID, Topic: in.Topic, Form: jingzi.StudyForm(in.Form), Materials: in.Materials}
	st.Date, err = parseStudyDate(in.Date)
	if err == nil {
		err = s.StudyService.CreateStudy(r.Context(), st)
	}
	if jingzi.ErrorCode(err) == jingzi.EINVALID {
		p, lerr := s.newStudyListPage(r, m)
		if lerr != nil {
			s.error(w, r, lerr)
			return
		}
		p.New, p.Error = in, jingzi.ErrorMessage(err)
		s.render(w, r, http.StatusBadRequest, "studies", "学习研讨 · "+m.Title, p)
		return
	} else if err != nil {
		s.error(w, r, err)
		return
	}
	s.redirectWithFlash(w, r, studyURL(st.ID), "已登记学习研讨“"+st.Topic+"”，请登记出席情况和研讨发言。")
}

func readStudyForm(r *http.Request) studyForm {
	return studyForm{Date: strings.TrimSpace(r.PostFormValue("date")), Topic: r.PostFormValue("topic"),
		Form: r.PostFormValue("form"), Materials: r.PostFormValue("materials")}
}

// studyDateLayouts are the ways a date is typed: the date picker's, and by hand.
var studyDateLayouts = []string{"2006-01-02", "2006/1/2", "2006-1-2", "2006.1.2", "2006年1月2日"}

func parseStudyDate(v string) (time.Time, error) {
	v = strings.TrimSpace(v)
	if v == "" {
		return time.Time{}, jingzi.Errorf(jingzi.EINVALID, "请填写学习研讨的日期。")
	}
	for _, layout := range studyDateLayouts {
		if t, err := time.Parse(layout, v); err == nil {
			return t, nil
		}
	}
	return time.Time{}, jingzi.Errorf(jingzi.EINVALID, "日期“%s”无法识别，请按“2024-03-01”的格式填写。", v)
}

func studyURL(id int64) string { return "/studies/" + strconv.FormatInt(id, 10) }

// studyPage 学习研讨记录 is one session: its details (editable by the organiser),
// attendance, each participant's notes, and the materials.
type studyPage struct {
	Meeting   *jingzi.Meeting
	Study     *jingzi.Study
	CanManage bool
	Forms     []jingzi.StudyForm
	Edit      studyForm
	Rows      []studyParticipantRow
	MaxUpload int // MB
	Error     string
	// ErrorAt names the form the error belongs to, so it shows beside it.
	ErrorAt string
}

func (p studyPage) meeting() *jingzi.Meeting { return p.Meeting }

// studyParticipantRow is one roster participant at the session.
type studyParticipantRow struct {
	Participant *jingzi.Participant
	Attendance  *jingzi.Attendance
	Note        *jingzi.StudyNote
	Text        string // the note as shown in the editor
	Reason      string
	CanWrite    bool
}

// Status is the attendance as a reader sees it.
func (r studyParticipantRow) Status() string {
	switch {
	case r.Attendance == nil:
		return "未登记"
	case r.Attendance.Status == jingzi.AttendPresent:
		return "出席"
	}
	return "请假（" + r.Attendance.Reason + "）"
}

// Present reports whether the participant is recorded as 出席.
func (r studyParticipantRow) Present() bool {
	return r.Attendance != nil && r.Attendance.Status == jingzi.AttendPresent
}

func (s *Server) studyPageHandler(w http.ResponseWriter, r *http.Request) {
	p, err := s.loadStudyPage(r)
	if err != nil {
		s.error(w, r, err)
		return
	}
	s.render(w, r, http.StatusOK, "study", p.Study.Topic+" · 学习研讨", p)
}

// loadStudyPage reads the session of the route and its meeting.
func (s *Server) loadStudyPage(r *http.Request) (*studyPage, error) {
	id, err := pathID(r)
	if err != nil {
		return nil, err
	}
	st, err := s.StudyService.FindStudyByID(r.Context(), id)
	if err != nil {
		return nil, err
	}
	m, err := s.MeetingService.FindMeetingByID(r.Context(), st.MeetingID)
	if err != nil {
		return nil, err
	}
	p := &studyPage{Meeting: m, Study: st, CanManage: jingzi.CanManageStudy(r.Context(), m), Forms: jingzi.StudyForms,
		MaxUpload: maxStudyUploadBytes >> 20, Edit: studyForm{Date: st.Date.Format("2006-01-02"), Topic: st.Topic,
			Form: string(st.Form), Materials: st.Materials}}
	for _, pt := range m.Participants {
		row := studyParticipantRow{Participant: pt, Attendance: st.Attendee(pt.ID), Note: st.Note(pt.ID),
			CanWrite: jingzi.CanWriteStudyNote(r.Context(), m, pt.ID)}
		if row.Note != nil {
			row.Text = row.Note.Text
		}
		if row.Attendance != nil {
			row.Reason = row.Attendance.Reason
		}
		p.Rows = append(p.Rows, row)
	}
	return p, nil
}

// studyPageWithError shows the session again with why nothing was saved; the
// typed input is put back by keep.
func (s *Server) studyPageWithError(w http.ResponseWriter, r *http.Request, at string, err error, keep func(*studyPage)) {
	if jingzi.ErrorCode(err) != jingzi.EINVALID {
		s.error(w, r, err)
		return
	}
	p, lerr := s.loadStudyPage(r)
	if lerr != nil {
		s.error(w, r, lerr)
		return
	}
	if keep != nil {
		keep(p)
	}
	p.Error, p.ErrorAt = jingzi.ErrorMessage(err), at
	s.render(w, r, http.StatusBadRequest, "study", p.Study.Topic+" · 学习研讨", p)
}

// updateStudy 修改学习研讨 saves date, topic, form and materials text.
func (s *Server) updateStudy(w http.ResponseWriter, r *http.Request) {
	id, err := pathID(r)
	if err == nil {
		err = parseForm(r)
	}
	if err != nil {
		s.error(w, r, err)
		return
	}
	in := readStudyForm(r)
	date, err := parseStudyDate(in.Date)
	form := jingzi.StudyForm(in.Form)
	if err == nil {
		_, err = s.StudyService.UpdateStudy(r.Context(), id, jingzi.StudyUpdate{Date: &date, Topic: &in.Topic,
			Form: &form, Materials: &in.Materials})
	}
	if err != nil {
		s.studyPageWithError(w, r, "edit", err, func(p *studyPage) { p.Edit = in })
		return
	}
	s.redirectWithFlash(w, r, studyURL(id), "学习研讨信息已保存。")
}

// deleteStudy 删除学习研讨 removes the session once the organiser has ticked the box.
func (s *Server) deleteStudy(w http.ResponseWriter, r *http.Request) {
	p, err := s.loadStudyPage(r)
	if err == nil {
		err = parseForm(r)
	}
	if err != nil {
		s.error(w, r, err)
		return
	}
	if !formBool(r, "confirm") {
		s.studyPageWithError(w, r, "delete", jingzi.Errorf(jingzi.EINVALID, "请先勾选“确认删除”，再点击“删除本次学习研讨”。记录未删除。"), nil)
		return
	}
	if err := s.StudyService.DeleteStudy(r.Context(), p.Study.ID); err != nil {
		s.error(w, r, err)
		return
	}
	to := "/meetings/" + strconv.FormatInt(p.Meeting.ID, 10) + "/study"
	s.redirectWithFlash(w, r, to, "已删除学习研讨“"+p.Study.Topic+"”及其出席情况、发言和材料。")
}
