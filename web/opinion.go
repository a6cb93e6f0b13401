package web

import (
	"net/http"
	"strconv"
	"strings"
	"time"

	"jingzi"
)

// solicitationPage 意见整理 is one solicitation for its organiser: settings,
// channels (codes, unit links, manual entry), triage and the target × aspect table.
// Reviewers read it without the forms.
type solicitationPage struct {
	Meeting      *jingzi.Meeting
	Solicitation *jingzi.Solicitation
	CanManage    bool
	Base         string
	UnitForms    []*jingzi.UnitForm
	Opinions     []opinionRow
	Targets      []targetOption
	Aspects      []string
	Channels     []jingzi.Channel
	Statuses     []jingzi.OpinionStatus
	Table        []tableRow
	Opens        string
	Closes       string
}

func (p solicitationPage) meeting() *jingzi.Meeting { return p.Meeting }

// opinionRow is an opinion with its labels.
type opinionRow struct {
	*jingzi.Opinion
	Target string
	Aspect string
	Short  string      // the first words, for the merge lists
	Ledger *ledgerMark // for the organiser, the opinion's place in the 整改台账
}

// targetOption is whom an opinion may be aimed at; ID 0 is the team.
type targetOption struct {
	ID   int64
	Name string
}

// tableRow is one target's counts per aspect; the last cell counts unclassified ones.
type tableRow struct {
	Target string
	Cells  []int
	Total  int
}

func (s *Server) solicitationPage(w http.ResponseWriter, r *http.Request) {
	sol, m, err := s.findSolicitation(r)
	if err != nil {
		s.error(w, r, err)
		return
	}
	p := solicitationPage{Meeting: m, Solicitation: sol, CanManage: jingzi.CanManageMeeting(r.Context(), m.OrgPath),
		Base: publicBase(r, s.SecureCookies), Targets: targetOptions(m), Aspects: aspectLabels(m),
		Channels: jingzi.ManualChannels, Statuses: jingzi.OpinionStatuses,
		Opens: sol.OpensOn.In(time.Local).Format(dateLayout), Closes: sol.ClosesOn.In(time.Local).Format(dateLayout)}
	if p.CanManage {
		if p.UnitForms, err = s.SolicitationService.FindUnitForms(r.Context(), sol.ID); err != nil {
			s.error(w, r, err)
			return
		}
	}
	list, _, err := s.OpinionService.FindOpinions(r.Context(), jingzi.OpinionFilter{SolicitationID: &sol.ID})
	if err != nil {
		s.error(w, r, err)
		return
	}
	p.Opinions = opinionRows(m, list)
	if items := s.meetingLedger(r, m); items != nil {
		for i := range p.Opinions {
			o := p.Opinions[i]
			mark := markOf(m, items, jingzi.LedgerSource{Kind: jingzi.SourceOpinion, OpinionID: o.ID},
				sourceRef{Kind: string(jingzi.SourceOpinion), OpinionID: o.ID})
			p.Opinions[i].Ledger = &mark
		}
	}
	p.Table = targetAspectTable(p.Targets, len(p.Aspects), list)
	s.render(w, r, http.StatusOK, "solicitation", sol.Title, p)
}

func targetOptions(m *jingzi.Meeting) []targetOption {
	out := []targetOption{{0, "领导班子"}}
	for _, p := range m.Participants {
		out = append(out, targetOption{p.ID, p.Name})
	}
	return out
}

func aspectLabels(m *jingzi.Meeting) []string {
	var out []string
	if m.Framework != nil {
		for _, a := range m.Framework.Aspects {
			if a.Label != "" {
				out = append(out, a.Label)
			} else {
				out = append(out, a.Wording)
			}
		}
	}
	return out
}

func opinionRows(m *jingzi.Meeting, list []*jingzi.Opinion) []opinionRow {
	targets, aspects := targetOptions(m), aspectLabels(m)
	var out []opinionRow
	for _, o := range list {
		row := opinionRow{Opinion: o, Target: "（已不在名单）", Aspect: "未分类"}
		for _, t := range targets {
			if t.ID == o.ParticipantID {
				row.Target = t.Name
			}
		}
		if o.AspectIndex >= 0 && o.AspectIndex < len(aspects) {
			row.Aspect = aspects[o.AspectIndex]
		}
		row.Short = excerpt(o.Text, 24)
		out = append(out, row)
	}
	return out
}

