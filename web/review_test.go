package web

import (
	"context"
	"net/http"
	"net/url"
	"strings"
	"testing"
	"time"

	"jingzi"
	"jingzi/mock"
)

// reviewCall is one call the review mock received.
type reviewCall struct {
	action  string
	id      int64
	version int
	reasons string
}

// wireReviews connects a review service that checks the caller's right to act
// the way the real one does and records what it was asked.
func (f *fixture) wireReviews(reviews []*jingzi.Review, comments []*jingzi.Comment) (*[]reviewCall, *[]*jingzi.Comment) {
	var calls []reviewCall
	added := []*jingzi.Comment{}
	act := func(action string) func(ctx context.Context, id int64, version int, reasons string) error {
		return func(ctx context.Context, id int64, version int, reasons string) error {
			st, err := f.store.stmt.FindStatementByID(ctx, id)
			if err != nil {
				return err
			} else if err := jingzi.ValidateReasons(action, reasons); err != nil {
				return err
			} else if !jingzi.CanActOnStatement(ctx, f.meeting, st, action) {
				return jingzi.Errorf(jingzi.EFORBIDDEN, "您不能执行该操作。")
			}
			calls = append(calls, reviewCall{action, id, version, reasons})
			return nil
		}
	}
	svc := &mock.ReviewService{
		ApproveFn: act(jingzi.ReviewApprove), ReturnFn: act(jingzi.ReviewReturn), ReopenFn: act(jingzi.ReviewReopen),
		SubmitFn:      func(ctx context.Context, id int64, v int) error { return act(jingzi.ReviewSubmit)(ctx, id, v, "") },
		FinalizeFn:    func(ctx context.Context, id int64, v int) error { return act(jingzi.ReviewFinalize)(ctx, id, v, "") },
		FindReviewsFn: func(ctx context.Context, id int64) ([]*jingzi.Review, error) { return reviews, nil },
		FindCommentsFn: func(ctx context.Context, id int64) ([]*jingzi.Comment, error) {
			return comments, nil
		},
		AddCommentFn: func(ctx context.Context, c *jingzi.Comment) error {
			if err := c.Validate(); err != nil {
				return err
			}
			added = append(added, c)
			return nil
		},
		ResolveCommentFn: func(ctx context.Context, id int64, resolved bool) error { return nil },
	}
	f.s.ReviewService = svc
	return &calls, &added
}

// The buttons follow the state and the caller's role.
func TestReviewButtons(t *testing.T) {
	tests := []struct {
		name  string
		state jingzi.StatementState
		desk  jingzi.Desk
		login string
		want  []string // button labels shown
		not   []string
	}{
		{"the author submits a draft", jingzi.StateDraft, jingzi.DeskAuthor, "organizer", []string{`value="submit"`}, []string{`value="approve"`, `value="return"`}},
		{"the reviewer approves or returns", jingzi.StateSubmitted, jingzi.DeskReviewer, "reviewer", []string{`value="approve"`, `value="return"`, "退回理由（必填）"}, []string{`value="submit"`, `value="finalize"`}},
		{"a colleague only reads", jingzi.StateSubmitted, jingzi.DeskReviewer, "li", nil, []string{`value="approve"`, `value="return"`, `value="submit"`, "添加批注"}},
		{"the author waits", jingzi.StateSubmitted, jingzi.DeskReviewer, "organizer", nil, []string{`value="approve"`, `value="submit"`}},
		{"the reviewer finalises", jingzi.StateApproved, "", "reviewer", []string{`value="finalize"`}, []string{`value="approve"`}},
		{"the reviewer reopens", jingzi.StateFinal, "", "reviewer", []string{`value="reopen"`, "重新打开理由（必填）"}, []string{`value="finalize"`}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			f := newFixture(t)
			f.wireReviews(nil, nil)
			f.store.statements[0].State, f.store.statements[0].Desk = tt.state, tt.desk
			rec := f.get("/statements/1", f.session(t, tt.login))
			body := block(rec.Body.String(), "review")
			if rec.Code != http.StatusOK || !strings.Contains(body, tt.state.Label()) {
				t.Fatalf("status %d, state %s not shown: %s", rec.Code, tt.state.Label(), body)
			}
			for _, w := range tt.want {
				if !strings.Contains(body, w) {
					t.Errorf("%q missing", w)
				}
			}
			for _, n := range tt.not {
				if strings.Contains(body, n) {
					t.Errorf("%q shown", n)
				}
			}
		})
	}
}

