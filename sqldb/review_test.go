package sqldb_test

import (
	"context"
	"testing"

	"jingzi"
	"jingzi/sqldb"
)

// reviewFixture adds a reviewer of an org outside the bureau's subtree.
type reviewFixture struct {
	*statementFixture
	outsider *jingzi.User
	svc      *sqldb.StatementService
	reviews  *sqldb.ReviewService
}

func newReviewFixture(t *testing.T, db *sqldb.DB) *reviewFixture {
	f := &reviewFixture{statementFixture: newStatementFixture(t, db), svc: sqldb.NewStatementService(db), reviews: sqldb.NewReviewService(db)}
	f.outsider = mustCreateUser(t, db, "jiwei", f.fixture.other, grant(jingzi.RoleReviewer, f.fixture.other))
	return f
}

func (f *reviewFixture) create(t *testing.T, participant int) *jingzi.Statement {
	t.Helper()
	s := f.skeleton(participant)
	if err := f.svc.CreateStatement(asUser(f.organizer), s, "按框架新建"); err != nil {
		t.Fatal(err)
	}
	return s
}

// do runs one step as the user: a review action or "save".
func (f *reviewFixture) do(u *jingzi.User, id int64, action, reasons string) error {
	ctx := asUser(u)
	cur, err := f.svc.FindStatementByID(sys, id)
	if err != nil {
		return err
	}
	switch action {
	case "save":
		mine, err := f.svc.FindStatementByID(ctx, id)
		if err != nil {
			return err
		}
		mine.Title = "修改后的对照检查材料"
		return f.svc.SaveStatement(ctx, mine, "修改")
	case jingzi.ReviewSubmit:
		return f.reviews.Submit(ctx, id, cur.Version)
	case jingzi.ReviewApprove:
		return f.reviews.Approve(ctx, id, cur.Version, reasons)
	case jingzi.ReviewReturn:
		return f.reviews.Return(ctx, id, cur.Version, reasons)
	case jingzi.ReviewFinalize:
		return f.reviews.Finalize(ctx, id, cur.Version)
	case jingzi.ReviewReopen:
		return f.reviews.Reopen(ctx, id, cur.Version, reasons)
	}
	panic("unknown step " + action)
}

type step struct {
	who      func(f *reviewFixture) *jingzi.User
	action   string
	reasons  string
	wantCode string
	state    jingzi.StatementState
	desk     jingzi.Desk
}

func by(pick func(f *reviewFixture) *jingzi.User) func(f *reviewFixture) *jingzi.User { return pick }

var (
	head      = by(func(f *reviewFixture) *jingzi.User { return f.head })
	member    = by(func(f *reviewFixture) *jingzi.User { return f.member })
	colleague = by(func(f *reviewFixture) *jingzi.User { return f.colleague })
	reviewer  = by(func(f *reviewFixture) *jingzi.User { return f.reviewer })
	outsider  = by(func(f *reviewFixture) *jingzi.User { return f.outsider })
	organizer = by(func(f *reviewFixture) *jingzi.User { return f.organizer })
)

func runSteps(t *testing.T, f *reviewFixture, id int64, steps []step) {
	t.Helper()
	for i, s := range steps {
		u := s.who(f)
		err := f.do(u, id, s.action, s.reasons)
		if jingzi.ErrorCode(err) != s.wantCode {
			t.Fatalf("step %d: %s %s: %v, want %q", i+1, u.Login, s.action, err, s.wantCode)
		}
		if err != nil {
			if jingzi.ErrorMessage(err) == "" || jingzi.ErrorCode(err) == jingzi.EINTERNAL {
				t.Errorf("step %d: no Chinese message: %v", i+1, err)
			}
			continue
		}
		got, _ := f.svc.FindStatementByID(sys, id)
		if got.State != s.state || got.Desk != s.desk {
			t.Fatalf("step %d: %s %s: state %s at %s, want %s at %s", i+1, u.Login, s.action, got.State, got.Desk, s.state, s.desk)
		}
	}
}

