package web

import (
	"net/http"
	"slices"
	"strconv"
	"strings"

	"jingzi"
)

// feedbackPage 原汁原味反馈 shows a participant, once released, the opinions aimed
// at them and at the team, verbatim, and lets them link each one to a problem of
// a statement they edit (对号入座).
type feedbackPage struct {
	Meeting  *jingzi.Meeting
	Me       *jingzi.Participant
	Opinions []feedbackRow
	Items    []itemOption
}

func (p feedbackPage) meeting() *jingzi.Meeting { return p.Meeting }

// feedbackRow is an opinion with the problems it is linked to.
type feedbackRow struct {
	opinionRow
	Linked []string
}

// itemOption is a problem of a statement: value "statementID:itemKey".
type itemOption struct {
	Value string
	Label string
	ids   []string
}

func (s *Server) feedbackPage(w http.ResponseWriter, r *http.Request) {
	m, err := s.findMeeting(r)
	if err != nil {
		s.error(w, r, err)
		return
	}
	p := feedbackPage{Meeting: m, Me: jingzi.RosterEntry(r.Context(), m)}
	if p.Me == nil {
		s.render(w, r, http.StatusOK, "feedback", "意见反馈 · "+m.Title, p)
		return
	}
	list, _, err := s.OpinionService.FindOpinions(r.Context(), jingzi.OpinionFilter{MeetingID: &m.ID})
	if err != nil {
		s.error(w, r, err)
		return
	}
	if p.Items, err = s.problemItems(r, m); err != nil {
		s.error(w, r, err)
		return
	}
	for _, row := range opinionRows(m, list) {
		fr := feedbackRow{opinionRow: row}
		for _, it := range p.Items {
			if slices.Contains(it.ids, row.ID) {
				fr.Linked = append(fr.Linked, it.Label)
			}
		}
		p.Opinions = append(p.Opinions, fr)
	}
	s.render(w, r, http.StatusOK, "feedback", "意见反馈 · "+m.Title, p)
}

// problemItems lists the problems of the statements the caller may edit.
func (s *Server) problemItems(r *http.Request, m *jingzi.Meeting) ([]itemOption, error) {
	list, _, err := s.StatementService.FindStatements(r.Context(), jingzi.StatementFilter{MeetingID: &m.ID})
	if err != nil {
		return nil, err
	}
	var out []itemOption
	for _, st := range list {
		if !jingzi.CanEditStatement(r.Context(), m, st) {
			continue
		}
		for pi, part := range st.Parts {
			if part.Kind != jingzi.PartProblems {
				continue
			}
			for si, sec := range part.Sections {
				for ii, it := range sec.Items {
					key := itemPath{pi, si, ii}.String()
					out = append(out, itemOption{Value: strconv.FormatInt(st.ID, 10) + ":" + key,
						Label: st.OwnerLabel() + "：" + excerpt(it.Heading, 30), ids: it.OpinionIDs})
				}
			}
		}
	}
	return out, nil
}

// linkOpinion 对号入座 adds the opinion to the chosen problem's OpinionIDs and
// saves the statement through its service, from the version just read.
func (s *Server) linkOpinion(w http.ResponseWriter, r *http.Request) {
	if err := parseForm(r); err != nil {
		s.error(w, r, err)
		return
	}
	o, err := s.OpinionService.FindOpinionByID(r.Context(), r.PathValue("id"))
	if err != nil {
		s.error(w, r, err)
		return
	}
	sid, key, _ := strings.Cut(r.PostFormValue("item"), ":")
	id, err := strconv.ParseInt(sid, 10, 64)
	path, ok := parseItemPath(key)
	if err != nil || !ok {
		s.error(w, r, jingzi.Errorf(jingzi.EINVALID, "请选择要对应的问题。"))
		return
	}
	st, err := s.StatementService.FindStatementByID(r.Context(), id)
	if err != nil {
		s.error(w, r, err)
		return
	}
	it := path.find(st)
	if it == nil {
		s.error(w, r, jingzi.Errorf(jingzi.ECONFLICT, "所选问题已不存在，请刷新页面后重新选择。"))
		return
	}
	if !slices.Contains(it.OpinionIDs, o.ID) {
		it.OpinionIDs = append(it.OpinionIDs, o.ID)
		if err := s.StatementService.SaveStatement(r.Context(), st, "对号入座：关联意见建议"); err != nil {
			s.error(w, r, err)
			return
		}
	}
	s.redirectWithFlash(w, r, "/meetings/"+strconv.FormatInt(st.MeetingID, 10)+"/feedback",
		"已将该意见对应到“"+excerpt(strings.TrimRight(it.Heading, "。；！"), 30)+"”。")
}
