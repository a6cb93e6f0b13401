package sqldb

import (
	"context"
	"database/sql"
	"encoding/json"
	"errors"
	"fmt"
	"time"

	"jingzi"
)

// StatementService implements jingzi.StatementService. A statement is stored as
// the JSON of its structure; every save keeps the previous versions.
type StatementService struct{ db *DB }

// NewStatementService returns the statement service.
func NewStatementService(db *DB) *StatementService { return &StatementService{db: db} }

var errStatementNotFound = jingzi.Errorf(jingzi.ENOTFOUND, "对照检查材料不存在或您无权查看。")

// FindStatementByID returns the newest version of a statement.
func (s *StatementService) FindStatementByID(ctx context.Context, id int64) (*jingzi.Statement, error) {
	tx, err := s.db.beginRead(ctx)
	if err != nil {
		return nil, err
	}
	defer tx.Rollback()
	st, m, err := findStatement(tx, id)
	if err != nil {
		return nil, err
	} else if !jingzi.CanViewStatement(ctx, m, st) {
		return nil, errStatementNotFound
	}
	return st, nil
}

// FindStatements lists the statements of a meeting (or of every visible meeting),
// the team's first, then the participants' in roster order.
func (s *StatementService) FindStatements(ctx context.Context, f jingzi.StatementFilter) ([]*jingzi.Statement, int, error) {
	tx, err := s.db.beginRead(ctx)
	if err != nil {
		return nil, 0, err
	}
	defer tx.Rollback()
	q, args := `SELECT s.id FROM statements s LEFT JOIN participants p ON p.id = s.participant_id WHERE 1 = 1`, []any{}
	if v := f.MeetingID; v != nil {
		q, args = q+` AND s.meeting_id = ?`, append(args, *v)
	}
	if v := f.ParticipantID; v != nil {
		q, args = q+` AND s.participant_id = ?`, append(args, *v)
	}
	ids, err := queryIDs(tx, q+` ORDER BY s.meeting_id, s.participant_id <> 0, COALESCE(p.position, 0), s.id`, args...)
	if err != nil {
		return nil, 0, err
	}
	meetings := map[int64]*jingzi.Meeting{}
	var out []*jingzi.Statement
	for _, id := range ids {
		st, err := scanStatement(tx, `WHERE s.id = ?`, id)
		if err != nil {
			return nil, 0, err
		}
		m := meetings[st.MeetingID]
		if m == nil {
			if m, err = findMeetingByID(tx, st.MeetingID); err != nil {
				return nil, 0, err
			}
			meetings[st.MeetingID] = m
		}
		if jingzi.CanViewStatement(ctx, m, st) {
			out = append(out, st)
		}
	}
	return page(out, f.Offset, f.Limit), len(out), nil
}

// CreateStatement stores version 1 of a new statement.
func (s *StatementService) CreateStatement(ctx context.Context, st *jingzi.Statement, note string) error {
	if err := st.Validate(); err != nil {
		return err
	}
	tx, err := s.db.BeginTx(ctx)
	if err != nil {
		return err
	}
	defer tx.Rollback()
	m, err := findMeetingByID(tx, st.MeetingID)
	if err != nil {
		return err
	} else if !jingzi.CanViewMeeting(ctx, m.OrgPath) {
		return errMeetingNotFound
	} else if !jingzi.CanCreateStatement(ctx, m, st) {
		return jingzi.Errorf(jingzi.EFORBIDDEN, "您无权为该同志建立对照检查材料。")
	}
	if st.OwnerName, err = ownerName(m, st.ParticipantID); err != nil {
		return err
	}
	body, err := json.Marshal(st)
	if err != nil {
		return err
	}
	by := jingzi.ActorFromContext(ctx).Name()
	st.Version, st.UpdatedAt, st.State, st.Desk = 1, tx.now, jingzi.StateDraft, jingzi.DeskAuthor
	st.ID, err = tx.insert(`INSERT INTO statements (meeting_id, participant_id, title, version, body, updated_at, updated_by)
		VALUES (?, ?, ?, 1, ?, ?, ?)`, st.MeetingID, st.ParticipantID, st.Title, string(body), tx.now, by)
	if isUniqueViolation(err) {
		return jingzi.Errorf(jingzi.ECONFLICT, "%s的对照检查材料已经建立，请打开原材料修改。", st.OwnerLabel())
	} else if err != nil {
		return fmt.Errorf("insert statement: %w", err)
	}
	if err := insertVersion(tx, st.ID, 1, body, by, note); err != nil {
		return err
	}
	if err := audit(tx, "statement.create", "statement", st.ID, m.OrgID, st.OwnerLabel()+"："+note); err != nil {
		return err
	}
	return tx.Commit()
}

