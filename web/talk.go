package web

import (
	"net/http"
	"net/url"
	"strconv"
	"strings"
	"time"

	"jingzi"
)

// talkListPage 谈心谈话 is the talks phase of a meeting: the 四必谈 matrix with
// done and missing pairs, the talks the caller may see, and a form to record one.
type talkListPage struct {
	Meeting *jingzi.Meeting
	Matrix  *jingzi.TalkMatrix
	Rows    []matrixRow
	Talks   []talkRow
	Editor  talkEditor
}

func (p talkListPage) meeting() *jingzi.Meeting { return p.Meeting }

// matrixRow is one participant's line of the matrix: a cell per roster
// colleague, their 分管 departments and their branch.
type matrixRow struct {
	Participant *jingzi.Participant
	PersonTimes int // the talks they took part in, required or not
	Cells       []matrixCell
	Departments []matrixCell
	Branch      matrixCell
}

// matrixCell is one required pair as a cell: its element id (pair-<row>-<col>,
// pair-<row>-dept-<i>, pair-<row>-branch), its pair (nil on the diagonal), and
// where to record the talk that would fill it.
type matrixCell struct {
	ID     string
	Pair   *jingzi.TalkPair
	Record string
}

// Class is the cell's CSS class: done or missing.
func (c matrixCell) Class() string {
	if c.Pair != nil && c.Pair.Done() {
		return "pair done"
	}
	return "pair missing"
}

// DateLabel is the day of the pair's first talk, short enough for a cell.
func (c matrixCell) DateLabel() string {
	if d := c.Pair.Date(); d != nil {
		return strconv.Itoa(int(d.Month())) + "月" + strconv.Itoa(d.Day()) + "日"
	}
	return ""
}

// talkRow is a talk in the list with what the caller may do with it.
type talkRow struct {
	Talk    *jingzi.Talk
	CanEdit bool
}

// DateLabel is the day of the talk.
func (r talkRow) DateLabel() string { return formatDate(&r.Talk.Date) }

// Opinions counts the opinions raised in the talk.
func (r talkRow) Opinions() int { return len(r.Talk.Opinions) }

// talkEditor is the record or edit form: the typed fields, the choices, the
// error of the last submission.
type talkEditor struct {
	Meeting   *jingzi.Meeting
	Talk      *jingzi.Talk // nil on the record form
	Form      talkForm
	Choices   []*jingzi.Participant // who may be 谈话人
	Kinds     []jingzi.PersonKind
	CanRecord bool
	CanEdit   bool
	// CanTakeOpinions: the organiser may take the talk's opinions into 意见建议.
	CanTakeOpinions bool
	Error           string
}

func (p talkEditor) meeting() *jingzi.Meeting { return p.Meeting }

// talkForm holds the fields as typed, so that a refused form comes back intact.
type talkForm struct {
	Date        string
	A, B        int64 // roster participants; B 0 for a person outside the roster
	BKind       jingzi.PersonKind
	BName       string
	BDepartment string
	Topics      string
	ToA, ToB    string // opinions toward each side, one per line
}

func (s *Server) talkList(w http.ResponseWriter, r *http.Request) {
	m, err := s.findMeeting(r)
	if err != nil {
		s.error(w, r, err)
		return
	}
	if s.TalkService == nil {
		p := soonPage{Heading: jingzi.PhaseTalks.Label(), Plan: phasePlans[jingzi.PhaseTalks], Meeting: m, Phase: jingzi.PhaseTalks, Notice: comingSoon}
		s.render(w, r, http.StatusOK, "soon", p.Heading+" · "+m.Title, p)
		return
	}
	q := r.URL.Query()
	f := talkForm{BKind: jingzi.PersonKind(q.Get("b_kind")), BDepartment: q.Get("b_department")}
	f.A, _ = strconv.ParseInt(q.Get("a"), 10, 64)
	f.B, _ = strconv.ParseInt(q.Get("b"), 10, 64)
	s.renderTalkList(w, r, http.StatusOK, m, f, "")
}

