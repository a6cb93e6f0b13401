package sqldb_test

import (
	"context"
	"strings"
	"testing"
	"time"

	"jingzi"
	"jingzi/sqldb"
)

// Reminders go out three days before a deadline and once it has passed, to the
// organiser and the reviewer, each only once; a reported theme is not reminded.
func TestRemindDeadlines(t *testing.T) {
	eachDB(t, func(t *testing.T, db *sqldb.DB) {
		f := newStatementFixture(t, db)
		svc := sqldb.NewNotificationService(db)
		date := time.Date(2022, 1, 20, 0, 0, 0, 0, time.UTC) // report due 2022-01-05 (15 days ahead)
		if _, err := sqldb.NewMeetingService(db).UpdateMeeting(asUser(f.organizer), f.meeting.ID,
			jingzi.MeetingUpdate{Version: 1, MeetingDate: &date}); err != nil {
			t.Fatal(err)
		}
		ctx := context.Background()
		at := func(s string) time.Time { d, _ := time.Parse("2006-01-02", s); return d }
		if n, err := svc.RemindDeadlines(ctx, at("2021-12-20")); err != nil || n != 0 {
			t.Fatalf("a month ahead: %d reminders, %v", n, err)
		}
		n, err := svc.RemindDeadlines(ctx, at("2022-01-03"))
		if err != nil || n == 0 {
			t.Fatalf("two days ahead: %d reminders, %v", n, err)
		}
		if again, _ := svc.RemindDeadlines(ctx, at("2022-01-04")); again != 0 {
			t.Errorf("the same reminder was sent again: %d", again)
		}
		list, _, err := svc.FindNotifications(asUser(f.organizer), 0, 10)
		if err != nil || len(list) != 1 || !strings.Contains(list[0].Text, "向上级报送会议主题和时间") || !strings.Contains(list[0].Text, "还有2天") {
			t.Fatalf("organiser's reminders: %+v, %v", list, err)
		}
		if n, _ := svc.RemindDeadlines(ctx, at("2022-01-07")); n == 0 {
			t.Error("no reminder when the deadline passed")
		}
		list, _, _ = svc.FindNotifications(asUser(f.reviewer), 0, 10)
		if len(list) != 2 || !strings.Contains(list[0].Text, "已于") {
			t.Errorf("reviewer's reminders: %d, want soon and passed", len(list))
		}
		for _, u := range []*jingzi.User{f.member, f.other} {
			if l, _, _ := svc.FindNotifications(asUser(u), 0, 10); len(l) != 0 {
				t.Errorf("%s got %d reminders", u.Login, len(l))
			}
		}
	})
}
