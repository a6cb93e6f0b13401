package sqldb

import (
	"database/sql"
	"errors"
	"fmt"

	"jingzi"
)

// Reading talks: a talk's row, its sides as the roster names them now, and its opinions.

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