func (s *Server) renderTalkList(w http.ResponseWriter, r *http.Request, status int, m *jingzi.Meeting, f talkForm, msg string) {
	ctx := r.Context()
	x, err := s.TalkService.TalkMatrix(ctx, m.ID)
	if err != nil {
		s.error(w, r, err)
		return
	}
	talks, _, err := s.TalkService.FindTalks(ctx, jingzi.TalkFilter{MeetingID: &m.ID})
	if err != nil {
		s.error(w, r, err)
		return
	}
	counts, err := s.TalkService.CountTalksByParticipant(ctx, m.ID)
	if err != nil {
		s.error(w, r, err)
		return
	}
	p := talkListPage{Meeting: m, Matrix: x, Editor: s.newTalkEditor(r, m, nil, f, msg)}
	p.Rows = matrixRows(m, x, p.Editor.CanRecord)
	for i := range p.Rows {
		p.Rows[i].PersonTimes = counts[p.Rows[i].Participant.ID]
	}
	for _, t := range talks {
		p.Talks = append(p.Talks, talkRow{Talk: t, CanEdit: jingzi.CanEditTalk(ctx, m, t)})
	}
	s.render(w, r, status, "talks", "谈心谈话 · "+m.Title, p)
}

// newTalkEditor fills the form's choices: the organiser picks any 谈话人, a
// participant only themselves.
func (s *Server) newTalkEditor(r *http.Request, m *jingzi.Meeting, t *jingzi.Talk, f talkForm, msg string) talkEditor {
	ctx := r.Context()
	e := talkEditor{Meeting: m, Talk: t, Form: f, Kinds: jingzi.OutsideKinds, Error: msg, CanRecord: jingzi.CanRecordTalks(ctx, m)}
	if t != nil {
		e.CanEdit = jingzi.CanEditTalk(ctx, m, t)
		e.CanTakeOpinions = len(t.Opinions) > 0 && s.OpinionService != nil && jingzi.CanManageMeeting(ctx, m.OrgPath)
	}
	if jingzi.HasRoleOver(ctx, jingzi.RoleOrganizer, m.OrgPath) {
		e.Choices = m.Participants
	} else if me := jingzi.RosterEntry(ctx, m); me != nil {
		e.Choices = []*jingzi.Participant{me}
		if e.Form.A != me.ID && e.Form.B == me.ID {
			e.Form.A, e.Form.B, e.Form.ToA, e.Form.ToB = me.ID, e.Form.A, e.Form.ToB, e.Form.ToA
		} else if e.Form.A == 0 {
			e.Form.A = me.ID
		}
	}
	if e.Form.Date == "" {
		e.Form.Date = s.Now().Format("2006-01-02")
	}
	return e
}

// matrixRows lays the pairs out as participants × counterparts. A participant
// sees only their own row (the service gives them only their pairs).
func matrixRows(m *jingzi.Meeting, x *jingzi.TalkMatrix, canRecord bool) []matrixRow {
	var rows []matrixRow
	for _, p := range m.Participants {
		branch := x.Outside(p.ID, jingzi.PairBranch)
		if len(branch) == 0 {
			continue
		}
		row := matrixRow{Participant: p}
		base := "/meetings/" + strconv.FormatInt(m.ID, 10) + "/talks?a=" + strconv.FormatInt(p.ID, 10)
		link := func(pair *jingzi.TalkPair, query string) string {
			if !canRecord || pair == nil || pair.Done() {
				return ""
			}
			return base + query + "#record"
		}
		for _, c := range m.Participants {
			id := pairID(p.ID, strconv.FormatInt(c.ID, 10))
			if c.ID == p.ID {
				row.Cells = append(row.Cells, matrixCell{ID: id})
				continue
			}
			pair := x.Pair(p.ID, c.ID)
			row.Cells = append(row.Cells, matrixCell{ID: id, Pair: pair, Record: link(pair, "&b="+strconv.FormatInt(c.ID, 10))})
		}
		for i, pair := range x.Outside(p.ID, jingzi.PairDepartment) {
			q := "&b_kind=" + string(jingzi.PersonDeptHead) + "&b_department=" + url.QueryEscape(pair.Department)
			row.Departments = append(row.Departments, matrixCell{ID: pairID(p.ID, "dept-"+strconv.Itoa(i)), Pair: pair, Record: link(pair, q)})
		}
		row.Branch = matrixCell{ID: pairID(p.ID, "branch"), Pair: branch[0], Record: link(branch[0], "&b_kind="+string(jingzi.PersonBranchRep))}
		rows = append(rows, row)
	}
	return rows
}

func pairID(a int64, b string) string { return "pair-" + strconv.FormatInt(a, 10) + "-" + b }

