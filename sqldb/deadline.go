package sqldb

import (
	"context"
	"fmt"
	"strconv"
	"time"

	"jingzi"
)

// deadline is one dated duty of a meeting that reminders are sent for.
type deadline struct {
	key  string // part of the notification kind, so each reminder is sent once
	what string
	due  time.Time
}

// meetingDeadlines: the theme and date go to the superior ReportDays before the
// meeting (until they are reported), and the 情况报告 within the minutes'
// report days after it (15 unless the organiser changed them) until it is sent.
func meetingDeadlines(m *jingzi.Meeting, min *jingzi.Minutes) []deadline {
	if m.MeetingDate == nil || m.Phase == jingzi.PhaseArchive {
		return nil
	}
	var out []deadline
	if by := m.ReportBy(); by != nil && m.ReportedOn == nil {
		out = append(out, deadline{"report-ahead", "向上级报送会议主题和时间", *by})
	}
	if due := min.ReportDue(m.MeetingDate); due != nil && min.ReportSentOn == nil {
		out = append(out, deadline{"meeting-report", "向上级纪委、组织部报送" + m.Kind.Label() + "情况报告", *due})
	}
	return out
}

// RemindDeadlines 期限提醒 tells the organisers over each team and its reviewers,
// once each, when a deadline of a meeting is three days away and when it has
// passed. The server runs it every hour with its clock; it returns how many
// notifications it wrote.
func (s *NotificationService) RemindDeadlines(ctx context.Context, now time.Time) (int, error) {
	tx, err := s.db.BeginTx(jingzi.SystemContext(ctx, "期限提醒"))
	if err != nil {
		return 0, err
	}
	defer tx.Rollback()
	// An archived meeting is done: no more reminders, and nothing to write to it.
	list, err := findMeetings(tx, "m.meeting_date IS NOT NULL AND m.archived_at IS NULL")
	if err != nil {
		return 0, err
	}
	sent := 0
	for _, brief := range list {
		m, err := findMeetingByID(tx, brief.ID) // with roster and reviewers
		if err != nil {
			return 0, err
		}
		min, err := minutesReport(tx, m.ID)
		if err != nil {
			return 0, err
		}
		for _, d := range meetingDeadlines(m, min) {
			n, err := remind(tx, m, d, now)
			if err != nil {
				return 0, err
			}
			sent += n
		}
	}
	return sent, tx.Commit()
}

// remind writes the reminder due now for one deadline, if it has not been sent.
func remind(tx *Tx, m *jingzi.Meeting, d deadline, now time.Time) (int, error) {
	stage, text := "", ""
	switch days := int(d.due.Sub(now).Hours() / 24); {
	case now.After(d.due.AddDate(0, 0, 1)):
		stage, text = "passed", fmt.Sprintf("%s：%s已于%s到期，尚未完成。", m.Title, d.what, jingzi.FormatDate(d.due))
	case days <= 3:
		stage, text = "soon", fmt.Sprintf("%s：%s的期限是%s，还有%d天。", m.Title, d.what, jingzi.FormatDate(d.due), max(days, 0))
	default:
		return 0, nil
	}
	kind := "deadline." + d.key + "." + stage + ":" + strconv.FormatInt(m.ID, 10)
	to, err := deadlineRecipients(tx, m)
	if err != nil {
		return 0, err
	}
	n := 0
	for _, uid := range to {
		var have int
		if err := tx.queryRow(`SELECT COUNT(*) FROM notifications WHERE user_id = ? AND kind = ?`, uid, kind).Scan(&have); err != nil {
			return 0, err
		} else if have > 0 {
			continue
		}
		if _, err := tx.exec(`INSERT INTO notifications (user_id, kind, text, link, created_at) VALUES (?, ?, ?, ?, ?)`,
			uid, kind, text, "/meetings/"+strconv.FormatInt(m.ID, 10), tx.now); err != nil {
			return 0, fmt.Errorf("insert reminder: %w", err)
		}
		n++
	}
	return n, nil
}

// deadlineRecipients: the meeting's reviewers and the organisers over the team's org.
func deadlineRecipients(tx *Tx, m *jingzi.Meeting) ([]int64, error) {
	reviewers, err := reviewerIDs(tx, m)
	if err != nil {
		return nil, err
	}
	organisers, err := organisersOver(tx, m)
	if err != nil {
		return nil, err
	}
	return uniqueIDs(append(reviewers, organisers...)), nil
}
