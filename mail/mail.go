// Package mail sends jingzi's reminders by email through an SMTP relay, with
// the standard library only: STARTTLS when the server offers it, AUTH PLAIN
// when a user is configured, a UTF-8 subject encoded per RFC 2047 and a
// text/plain UTF-8 body.
package mail

import (
	"context"
	"crypto/rand"
	"crypto/tls"
	"encoding/base64"
	"encoding/hex"
	"fmt"
	"mime"
	"net"
	"net/mail"
	"net/smtp"
	"strings"
	"time"

	"jingzi"
)

var _ jingzi.Mailer = (*Mailer)(nil)

// Mailer 邮件发送 delivers through one SMTP server. Addr and From are
// required; User and Password only when the server wants a login.
type Mailer struct {
	Addr     string // host:port of the SMTP server, e.g. smtp.example.gov.cn:587
	From     string // the sender's address
	User     string // AUTH PLAIN user; empty for no login
	Password string // never logged
	// TLSConfig is used for STARTTLS; nil means the server's host name is
	// verified against the system roots.
	TLSConfig *tls.Config
	// RequireTLS refuses to send when the server does not offer STARTTLS.
	RequireTLS bool
	Timeout    time.Duration    // the whole conversation; 0 means 30 seconds
	Now        func() time.Time // for the Date header; nil means time.Now
}

// Send mails one plain-text message to the given recipients. A subject or
// address with a line break, or an address that is not a plain addr-spec, is
// refused before any connection is made.
func (m *Mailer) Send(ctx context.Context, to []string, subject, body string) error {
	msg, err := m.message(to, subject, body)
	if err != nil {
		return err
	}
	timeout := m.Timeout
	if timeout <= 0 {
		timeout = 30 * time.Second
	}
	ctx, cancel := context.WithTimeout(ctx, timeout)
	defer cancel()
	conn, err := (&net.Dialer{}).DialContext(ctx, "tcp", m.Addr)
	if err != nil {
		return fmt.Errorf("send mail: connect to %s: %w", m.Addr, err)
	}
	defer conn.Close()
	deadline, _ := ctx.Deadline()
	conn.SetDeadline(deadline)
	stop := context.AfterFunc(ctx, func() { conn.SetDeadline(time.Now()) }) // cancellation ends a stuck read
	defer stop()
	return m.converse(conn, to, msg)
}

// converse speaks SMTP over an open connection.
func (m *Mailer) converse(conn net.Conn, to []string, msg []byte) error {
	host, _, _ := net.SplitHostPort(m.Addr)
	c, err := smtp.NewClient(conn, host)
	if err != nil {
		return fmt.Errorf("send mail: greeting from %s: %w", m.Addr, err)
	}
	defer c.Close()
	if ok, _ := c.Extension("STARTTLS"); ok {
		cfg := m.TLSConfig
		if cfg == nil {
			cfg = &tls.Config{ServerName: host, MinVersion: tls.VersionTLS12}
		}
		if err := c.StartTLS(cfg); err != nil {
			return fmt.Errorf("send mail: STARTTLS with %s: %w", m.Addr, err)
		}
	} else if m.RequireTLS {
		return fmt.Errorf("send mail: %s does not offer STARTTLS", m.Addr)
	}
	if m.User != "" {
		if err := c.Auth(smtp.PlainAuth("", m.User, m.Password, host)); err != nil {
			return fmt.Errorf("send mail: login as %s at %s: %w", m.User, m.Addr, err)
		}
	}
	if err := c.Mail(m.From); err != nil {
		return fmt.Errorf("send mail: sender %s refused: %w", m.From, err)
	}
	for _, rcpt := range to {
		if err := c.Rcpt(rcpt); err != nil {
			return fmt.Errorf("send mail: recipient %s refused: %w", rcpt, err)
		}
	}
	w, err := c.Data()
	if err != nil {
		return fmt.Errorf("send mail: DATA: %w", err)
	}
	if _, err := w.Write(msg); err != nil {
		return fmt.Errorf("send mail: write message: %w", err)
	}
	if err := w.Close(); err != nil {
		return fmt.Errorf("send mail: message not accepted: %w", err)
	}
	return c.Quit()
}

// checkAddress accepts a plain addr-spec only: no display name, no line break.
func checkAddress(a string) error {
	if a == "" || strings.ContainsAny(a, "\r\n<>") {
		return jingzi.Errorf(jingzi.EINVALID, "邮件地址“%s”无效。", strings.ReplaceAll(strings.ReplaceAll(a, "\r", " "), "\n", " "))
	}
	if p, err := mail.ParseAddress(a); err != nil || p.Name != "" || p.Address != a {
		return jingzi.Errorf(jingzi.EINVALID, "邮件地址“%s”无效。", a)
	}
	return nil
}

// message builds the headers and the base64 body; base64 keeps Chinese text
// intact through relays that do not speak 8BITMIME.
func (m *Mailer) message(to []string, subject, body string) ([]byte, error) {
	if len(to) == 0 {
		return nil, jingzi.Errorf(jingzi.EINVALID, "没有收件人。")
	} else if strings.ContainsAny(subject, "\r\n") {
		return nil, jingzi.Errorf(jingzi.EINVALID, "邮件主题不能包含换行。")
	}
	for _, a := range append([]string{m.From}, to...) {
		if err := checkAddress(a); err != nil {
			return nil, err
		}
	}
	now := time.Now
	if m.Now != nil {
		now = m.Now
	}
	id := make([]byte, 12)
	rand.Read(id)
	domain := m.From[strings.LastIndexByte(m.From, '@')+1:]
	var b strings.Builder
	header := func(k, v string) { b.WriteString(k + ": " + v + "\r\n") }
	header("From", m.From)
	header("To", strings.Join(to, ", "))
	header("Subject", mime.BEncoding.Encode("UTF-8", subject))
	header("Date", now().Format(time.RFC1123Z))
	header("Message-ID", "<"+hex.EncodeToString(id)+"@"+domain+">")
	header("MIME-Version", "1.0")
	header("Content-Type", "text/plain; charset=UTF-8")
	header("Content-Transfer-Encoding", "base64")
	b.WriteString("\r\n")
	body = strings.ReplaceAll(strings.ReplaceAll(body, "\r\n", "\n"), "\n", "\r\n")
	enc := base64.StdEncoding.EncodeToString([]byte(body))
	for len(enc) > 76 {
		b.WriteString(enc[:76] + "\r\n")
		enc = enc[76:]
	}
	b.WriteString(enc + "\r\n")
	return []byte(b.String()), nil
}
