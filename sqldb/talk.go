package sqldb

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"strconv"

	"jingzi"
)

// TalkService implements jingzi.TalkService: talks (谈心谈话), their opinions,
// the 四必谈 matrix and the 人次 the statements quote.
type TalkService struct{ db *DB }

// NewTalkService returns the talk service.
func NewTalkService(db *DB) *TalkService { return &TalkService{db: db} }

var errTalkNotFound = jingzi.Errorf(jingzi.ENOTFOUND, "谈心谈话记录不存在或您无权查看。")

// FindTalkByID returns a talk with its opinions.
func (s *TalkService) FindTalkByID(ctx context.Context, id int64) (*jingzi.Talk, error) {
	tx, err := s.db.beginRead(ctx)
	if err != nil {
		return nil, err
	}
	defer tx.Rollback()
	t, m, err := findTalk(tx, id)
	if err != nil {
		return nil, err
	} else if !jingzi.CanViewTalk(ctx, m, t) {
		return nil, errTalkNotFound
	}
	return t, nil
}

// FindTalks lists the talks the caller may see, by meeting, date and id.
func (s *TalkService) FindTalks(ctx context.Context, f jingzi.TalkFilter) ([]*jingzi.Talk, int, error) {
	tx, err := s.db.beginRead(ctx)
	if err != nil {
		return nil, 0, err
	}
	defer tx.Rollback()
	q, args := `SELECT DISTINCT meeting_id FROM talks WHERE 1 = 1`, []any{}
	if v := f.MeetingID; v != nil {
		q, args = q+` AND meeting_id = ?`, append(args, *v)
	}
	meetingIDs, err := queryIDs(tx, q+` ORDER BY meeting_id`, args...)
	if err != nil {
		return nil, 0, fmt.Errorf("find talks: %w", err)
	}
	var out []*jingzi.Talk
	for _, id := range meetingIDs {
		m, err := findMeetingByID(tx, id)
		if err != nil {
			return nil, 0, err
		}
		talks, err := findTalksOfMeeting(tx, m)
		if err != nil {
			return nil, 0, err
		}
		for _, t := range talks {
			if (f.ParticipantID == nil || t.Involves(*f.ParticipantID)) && jingzi.CanViewTalk(ctx, m, t) {
				out = append(out, t)
			}
		}
	}
	return page(out, f.Offset, f.Limit), len(out), nil
}

// RecordTalk stores a new talk and its opinions.
func (s *TalkService) RecordTalk(ctx context.Context, t *jingzi.Talk) error {
	tx, err := s.db.BeginTx(ctx)
	if err != nil {
		return err
	}
	defer tx.Rollback()
	m, err := findMeetingByID(tx, t.MeetingID)
	if err != nil {
		return err
	} else if !jingzi.CanViewMeeting(ctx, m.OrgPath) {
		return errMeetingNotFound
	} else if err := t.Validate(m); err != nil {
		return err
	} else if !jingzi.CanRecordTalk(ctx, m, t) {
		return jingzi.Errorf(jingzi.EFORBIDDEN, "班子成员只能登记本人参加的谈心谈话。")
	}
	a := jingzi.ActorFromContext(ctx)
	t.RecordedBy, t.RecordedByName, t.CreatedAt, t.UpdatedAt = a.UserID(), a.Name(), tx.now, tx.now
	t.ID, err = tx.insert(`INSERT INTO talks (meeting_id, talk_date, a_participant_id, a_name, a_kind, a_department,
		b_participant_id, b_name, b_kind, b_department, topics, recorded_by, recorded_by_name, created_at, updated_at)
		VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`, append(append([]any{t.MeetingID, t.Date}, sideArgs(t.A)...),
		append(sideArgs(t.B), t.Topics, nullID(t.RecordedBy), t.RecordedByName, tx.now, tx.now)...)...)
	if err != nil {
		return fmt.Errorf("insert talk: %w", err)
	}
	if err := insertTalkOpinions(tx, t); err != nil {
		return err
	}
	if err := audit(tx, "talk.record", "talk", t.ID, m.OrgID, talkSummary(t)); err != nil {
		return err
	}
	return tx.Commit()
}