// recordTalk 登记谈心谈话.
func (s *Server) recordTalk(w http.ResponseWriter, r *http.Request) {
	m, err := s.findMeeting(r)
	if err != nil {
		s.error(w, r, err)
		return
	}
	if err := parseForm(r); err != nil {
		s.error(w, r, err)
		return
	}
	f := readTalkForm(r)
	t, err := f.talk(m.ID)
	if err == nil {
		err = s.TalkService.RecordTalk(r.Context(), t)
	}
	if err != nil {
		s.formError(w, r, err, func(msg string) { s.renderTalkList(w, r, statusOf(err), m, f, msg) })
		return
	}
	s.redirectWithFlash(w, r, talksHref(m.ID), "已登记"+t.A.Label()+"与"+t.B.Label()+"的谈心谈话。")
}

// talkPage shows a talk: the edit form when the caller may change it.
func (s *Server) talkPage(w http.ResponseWriter, r *http.Request) {
	t, m, err := s.findTalk(r)
	if err != nil {
		s.error(w, r, err)
		return
	}
	s.renderTalkForm(w, r, http.StatusOK, m, t, formFromTalk(t), "")
}

func (s *Server) renderTalkForm(w http.ResponseWriter, r *http.Request, status int, m *jingzi.Meeting, t *jingzi.Talk, f talkForm, msg string) {
	s.render(w, r, status, "talk_form", "谈心谈话记录 · "+m.Title, s.newTalkEditor(r, m, t, f, msg))
}

// updateTalk saves the edit form.
func (s *Server) updateTalk(w http.ResponseWriter, r *http.Request) {
	cur, m, err := s.findTalk(r)
	if err != nil {
		s.error(w, r, err)
		return
	}
	if err := parseForm(r); err != nil {
		s.error(w, r, err)
		return
	}
	f := readTalkForm(r)
	t, err := f.talk(m.ID)
	if err == nil {
		t.ID = cur.ID
		err = s.TalkService.UpdateTalk(r.Context(), t)
	}
	if err != nil {
		s.formError(w, r, err, func(msg string) { s.renderTalkForm(w, r, statusOf(err), m, cur, f, msg) })
		return
	}
	s.redirectWithFlash(w, r, talksHref(m.ID), "已保存"+t.A.Label()+"与"+t.B.Label()+"的谈心谈话记录。")
}

// deleteTalk 删除谈话记录.
func (s *Server) deleteTalk(w http.ResponseWriter, r *http.Request) {
	t, m, err := s.findTalk(r)
	if err != nil {
		s.error(w, r, err)
		return
	}
	if err := s.TalkService.DeleteTalk(r.Context(), t.ID); err != nil {
		s.error(w, r, err)
		return
	}
	s.redirectWithFlash(w, r, talksHref(m.ID), "已删除"+t.A.Label()+"与"+t.B.Label()+"的谈心谈话记录。")
}

// findTalk loads the talk of the route and its meeting.
func (s *Server) findTalk(r *http.Request) (*jingzi.Talk, *jingzi.Meeting, error) {
	id, err := pathID(r)
	if err != nil {
		return nil, nil, err
	}
	if s.TalkService == nil {
		return nil, nil, jingzi.Errorf(jingzi.ENOTFOUND, "谈心谈话记录不存在或您无权查看。")
	}
	t, err := s.TalkService.FindTalkByID(r.Context(), id)
	if err != nil {
		return nil, nil, err
	}
	m, err := s.MeetingService.FindMeetingByID(r.Context(), t.MeetingID)
	return t, m, err
}

func talksHref(meetingID int64) string {
	return "/meetings/" + strconv.FormatInt(meetingID, 10) + "/talks"
}

func readTalkForm(r *http.Request) talkForm {
	f := talkForm{Date: strings.TrimSpace(r.PostFormValue("date")), BKind: jingzi.PersonKind(r.PostFormValue("b_kind")),
		BName: r.PostFormValue("b_name"), BDepartment: r.PostFormValue("b_department"), Topics: r.PostFormValue("topics"),
		ToA: r.PostFormValue("opinions_to_a"), ToB: r.PostFormValue("opinions_to_b")}
	f.A, _ = strconv.ParseInt(r.PostFormValue("a"), 10, 64)
	f.B, _ = strconv.ParseInt(r.PostFormValue("b"), 10, 64)
	return f
}

// talkDateLayouts are the ways a date arrives: the date picker's, and what
// people type where there is none.
var talkDateLayouts = []string{"2006-01-02", "2006-1-2", "2006/1/2", "2006.1.2", "2006年1月2日"}