// SaveStatement stores a new version if nobody saved since st.Version.
func (s *StatementService) SaveStatement(ctx context.Context, st *jingzi.Statement, note string) error {
	if err := st.Validate(); err != nil {
		return err
	}
	tx, err := s.db.BeginTx(ctx)
	if err != nil {
		return err
	}
	defer tx.Rollback()
	cur, m, err := findStatement(tx, st.ID)
	if err != nil {
		return err
	} else if !jingzi.CanViewStatement(ctx, m, cur) {
		return errStatementNotFound
	} else if !cur.State.Editable() {
		return jingzi.Errorf(jingzi.EFORBIDDEN, "材料当前状态为“%s”，不能修改；退回后方可修改。", cur.State.Label())
	} else if !jingzi.CanEditStatement(ctx, m, cur) {
		return jingzi.Errorf(jingzi.EFORBIDDEN, "只有材料本人可以修改这份对照检查材料。")
	} else if cur.Version != st.Version {
		return jingzi.Errorf(jingzi.ECONFLICT, "材料已被他人修改（当前为第%d版），您的修改未保存，请刷新后重新修改。", cur.Version)
	}
	st.MeetingID, st.ParticipantID, st.OwnerName, st.State, st.Desk = cur.MeetingID, cur.ParticipantID, cur.OwnerName, cur.State, cur.Desk
	body, err := json.Marshal(st)
	if err != nil {
		return err
	}
	by := jingzi.ActorFromContext(ctx).Name()
	res, err := tx.exec(`UPDATE statements SET title = ?, version = version + 1, body = ?, updated_at = ?, updated_by = ?
		WHERE id = ? AND version = ?`, st.Title, string(body), tx.now, by, st.ID, st.Version)
	if err != nil {
		return fmt.Errorf("save statement: %w", err)
	} else if n, _ := res.RowsAffected(); n != 1 {
		return jingzi.Errorf(jingzi.ECONFLICT, "材料已被他人修改，您的修改未保存，请刷新后重新修改。")
	}
	st.Version, st.UpdatedAt = st.Version+1, tx.now
	if err := insertVersion(tx, st.ID, st.Version, body, by, note); err != nil {
		return err
	}
	if err := audit(tx, "statement.save", "statement", st.ID, m.OrgID, fmt.Sprintf("第%d版：%s", st.Version, note)); err != nil {
		return err
	}
	return tx.Commit()
}

// FindStatementVersions lists the saved versions, newest first.
func (s *StatementService) FindStatementVersions(ctx context.Context, id int64) ([]*jingzi.StatementVersion, error) {
	if _, err := s.FindStatementByID(ctx, id); err != nil {
		return nil, err
	}
	tx, err := s.db.beginRead(ctx)
	if err != nil {
		return nil, err
	}
	defer tx.Rollback()
	rows, err := tx.query(`SELECT version, saved_at, saved_by, note FROM statement_versions WHERE statement_id = ? ORDER BY version DESC`, id)
	if err != nil {
		return nil, fmt.Errorf("find versions: %w", err)
	}
	defer rows.Close()
	var out []*jingzi.StatementVersion
	for rows.Next() {
		v := &jingzi.StatementVersion{}
		if err := rows.Scan(&v.Version, &v.SavedAt, &v.SavedBy, &v.Note); err != nil {
			return nil, err
		}
		out = append(out, v)
	}
	return out, rows.Err()
}