// Pressing a button calls the service with the version and reasons and comes
// back to the statement; a refusal shows the service's Chinese message.
func TestReviewPost(t *testing.T) {
	f := newFixture(t)
	calls, _ := f.wireReviews(nil, nil)
	f.submitStatement(1)
	tok := f.session(t, "reviewer")
	rec := f.post("/statements/1/review", tok, url.Values{"version": {"2"}, "action": {"return"}, "reasons": {"问题查摆不具体。"}})
	if rec.Code != http.StatusSeeOther || rec.Header().Get("Location") != "/statements/1" {
		t.Fatalf("return: %d %s", rec.Code, rec.Header().Get("Location"))
	}
	if len(*calls) != 1 || (*calls)[0] != (reviewCall{"return", 1, 2, "问题查摆不具体。"}) {
		t.Errorf("calls %+v", *calls)
	}
	for _, c := range []struct {
		login string
		form  url.Values
		code  int
		msg   string
	}{
		{"reviewer", url.Values{"version": {"2"}, "action": {"return"}, "reasons": {" "}}, http.StatusBadRequest, "请填写退回的理由。"},
		{"reviewer", url.Values{"version": {"x"}, "action": {"approve"}}, http.StatusBadRequest, "应填写整数"},
		{"reviewer", url.Values{"version": {"2"}, "action": {"delete"}}, http.StatusBadRequest, "未知的审阅操作"},
		{"organizer", url.Values{"version": {"2"}, "action": {"approve"}}, http.StatusForbidden, "您不能执行该操作。"},
	} {
		rec := f.post("/statements/1/review", f.session(t, c.login), c.form)
		if rec.Code != c.code || !strings.Contains(rec.Body.String(), c.msg) {
			t.Errorf("%s %v: %d, want %d with %q", c.login, c.form, rec.Code, c.code, c.msg)
		}
	}
	if len(*calls) != 1 {
		t.Errorf("refused posts reached the service: %+v", *calls)
	}
}

// On resubmission the reviewer is offered the comparison with the version
// returned; comments show their place and the text they point at.
func TestReviewDiffAndComments(t *testing.T) {
	f := newFixture(t)
	at := time.Date(2024, 2, 1, 9, 0, 0, 0, time.UTC)
	reviews := []*jingzi.Review{
		{Action: jingzi.ReviewSubmit, Version: 1, Role: jingzi.DeskAuthor, UserName: "王organizer", At: at},
		{Action: jingzi.ReviewReturn, Version: 1, Role: jingzi.DeskReviewer, UserName: "督导组", Reasons: "请补充事例。", At: at},
		{Action: jingzi.ReviewSubmit, Version: 2, Role: jingzi.DeskAuthor, UserName: "王organizer", At: at},
	}
	comments := []*jingzi.Comment{
		{ID: 5, StatementID: 1, Anchor: jingzi.Anchor{Part: 0, Section: 0, Item: 0, Start: 0, End: 4}, Body: "表述笼统。", AuthorID: 14, AuthorName: "督导组", Version: 1, CreatedAt: at},
		{ID: 6, StatementID: 1, ParentID: 5, Anchor: jingzi.Anchor{Part: 0, Section: 0, Item: 0, Start: 0, End: 4}, Body: "已修改。", AuthorID: 10, AuthorName: "王organizer", Version: 2, CreatedAt: at},
	}
	_, added := f.wireReviews(reviews, comments)
	f.submitStatement(1)
	tok := f.session(t, "reviewer")
	body := f.get("/statements/1", tok).Body.String()
	if !strings.Contains(block(body, "review-diff"), `href="/statements/1/compare?from=1&amp;to=2"`) {
		t.Error("no link to the differences since the returned version")
	}
	thread := block(body, "comments")
	for _, w := range []string{`href="#p0-s0-i0"`, "第1部分第1节第1条（第1至4字）", "<q class=\"excerpt\">理论学习</q>", "表述笼统。", "已修改。", "未解决1条", "标记为已解决"} {
		if !strings.Contains(thread, w) {
			t.Errorf("comments lack %q", w)
		}
	}
	for _, c := range []struct {
		form url.Values
		code int
		want jingzi.Anchor
	}{
		{url.Values{"anchor": {"p0-s0-i0"}, "from": {"3"}, "to": {"4"}, "body": {"请具体。"}}, http.StatusSeeOther, jingzi.Anchor{Part: 0, Section: 0, Item: 0, Start: 2, End: 4}},
		{url.Values{"anchor": {"all"}, "body": {"整体偏短。"}}, http.StatusSeeOther, jingzi.Anchor{Part: -1, Section: -1, Item: -1}},
		{url.Values{"anchor": {"p0-x9"}, "body": {"x"}}, http.StatusBadRequest, jingzi.Anchor{}},
		{url.Values{"anchor": {"p0"}, "from": {"5"}, "to": {"2"}, "body": {"x"}}, http.StatusBadRequest, jingzi.Anchor{}},
		{url.Values{"anchor": {"p0"}, "body": {"  "}}, http.StatusBadRequest, jingzi.Anchor{}},
	} {
		n := len(*added)
		rec := f.post("/statements/1/comments", tok, c.form)
		if rec.Code != c.code {
			t.Errorf("%v: %d, want %d", c.form, rec.Code, c.code)
		} else if c.code == http.StatusSeeOther && (len(*added) != n+1 || (*added)[n].Anchor != c.want) {
			t.Errorf("%v: stored %+v", c.form, *added)
		}
	}
	// Returned, the author edits with the comment beside the item it is anchored to.
	f.store.statements[0].State, f.store.statements[0].Desk = jingzi.StateReturned, jingzi.DeskAuthor
	editor := f.get("/statements/1", f.session(t, "organizer")).Body.String()
	if !strings.Contains(editor, `action="/statements/1"`) || !strings.Contains(block(editor, "p0-s0-i0"), "表述笼统。") ||
		!strings.Contains(block(editor, "p0-s0-i0"), "回复1条") || strings.Contains(block(editor, "p1"), "表述笼统。") {
		t.Error("the author does not see the comment beside its item in the editor")
	}
	if rec := f.post("/statements/1/comments", f.session(t, "auditor"), url.Values{"anchor": {"all"}, "body": {"x"}}); rec.Code != http.StatusNotFound {
		t.Errorf("the auditor comments: %d", rec.Code)
	}
}

