package web

import (
	"net/http"
	"strconv"
	"strings"

	"jingzi"
)

// setStudyAttendance 登记出席情况: a ticked box is 出席; an unticked one with a
// reason is 请假; unticked without a reason stays 未登记.
func (s *Server) setStudyAttendance(w http.ResponseWriter, r *http.Request) {
	p, err := s.loadStudyPage(r)
	if err == nil {
		err = parseForm(r)
	}
	if err != nil {
		s.error(w, r, err)
		return
	}
	present := map[string]bool{}
	for _, v := range r.PostForm["present"] {
		present[v] = true
	}
	var entries []*jingzi.Attendance
	for _, pt := range p.Meeting.Participants {
		key := strconv.FormatInt(pt.ID, 10)
		reason := r.PostFormValue("reason-" + key)
		switch {
		case present[key]:
			entries = append(entries, &jingzi.Attendance{ParticipantID: pt.ID, Status: jingzi.AttendPresent})
		case reason != "":
			entries = append(entries, &jingzi.Attendance{ParticipantID: pt.ID, Status: jingzi.AttendLeave, Reason: reason})
		}
	}
	if err := s.StudyService.SetAttendance(r.Context(), p.Study.ID, entries); err != nil {
		s.studyPageWithError(w, r, "attendance", err, func(p *studyPage) {
			for i := range p.Rows {
				key := strconv.FormatInt(p.Rows[i].Participant.ID, 10)
				p.Rows[i].Reason = r.PostFormValue("reason-" + key)
			}
		})
		return
	}
	n := 0
	for _, e := range entries {
		if e.Status == jingzi.AttendPresent {
			n++
		}
	}
	s.redirectWithFlash(w, r, studyURL(p.Study.ID)+"#study-attendance",
		"出席情况已保存：应到"+strconv.Itoa(len(p.Meeting.Participants))+"人，出席"+strconv.Itoa(n)+"人。")
}

// saveStudyNote 保存研讨发言 stores one participant's note; a participant
// writes their own, the organiser anyone's.
func (s *Server) saveStudyNote(w http.ResponseWriter, r *http.Request) {
	id, err := pathID(r)
	if err == nil {
		err = parseForm(r)
	}
	if err != nil {
		s.error(w, r, err)
		return
	}
	pid, err := formID(r, "participant_id")
	text := r.PostFormValue("text")
	if err == nil {
		err = s.StudyService.SaveNote(r.Context(), id, pid, text)
	}
	if err != nil {
		s.studyPageWithError(w, r, "note-"+strconv.FormatInt(pid, 10), err, func(p *studyPage) {
			for i := range p.Rows {
				if p.Rows[i].Participant.ID == pid {
					p.Rows[i].Text = text
				}
			}
		})
		return
	}
	msg := "研讨发言已保存。"
	if strings.TrimSpace(text) == "" {
		msg = "研讨发言已清空。"
	}
	s.redirectWithFlash(w, r, studyURL(id)+"#note-"+strconv.FormatInt(pid, 10), msg)
}
