package web

import (
	"net/http"

	"jingzi"
)

// meetingListPage lists meetings of the working org's subtree.
type meetingListPage struct {
	Org      *jingzi.Org
	Meetings []*jingzi.Meeting
	Total    int
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
	return p, err
}

// meetingPage 会议概况: title, phases, the framework's aspects and the roster.
type meetingPage struct {
	Meeting *jingzi.Meeting
	Phases  []phaseStep
}

func (p meetingPage) meeting() *jingzi.Meeting { return p.Meeting }

// phaseStep is one phase on the strip, marked when it is the meeting's current one.
type phaseStep struct {
	Phase   jingzi.Phase
	Current bool
	Done    bool
}

func phaseSteps(m *jingzi.Meeting) []phaseStep {
	var out []phaseStep
	reached := false
	for _, p := range jingzi.Phases {
		cur := p == m.Phase
		if cur {
			reached = true
		}
		out = append(out, phaseStep{Phase: p, Current: cur, Done: !reached})
	}
	return out
}

func (s *Server) meetingPage(w http.ResponseWriter, r *http.Request) {
	m, err := s.findMeeting(r)
	if err != nil {
		s.error(w, r, err)
		return
	}
	s.render(w, r, http.StatusOK, "meeting", m.Title, meetingPage{Meeting: m, Phases: phaseSteps(m)})
}

func (s *Server) findMeeting(r *http.Request) (*jingzi.Meeting, error) {
	id, err := pathID(r)
	if err != nil {
		return nil, err
	}
	return s.MeetingService.FindMeetingByID(r.Context(), id)
}
