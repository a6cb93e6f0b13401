package main

import (
	"context"
	"fmt"
	"log/slog"
	"os"
	"strings"
	"time"

	"jingzi"
	"jingzi/mail"
	"jingzi/sqldb"
)

// reminderMail 提醒邮件 mails what a reminder job has just committed to the
// recipients who have an email address. It runs after the job's transaction,
// never inside it, and is best-effort: a failure is logged and the in-app
// notification stays as it is, neither undone nor written again. A nil
// reminderMail, or one without a mailer, sends nothing.
type reminderMail struct {
	notes  *sqldb.NotificationService
	mailer jingzi.Mailer
	logger *slog.Logger
}

// Mail subjects by the kind of notification; the body is the notification's text.
const (
	overdueSubject  = "【镜子】整改台账逾期提醒"
	deadlineSubject = "【镜子】民主生活会期限提醒"
)

// mark returns the last notification id before a job runs; ok is false when
// no mail is to be sent.
func (r *reminderMail) mark(ctx context.Context) (id int64, ok bool) {
	if r == nil || r.mailer == nil {
		return 0, false
	}
	id, err := r.notes.LastNotificationID(jingzi.SystemContext(ctx, "提醒邮件"))
	if err != nil {
		r.logger.Warn("reminder mail: read last notification", "err", err)
		return 0, false
	}
	return id, true
}

// send mails each notification written after the mark whose kind begins with
// prefix, one mail per notification, and returns how many went out.
func (r *reminderMail) send(ctx context.Context, after int64, prefix, subject string) int {
	list, err := r.notes.NotificationMails(jingzi.SystemContext(ctx, "提醒邮件"), after, prefix)
	if err != nil {
		r.logger.Warn("reminder mail: list notifications", "err", err)
		return 0
	}
	sent := 0
	for _, n := range list {
		if err := r.mailer.Send(ctx, []string{n.To}, subject, mailBody(n)); err != nil {
			r.logger.Warn("reminder mail", "notification", n.ID, "user", n.UserID, "err", err)
			continue
		}
		sent++
	}
	if sent > 0 {
		r.logger.Info("reminder mail", "kind", prefix, "sent", sent)
	}
	return sent
}

func mailBody(n *jingzi.NotificationMail) string {
	return n.Text + "\n\n请登录镜子（jingzi）系统，在“站内通知”中查看并处理（页面：" + n.Link + "）。\n\n" +
		"本邮件由系统自动发送，请勿直接回复。\n" + jingzi.FormatDate(n.CreatedAt) + "\n"
}

// newMailer returns the SMTP mailer configured by --smtp-addr and --smtp-from,
// with the password from JINGZI_SMTP_PASSWORD only; nil when no server is set.
func newMailer(addr, from, user string) (jingzi.Mailer, error) {
	if addr == "" {
		return nil, nil
	}
	if !strings.Contains(addr, ":") {
		return nil, jingzi.Errorf(jingzi.EINVALID, "--smtp-addr 应写作 主机:端口，例如 smtp.example.gov.cn:587。")
	} else if err := jingzi.ValidateEmail(strings.TrimSpace(from)); err != nil || strings.TrimSpace(from) == "" {
		return nil, jingzi.Errorf(jingzi.EINVALID, "已设置 --smtp-addr，请用 --smtp-from 填写有效的发件人邮箱地址。")
	}
	password := os.Getenv("JINGZI_SMTP_PASSWORD")
	if user != "" && password == "" {
		return nil, jingzi.Errorf(jingzi.EINVALID, "已设置 --smtp-user，请在环境变量 JINGZI_SMTP_PASSWORD 中提供密码。")
	}
	return &mail.Mailer{Addr: addr, From: strings.TrimSpace(from), User: user, Password: password}, nil
}

// mailSummary describes the mail setting for the start-up log, without the password.
func mailSummary(m jingzi.Mailer) string {
	if sm, ok := m.(*mail.Mailer); ok {
		return fmt.Sprintf("%s（发件人 %s）", sm.Addr, sm.From)
	}
	return "未配置（仅站内通知）"
}

// remindOnce writes the deadline reminders due at now and, once they are
// committed, mails them.
func remindOnce(ctx context.Context, svc *sqldb.NotificationService, now time.Time, mail *reminderMail) (int, error) {
	mark, mailing := mail.mark(ctx)
	n, err := svc.RemindDeadlines(ctx, now)
	if err == nil && mailing && n > 0 {
		mail.send(ctx, mark, "deadline.", deadlineSubject)
	}
	return n, err
}