// A member's statement goes to the head, then to the superior's reviewer; only
// the author edits, and only while it is a draft or returned.
func TestReviewChainMember(t *testing.T) {
	eachDB(t, func(t *testing.T, db *sqldb.DB) {
		f := newReviewFixture(t, db)
		s := f.create(t, 1)
		S, R, A, F := jingzi.StateSubmitted, jingzi.StateReturned, jingzi.StateApproved, jingzi.StateFinal
		runSteps(t, f, s.ID, []step{
			{who: colleague, action: jingzi.ReviewSubmit, wantCode: jingzi.ENOTFOUND},
			{who: head, action: jingzi.ReviewApprove, wantCode: jingzi.ENOTFOUND},
			{who: reviewer, action: jingzi.ReviewApprove, wantCode: jingzi.ENOTFOUND},
			{who: member, action: jingzi.ReviewSubmit, state: S, desk: jingzi.DeskHead},
			{who: member, action: jingzi.ReviewSubmit, wantCode: jingzi.EFORBIDDEN},
			{who: member, action: "save", wantCode: jingzi.EFORBIDDEN},
			{who: reviewer, action: jingzi.ReviewApprove, wantCode: jingzi.EFORBIDDEN},
			{who: member, action: jingzi.ReviewApprove, wantCode: jingzi.EFORBIDDEN},
			{who: colleague, action: jingzi.ReviewReturn, reasons: "不具体", wantCode: jingzi.ENOTFOUND},
			{who: head, action: jingzi.ReviewReturn, reasons: "  ", wantCode: jingzi.EINVALID},
			{who: head, action: jingzi.ReviewReturn, reasons: "问题查摆不具体，请补充事例。", state: R, desk: jingzi.DeskAuthor},
			{who: head, action: "save", wantCode: jingzi.EFORBIDDEN},
			{who: member, action: "save", state: R, desk: jingzi.DeskAuthor},
			{who: member, action: jingzi.ReviewSubmit, state: S, desk: jingzi.DeskHead},
			{who: head, action: jingzi.ReviewApprove, state: S, desk: jingzi.DeskReviewer},
			{who: head, action: jingzi.ReviewApprove, wantCode: jingzi.EFORBIDDEN},
			{who: outsider, action: jingzi.ReviewApprove, wantCode: jingzi.ENOTFOUND},
			{who: organizer, action: jingzi.ReviewApprove, wantCode: jingzi.EFORBIDDEN},
			{who: reviewer, action: jingzi.ReviewApprove, state: A},
			{who: member, action: jingzi.ReviewFinalize, wantCode: jingzi.EFORBIDDEN},
			{who: reviewer, action: jingzi.ReviewFinalize, state: F},
			{who: member, action: "save", wantCode: jingzi.EFORBIDDEN},
			{who: member, action: jingzi.ReviewReopen, reasons: "想再改", wantCode: jingzi.EFORBIDDEN},
			{who: reviewer, action: jingzi.ReviewReopen, wantCode: jingzi.EINVALID},
			{who: reviewer, action: jingzi.ReviewReopen, reasons: "需补充反面典型案例。", state: R, desk: jingzi.DeskAuthor},
			{who: member, action: "save", state: R, desk: jingzi.DeskAuthor},
		})
		reviews, err := f.reviews.FindReviews(asUser(f.member), s.ID)
		if err != nil {
			t.Fatal(err)
		}
		var actions []string
		for _, r := range reviews {
			actions = append(actions, string(r.Role)+":"+r.Action)
		}
		want := []string{"author:submit", "head:return", "author:submit", "head:approve", "reviewer:approve", "reviewer:finalize", "reviewer:reopen"}
		if len(actions) != len(want) {
			t.Fatalf("chain %v, want %v", actions, want)
		}
		for i := range want {
			if actions[i] != want[i] {
				t.Errorf("chain %v, want %v", actions, want)
				break
			}
		}
		if reviews[1].Reasons != "问题查摆不具体，请补充事例。" || reviews[1].Version != 1 || reviews[1].UserID != f.head.ID {
			t.Errorf("the head's return: %+v", reviews[1])
		}
		if got := jingzi.LastReturned(reviews); got != reviews[6].Version {
			t.Errorf("last returned version %d, want the reopened %d", got, reviews[6].Version)
		}
		if _, err := f.reviews.FindReviews(asUser(f.outsider), s.ID); jingzi.ErrorCode(err) != jingzi.ENOTFOUND {
			t.Errorf("outsider reads the chain: %v", err)
		}
		audits, _, err := sqldb.NewAuditService(db).FindAuditEntries(sys, jingzi.AuditFilter{Action: ptr("statement.reopen")})
		if err != nil || len(audits) != 1 || audits[0].ActorID != f.reviewer.ID {
			t.Errorf("reopening audited: %d entries, %v", len(audits), err)
		}
	})
}

