package sqldb

import (
	"context"
	"database/sql"
	"fmt"
	"time"

	"jingzi"
)

// MinutesService implements jingzi.MinutesService: the 会议记录 (attendance,
// agenda, 相互批评, 督导组点评, 总结) and the 情况报告's deadline and sending.
type MinutesService struct{ db *DB }

// NewMinutesService returns the minutes service.
func NewMinutesService(db *DB) *MinutesService { return &MinutesService{db: db} }

var (
	_ jingzi.MinutesService = (*MinutesService)(nil)
	_ jingzi.ProgressSource = (*MinutesService)(nil)

	errMinutesForbidden = jingzi.Errorf(jingzi.EFORBIDDEN, "只有本党组织或上级的党办组织者可以登记会议记录。")
	errMinutesConflict  = jingzi.Errorf(jingzi.ECONFLICT, "会议记录已被他人修改，您的修改未保存。请核对下方内容，刷新后重新修改。")
)

// FindMinutes returns the stored minutes or the draft.
func (s *MinutesService) FindMinutes(ctx context.Context, meetingID int64) (*jingzi.Minutes, error) {
	tx, err := s.db.beginRead(ctx)
	if err != nil {
		return nil, err
	}
	defer tx.Rollback()
	m, err := findVisibleMeeting(tx, meetingID)
	if err != nil {
		return nil, err
	}
	return findMinutes(tx, m)
}

// findMinutes loads the minutes of a meeting the caller may see, or builds the draft.
func findMinutes(tx *Tx, m *jingzi.Meeting) (*jingzi.Minutes, error) {
	min := &jingzi.Minutes{MeetingID: m.ID}
	var started, sent sql.NullTime
	err := tx.queryRow(`SELECT started_at, place, host, recorder, attendees, supervisor_remarks, summary,
		report_days, report_sent_on, version, updated_at FROM meeting_minutes WHERE meeting_id = ?`, m.ID).Scan(
		&started, &min.Place, &min.Host, &min.Recorder, &min.Attendees, &min.SupervisorRemarks, &min.Summary,
		&min.ReportDays, &sent, &min.Version, &min.UpdatedAt)
	if err == sql.ErrNoRows {
		return draftMinutes(tx, m)
	} else if err != nil {
		return nil, fmt.Errorf("find minutes: %w", err)
	}
	min.Saved = true
	if started.Valid {
		t := started.Time.UTC()
		min.StartedAt = &t
	}
	min.ReportSentOn = scannedDate(sent)
	if err := loadMinutesAttendance(tx, min); err != nil {
		return nil, err
	} else if err := loadAgenda(tx, min); err != nil {
		return nil, err
	}
	return min, loadCriticisms(tx, m, min)
}

// draftMinutes is what an organiser starts from: everyone present, the head
// hosting, the meeting date, the usual agenda with each speaker's statement.
func draftMinutes(tx *Tx, m *jingzi.Meeting) (*jingzi.Minutes, error) {
	min := &jingzi.Minutes{MeetingID: m.ID, ReportDays: jingzi.MeetingReportDays, StartedAt: m.MeetingDate}
	if h := m.Head(); h != nil {
		min.Host = h.Name
	}
	for _, p := range m.Participants {
		min.Attendance = append(min.Attendance, &jingzi.Attendance{ParticipantID: p.ID, Status: jingzi.AttendPresent})
	}
	statements, err := statementIDs(tx, m.ID)
	if err != nil {
		return nil, err
	}
	min.Agenda = jingzi.DefaultAgenda(m, statements)
	return min, nil
}

// statementIDs maps each owner (0 for the team) to their statement's id.
func statementIDs(tx *Tx, meetingID int64) (map[int64]int64, error) {
	rows, err := tx.query(`SELECT participant_id, id FROM statements WHERE meeting_id = ?`, meetingID)
	if err != nil {
		return nil, fmt.Errorf("find statements: %w", err)
	}
	defer rows.Close()
	out := map[int64]int64{}
	for rows.Next() {
		var owner, id int64
		if err := rows.Scan(&owner, &id); err != nil {
			return nil, err
		}
		out[owner] = id
	}
	return out, rows.Err()
}