// FindStatementVersion returns the statement as it was at a version.
func (s *StatementService) FindStatementVersion(ctx context.Context, id int64, version int) (*jingzi.Statement, error) {
	cur, err := s.FindStatementByID(ctx, id)
	if err != nil {
		return nil, err
	}
	tx, err := s.db.beginRead(ctx)
	if err != nil {
		return nil, err
	}
	defer tx.Rollback()
	var body string
	var at time.Time
	err = tx.queryRow(`SELECT body, saved_at FROM statement_versions WHERE statement_id = ? AND version = ?`, id, version).Scan(&body, &at)
	if errors.Is(err, sql.ErrNoRows) {
		return nil, jingzi.Errorf(jingzi.ENOTFOUND, "这份材料没有第%d版。", version)
	} else if err != nil {
		return nil, err
	}
	st := &jingzi.Statement{}
	if err := json.Unmarshal([]byte(body), st); err != nil {
		return nil, fmt.Errorf("statement %d version %d: %w", id, version, err)
	}
	st.ID, st.MeetingID, st.ParticipantID, st.OwnerName = cur.ID, cur.MeetingID, cur.ParticipantID, cur.OwnerName
	st.Version, st.UpdatedAt, st.State, st.Desk = version, at, cur.State, cur.Desk
	return st, nil
}

func insertVersion(tx *Tx, id int64, version int, body []byte, by, note string) error {
	_, err := tx.exec(`INSERT INTO statement_versions (statement_id, version, body, saved_at, saved_by, note) VALUES (?, ?, ?, ?, ?, ?)`,
		id, version, string(body), tx.now, by, note)
	if err != nil {
		return fmt.Errorf("insert statement version: %w", err)
	}
	return nil
}

// ownerName checks that the participant is on the meeting's roster.
func ownerName(m *jingzi.Meeting, participantID int64) (string, error) {
	if participantID == 0 {
		return "", nil
	}
	for _, p := range m.Participants {
		if p.ID == participantID {
			return p.Name, nil
		}
	}
	return "", jingzi.Errorf(jingzi.EINVALID, "该同志不在本次会议的班子成员名单中。")
}

func findStatement(tx *Tx, id int64) (*jingzi.Statement, *jingzi.Meeting, error) {
	st, err := scanStatement(tx, `WHERE s.id = ?`, id)
	if err != nil {
		return nil, nil, err
	}
	m, err := findMeetingByID(tx, st.MeetingID)
	if err != nil {
		return nil, nil, err
	}
	return st, m, nil
}

func scanStatement(tx *Tx, where string, args ...any) (*jingzi.Statement, error) {
	st := &jingzi.Statement{}
	var body string
	err := tx.queryRow(`SELECT s.id, s.meeting_id, s.participant_id, COALESCE(p.name, ''), s.version, s.body, s.updated_at, s.state, s.desk
		FROM statements s LEFT JOIN participants p ON p.id = s.participant_id `+where, args...).
		Scan(&st.ID, &st.MeetingID, &st.ParticipantID, &st.OwnerName, &st.Version, &body, &st.UpdatedAt, &st.State, &st.Desk)
	if errors.Is(err, sql.ErrNoRows) {
		return nil, errStatementNotFound
	} else if err != nil {
		return nil, fmt.Errorf("find statement: %w", err)
	}
	id, meeting, participant, owner, version, updated := st.ID, st.MeetingID, st.ParticipantID, st.OwnerName, st.Version, st.UpdatedAt
	state, desk := st.State, st.Desk
	if err := json.Unmarshal([]byte(body), st); err != nil {
		return nil, fmt.Errorf("statement %d: %w", id, err)
	}
	st.ID, st.MeetingID, st.ParticipantID, st.OwnerName, st.Version, st.UpdatedAt = id, meeting, participant, owner, version, updated
	st.State, st.Desk = state, desk
	return st, nil
}

func queryIDs(tx *Tx, q string, args ...any) ([]int64, error) {
	rows, err := tx.query(q, args...)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var ids []int64
	for rows.Next() {
		var id int64
		if err := rows.Scan(&id); err != nil {
			return nil, err
		}
		ids = append(ids, id)
	}
	return ids, rows.Err()
}
