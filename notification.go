package jingzi

import (
	"context"
	"time"
)

// Notification 站内通知 tells one account that something needs them or
// happened to their work: a statement submitted, returned, approved.
type Notification struct {
	ID        int64
	UserID    int64
	Kind      string // the review action that caused it
	Text      string
	Link      string // the page to open, e.g. /statements/12
	CreatedAt time.Time
	Read      bool
}

// NotificationService 站内通知. A caller sees only their own notifications.
type NotificationService interface {
	// FindNotifications lists the caller's notifications, newest first.
	FindNotifications(ctx context.Context, offset, limit int) ([]*Notification, int, error)
	CountUnread(ctx context.Context) (int, error)
	// MarkRead marks one (id > 0) or all (id == 0) of the caller's notifications read.
	MarkRead(ctx context.Context, id int64) error
}

// Mailer 邮件发送 delivers a plain-text mail. The server has one only when
// SMTP is configured; without it reminders stay in-app. Send returns an error
// the caller logs: mail is best-effort and never undoes a notification.
type Mailer interface {
	Send(ctx context.Context, to []string, subject, body string) error
}

// NotificationMail 提醒邮件 is a notification addressed to its recipient's
// email address, for mailing after the notification is stored.
type NotificationMail struct {
	Notification
	To string // the recipient's email address
}
