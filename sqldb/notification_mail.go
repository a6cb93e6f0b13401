package sqldb

import (
	"context"
	"fmt"

	"jingzi"
)

// The daily 逾期检查 and the hourly 期限提醒 mail what they wrote after it is
// committed: the job reads LastNotificationID before it runs and lists the new
// notifications with NotificationMails afterwards, so no write transaction is
// ever held open while a mail server answers.

var errMailSystemOnly = jingzi.Errorf(jingzi.EFORBIDDEN, "提醒邮件由系统自动发送。")

// LastNotificationID returns the highest notification id so far (0 when none).
func (s *NotificationService) LastNotificationID(ctx context.Context) (int64, error) {
	if !jingzi.IsSystem(ctx) {
		return 0, errMailSystemOnly
	}
	var id int64
	err := s.db.read.QueryRowContext(ctx, `SELECT COALESCE(MAX(id), 0) FROM notifications`).Scan(&id)
	if err != nil {
		return 0, fmt.Errorf("last notification: %w", err)
	}
	return id, nil
}

// NotificationMails lists the notifications after afterID whose kind begins
// with kindPrefix, each with its recipient's email address, oldest first.
// Recipients without an address or with a disabled account are left out.
// Only the system may call it; it returns EFORBIDDEN to anyone else.
func (s *NotificationService) NotificationMails(ctx context.Context, afterID int64, kindPrefix string) ([]*jingzi.NotificationMail, error) {
	if !jingzi.IsSystem(ctx) {
		return nil, errMailSystemOnly
	}
	tx, err := s.db.beginRead(ctx)
	if err != nil {
		return nil, err
	}
	defer tx.Rollback()
	rows, err := tx.query(`SELECT n.id, n.user_id, n.kind, n.text, n.link, n.created_at, n.read, u.email
		FROM notifications n JOIN users u ON u.id = n.user_id
		WHERE n.id > ? AND substr(n.kind, 1, ?) = ? AND u.email IS NOT NULL AND u.email <> '' AND NOT u.disabled
		ORDER BY n.id`, afterID, len(kindPrefix), kindPrefix)
	if err != nil {
		return nil, fmt.Errorf("find notification mails: %w", err)
	}
	defer rows.Close()
	var out []*jingzi.NotificationMail
	for rows.Next() {
		m := &jingzi.NotificationMail{}
		if err := rows.Scan(&m.ID, &m.UserID, &m.Kind, &m.Text, &m.Link, &m.CreatedAt, &m.Read, &m.To); err != nil {
			return nil, err
		}
		out = append(out, m)
	}
	return out, rows.Err()
}