// UpdateTalk replaces a talk's fields and opinions; who recorded it stays.
func (s *TalkService) UpdateTalk(ctx context.Context, t *jingzi.Talk) error {
	tx, err := s.db.BeginTx(ctx)
	if err != nil {
		return err
	}
	defer tx.Rollback()
	cur, m, err := findTalk(tx, t.ID)
	if err != nil {
		return err
	} else if !jingzi.CanViewTalk(ctx, m, cur) {
		return errTalkNotFound
	} else if !jingzi.CanEditTalk(ctx, m, cur) {
		return errTalkForbidden
	}
	t.MeetingID = cur.MeetingID
	if err := t.Validate(m); err != nil {
		return err
	} else if !jingzi.CanRecordTalk(ctx, m, t) {
		return jingzi.Errorf(jingzi.EFORBIDDEN, "班子成员只能登记本人参加的谈心谈话。")
	}
	t.RecordedBy, t.RecordedByName, t.CreatedAt, t.UpdatedAt = cur.RecordedBy, cur.RecordedByName, cur.CreatedAt, tx.now
	args := append(append([]any{t.Date}, sideArgs(t.A)...), append(sideArgs(t.B), t.Topics, tx.now, t.ID)...)
	if _, err := tx.exec(`UPDATE talks SET talk_date = ?, a_participant_id = ?, a_name = ?, a_kind = ?, a_department = ?,
		b_participant_id = ?, b_name = ?, b_kind = ?, b_department = ?, topics = ?, updated_at = ? WHERE id = ?`, args...); err != nil {
		return fmt.Errorf("update talk: %w", err)
	}
	if _, err := tx.exec(`DELETE FROM talk_opinions WHERE talk_id = ?`, t.ID); err != nil {
		return fmt.Errorf("replace talk opinions: %w", err)
	}
	if err := insertTalkOpinions(tx, t); err != nil {
		return err
	}
	if err := audit(tx, "talk.update", "talk", t.ID, m.OrgID, talkSummary(t)); err != nil {
		return err
	}
	return tx.Commit()
}

var errTalkForbidden = jingzi.Errorf(jingzi.EFORBIDDEN, "只有党办组织者或登记该谈话的班子成员本人可以修改、删除这条记录。")

// DeleteTalk removes a talk and its opinions.
func (s *TalkService) DeleteTalk(ctx context.Context, id int64) error {
	tx, err := s.db.BeginTx(ctx)
	if err != nil {
		return err
	}
	defer tx.Rollback()
	cur, m, err := findTalk(tx, id)
	if err != nil {
		return err
	} else if !jingzi.CanViewTalk(ctx, m, cur) {
		return errTalkNotFound
	} else if !jingzi.CanEditTalk(ctx, m, cur) {
		return errTalkForbidden
	}
	if _, err := tx.exec(`DELETE FROM talks WHERE id = ?`, id); err != nil {
		return fmt.Errorf("delete talk: %w", err)
	}
	if err := audit(tx, "talk.delete", "talk", id, m.OrgID, talkSummary(cur)); err != nil {
		return err
	}
	return tx.Commit()
}

// TalkMatrix builds the 四必谈 matrix; a participant gets their own pairs.
func (s *TalkService) TalkMatrix(ctx context.Context, meetingID int64) (*jingzi.TalkMatrix, error) {
	tx, err := s.db.beginRead(ctx)
	if err != nil {
		return nil, err
	}
	defer tx.Rollback()
	m, talks, err := visibleMeetingTalks(tx, meetingID)
	if err != nil {
		return nil, err
	}
	x := jingzi.BuildTalkMatrix(m, talks)
	if jingzi.HasRoleOver(ctx, jingzi.RoleOrganizer, m.OrgPath) || jingzi.HasRoleOver(ctx, jingzi.RoleReviewer, m.OrgPath) {
		return x, nil
	}
	var me int64
	if p := jingzi.RosterEntry(ctx, m); p != nil {
		me = p.ID
	}
	return x.Only(me, talks), nil
}

// CountTalks is the meeting's 人次: each talk once per roster participant in it.
func (s *TalkService) CountTalks(ctx context.Context, meetingID int64) (int, error) {
	tx, err := s.db.beginRead(ctx)
	if err != nil {
		return 0, err
	}
	defer tx.Rollback()
	if _, err := visibleMeeting(tx, meetingID); err != nil {
		return 0, err
	}
	var n int
	if err := tx.queryRow(`SELECT COUNT(a_participant_id) + COUNT(b_participant_id) FROM talks WHERE meeting_id = ?`,
		meetingID).Scan(&n); err != nil {
		return 0, fmt.Errorf("count talks: %w", err)
	}
	return n, nil
}