// talk builds the talk the form describes; the service validates the rest.
func (f talkForm) talk(meetingID int64) (*jingzi.Talk, error) {
	t := &jingzi.Talk{MeetingID: meetingID, Topics: f.Topics, A: jingzi.TalkSide{ParticipantID: f.A}}
	if f.A == 0 {
		return nil, jingzi.Errorf(jingzi.EINVALID, "请选择谈话人。")
	}
	for _, layout := range talkDateLayouts {
		if d, err := time.Parse(layout, f.Date); err == nil {
			t.Date = d
			break
		}
	}
	if t.Date.IsZero() {
		return nil, jingzi.Errorf(jingzi.EINVALID, "谈话日期应按“年-月-日”填写，如2022-01-05。")
	}
	if f.B != 0 {
		t.B = jingzi.TalkSide{ParticipantID: f.B}
	} else {
		t.B = jingzi.TalkSide{Name: f.BName, Kind: f.BKind, Department: f.BDepartment}
	}
	t.SetOpinions(f.ToA, f.ToB)
	return t, nil
}

func formFromTalk(t *jingzi.Talk) talkForm {
	return talkForm{Date: t.Date.Format("2006-01-02"), A: t.A.ParticipantID, B: t.B.ParticipantID, BKind: t.B.Kind,
		BName: t.B.Name, BDepartment: t.B.Department, Topics: t.Topics,
		ToA: t.OpinionsToward(jingzi.TowardA), ToB: t.OpinionsToward(jingzi.TowardB)}
}

// talkOpinions 计入意见建议 takes the opinions raised in a talk toward roster
// participants into the meeting's opinions, named (channel 谈心谈话, unit = who
// raised it), under a solicitation kept for them. An opinion already taken over
// is not taken twice.
func (s *Server) talkOpinions(w http.ResponseWriter, r *http.Request) {
	t, m, err := s.findTalk(r)
	if err != nil {
		s.error(w, r, err)
		return
	} else if s.OpinionService == nil || s.SolicitationService == nil {
		s.error(w, r, jingzi.Errorf(jingzi.ENOTFOUND, "征求意见功能未启用。"))
		return
	} else if !jingzi.CanManageMeeting(r.Context(), m.OrgPath) {
		s.error(w, r, jingzi.Errorf(jingzi.EFORBIDDEN, "只有党办组织者可以把谈话中的意见计入意见建议。"))
		return
	}
	sol, err := s.talkSolicitation(r, m, t)
	if err != nil {
		s.error(w, r, err)
		return
	}
	have, _, err := s.OpinionService.FindOpinions(r.Context(), jingzi.OpinionFilter{SolicitationID: &sol.ID})
	if err != nil {
		s.error(w, r, err)
		return
	}
	taken := map[string]bool{}
	for _, o := range have {
		taken[strconv.FormatInt(o.ParticipantID, 10)+"|"+o.Text] = true
	}
	n := 0
	for _, op := range t.Opinions {
		target, from := t.A, t.B
		if op.Toward == jingzi.TowardB {
			target, from = t.B, t.A
		}
		key := strconv.FormatInt(target.ParticipantID, 10) + "|" + op.Text
		if !target.OnRoster() || taken[key] {
			continue
		}
		o := &jingzi.Opinion{SolicitationID: sol.ID, Channel: jingzi.ChannelTalk, Unit: from.Label(),
			ParticipantID: target.ParticipantID, AspectIndex: -1, Text: op.Text}
		if err := s.OpinionService.CreateOpinion(r.Context(), o); err != nil {
			s.error(w, r, err)
			return
		}
		taken[key] = true
		n++
	}
	s.redirectWithFlash(w, r, "/talks/"+strconv.FormatInt(t.ID, 10), "已将"+strconv.Itoa(n)+"条谈话中提出的意见计入意见建议。")
}

// talkSolicitation finds, or makes, the solicitation that holds the meeting's
// opinions raised in talks.
func (s *Server) talkSolicitation(r *http.Request, m *jingzi.Meeting, t *jingzi.Talk) (*jingzi.Solicitation, error) {
	list, _, err := s.SolicitationService.FindSolicitations(r.Context(), jingzi.SolicitationFilter{MeetingID: &m.ID})
	if err != nil {
		return nil, err
	}
	for _, sol := range list {
		if sol.Title == jingzi.TalkSolicitationTitle {
			return sol, nil
		}
	}
	sol := &jingzi.Solicitation{MeetingID: m.ID, Title: jingzi.TalkSolicitationTitle, OpensOn: t.Date,
		ClosesOn: t.Date.AddDate(1, 0, 0), Threshold: jingzi.DefaultThreshold}
	return sol, s.SolicitationService.CreateSolicitation(r.Context(), sol)
}
