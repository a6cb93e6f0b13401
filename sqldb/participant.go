package sqldb

import (
	"context"
	"encoding/json"
	"fmt"
	"strings"

	"jingzi"
)

// saveRoster makes the stored roster of m equal to list. Participants whose id
// is kept are updated in place, so that statements, talks and opinions that
// refer to them stay attached; a removed participant with a statement is refused.
func saveRoster(tx *Tx, m *jingzi.Meeting, list []*jingzi.Participant) error {
	current, err := findParticipants(tx, m.ID)
	if err != nil {
		return err
	}
	kept := map[int64]bool{}
	for _, p := range list {
		if p.ID == 0 {
			continue
		} else if kept[p.ID] || !hasParticipant(current, p.ID) {
			return jingzi.Errorf(jingzi.EINVALID, "班子成员名单已变化，请刷新页面后重新修改。")
		}
		kept[p.ID] = true
	}
	for _, p := range current {
		if !kept[p.ID] {
			if err := removeParticipant(tx, p); err != nil {
				return err
			}
		}
	}
	for i, p := range list {
		p.MeetingID, p.Position = m.ID, i
		if err := checkParticipantAccount(tx, m, p); err != nil {
			return err
		}
		if p.ID != 0 {
			err = updateParticipant(tx, p)
		} else {
			err = insertParticipant(tx, p)
		}
		if err != nil {
			return err
		}
	}
	m.Participants = list
	return nil
}

func hasParticipant(list []*jingzi.Participant, id int64) bool {
	for _, p := range list {
		if p.ID == id {
			return true
		}
	}
	return false
}

// removeParticipant deletes a roster entry unless a statement or another
// record still needs it.
func removeParticipant(tx *Tx, p *jingzi.Participant) error {
	var n int
	if err := tx.queryRow(`SELECT COUNT(*) FROM statements WHERE meeting_id = ? AND participant_id = ?`,
		p.MeetingID, p.ID).Scan(&n); err != nil {
		return fmt.Errorf("count statements: %w", err)
	} else if n > 0 {
		return jingzi.Errorf(jingzi.ECONFLICT, "%s已有对照检查材料，不能从班子成员名单中移除。如确需调整，请保留该同志并修改其姓名、职务。", p.Name)
	}
	if _, err := tx.exec(`DELETE FROM participants WHERE id = ?`, p.ID); isForeignKeyViolation(err) {
		return jingzi.Errorf(jingzi.ECONFLICT, "%s已有相关工作记录，不能从班子成员名单中移除。", p.Name)
	} else if err != nil {
		return fmt.Errorf("delete participant: %w", err)
	}
	return nil
}

// isForeignKeyViolation reports a foreign-key error on either database.
func isForeignKeyViolation(err error) bool {
	if err == nil {
		return false
	}
	s := err.Error()
	return strings.Contains(s, "FOREIGN KEY constraint failed") || strings.Contains(s, "SQLSTATE 23503")
}

// checkParticipantAccount: an account on the roster belongs to the team's org or its subtree.
func checkParticipantAccount(tx *Tx, m *jingzi.Meeting, p *jingzi.Participant) error {
	if p.UserID == 0 {
		return nil
	}
	u, path, err := findUser(tx, "u.id = ?", p.UserID)
	if err != nil || !jingzi.PathWithin(path, m.OrgPath) {
		return jingzi.Errorf(jingzi.EINVALID, "为%s选择的账号不属于%s，请重新选择。", p.Name, m.OrgName)
	} else if u.Disabled {
		return jingzi.Errorf(jingzi.EINVALID, "为%s选择的账号已停用，请重新选择。", p.Name)
	}
	return nil
}

// insertParticipant stores a new roster entry under an id never used before.
func insertParticipant(tx *Tx, p *jingzi.Participant) error {
	portfolio, _ := json.Marshal(nonNil(p.Portfolio))
	if tx.db.Dialect == Postgres {
		id, err := tx.insert(`INSERT INTO participants (meeting_id, user_id, name, title, head, portfolio, position)
			VALUES (?, ?, ?, ?, ?, ?, ?)`, p.MeetingID, nullUserID(p.UserID), p.Name, p.Title, p.Head, string(portfolio), p.Position)
		if err != nil {
			return fmt.Errorf("insert participant: %w", err)
		}
		p.ID = id
		return nil
	}
	id, err := tx.insert(`INSERT INTO participant_ids DEFAULT VALUES`)
	if err != nil {
		return fmt.Errorf("next participant id: %w", err)
	} else if _, err := tx.exec(`DELETE FROM participant_ids`); err != nil {
		return fmt.Errorf("next participant id: %w", err)
	}
	_, err = tx.exec(`INSERT INTO participants (id, meeting_id, user_id, name, title, head, portfolio, position)
		VALUES (?, ?, ?, ?, ?, ?, ?, ?)`, id, p.MeetingID, nullUserID(p.UserID), p.Name, p.Title, p.Head, string(portfolio), p.Position)
	if err != nil {
		return fmt.Errorf("insert participant: %w", err)
	}
	p.ID = id
	return nil
}

