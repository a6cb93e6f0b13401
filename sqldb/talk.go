package sqldb

import (
	"context"
	"fmt"
	"strconv"

	"jingzi"
)

// TalkService implements jingzi.TalkService: talks (谈心谈话), their opinions,
// the 四必谈 matrix and the 人次 the statements quote.
type TalkService struct{ db *DB }

// NewTalkService returns the talk service.
func NewTalkService(db *DB) *TalkService { return &TalkService{db: db} }

var _ jingzi.ProgressSource = (*TalkService)(nil)

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

// MeetingProgress gives the 谈心谈话 part of the phase strip: required and
// missing pairs over the whole team, and the 人次.
func (s *TalkService) MeetingProgress(ctx context.Context, meetingID int64) (jingzi.MeetingProgress, error) {
	tx, err := s.db.beginRead(ctx)
	if err != nil {
		return jingzi.MeetingProgress{}, err
	}
	defer tx.Rollback()
	m, talks, err := visibleMeetingTalks(tx, meetingID)
	if err != nil {
		return jingzi.MeetingProgress{}, err
	}
	return jingzi.MeetingProgress{Talks: jingzi.BuildTalkMatrix(m, talks).Progress()}, nil
}

// CountTalks is the meeting's 人次: each talk once per roster participant in it.
func (s *TalkService) CountTalks(ctx context.Context, meetingID int64) (int, error) {
	tx, err := s.db.beginRead(ctx)
	if err != nil {
		return 0, err
	}
	defer tx.Rollback()
	if _, err := findVisibleMeeting(tx, meetingID); err != nil {
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
	if _, err := findVisibleMeeting(tx, meetingID); err != nil {
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

// visibleMeetingTalks returns a meeting the caller may see and all its talks;
// callers filter or aggregate them.
func visibleMeetingTalks(tx *Tx, id int64) (*jingzi.Meeting, []*jingzi.Talk, error) {
	m, err := findVisibleMeeting(tx, id)
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