func ptr[T any](v T) *T { return &v }

// The team's and the head's own statements go straight to the reviewer; a
// stale version is refused.
func TestReviewChainTeamAndHead(t *testing.T) {
	eachDB(t, func(t *testing.T, db *sqldb.DB) {
		f := newReviewFixture(t, db)
		team, own := f.create(t, -1), f.create(t, 0)
		runSteps(t, f, team.ID, []step{
			{who: member, action: jingzi.ReviewSubmit, wantCode: jingzi.EFORBIDDEN},
			{who: head, action: jingzi.ReviewSubmit, state: jingzi.StateSubmitted, desk: jingzi.DeskReviewer},
			{who: head, action: jingzi.ReviewApprove, wantCode: jingzi.EFORBIDDEN},
			{who: reviewer, action: jingzi.ReviewApprove, state: jingzi.StateApproved},
		})
		runSteps(t, f, own.ID, []step{
			{who: head, action: jingzi.ReviewSubmit, state: jingzi.StateSubmitted, desk: jingzi.DeskReviewer},
			{who: head, action: jingzi.ReviewApprove, wantCode: jingzi.EFORBIDDEN},
		})
		if err := f.reviews.Return(asUser(f.reviewer), own.ID, own.Version+1, "旧版本"); jingzi.ErrorCode(err) != jingzi.ECONFLICT {
			t.Errorf("return of a version that is not current: %v, want ECONFLICT", err)
		}
	})
}

// Who sees a member's statement in each state.
func TestReviewVisibility(t *testing.T) {
	eachDB(t, func(t *testing.T, db *sqldb.DB) {
		f := newReviewFixture(t, db)
		s := f.create(t, 1)
		users := []func(*reviewFixture) *jingzi.User{member, colleague, head, reviewer, outsider, organizer}
		table := []struct {
			step *step
			sees []bool // member, colleague, head, reviewer, outsider, organiser
		}{
			{nil, []bool{true, false, false, false, false, true}},
			{&step{who: member, action: jingzi.ReviewSubmit}, []bool{true, false, true, true, false, true}},
			{&step{who: head, action: jingzi.ReviewReturn, reasons: "请修改"}, []bool{true, false, true, true, false, true}},
		}
		for _, row := range table {
			if row.step != nil {
				if err := f.do(row.step.who(f), s.ID, row.step.action, row.step.reasons); err != nil {
					t.Fatal(err)
				}
			}
			mid := f.meeting.ID
			for i, pick := range users {
				u := pick(f)
				_, err := f.svc.FindStatementByID(asUser(u), s.ID)
				list, _, _ := f.svc.FindStatements(asUser(u), jingzi.StatementFilter{MeetingID: &mid})
				listed := false
				for _, l := range list {
					listed = listed || l.ID == s.ID
				}
				if (err == nil) != row.sees[i] || listed != row.sees[i] {
					t.Errorf("after %v: %s sees %v (listed %v), want %v", row.step, u.Login, err == nil, listed, row.sees[i])
				}
			}
		}
	})
}

