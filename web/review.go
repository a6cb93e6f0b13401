package web

import (
	"fmt"
	"net/http"
	"strings"

	"jingzi"
)

// reviewView 审阅审核 is the review part of the statement page: the state, the
// buttons the caller may press, the chain so far, the comments, and on a
// resubmission the link to the differences since the version returned.
type reviewView struct {
	StatementID int64
	Version     int
	State       jingzi.StatementState
	Desk        jingzi.Desk
	Actions     []reviewAction
	Reviews     []*jingzi.Review
	Threads     []commentThread
	Open        int // unresolved threads
	CanComment  bool
	Anchors     []anchorOption
	// CompareFrom is the version the reviewer returned; 0 when there is nothing to compare.
	CompareFrom int
}

// reviewAction is one button; Reasons asks for the required reasons textarea.
type reviewAction struct {
	Action, Label string
	Reasons       bool
}

// commentThread is a first comment with its replies, placed in the text.
type commentThread struct {
	Comments   []*jingzi.Comment
	Key, Place string
	Quote      string
	Resolved   bool
	CanResolve bool
}

// anchorOption is one place of the statement a comment can be anchored to.
type anchorOption struct{ Key, Label string }

var reviewActions = []string{jingzi.ReviewSubmit, jingzi.ReviewApprove, jingzi.ReviewReturn, jingzi.ReviewFinalize, jingzi.ReviewReopen}

// newReviewView loads the chain and the comments; without a ReviewService the
// page shows no review panel.
func (s *Server) newReviewView(r *http.Request, st *jingzi.Statement, m *jingzi.Meeting) *reviewView {
	if s.ReviewService == nil {
		return nil
	}
	ctx := r.Context()
	v := &reviewView{StatementID: st.ID, Version: st.Version, State: st.State, Desk: st.Desk,
		CanComment: jingzi.CanCommentStatement(ctx, m, st), Anchors: anchorOptions(st)}
	for _, a := range reviewActions {
		if jingzi.CanActOnStatement(ctx, m, st, a) {
			v.Actions = append(v.Actions, reviewAction{Action: a, Label: jingzi.ReviewActionLabel(a), Reasons: a == jingzi.ReviewReturn || a == jingzi.ReviewReopen})
		}
	}
	var err error
	if v.Reviews, err = s.ReviewService.FindReviews(ctx, st.ID); err != nil {
		s.Logger.Warn("load reviews", "statement", st.ID, "err", err)
	}
	if from := jingzi.LastReturned(v.Reviews); from > 0 && from < st.Version && st.State == jingzi.StateSubmitted {
		v.CompareFrom = from
	}
	comments, err := s.ReviewService.FindComments(ctx, st.ID)
	if err != nil {
		s.Logger.Warn("load comments", "statement", st.ID, "err", err)
	}
	author := jingzi.IsStatementAuthor(ctx, m, st)
	u := jingzi.UserFromContext(ctx)
	for _, th := range jingzi.Threads(comments) {
		first := th[0]
		t := commentThread{Comments: th, Key: anchorKey(first.Anchor), Place: first.Anchor.Label(), Quote: first.Anchor.Quote(st),
			Resolved: first.Resolved, CanResolve: author || (u != nil && u.ID == first.AuthorID)}
		if !t.Resolved {
			v.Open++
		}
		v.Threads = append(v.Threads, t)
	}
	return v
}

// anchorKey is the id of the block the anchor points at, as the editor numbers it.
func anchorKey(a jingzi.Anchor) string {
	if a.Part < 0 {
		return "check-top"
	}
	return itemPath{a.Part, a.Section, a.Item}.String()
}

// anchorOptions lists every part, section and item, for the comment form.
func anchorOptions(st *jingzi.Statement) []anchorOption {
	out := []anchorOption{{Key: "all", Label: "全文"}}
	add := func(p itemPath) {
		a := jingzi.Anchor{Part: p.part, Section: p.section, Item: p.item}
		out = append(out, anchorOption{Key: p.String(), Label: a.Label()})
	}
	for i, part := range st.Parts {
		add(itemPath{i, -1, -1})
		for j, sec := range part.Sections {
			add(itemPath{i, j, -1})
			for k := range sec.Items {
				add(itemPath{i, j, k})
			}
		}
		for k := range part.Items {
			add(itemPath{i, -1, k})
		}
	}
	return out
}