func updateParticipant(tx *Tx, p *jingzi.Participant) error {
	portfolio, _ := json.Marshal(nonNil(p.Portfolio))
	_, err := tx.exec(`UPDATE participants SET user_id = ?, name = ?, title = ?, head = ?, portfolio = ?, position = ?
		WHERE id = ? AND meeting_id = ?`, nullUserID(p.UserID), p.Name, p.Title, p.Head, string(portfolio), p.Position, p.ID, p.MeetingID)
	if err != nil {
		return fmt.Errorf("update participant: %w", err)
	}
	return nil
}

func nonNil(s []string) []string {
	if s == nil {
		return []string{}
	}
	return s
}

func nullUserID(id int64) any {
	if id == 0 {
		return nil
	}
	return id
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
		if err := json.Unmarshal([]byte(portfolio), &p.Portfolio); err != nil {
			return nil, fmt.Errorf("participant %d portfolio: %w", p.ID, err)
		}
		out = append(out, p)
	}
	return out, rows.Err()
}

// saveReviewers replaces the meeting's 审核人 and 督导. Each must hold the
// reviewer role over the team's org.
func saveReviewers(tx *Tx, m *jingzi.Meeting, list []*jingzi.MeetingReviewer) error {
	allowed, err := reviewersOver(tx, m.OrgPath)
	if err != nil {
		return err
	}
	if _, err := tx.exec(`DELETE FROM meeting_reviewers WHERE meeting_id = ?`, m.ID); err != nil {
		return fmt.Errorf("clear reviewers: %w", err)
	}
	for i, r := range list {
		if !containsUser(allowed, r.UserID) {
			return jingzi.Errorf(jingzi.EINVALID, "所选审核人或督导没有对%s的审核权限，请重新选择。", m.OrgName)
		}
		if _, err := tx.exec(`INSERT INTO meeting_reviewers (meeting_id, user_id, supervisor, position) VALUES (?, ?, ?, ?)`,
			m.ID, r.UserID, r.Supervisor, i); err != nil {
			return fmt.Errorf("insert reviewer: %w", err)
		}
	}
	m.Reviewers = list
	return nil
}

func containsUser(list []*jingzi.User, id int64) bool {
	for _, u := range list {
		if u.ID == id {
			return true
		}
	}
	return false
}

func findReviewers(tx *Tx, meetingID int64) ([]*jingzi.MeetingReviewer, error) {
	rows, err := tx.query(`SELECT r.user_id, u.name, u.title, r.supervisor FROM meeting_reviewers r
		JOIN users u ON u.id = r.user_id WHERE r.meeting_id = ? ORDER BY r.supervisor, r.position`, meetingID)
	if err != nil {
		return nil, fmt.Errorf("find reviewers: %w", err)
	}
	defer rows.Close()
	var out []*jingzi.MeetingReviewer
	for rows.Next() {
		r := &jingzi.MeetingReviewer{}
		if err := rows.Scan(&r.UserID, &r.Name, &r.Title, &r.Supervisor); err != nil {
			return nil, err
		}
		out = append(out, r)
	}
	return out, rows.Err()
}

// MeetingProgress returns the numbers the meeting and its statements give; the
// other nouns' numbers are joined in by the caller.
func (s *MeetingService) MeetingProgress(ctx context.Context, meetingID int64) (jingzi.MeetingProgress, error) {
	tx, err := s.db.beginRead(ctx)
	if err != nil {
		return jingzi.MeetingProgress{}, err
	}
	defer tx.Rollback()
	m, err := findVisibleMeeting(tx, meetingID)
	if err != nil {
		return jingzi.MeetingProgress{}, err
	}
	p := jingzi.ProgressOf(m)
	st := &jingzi.StatementProgress{Participants: len(m.Participants)}
	var team int
	if err := tx.queryRow(`SELECT COUNT(*) FROM statements WHERE meeting_id = ? AND participant_id = 0`, m.ID).Scan(&team); err != nil {
		return p, fmt.Errorf("count statements: %w", err)
	}
	if err := tx.queryRow(`SELECT COUNT(*) FROM statements s JOIN participants p ON p.id = s.participant_id
		WHERE s.meeting_id = ?`, m.ID).Scan(&st.Created); err != nil {
		return p, fmt.Errorf("count statements: %w", err)
	}
	st.TeamCreated, p.Statements = team > 0, st
	return p, nil
}