// Notifications go to the next desk on submission and to the author on a
// return or an approval; nobody else gets them.
func TestReviewNotifications(t *testing.T) {
	eachDB(t, func(t *testing.T, db *sqldb.DB) {
		f := newReviewFixture(t, db)
		notes := sqldb.NewNotificationService(db)
		s := f.create(t, 1)
		unread := func(u *jingzi.User) int {
			n, err := notes.CountUnread(asUser(u))
			if err != nil {
				t.Fatal(err)
			}
			return n
		}
		for _, st := range []step{
			{who: member, action: jingzi.ReviewSubmit},
			{who: head, action: jingzi.ReviewReturn, reasons: "请补充事例。"},
			{who: member, action: jingzi.ReviewSubmit},
			{who: head, action: jingzi.ReviewApprove},
			{who: reviewer, action: jingzi.ReviewApprove},
		} {
			if err := f.do(st.who(f), s.ID, st.action, st.reasons); err != nil {
				t.Fatal(err)
			}
		}
		for _, c := range []struct {
			u    *jingzi.User
			want int
		}{{f.head, 2}, {f.member, 3}, {f.reviewer, 1}, {f.outsider, 0}, {f.colleague, 0}} {
			if got := unread(c.u); got != c.want {
				t.Errorf("%s has %d unread notifications, want %d", c.u.Login, got, c.want)
			}
		}
		list, total, err := notes.FindNotifications(asUser(f.member), 0, 10)
		if err != nil || total != 3 || list[0].Kind != jingzi.ReviewApprove || list[2].Kind != jingzi.ReviewReturn || list[0].Link == "" {
			t.Fatalf("member's notifications: %+v, %v", list, err)
		}
		if err := notes.MarkRead(asUser(f.head), list[0].ID); err != nil || unread(f.member) != 3 {
			t.Errorf("the head marked the member's notification read: %v", err)
		}
		if err := notes.MarkRead(asUser(f.member), list[0].ID); err != nil || unread(f.member) != 2 {
			t.Errorf("mark one read: %v, %d unread", err, unread(f.member))
		}
		if err := notes.MarkRead(asUser(f.member), 0); err != nil || unread(f.member) != 0 {
			t.Errorf("mark all read: %v", err)
		}
		if _, _, err := notes.FindNotifications(context.Background(), 0, 10); jingzi.ErrorCode(err) != jingzi.EUNAUTHORIZED {
			t.Errorf("anonymous notifications: %v", err)
		}
	})
}

// The phase strip counts statements sent for review, approved and returned.
func TestReviewProgress(t *testing.T) {
	eachDB(t, func(t *testing.T, db *sqldb.DB) {
		f := newReviewFixture(t, db)
		team, member, colleague := f.create(t, -1), f.create(t, 1), f.create(t, 2)
		f.create(t, 0) // the head's stays a draft
		for _, s := range []struct {
			u      *jingzi.User
			id     int64
			action string
		}{
			{f.head, team.ID, jingzi.ReviewSubmit}, {f.reviewer, team.ID, jingzi.ReviewApprove},
			{f.member, member.ID, jingzi.ReviewSubmit}, {f.head, member.ID, jingzi.ReviewReturn},
			{f.colleague, colleague.ID, jingzi.ReviewSubmit},
		} {
			if err := f.do(s.u, s.id, s.action, "请修改"); err != nil {
				t.Fatal(err)
			}
		}
		p, err := f.reviews.MeetingProgress(asUser(f.organizer), f.meeting.ID)
		if err != nil || *p.Reviews != (jingzi.ReviewProgress{Statements: 3, Approved: 1, Returned: 1}) {
			t.Errorf("progress %+v, %v", p.Reviews, err)
		}
		if _, err := f.reviews.MeetingProgress(asUser(f.outsider), f.meeting.ID); jingzi.ErrorCode(err) != jingzi.ENOTFOUND {
			t.Errorf("outsider reads the progress: %v", err)
		}
	})
}
