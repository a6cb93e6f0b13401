package sqldb

import (
	"context"
	"fmt"

	"jingzi"
)

// NotificationService implements jingzi.NotificationService.
type NotificationService struct{ db *DB }

// NewNotificationService returns the notification service.
func NewNotificationService(db *DB) *NotificationService { return &NotificationService{db: db} }

var errNoAccount = jingzi.Errorf(jingzi.EUNAUTHORIZED, "请先登录。")

// FindNotifications lists the caller's notifications, newest first.
func (s *NotificationService) FindNotifications(ctx context.Context, offset, limit int) ([]*jingzi.Notification, int, error) {
	u := jingzi.UserFromContext(ctx)
	if u == nil {
		return nil, 0, errNoAccount
	}
	tx, err := s.db.beginRead(ctx)
	if err != nil {
		return nil, 0, err
	}
	defer tx.Rollback()
	rows, err := tx.query(`SELECT id, user_id, kind, text, link, created_at, read FROM notifications WHERE user_id = ? ORDER BY id DESC`, u.ID)
	if err != nil {
		return nil, 0, fmt.Errorf("find notifications: %w", err)
	}
	defer rows.Close()
	var out []*jingzi.Notification
	for rows.Next() {
		n := &jingzi.Notification{}
		if err := rows.Scan(&n.ID, &n.UserID, &n.Kind, &n.Text, &n.Link, &n.CreatedAt, &n.Read); err != nil {
			return nil, 0, err
		}
		out = append(out, n)
	}
	if err := rows.Err(); err != nil {
		return nil, 0, err
	}
	return page(out, offset, limit), len(out), nil
}

// CountUnread counts the caller's unread notifications; 0 for the system or nobody.
func (s *NotificationService) CountUnread(ctx context.Context) (int, error) {
	u := jingzi.UserFromContext(ctx)
	if u == nil {
		return 0, nil
	}
	var n int
	err := s.db.read.QueryRowContext(ctx, s.db.rebind(`SELECT COUNT(*) FROM notifications WHERE user_id = ? AND NOT read`), u.ID).Scan(&n)
	return n, err
}

// MarkRead marks one or all of the caller's notifications read.
func (s *NotificationService) MarkRead(ctx context.Context, id int64) error {
	u := jingzi.UserFromContext(ctx)
	if u == nil {
		return errNoAccount
	}
	q, args := `UPDATE notifications SET read = TRUE WHERE user_id = ?`, []any{u.ID}
	if id > 0 {
		q, args = q+` AND id = ?`, append(args, id)
	}
	_, err := s.db.write.ExecContext(ctx, s.db.rebind(q), args...)
	return err
}

// notifyReview tells the next desk of a submission and the author of a return,
// an approval or a reopening.
func notifyReview(tx *Tx, m *jingzi.Meeting, st *jingzi.Statement, r *jingzi.Review) error {
	link := fmt.Sprintf("/statements/%d", st.ID)
	owner := m.OrgName + st.OwnerLabel() + "的对照检查材料"
	type note struct {
		to   []int64
		text string
	}
	var notes []note
	if st.Desk == jingzi.DeskHead {
		notes = append(notes, note{[]int64{m.Head().UserID}, owner + "已提交，请您审阅。"})
	} else if st.Desk == jingzi.DeskReviewer {
		ids, err := reviewerIDs(tx, m)
		if err != nil {
			return err
		}
		notes = append(notes, note{ids, owner + "已提交，请您审核。"})
	}
	if r.Action != jingzi.ReviewSubmit {
		text := fmt.Sprintf("%s已由%s%s。", owner, r.UserName, r.Label())
		if r.Reasons != "" {
			text += "理由：" + r.Reasons
		}
		notes = append(notes, note{authorIDs(m, st), text})
	}
	for _, n := range notes {
		if err := insertNotifications(tx, n.to, r, n.text, link); err != nil {
			return err
		}
	}
	return nil
}

func insertNotifications(tx *Tx, to []int64, r *jingzi.Review, text, link string) error {
	for _, uid := range to {
		if uid == 0 || uid == r.UserID {
			continue
		}
		if _, err := tx.exec(`INSERT INTO notifications (user_id, kind, text, link, created_at) VALUES (?, ?, ?, ?, ?)`,
			uid, r.Action, text, link, tx.now); err != nil {
			return fmt.Errorf("insert notification: %w", err)
		}
	}
	return nil
}

// authorIDs: the participant for their own statement, the head for the team's.
func authorIDs(m *jingzi.Meeting, st *jingzi.Statement) []int64 {
	if st.ParticipantID == 0 {
		if h := m.Head(); h != nil {
			return []int64{h.UserID}
		}
		return nil
	}
	if p := m.Participant(st.ParticipantID); p != nil {
		return []int64{p.UserID}
	}
	return nil
}

// reviewerIDs: the 审核人 named on the meeting, or else every enabled account
// holding the reviewer role over the team's org.
func reviewerIDs(tx *Tx, m *jingzi.Meeting) ([]int64, error) {
	if ids := m.ReviewerIDs(); len(ids) > 0 {
		return ids, nil
	}
	return holdersOver(tx, jingzi.RoleReviewer, m.OrgPath)
}

// organisersOver: the enabled accounts holding the organiser role over the team's org.
func organisersOver(tx *Tx, m *jingzi.Meeting) ([]int64, error) {
	return holdersOver(tx, jingzi.RoleOrganizer, m.OrgPath)
}

// holdersOver: the enabled accounts holding role at an org covering path, in
// id order, each once.
func holdersOver(tx *Tx, role jingzi.Role, path string) ([]int64, error) {
	rows, err := tx.query(`SELECT DISTINCT g.user_id, o.path FROM grants g JOIN orgs o ON o.id = g.org_id
		JOIN users u ON u.id = g.user_id WHERE g.role = ? AND NOT u.disabled ORDER BY g.user_id`, string(role))
	if err != nil {
		return nil, fmt.Errorf("find %s accounts: %w", role, err)
	}
	defer rows.Close()
	var out []int64
	for rows.Next() {
		var id int64
		var at string
		if err := rows.Scan(&id, &at); err != nil {
			return nil, err
		}
		if (jingzi.Grant{Role: role, OrgPath: at}).Covers(path) && (len(out) == 0 || out[len(out)-1] != id) {
			out = append(out, id)
		}
	}
	return out, rows.Err()
}
