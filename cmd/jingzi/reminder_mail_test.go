package main

import (
	"context"
	"io"
	"log/slog"
	"strings"
	"testing"
	"time"

	"jingzi"
	"jingzi/mail"
	"jingzi/mail/smtptest"
	"jingzi/sqldb"
)

const ownerEmail = "lihongmei@mzj.jiangcheng.gov.cn"

// mailingJob is the overdue job of the site with mail through srv; the 责任人
// 李红梅 has an email address, the 牵头领导 张伟 and the organiser do not.
func mailingJob(t *testing.T, s *overdueSite, srv *smtptest.Server) *overdueJob {
	t.Helper()
	if err := sqldb.NewUserService(s.db).ChangeEmail(jingzi.NewContextWithActor(context.Background(), &jingzi.Actor{User: s.owner}), ownerEmail); err != nil {
		t.Fatal(err)
	}
	logger := slog.New(slog.NewTextHandler(io.Discard, nil))
	rm := &reminderMail{notes: sqldb.NewNotificationService(s.db), logger: logger,
		mailer: &mail.Mailer{Addr: srv.Addr, From: "jingzi@mzj.jiangcheng.gov.cn"}}
	return &overdueJob{ledger: s.ledger, now: s.clock.Now, logger: logger, mail: rm}
}

// When the item turns red the 责任人, who has an email address, gets one mail
// with the notification's text; the others are told in-app only, and later
// runs mail nothing again.
func TestOverdueJobMails(t *testing.T) {
	s := newOverdueSite(t)
	srv := smtptest.NewServer(t)
	job := mailingJob(t, s, srv)
	for _, day := range []int{20, 21, 22, 23} {
		s.clock.Set(time.Date(2022, 1, day, 8, 0, 0, 0, time.UTC))
		if _, err := job.run(context.Background()); err != nil {
			t.Fatal(err)
		}
	}
	msgs := srv.Messages()
	if len(msgs) != 1 {
		t.Fatalf("%d mails, want one to the 责任人", len(msgs))
	}
	m := msgs[0]
	if strings.Join(m.To, ",") != ownerEmail || m.Subject != overdueSubject {
		t.Errorf("mail to %v, subject %q", m.To, m.Subject)
	}
	for _, want := range []string{"2021年度民主生活会整改台账第1项“调查研究不够深入”已超过完成时限（2022年1月20日）", "请抓紧推进", "/ledger/"} {
		if !strings.Contains(m.Body, want) {
			t.Errorf("mail body lacks %q:\n%s", want, m.Body)
		}
	}
	for _, u := range []*jingzi.User{s.owner, s.lead, s.organ} {
		if n := s.told(t, u); n != 1 {
			t.Errorf("%s told in-app %d times, want once", u.Login, n)
		}
	}
}

// A mail server that refuses the recipient costs nothing in-app: the item is
// red, everyone is told once, the job reports no error and does not retry.
func TestOverdueJobMailFailure(t *testing.T) {
	s := newOverdueSite(t)
	srv := smtptest.NewServer(t)
	srv.Configure(func(c *smtptest.Config) { c.RefuseRcpt = func(string) bool { return true } })
	job := mailingJob(t, s, srv)
	for _, day := range []int{21, 22} {
		s.clock.Set(time.Date(2022, 1, day, 8, 0, 0, 0, time.UTC))
		if _, err := job.run(context.Background()); err != nil {
			t.Fatalf("1月%d日: %v", day, err)
		}
	}
	if s.colour(t) != jingzi.Red || s.told(t, s.owner) != 1 || s.told(t, s.lead) != 1 {
		t.Errorf("after a refused mail: colour %s, owner told %d, lead told %d", s.colour(t), s.told(t, s.owner), s.told(t, s.lead))
	}
	if n := len(srv.Messages()); n != 0 {
		t.Errorf("%d mails accepted by a refusing server", n)
	}
}

// The hourly deadline reminder mails the organiser who has an address.
func TestDeadlineReminderMails(t *testing.T) {
	s := newOverdueSite(t)
	srv := smtptest.NewServer(t)
	job := mailingJob(t, s, srv) // for the owner's address; the organiser gets one too
	organ := jingzi.NewContextWithActor(context.Background(), &jingzi.Actor{User: s.organ})
	if err := sqldb.NewUserService(s.db).ChangeEmail(organ, "dangban@mzj.jiangcheng.gov.cn"); err != nil {
		t.Fatal(err)
	}
	meetings := sqldb.NewMeetingService(s.db)
	list, _, err := meetings.FindMeetings(jingzi.SystemContext(context.Background(), "测试"), jingzi.MeetingFilter{})
	if err != nil || len(list) != 1 {
		t.Fatalf("meetings: %d, %v", len(list), err)
	}
	date := time.Date(2022, 1, 20, 0, 0, 0, 0, time.UTC) // theme and date due to the superior 2022-01-05
	if _, err := meetings.UpdateMeeting(organ, list[0].ID, jingzi.MeetingUpdate{Version: list[0].Version, MeetingDate: &date}); err != nil {
		t.Fatal(err)
	}
	notes := sqldb.NewNotificationService(s.db)
	for _, day := range []string{"2022-01-03", "2022-01-03", "2022-01-04"} {
		now, _ := time.Parse(time.DateOnly, day)
		if _, err := remindOnce(context.Background(), notes, now, job.mail); err != nil {
			t.Fatal(err)
		}
	}
	msgs := srv.Messages()
	if len(msgs) != 1 || strings.Join(msgs[0].To, ",") != "dangban@mzj.jiangcheng.gov.cn" || msgs[0].Subject != deadlineSubject ||
		!strings.Contains(msgs[0].Body, "向上级报送会议主题和时间的期限是2022年1月5日") {
		t.Fatalf("deadline mails: %+v", msgs)
	}
}

// Without --smtp-addr there is no mail; an incomplete setting refuses to start
// with a message that says what is missing, and the password comes only from
// the environment.
func TestNewMailer(t *testing.T) {
	t.Setenv("JINGZI_SMTP_PASSWORD", "")
	if m, err := newMailer("", "", ""); m != nil || err != nil {
		t.Errorf("unset: %v, %v; want no mailer", m, err)
	}
	for _, tc := range []struct{ addr, from, user, want string }{
		{"smtp.example.gov.cn", "jingzi@example.gov.cn", "", "主机:端口"},
		{"smtp.example.gov.cn:587", "", "", "--smtp-from"},
		{"smtp.example.gov.cn:587", "镜子 <jingzi@example.gov.cn>", "", "--smtp-from"},
		{"smtp.example.gov.cn:587", "jingzi@example.gov.cn", "jingzi", "JINGZI_SMTP_PASSWORD"},
	} {
		if _, err := newMailer(tc.addr, tc.from, tc.user); !strings.Contains(jingzi.ErrorMessage(err), tc.want) {
			t.Errorf("%+v: %v, want a message naming %s", tc, err, tc.want)
		}
	}
	t.Setenv("JINGZI_SMTP_PASSWORD", "s3cret")
	m, err := newMailer("smtp.example.gov.cn:587", "jingzi@example.gov.cn", "jingzi")
	if sm, ok := m.(*mail.Mailer); err != nil || !ok || sm.Password != "s3cret" || strings.Contains(mailSummary(m), "s3cret") {
		t.Errorf("configured: %+v, %v", m, err)
	}
}