// reviewStatement 提交审阅 / 通过 / 退回 / 定稿 / 重新打开.
func (s *Server) reviewStatement(w http.ResponseWriter, r *http.Request) {
	st, _, err := s.findStatement(r)
	if err != nil {
		s.error(w, r, err)
		return
	} else if err := parseForm(r); err != nil {
		s.error(w, r, err)
		return
	}
	version, err := formInt(r, "version", "版本")
	if err != nil {
		s.error(w, r, err)
		return
	}
	ctx, reasons, action := r.Context(), r.PostFormValue("reasons"), r.PostFormValue("action")
	switch action {
	case jingzi.ReviewSubmit:
		err = s.ReviewService.Submit(ctx, st.ID, version)
	case jingzi.ReviewApprove:
		err = s.ReviewService.Approve(ctx, st.ID, version, reasons)
	case jingzi.ReviewReturn:
		err = s.ReviewService.Return(ctx, st.ID, version, reasons)
	case jingzi.ReviewFinalize:
		err = s.ReviewService.Finalize(ctx, st.ID, version)
	case jingzi.ReviewReopen:
		err = s.ReviewService.Reopen(ctx, st.ID, version, reasons)
	default:
		err = jingzi.Errorf(jingzi.EINVALID, "未知的审阅操作，请刷新页面后重试。")
	}
	if err != nil {
		s.error(w, r, err)
		return
	}
	s.redirectWithFlash(w, r, statementHref(st.ID), fmt.Sprintf("已%s“%s”。", jingzi.ReviewActionLabel(action), st.Title))
}

// addComment 批注 anchors a comment (or a reply) to a place of the statement.
func (s *Server) addComment(w http.ResponseWriter, r *http.Request) {
	st, _, err := s.findStatement(r)
	if err != nil {
		s.error(w, r, err)
		return
	} else if err := parseForm(r); err != nil {
		s.error(w, r, err)
		return
	}
	c := &jingzi.Comment{StatementID: st.ID, Body: r.PostFormValue("body"), Anchor: jingzi.Anchor{Part: -1, Section: -1, Item: -1}}
	if c.ParentID, err = formID(r, "parent"); err != nil {
		s.error(w, r, err)
		return
	}
	if key := strings.TrimSpace(r.PostFormValue("anchor")); key != "" && key != "all" {
		p, ok := parseItemPath(key)
		if !ok {
			s.error(w, r, jingzi.Errorf(jingzi.EINVALID, "批注位置不正确，请刷新页面后重新选择。"))
			return
		}
		c.Anchor = jingzi.Anchor{Part: p.part, Section: p.section, Item: p.item}
	}
	if c.Anchor.Start, c.Anchor.End, err = commentRange(r); err != nil {
		s.error(w, r, err)
		return
	}
	if err := s.ReviewService.AddComment(r.Context(), c); err != nil {
		s.error(w, r, err)
		return
	}
	s.redirectWithFlash(w, r, statementHref(st.ID)+"#comments", "批注已保存。")
}

// commentRange reads the optional 第M至N字 of the item text (1-based, inclusive).
func commentRange(r *http.Request) (int, int, error) {
	from, to := strings.TrimSpace(r.PostFormValue("from")), strings.TrimSpace(r.PostFormValue("to"))
	if from == "" && to == "" {
		return 0, 0, nil
	}
	a, err := formInt(r, "from", "起始字")
	if err != nil {
		return 0, 0, err
	}
	b, err := formInt(r, "to", "结束字")
	if err != nil {
		return 0, 0, err
	} else if a < 1 || b < a {
		return 0, 0, jingzi.Errorf(jingzi.EINVALID, "批注的字符范围不正确：起始字应不小于1，且不大于结束字。")
	}
	return a - 1, b, nil
}

// resolveComment marks a thread resolved or open again.
func (s *Server) resolveComment(w http.ResponseWriter, r *http.Request) {
	st, _, err := s.findStatement(r)
	if err != nil {
		s.error(w, r, err)
		return
	} else if err := parseForm(r); err != nil {
		s.error(w, r, err)
		return
	}
	id, err := formID(r, "comment")
	if err != nil || id == 0 {
		s.error(w, r, jingzi.Errorf(jingzi.EINVALID, "请选择批注。"))
		return
	}
	resolved := formBool(r, "resolved")
	if err := s.ReviewService.ResolveComment(r.Context(), id, resolved); err != nil {
		s.error(w, r, err)
		return
	}
	msg := "批注已标记为已解决。"
	if !resolved {
		msg = "批注已重新打开。"
	}
	s.redirectWithFlash(w, r, statementHref(st.ID)+"#comments", msg)
}

// attachComments places each thread beside the part, section or item it is
// anchored to, so the author reads it next to the text.
func (p *statementPage) attachComments() {
	if p.Review == nil {
		return
	}
	at := map[string][]commentThread{}
	for _, t := range p.Review.Threads {
		at[t.Key] = append(at[t.Key], t)
	}
	for i := range p.Parts {
		pv := &p.Parts[i]
		pv.Comments = at[pv.Key]
		for j := range pv.Sections {
			sv := &pv.Sections[j]
			sv.Comments = at[sv.Key]
			for k := range sv.Items {
				sv.Items[k].Comments = at[sv.Items[k].Key]
			}
		}
		for k := range pv.Items {
			pv.Items[k].Comments = at[pv.Items[k].Key]
		}
	}
}
