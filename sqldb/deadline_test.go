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

// The 情况报告 reminder follows the minutes' own number of days, and stops once
// the report is marked sent.
func TestRemindMeetingReport(t *testing.T) {
	eachDB(t, func(t *testing.T, db *sqldb.DB) {
		f := newStatementFixture(t, db)
		svc := sqldb.NewNotificationService(db)
		minutes := sqldb.NewMinutesService(db)
		date := time.Date(2022, 1, 20, 0, 0, 0, 0, time.UTC)
		reported := time.Date(2022, 1, 1, 0, 0, 0, 0, time.UTC) // the theme went ahead: only the report is due
		if _, err := sqldb.NewMeetingService(db).UpdateMeeting(asUser(f.organizer), f.meeting.ID,
			jingzi.MeetingUpdate{Version: 1, MeetingDate: &date, ReportedOn: &reported}); err != nil {
			t.Fatal(err)
		}
		min, err := minutes.FindMinutes(asUser(f.organizer), f.meeting.ID)
		if err != nil {
			t.Fatal(err)
		}
		min.ReportDays = 30 // due 2022-02-19 instead of 2022-02-04
		if err := minutes.SaveMinutes(asUser(f.organizer), min); err != nil {
			t.Fatal(err)
		}
		ctx := context.Background()
		at := func(s string) time.Time { d, _ := time.Parse("2006-01-02", s); return d }
		if n, err := svc.RemindDeadlines(ctx, at("2022-02-03")); err != nil || n != 0 {
			t.Fatalf("the default 15 days' eve: %d reminders, %v", n, err)
		}
		if n, _ := svc.RemindDeadlines(ctx, at("2022-02-17")); n == 0 {
			t.Fatal("no reminder two days before the minutes' due day")
		}
		list, _, _ := svc.FindNotifications(asUser(f.organizer), 0, 10)
		if len(list) != 1 || !strings.Contains(list[0].Text, "报送民主生活会情况报告的期限是2022年2月19日，还有2天") {
			t.Fatalf("reminder: %+v", list)
		}
		sent := at("2022-02-18")
		if err := minutes.MarkReportSent(asUser(f.organizer), f.meeting.ID, &sent); err != nil {
			t.Fatal(err)
		}
		if n, _ := svc.RemindDeadlines(ctx, at("2022-02-25")); n != 0 {
			t.Errorf("a sent report was reminded as overdue: %d", n)
		}
	})
}
