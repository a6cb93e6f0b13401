package sqldb

import (
	"context"
	"database/sql"
	"encoding/json"
	"errors"
	"fmt"
	"strings"

	"jingzi"
)

// MeetingService implements jingzi.MeetingService.
type MeetingService struct{ db *DB }

// NewMeetingService returns the meeting service.
func NewMeetingService(db *DB) *MeetingService { return &MeetingService{db: db} }

var errMeetingNotFound = jingzi.Errorf(jingzi.ENOTFOUND, "会议不存在或您无权查看。")

// FindMeetingByID returns the meeting with its roster.
func (s *MeetingService) FindMeetingByID(ctx context.Context, id int64) (*jingzi.Meeting, error) {
	tx, err := s.db.beginRead(ctx)
	if err != nil {
		return nil, err
	}
	defer tx.Rollback()
	m, err := findMeetingByID(tx, id)
	if err != nil {
		return nil, err
	} else if !jingzi.CanViewMeeting(ctx, m.OrgPath) {
		return nil, errMeetingNotFound
	}
	return m, nil
}

// FindMeetings lists the meetings the caller may see, newest year first.
func (s *MeetingService) FindMeetings(ctx context.Context, f jingzi.MeetingFilter) ([]*jingzi.Meeting, int, error) {
	tx, err := s.db.beginRead(ctx)
	if err != nil {
		return nil, 0, err
	}
	defer tx.Rollback()
	where, args := []string{"1 = 1"}, []any{}
	if v := f.OrgID; v != nil {
		where, args = append(where, "m.org_id = ?"), append(args, *v)
	}
	if v := f.Within; v != nil {
		root, err := findOrgByID(tx, *v)
		if err != nil {
			return nil, 0, err
		}
		where, args = append(where, "o.path LIKE ?"), append(args, root.Path+"%")
	}
	all, err := findMeetings(tx, strings.Join(where, " AND "), args...)
	if err != nil {
		return nil, 0, err
	}
	var out []*jingzi.Meeting
	for _, m := range all {
		if jingzi.CanViewMeeting(ctx, m.OrgPath) {
			out = append(out, m)
		}
	}
	list := page(out, f.Offset, f.Limit)
	for _, m := range list {
		if m.Participants, err = findParticipants(tx, m.ID); err != nil {
			return nil, 0, err
		}
	}
	return list, len(out), nil
}

// CreateMeeting stores a meeting, a copy of its framework and its roster.
func (s *MeetingService) CreateMeeting(ctx context.Context, m *jingzi.Meeting) error {
	if err := m.Validate(); err != nil {
		return err
	}
	tx, err := s.db.BeginTx(ctx)
	if err != nil {
		return err
	}
	defer tx.Rollback()
	if err := createMeeting(tx, m); err != nil {
		return err
	}
	return tx.Commit()
}

func createMeeting(tx *Tx, m *jingzi.Meeting) error {
	org, err := findOrgByID(tx, m.OrgID)
	if err != nil {
		return err
	} else if !jingzi.CanManageMeeting(tx.ctx, org.Path) {
		return jingzi.Errorf(jingzi.EFORBIDDEN, "只有本党组织或上级的党办组织者可以创建会议。")
	}
	fw, err := json.Marshal(m.Framework)
	if err != nil {
		return err
	}
	m.OrgName, m.OrgPath, m.CreatedAt, m.UpdatedAt = org.Name, org.Path, tx.now, tx.now
	m.ID, err = tx.insert(`INSERT INTO meetings (org_id, year, kind, title, framework_json, phase, meeting_date, created_at, updated_at)
		VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)`, m.OrgID, m.Year, string(m.Kind), m.Title, string(fw), string(m.Phase), m.MeetingDate, tx.now, tx.now)
	if err != nil {
		return fmt.Errorf("insert meeting: %w", err)
	}
	for i, p := range m.Participants {
		p.MeetingID, p.Position = m.ID, i
		if err := insertParticipant(tx, p); err != nil {
			return err
		}
	}
	return audit(tx, "meeting.create", "meeting", m.ID, m.OrgID, m.Title)
}

func insertParticipant(tx *Tx, p *jingzi.Participant) error {
	portfolio, _ := json.Marshal(p.Portfolio)
	var userID any
	if p.UserID != 0 {
		userID = p.UserID
	}
	id, err := tx.insert(`INSERT INTO participants (meeting_id, user_id, name, title, head, portfolio, position)
		VALUES (?, ?, ?, ?, ?, ?, ?)`, p.MeetingID, userID, p.Name, p.Title, p.Head, string(portfolio), p.Position)
	if err != nil {
		return fmt.Errorf("insert participant: %w", err)
	}
	p.ID = id
	return nil
}

const meetingColumns = `m.id, m.org_id, o.name, o.path, m.year, m.kind, m.title, m.framework_json, m.phase, m.meeting_date, m.created_at, m.updated_at`

func findMeetingByID(tx *Tx, id int64) (*jingzi.Meeting, error) {
	list, err := findMeetings(tx, "m.id = ?", id)
	if err != nil {
		return nil, err
	} else if len(list) == 0 {
		return nil, errMeetingNotFound
	}
	m := list[0]
	if m.Participants, err = findParticipants(tx, m.ID); err != nil {
		return nil, err
	}
	return m, nil
}

func findMeetings(tx *Tx, cond string, args ...any) ([]*jingzi.Meeting, error) {
	rows, err := tx.query(`SELECT `+meetingColumns+` FROM meetings m JOIN orgs o ON o.id = m.org_id
		WHERE `+cond+` ORDER BY m.year DESC, o.path, m.id DESC`, args...)
	if err != nil {
		return nil, fmt.Errorf("find meetings: %w", err)
	}
	defer rows.Close()
	var out []*jingzi.Meeting
	for rows.Next() {
		m := &jingzi.Meeting{Framework: &jingzi.Framework{}}
		var kind, phase, fw string
		var date sql.NullTime
		if err := rows.Scan(&m.ID, &m.OrgID, &m.OrgName, &m.OrgPath, &m.Year, &kind, &m.Title, &fw, &phase, &date,
			&m.CreatedAt, &m.UpdatedAt); err != nil {
			return nil, err
		}
		if err := json.Unmarshal([]byte(fw), m.Framework); err != nil {
			return nil, fmt.Errorf("meeting %d framework: %w", m.ID, err)
		}
		m.Kind, m.Phase = jingzi.MeetingKind(kind), jingzi.Phase(phase)
		if date.Valid {
			m.MeetingDate = &date.Time
		}
		out = append(out, m)
	}
	return out, rows.Err()
}

func findParticipants(tx *Tx, meetingID int64) ([]*jingzi.Participant, error) {
	rows, err := tx.query(`SELECT id, meeting_id, COALESCE(user_id, 0), name, title, head, portfolio, position
		FROM participants WHERE meeting_id = ? ORDER BY position, id`, meetingID)
	if err != nil {
		return nil, fmt.Errorf("find participants: %w", err)
	}
	defer rows.Close()
	var out []*jingzi.Participant
	for rows.Next() {
		p := &jingzi.Participant{}
		var portfolio string
		if err := rows.Scan(&p.ID, &p.MeetingID, &p.UserID, &p.Name, &p.Title, &p.Head, &portfolio, &p.Position); err != nil {
			return nil, err
		}
		if err := json.Unmarshal([]byte(portfolio), &p.Portfolio); err != nil && !errors.Is(err, sql.ErrNoRows) {
			return nil, fmt.Errorf("participant %d portfolio: %w", p.ID, err)
		}
		out = append(out, p)
	}
	return out, rows.Err()
}
