package sqldb_test

import (
	"testing"
	"time"

	"jingzi"
	"jingzi/sqldb"
)

// An account's email address is optional: the administrator sets it on create
// and edit, the person may change or clear their own, and a malformed address
// is refused with nothing changed.
func TestUserEmail(t *testing.T) {
	eachDB(t, func(t *testing.T, db *sqldb.DB) {
		f := newFixture(t, db)
		users := sqldb.NewUserService(db)
		u := &jingzi.User{Login: "lihm", Name: "李红梅", OrgID: f.bureau.ID, Email: " lihm@mzj.jiangcheng.gov.cn "}
		if err := users.CreateUser(sys, u, testPassword); err != nil {
			t.Fatal(err)
		}
		reload := func() *jingzi.User {
			t.Helper()
			got, err := users.FindUserByID(sys, u.ID)
			if err != nil {
				t.Fatal(err)
			}
			return got
		}
		if got := reload().Email; got != "lihm@mzj.jiangcheng.gov.cn" {
			t.Errorf("created with email %q", got)
		}
		bad := &jingzi.User{Login: "bad", Name: "错邮箱", OrgID: f.bureau.ID, Email: "张三 <zs@x.cn>"}
		if err := users.CreateUser(sys, bad, testPassword); jingzi.ErrorCode(err) != jingzi.EINVALID {
			t.Errorf("create with a display name in the address: %v, want EINVALID", err)
		}
		other := "li.hongmei@163.com"
		if _, err := users.UpdateUser(sys, u.ID, jingzi.UserUpdate{Email: &other}); err != nil || reload().Email != other {
			t.Errorf("administrator sets the address: %v, now %q", err, reload().Email)
		}
		for _, in := range []string{"lihm", "lihm@", "a@b@c.cn", "lihm@mzj\r\nBcc: x@y.cn", "lihm@localhost"} {
			if err := users.ChangeEmail(asUser(u), in); jingzi.ErrorCode(err) != jingzi.EINVALID {
				t.Errorf("own address %q: %v, want EINVALID", in, err)
			}
			if _, err := users.UpdateUser(sys, u.ID, jingzi.UserUpdate{Email: &in}); jingzi.ErrorCode(err) != jingzi.EINVALID {
				t.Errorf("administrator sets %q: %v, want EINVALID", in, err)
			}
		}
		if got := reload().Email; got != other {
			t.Errorf("after refused changes the address is %q, want %q", got, other)
		}
		if err := users.ChangeEmail(asUser(u), "lihm@mzj.jiangcheng.gov.cn"); err != nil || reload().Email != "lihm@mzj.jiangcheng.gov.cn" {
			t.Errorf("own address: %v, now %q", err, reload().Email)
		}
		if err := users.ChangeEmail(asUser(u), ""); err != nil || reload().Email != "" {
			t.Errorf("clear own address: %v, now %q", err, reload().Email)
		}
		if err := users.ChangeEmail(t.Context(), "x@y.cn"); jingzi.ErrorCode(err) != jingzi.EUNAUTHORIZED {
			t.Errorf("nobody changes an address: %v", err)
		}
	})
}

// The overdue check's notifications are listed after it commits with the
// recipients' addresses: only those who have one, and only the kinds asked for.
func TestNotificationMails(t *testing.T) {
	eachDB(t, func(t *testing.T, db *sqldb.DB) {
		f := newLedgerFixture(t, db)
		f.item(t, f.meeting, "联系群众不够紧密", civil(2022, 1, 20))
		users, notes := sqldb.NewUserService(db), sqldb.NewNotificationService(db)
		if err := users.ChangeEmail(asUser(f.member), "lihm@mzj.jiangcheng.gov.cn"); err != nil {
			t.Fatal(err)
		}
		sysCtx := jingzi.SystemContext(t.Context(), "逾期检查")
		if _, err := notes.LastNotificationID(asUser(f.organizer)); jingzi.ErrorCode(err) != jingzi.EFORBIDDEN {
			t.Errorf("an organiser reads the mail queue: %v", err)
		}
		before, err := notes.LastNotificationID(sysCtx)
		if err != nil {
			t.Fatal(err)
		}
		if n, err := f.svc.FlagOverdue(sysCtx, time.Date(2022, 1, 21, 8, 0, 0, 0, time.UTC)); err != nil || n != 1 {
			t.Fatalf("flagged %d: %v", n, err)
		}
		mails, err := notes.NotificationMails(sysCtx, before, "ledger.overdue")
		if err != nil {
			t.Fatal(err)
		}
		if len(mails) != 1 || mails[0].To != "lihm@mzj.jiangcheng.gov.cn" || mails[0].UserID != f.member.ID || mails[0].Kind != "ledger.overdue" {
			t.Fatalf("mails: %+v, want one to 李红梅", mails)
		}
		if other, _ := notes.NotificationMails(sysCtx, before, "deadline."); len(other) != 0 {
			t.Errorf("deadline mails after an overdue check: %+v", other)
		}
		last, _ := notes.LastNotificationID(sysCtx)
		if again, _ := notes.NotificationMails(sysCtx, last, "ledger.overdue"); len(again) != 0 {
			t.Errorf("mails after the last id: %+v", again)
		}
	})
}