// CountTalksByParticipant counts the talks each roster participant took part in.
func (s *TalkService) CountTalksByParticipant(ctx context.Context, meetingID int64) (map[int64]int, error) {
	tx, err := s.db.beginRead(ctx)
	if err != nil {
		return nil, err
	}
	defer tx.Rollback()
	if _, err := visibleMeeting(tx, meetingID); err != nil {
		return nil, err
	}
	rows, err := tx.query(`SELECT pid, COUNT(*) FROM (
		SELECT a_participant_id AS pid FROM talks WHERE meeting_id = ? AND a_participant_id IS NOT NULL
		UNION ALL SELECT b_participant_id FROM talks WHERE meeting_id = ? AND b_participant_id IS NOT NULL) sides
		GROUP BY pid`, meetingID, meetingID)
	if err != nil {
		return nil, fmt.Errorf("count talks by participant: %w", err)
	}
	defer rows.Close()
	out := map[int64]int{}
	for rows.Next() {
		var id int64
		var n int
		if err := rows.Scan(&id, &n); err != nil {
			return nil, err
		}
		out[id] = n
	}
	return out, rows.Err()
}

// FindTalkOpinions lists the opinions aimed at roster participants in the talks
// the caller may see, by talk date.
func (s *TalkService) FindTalkOpinions(ctx context.Context, meetingID int64) ([]*jingzi.TalkOpinion, error) {
	tx, err := s.db.beginRead(ctx)
	if err != nil {
		return nil, err
	}
	defer tx.Rollback()
	m, talks, err := visibleMeetingTalks(tx, meetingID)
	if err != nil {
		return nil, err
	}
	var out []*jingzi.TalkOpinion
	for _, t := range talks {
		if !jingzi.CanViewTalk(ctx, m, t) {
			continue
		}
		for _, o := range t.Opinions {
			if o.ParticipantID != 0 {
				out = append(out, o)
			}
		}
	}
	return out, nil
}

func visibleMeeting(tx *Tx, id int64) (*jingzi.Meeting, error) {
	m, err := findMeetingByID(tx, id)
	if err != nil {
		return nil, err
	} else if !jingzi.CanViewMeeting(tx.ctx, m.OrgPath) {
		return nil, errMeetingNotFound
	}
	return m, nil
}

// visibleMeetingTalks returns a meeting the caller may see and all its talks;
// callers filter or aggregate them.
func visibleMeetingTalks(tx *Tx, id int64) (*jingzi.Meeting, []*jingzi.Talk, error) {
	m, err := visibleMeeting(tx, id)
	if err != nil {
		return nil, nil, err
	}
	talks, err := findTalksOfMeeting(tx, m)
	return m, talks, err
}

// talkSummary is the audit detail: who talked with whom, and when.
func talkSummary(t *jingzi.Talk) string {
	y, m, d := t.Date.Date()
	return t.A.Label() + "与" + t.B.Label() + "（" + strconv.Itoa(y) + "年" + strconv.Itoa(int(m)) + "月" + strconv.Itoa(d) + "日）"
}

func sideArgs(s jingzi.TalkSide) []any {
	return []any{nullID(s.ParticipantID), s.Name, string(s.Kind), s.Department}
}

// nullID stores 0 as NULL for optional references.
func nullID(id int64) any {
	if id == 0 {
		return nil
	}
	return id
}

func insertTalkOpinions(tx *Tx, t *jingzi.Talk) error {
	for i, o := range t.Opinions {
		id, err := tx.insert(`INSERT INTO talk_opinions (talk_id, toward, position, text) VALUES (?, ?, ?, ?)`,
			t.ID, o.Toward, i, o.Text)
		if err != nil {
			return fmt.Errorf("insert talk opinion: %w", err)
		}
		o.ID, o.TalkID = id, t.ID
	}
	return nil
}

const talkColumns = `id, meeting_id, talk_date, a_participant_id, a_name, a_kind, a_department,
	b_participant_id, b_name, b_kind, b_department, topics, COALESCE(recorded_by, 0), recorded_by_name, created_at, updated_at`