func excerpt(s string, n int) string {
	r := []rune(strings.Join(strings.Fields(s), " "))
	if len(r) <= n {
		return string(r)
	}
	return string(r[:n]) + "…"
}

// targetAspectTable counts opinions by target × aspect; merged duplicates count once.
func targetAspectTable(targets []targetOption, aspects int, list []*jingzi.Opinion) []tableRow {
	var out []tableRow
	for _, t := range targets {
		row := tableRow{Target: t.Name, Cells: make([]int, aspects+1)}
		for _, o := range list {
			if o.ParticipantID != t.ID || o.MergedInto != "" {
				continue
			}
			col := aspects
			if o.AspectIndex >= 0 && o.AspectIndex < aspects {
				col = o.AspectIndex
			}
			row.Cells[col]++
			row.Total++
		}
		out = append(out, row)
	}
	return out
}

// createOpinion is the organiser's manual entry of a 座谈会/个别访谈/意见箱 result.
func (s *Server) createOpinion(w http.ResponseWriter, r *http.Request) {
	id, err := pathID(r)
	if err == nil {
		err = parseForm(r)
	}
	o := &jingzi.Opinion{SolicitationID: id, Channel: jingzi.Channel(r.PostFormValue("channel")),
		Unit: r.PostFormValue("unit"), Text: r.PostFormValue("text")}
	if err == nil {
		o.ParticipantID, o.AspectIndex, err = targetFields(r)
	}
	if err == nil {
		err = s.OpinionService.CreateOpinion(r.Context(), o)
	}
	if err != nil {
		s.error(w, r, err)
		return
	}
	s.redirectWithFlash(w, r, solicitationURL(id)+"#opinions", "已录入一条"+o.Channel.Label()+"意见。")
}

// targetFields reads the target (participant_id, 0 the team) and aspect (-1 none).
func targetFields(r *http.Request) (int64, int, error) {
	pid, err := formID(r, "participant_id")
	if err != nil {
		return 0, 0, err
	}
	aspect := -1
	if v := strings.TrimSpace(r.PostFormValue("aspect")); v != "" {
		if aspect, err = strconv.Atoi(v); err != nil || aspect < -1 {
			return 0, 0, jingzi.Errorf(jingzi.EINVALID, "所选检视方面无效，请刷新页面后重新选择。")
		}
	}
	return pid, aspect, nil
}

// updateOpinion is one triage row: target, aspect, status.
func (s *Server) updateOpinion(w http.ResponseWriter, r *http.Request) {
	err := parseForm(r)
	var pid int64
	var aspect int
	if err == nil {
		pid, aspect, err = targetFields(r)
	}
	status := jingzi.OpinionStatus(r.PostFormValue("status"))
	var o *jingzi.Opinion
	if err == nil {
		o, err = s.OpinionService.UpdateOpinion(r.Context(), r.PathValue("id"), jingzi.OpinionUpdate{ParticipantID: &pid, AspectIndex: &aspect, Status: &status})
	}
	if err != nil {
		s.error(w, r, err)
		return
	}
	s.redirectWithFlash(w, r, solicitationURL(o.SolicitationID)+"#opinion-"+o.ID, "已保存意见整理结果。")
}

// mergeOpinions marks the chosen duplicates as merged into one opinion.
func (s *Server) mergeOpinions(w http.ResponseWriter, r *http.Request) {
	id, err := pathID(r)
	if err == nil {
		err = parseForm(r)
	}
	if err == nil {
		err = s.OpinionService.MergeOpinions(r.Context(), r.PostFormValue("into"), r.PostForm["ids"])
	}
	if err != nil {
		s.error(w, r, err)
		return
	}
	s.redirectWithFlash(w, r, solicitationURL(id)+"#opinions", "已合并重复意见，原意见仍保留可查。")
}