func loadMinutesAttendance(tx *Tx, min *jingzi.Minutes) error {
	rows, err := tx.query(`SELECT a.participant_id, a.status, a.reason FROM minutes_attendance a
		JOIN participants p ON p.id = a.participant_id WHERE a.meeting_id = ? ORDER BY p.position, p.id`, min.MeetingID)
	if err != nil {
		return fmt.Errorf("find attendance: %w", err)
	}
	defer rows.Close()
	for rows.Next() {
		a := &jingzi.Attendance{}
		if err := rows.Scan(&a.ParticipantID, &a.Status, &a.Reason); err != nil {
			return err
		}
		min.Attendance = append(min.Attendance, a)
	}
	return rows.Err()
}

func loadAgenda(tx *Tx, min *jingzi.Minutes) error {
	rows, err := tx.query(`SELECT id, position, kind, title, COALESCE(participant_id, 0), statement_id, notes
		FROM minutes_agenda WHERE meeting_id = ? ORDER BY position, id`, min.MeetingID)
	if err != nil {
		return fmt.Errorf("find agenda: %w", err)
	}
	defer rows.Close()
	for rows.Next() {
		it := &jingzi.AgendaItem{}
		var kind string
		if err := rows.Scan(&it.ID, &it.Position, &kind, &it.Title, &it.ParticipantID, &it.StatementID, &it.Notes); err != nil {
			return err
		}
		it.Kind = jingzi.AgendaKind(kind)
		min.Agenda = append(min.Agenda, it)
	}
	return rows.Err()
}

func loadCriticisms(tx *Tx, m *jingzi.Meeting, min *jingzi.Minutes) error {
	rows, err := tx.query(`SELECT id, position, from_id, to_id, content, response FROM minutes_criticisms
		WHERE meeting_id = ? ORDER BY position, id`, min.MeetingID)
	if err != nil {
		return fmt.Errorf("find criticisms: %w", err)
	}
	defer rows.Close()
	for rows.Next() {
		c := &jingzi.Criticism{MeetingID: m.ID}
		if err := rows.Scan(&c.ID, &c.Position, &c.FromID, &c.ToID, &c.Content, &c.Response); err != nil {
			return err
		}
		if p := m.Participant(c.FromID); p != nil {
			c.FromName = p.Name
		}
		if p := m.Participant(c.ToID); p != nil {
			c.ToName = p.Name
		}
		min.Criticisms = append(min.Criticisms, c)
	}
	return rows.Err()
}

// manageableMinutesMeeting returns the meeting when the caller may record its minutes.
func manageableMinutesMeeting(tx *Tx, meetingID int64) (*jingzi.Meeting, error) {
	m, err := findVisibleMeeting(tx, meetingID)
	if err != nil {
		return nil, err
	} else if !jingzi.CanManageMinutes(tx.ctx, m) {
		return nil, errMinutesForbidden
	} else if m.ArchivedAt != nil {
		return nil, jingzi.ErrArchived()
	}
	return m, nil
}

// MeetingProgress gives the phase strip the minutes' numbers: whether they are
// recorded, attendance against the roster, and the 情况报告's due day and sending.
func (s *MinutesService) MeetingProgress(ctx context.Context, meetingID int64) (jingzi.MeetingProgress, error) {
	min, err := s.FindMinutes(ctx, meetingID)
	if err != nil {
		return jingzi.MeetingProgress{}, err
	}
	return jingzi.MeetingProgress{MeetingRecord: min.Progress()}, nil
}

// reportDate is a civil date at midnight UTC, as meeting dates are stored.
func reportDate(t *time.Time) *time.Time {
	if t == nil || t.IsZero() {
		return nil
	}
	d := time.Date(t.Year(), t.Month(), t.Day(), 0, 0, 0, 0, time.UTC)
	return &d
}

// minutesReport reads only the 情况报告's days and sending of a meeting, for the
// reminders; a meeting without minutes has the default days and nothing sent.
func minutesReport(tx *Tx, meetingID int64) (*jingzi.Minutes, error) {
	min := &jingzi.Minutes{MeetingID: meetingID, ReportDays: jingzi.MeetingReportDays}
	var sent sql.NullTime
	err := tx.queryRow(`SELECT report_days, report_sent_on FROM meeting_minutes WHERE meeting_id = ?`, meetingID).Scan(&min.ReportDays, &sent)
	if err == sql.ErrNoRows {
		return min, nil
	} else if err != nil {
		return nil, fmt.Errorf("find report: %w", err)
	}
	min.Saved, min.ReportSentOn = true, scannedDate(sent)
	return min, nil
}
