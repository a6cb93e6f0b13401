package web

import (
	"net/http"
	"strconv"
	"time"

	"jingzi"
)

// meetingListPage lists meetings of the working org's subtree.
type meetingListPage struct {
	Org       *jingzi.Org
	Meetings  []*jingzi.Meeting
	Total     int
	CanCreate bool // the caller organises somewhere
}

// dashboard 工作台 shows the working org and its meetings.
func (s *Server) dashboard(w http.ResponseWriter, r *http.Request) {
	p, err := s.meetingsOfWorkingOrg(r)
	if err != nil {
		s.error(w, r, err)
		return
	}
	s.render(w, r, http.StatusOK, "dashboard", "工作台", p)
}

func (s *Server) meetingList(w http.ResponseWriter, r *http.Request) {
	p, err := s.meetingsOfWorkingOrg(r)
	if err != nil {
		s.error(w, r, err)
		return
	}
	s.render(w, r, http.StatusOK, "meetings", "会议列表", p)
}

// meetingsOfWorkingOrg loads the working org and the meetings in its subtree; with
// no working org it lists every meeting the user may see.
func (s *Server) meetingsOfWorkingOrg(r *http.Request) (meetingListPage, error) {
	var p meetingListPage
	var filter jingzi.MeetingFilter
	if id := jingzi.ActorFromContext(r.Context()).OrgID; id != 0 {
		org, err := s.OrgService.FindOrgByID(r.Context(), id)
		if err != nil && jingzi.ErrorCode(err) != jingzi.ENOTFOUND {
			return p, err
		}
		if org != nil {
			p.Org, filter.Within = org, &org.ID
		}
	}
	var err error
	p.Meetings, p.Total, err = s.MeetingService.FindMeetings(r.Context(), filter)
	u := jingzi.UserFromContext(r.Context())
	p.CanCreate = u != nil && u.Holds(jingzi.RoleOrganizer)
	return p, err
}

// meetingPage 会议概况: title, dates, the phase strip with what is missing, the
// framework's aspects and the roster.
type meetingPage struct {
	Meeting *jingzi.Meeting
	Strip   []jingzi.PhaseStatus
	Dates   meetingDates
	CanEdit bool
	Phases  []jingzi.Phase // choices for setting the current phase
	Plan    bool           // the 筹备 page rather than the overview
	Report  *reportLine    // the 情况报告's deadline and sending; nil without minutes
}

func (p meetingPage) meeting() *jingzi.Meeting { return p.Meeting }

// meetingDates are the key dates with their overdue marks.
type meetingDates struct {
	ReportBy   *time.Time
	ReportLate int // days past ReportBy while not reported; 0 otherwise
	Reported   *time.Time
	Meeting    *time.Time
	DaysToGo   int // days until the meeting, when it is ahead
}

func datesOf(m *jingzi.Meeting, now time.Time) meetingDates {
	d := meetingDates{ReportBy: m.ReportBy(), Reported: m.ReportedOn, Meeting: m.MeetingDate}
	if d.ReportBy != nil && d.Reported == nil {
		d.ReportLate = max(jingzi.DaysPast(*d.ReportBy, now), 0)
	}
	if d.Meeting != nil {
		d.DaysToGo = max(-jingzi.DaysPast(*d.Meeting, now), 0)
	}
	return d
}

func (s *Server) meetingPage(w http.ResponseWriter, r *http.Request) {
	m, err := s.findMeeting(r)
	if err != nil {
		s.error(w, r, err)
		return
	}
	p := meetingPage{Meeting: m, Strip: s.phaseStrip(r, m), Dates: datesOf(m, s.Now()),
		CanEdit: jingzi.CanManageMeeting(r.Context(), m.OrgPath), Phases: jingzi.Phases}
	p.Report = s.reportLine(r, m)
	s.render(w, r, http.StatusOK, "meeting", m.Title, p)
}

// phaseStrip computes the strip from the meeting and, when the server has one,
// the progress source. A failing source is logged and its phases show "—".
func (s *Server) phaseStrip(r *http.Request, m *jingzi.Meeting) []jingzi.PhaseStatus {
	p := jingzi.ProgressOf(m)
	if s.ProgressSource != nil {
		more, err := s.ProgressSource.MeetingProgress(r.Context(), m.ID)
		if err != nil {
			s.Logger.Warn("meeting progress", "meeting", m.ID, "err", err)
		} else {
			p.Merge(more)
		}
	}
	return jingzi.PhaseStrip(p, s.Now())
}

// planPage 筹备 shows the plan: dates, roster, reviewers, framework.
func (s *Server) planPage(w http.ResponseWriter, r *http.Request) {
	m, err := s.findMeeting(r)
	if err != nil {
		s.error(w, r, err)
		return
	}
	p := meetingPage{Meeting: m, Strip: s.phaseStrip(r, m)[:1], Dates: datesOf(m, s.Now()),
		CanEdit: jingzi.CanManageMeeting(r.Context(), m.OrgPath), Plan: true}
	s.render(w, r, http.StatusOK, "meeting", "筹备 · "+m.Title, p)
}

// setPhase 设为当前环节: the organiser says where the meeting is.
func (s *Server) setPhase(w http.ResponseWriter, r *http.Request) {
	id, err := pathID(r)
	if err == nil {
		err = parseForm(r)
	}
	if err != nil {
		s.error(w, r, err)
		return
	}
	phase := jingzi.Phase(r.PostFormValue("phase"))
	version, err := formInt(r, "version", "版本")
	if err == nil && !phase.Valid() {
		err = jingzi.Errorf(jingzi.EINVALID, "请选择会议所处的工作环节。")
	}
	if err == nil {
		_, err = s.MeetingService.UpdateMeeting(r.Context(), id, jingzi.MeetingUpdate{Version: version, Phase: &phase})
	}
	if err != nil {
		s.error(w, r, err)
		return
	}
	s.redirectWithFlash(w, r, meetingHref(id), "已将当前环节设为“"+phase.Label()+"”。")
}

func meetingHref(id int64) string { return "/meetings/" + strconv.FormatInt(id, 10) }

func (s *Server) findMeeting(r *http.Request) (*jingzi.Meeting, error) {
	id, err := pathID(r)
	if err != nil {
		return nil, err
	}
	return s.MeetingService.FindMeetingByID(r.Context(), id)
}