// The header counts unread notifications; the page lists them and marks them read.
func TestNotifications(t *testing.T) {
	f := newFixture(t)
	list := []*jingzi.Notification{
		{ID: 2, UserID: 14, Kind: jingzi.ReviewSubmit, Text: "市民政局党委领导班子的对照检查材料已提交，请您审核。", Link: "/statements/1", CreatedAt: time.Date(2024, 2, 1, 9, 0, 0, 0, time.UTC)},
		{ID: 1, UserID: 14, Kind: jingzi.ReviewSubmit, Text: "旧通知", Read: true},
	}
	var marked []int64
	f.s.NotificationService = &mock.NotificationService{
		FindNotificationsFn: func(ctx context.Context, offset, limit int) ([]*jingzi.Notification, int, error) {
			return list, len(list), nil
		},
		CountUnreadFn: func(ctx context.Context) (int, error) { return 1, nil },
		MarkReadFn:    func(ctx context.Context, id int64) error { marked = append(marked, id); return nil },
	}
	tok := f.session(t, "reviewer")
	body := f.get("/notifications", tok).Body.String()
	if !strings.Contains(body, `<mark id="unread-count">1</mark>`) || !strings.Contains(body, "已提交，请您审核。") ||
		!strings.Contains(body, `href="/statements/1"`) || !strings.Contains(body, "共2条，未读1条") {
		t.Errorf("notifications page: %s", body)
	}
	if rec := f.post("/notifications/read", tok, url.Values{"id": {"2"}}); rec.Code != http.StatusSeeOther || len(marked) != 1 || marked[0] != 2 {
		t.Errorf("mark read: %d %v", rec.Code, marked)
	}
	if rec := f.post("/notifications/read", tok, url.Values{"id": {"-3"}}); rec.Code != http.StatusBadRequest {
		t.Errorf("a bad id: %d", rec.Code)
	}
}

// The statements list shows each statement's state.
func TestStatementListShowsState(t *testing.T) {
	f := newFixture(t)
	f.store.statements[0].State, f.store.statements[0].Desk = jingzi.StateReturned, jingzi.DeskAuthor
	body := f.get("/meetings/7/statements", f.session(t, "organizer")).Body.String()
	if !strings.Contains(body, `<span class="state state-returned">退回</span><small>（本人修改）</small>`) {
		t.Errorf("no state in the list: %s", body)
	}
}
