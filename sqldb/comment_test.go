package sqldb_test

import (
	"testing"

	"jingzi"
	"jingzi/sqldb"
)

// A reviewer anchors a comment to a text range; the author replies and
// resolves it; a colleague and an outsider neither read nor write comments.
func TestStatementComments(t *testing.T) {
	eachDB(t, func(t *testing.T, db *sqldb.DB) {
		f := newReviewFixture(t, db)
		s := f.create(t, 1)
		if err := f.do(f.member, s.ID, jingzi.ReviewSubmit, ""); err != nil {
			t.Fatal(err)
		}
		anchor := jingzi.Anchor{Part: 0, Section: 1, Item: 0, Start: 2, End: 6}
		first := &jingzi.Comment{StatementID: s.ID, Anchor: anchor, Body: "此处表述笼统，请举实例。"}
		if err := f.reviews.AddComment(asUser(f.head), first); err != nil {
			t.Fatal(err)
		}
		reply := &jingzi.Comment{StatementID: s.ID, ParentID: first.ID, Anchor: jingzi.Anchor{Part: 3, Section: -1, Item: -1}, Body: "已补充。"}
		if err := f.reviews.AddComment(asUser(f.member), reply); err != nil {
			t.Fatal(err)
		}
		for _, c := range []struct {
			u    *jingzi.User
			body string
			want string
		}{
			{f.colleague, "同事的批注", jingzi.ENOTFOUND},
			{f.outsider, "外单位的批注", jingzi.ENOTFOUND},
			{f.organizer, "党办的批注", jingzi.EFORBIDDEN},
			{f.reviewer, "   ", jingzi.EINVALID},
			{f.reviewer, "请结合征求意见进一步查摆。", ""},
		} {
			err := f.reviews.AddComment(asUser(c.u), &jingzi.Comment{StatementID: s.ID, Anchor: jingzi.Anchor{Part: 0, Section: -1, Item: -1}, Body: c.body})
			if jingzi.ErrorCode(err) != c.want {
				t.Errorf("%s comments: %v, want %q", c.u.Login, err, c.want)
			}
		}
		if err := f.reviews.ResolveComment(asUser(f.reviewer), first.ID, true); jingzi.ErrorCode(err) != jingzi.EFORBIDDEN {
			t.Errorf("a reviewer resolves the head's comment: %v", err)
		}
		if err := f.reviews.ResolveComment(asUser(f.member), first.ID, true); err != nil {
			t.Fatal(err)
		}
		list, err := f.reviews.FindComments(asUser(f.member), s.ID)
		if err != nil || len(list) != 3 {
			t.Fatalf("comments: %d, %v", len(list), err)
		}
		if !list[0].Resolved || list[0].Anchor != anchor || list[0].AuthorID != f.head.ID || list[0].Version != 1 {
			t.Errorf("first comment: %+v", list[0])
		}
		if list[1].ParentID != first.ID || list[1].Anchor != anchor {
			t.Errorf("the reply keeps its thread's anchor: %+v", list[1])
		}
		if threads := jingzi.Threads(list); len(threads) != 2 || len(threads[0]) != 2 {
			t.Errorf("threads: %d", len(threads))
		}
		if _, err := f.reviews.FindComments(asUser(f.colleague), s.ID); jingzi.ErrorCode(err) != jingzi.ENOTFOUND {
			t.Errorf("a colleague reads the comments: %v", err)
		}
	})
}