// findTalk returns a talk and its meeting, without checking permissions.
func findTalk(tx *Tx, id int64) (*jingzi.Talk, *jingzi.Meeting, error) {
	var meetingID int64
	err := tx.queryRow(`SELECT meeting_id FROM talks WHERE id = ?`, id).Scan(&meetingID)
	if errors.Is(err, sql.ErrNoRows) {
		return nil, nil, errTalkNotFound
	} else if err != nil {
		return nil, nil, fmt.Errorf("find talk: %w", err)
	}
	m, err := findMeetingByID(tx, meetingID)
	if err != nil {
		return nil, nil, err
	}
	talks, err := scanTalks(tx, m, `id = ?`, id)
	if err != nil {
		return nil, nil, err
	} else if len(talks) == 0 {
		return nil, nil, errTalkNotFound
	}
	return talks[0], m, nil
}

// findTalksOfMeeting returns every talk of the meeting by date, without
// checking permissions.
func findTalksOfMeeting(tx *Tx, m *jingzi.Meeting) ([]*jingzi.Talk, error) {
	return scanTalks(tx, m, `meeting_id = ?`, m.ID)
}

func scanTalks(tx *Tx, m *jingzi.Meeting, cond string, args ...any) ([]*jingzi.Talk, error) {
	rows, err := tx.query(`SELECT `+talkColumns+` FROM talks WHERE `+cond+` ORDER BY talk_date, id`, args...)
	if err != nil {
		return nil, fmt.Errorf("find talks: %w", err)
	}
	defer rows.Close()
	var out []*jingzi.Talk
	byID := map[int64]*jingzi.Talk{}
	for rows.Next() {
		t := &jingzi.Talk{}
		var a, b sql.NullInt64
		var ak, bk string
		if err := rows.Scan(&t.ID, &t.MeetingID, &t.Date, &a, &t.A.Name, &ak, &t.A.Department, &b, &t.B.Name, &bk,
			&t.B.Department, &t.Topics, &t.RecordedBy, &t.RecordedByName, &t.CreatedAt, &t.UpdatedAt); err != nil {
			return nil, err
		}
		t.Date = t.Date.UTC()
		t.A, t.B = readSide(m, t.A, a, ak), readSide(m, t.B, b, bk)
		out, byID[t.ID] = append(out, t), t
	}
	if err := rows.Err(); err != nil {
		return nil, err
	}
	return out, loadTalkOpinions(tx, byID, cond, args...)
}

// readSide fills a side from its row. A participant side takes the roster's
// current name; one whose roster entry is gone keeps its stored name as 其他.
func readSide(m *jingzi.Meeting, s jingzi.TalkSide, id sql.NullInt64, kind string) jingzi.TalkSide {
	s.Kind = jingzi.PersonKind(kind)
	if id.Valid {
		s.ParticipantID = id.Int64
		for _, p := range m.Participants {
			if p.ID == id.Int64 {
				s.Name = p.Name
			}
		}
	} else if s.Kind == jingzi.PersonParticipant {
		s.Kind = jingzi.PersonOther
	}
	return s
}

func loadTalkOpinions(tx *Tx, byID map[int64]*jingzi.Talk, cond string, args ...any) error {
	if len(byID) == 0 {
		return nil
	}
	rows, err := tx.query(`SELECT id, talk_id, toward, text FROM talk_opinions
		WHERE talk_id IN (SELECT id FROM talks WHERE `+cond+`) ORDER BY talk_id, position`, args...)
	if err != nil {
		return fmt.Errorf("find talk opinions: %w", err)
	}
	defer rows.Close()
	for rows.Next() {
		o := &jingzi.TalkOpinion{}
		if err := rows.Scan(&o.ID, &o.TalkID, &o.Toward, &o.Text); err != nil {
			return err
		}
		if t := byID[o.TalkID]; t != nil {
			to, from := t.A, t.B
			if o.Toward == jingzi.TowardB {
				to, from = t.B, t.A
			}
			o.MeetingID, o.ParticipantID, o.From, o.Date = t.MeetingID, to.ParticipantID, from.Label(), t.Date
			t.Opinions = append(t.Opinions, o)
		}
	}
	return rows.Err()
}
