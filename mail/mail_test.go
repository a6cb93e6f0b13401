package mail_test

import (
	"net"
	"strings"
	"testing"
	"time"

	"jingzi"
	"jingzi/mail"
	"jingzi/mail/smtptest"
)

const subject = "【整改台账】逾期提醒"

const body = "2021年度民主生活会整改台账第1项“调查研究不够深入”已超过完成时限（2022年1月20日），请抓紧推进。\n.以点开头的一行\n"

// A reminder reaches the server with its Chinese subject and body intact, the
// headers a mail reader needs, and the login the relay asked for.
func TestSendChinese(t *testing.T) {
	srv := smtptest.NewServer(t)
	user, password := "dangban@mzj.jiangcheng.gov.cn", "s3cret-口令"
	srv.Configure(func(c *smtptest.Config) { c.User, c.Password = user, password })
	m := &mail.Mailer{Addr: srv.Addr, From: "jingzi@mzj.jiangcheng.gov.cn", User: user, Password: password,
		Now: func() time.Time { return time.Date(2022, 1, 21, 8, 0, 0, 0, time.FixedZone("CST", 8*3600)) }}
	to := []string{"lihm@mzj.jiangcheng.gov.cn", "zhangw@mzj.jiangcheng.gov.cn"}
	if err := m.Send(t.Context(), to, subject, body); err != nil {
		t.Fatal(err)
	}
	msgs := srv.Messages()
	if len(msgs) != 1 {
		t.Fatalf("%d messages arrived, want 1", len(msgs))
	}
	got := msgs[0]
	if got.Subject != subject || got.Body != body {
		t.Errorf("arrived as %q / %q", got.Subject, got.Body)
	}
	if strings.Join(got.To, ",") != strings.Join(to, ",") || got.From != m.From {
		t.Errorf("envelope %s → %v", got.From, got.To)
	}
	for k, want := range map[string]string{"Date": "Fri, 21 Jan 2022 08:00:00 +0800", "Content-Type": "text/plain; charset=UTF-8",
		"From": m.From, "To": strings.Join(to, ", ")} {
		if v := got.Header.Get(k); v != want {
			t.Errorf("%s: %q, want %q", k, v, want)
		}
	}
	if id := got.Header.Get("Message-ID"); !strings.HasPrefix(id, "<") || !strings.HasSuffix(id, "@mzj.jiangcheng.gov.cn>") {
		t.Errorf("Message-ID %q", id)
	}
	if strings.Contains(got.Raw, "调查") || strings.Contains(got.Raw, "逾期") {
		t.Error("Chinese text travels unencoded")
	}
}

// Refusals by the server come back as errors that name what was refused.
func TestSendRefused(t *testing.T) {
	srv := smtptest.NewServer(t)
	srv.Configure(func(c *smtptest.Config) {
		c.RefuseRcpt = func(a string) bool { return a == "nobody@mzj.jiangcheng.gov.cn" }
	})
	m := &mail.Mailer{Addr: srv.Addr, From: "jingzi@mzj.jiangcheng.gov.cn"}
	err := m.Send(t.Context(), []string{"nobody@mzj.jiangcheng.gov.cn"}, subject, body)
	if err == nil || !strings.Contains(err.Error(), "recipient nobody@mzj.jiangcheng.gov.cn refused") || !strings.Contains(err.Error(), "550") {
		t.Errorf("refused recipient: %v", err)
	}
	srv.Configure(func(c *smtptest.Config) { c.User, c.Password = "dangban", "right" })
	m.User, m.Password = "dangban", "wrong"
	if err := m.Send(t.Context(), []string{"lihm@mzj.jiangcheng.gov.cn"}, subject, body); err == nil || !strings.Contains(err.Error(), "535") {
		t.Errorf("wrong password: %v", err)
	}
	if n := len(srv.Messages()); n != 0 {
		t.Errorf("%d messages accepted after refusals", n)
	}
}

// A line break in a subject or an address would let text become a header:
// such a mail is refused before anything is sent.
func TestSendNoHeaderInjection(t *testing.T) {
	srv := smtptest.NewServer(t)
	m := &mail.Mailer{Addr: srv.Addr, From: "jingzi@mzj.jiangcheng.gov.cn"}
	for _, tc := range []struct {
		name    string
		to      []string
		subject string
	}{
		{"subject", []string{"lihm@mzj.jiangcheng.gov.cn"}, "提醒\r\nBcc: spy@example.com"},
		{"subject LF", []string{"lihm@mzj.jiangcheng.gov.cn"}, "提醒\nBcc: spy@example.com"},
		{"recipient", []string{"lihm@mzj.jiangcheng.gov.cn\r\nBcc: spy@example.com"}, subject},
		{"display name", []string{"李红梅 <lihm@mzj.jiangcheng.gov.cn>"}, subject},
		{"no recipient", nil, subject},
	} {
		if err := m.Send(t.Context(), tc.to, tc.subject, body); jingzi.ErrorCode(err) != jingzi.EINVALID {
			t.Errorf("%s: %v, want EINVALID", tc.name, err)
		}
	}
	bad := &mail.Mailer{Addr: srv.Addr, From: "jingzi@mzj.jiangcheng.gov.cn\r\nBcc: spy@example.com"}
	if err := bad.Send(t.Context(), []string{"lihm@mzj.jiangcheng.gov.cn"}, subject, body); jingzi.ErrorCode(err) != jingzi.EINVALID {
		t.Errorf("sender with a line break: %v", err)
	}
	if n := len(srv.Messages()); n != 0 {
		t.Errorf("%d messages sent", n)
	}
}

// A server that accepts the connection and then says nothing does not hang
// the job: the mailer gives up after its timeout.
func TestSendSilentServer(t *testing.T) {
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	defer ln.Close()
	go func() {
		for {
			c, err := ln.Accept()
			if err != nil {
				return
			}
			defer c.Close()
		}
	}()
	m := &mail.Mailer{Addr: ln.Addr().String(), From: "jingzi@mzj.jiangcheng.gov.cn", Timeout: 100 * time.Millisecond}
	if err := m.Send(t.Context(), []string{"lihm@mzj.jiangcheng.gov.cn"}, subject, body); err == nil || !strings.Contains(err.Error(), "greeting") {
		t.Errorf("silent server: %v", err)
	}
}
