package sqldb

import (
	"context"
	"database/sql"
	"encoding/json"
	"fmt"
	"strings"
	"time"

	"jingzi"
)

// SupervisionService implements jingzi.SupervisionService with a handful of
// set-based queries over the whole subtree, never one query per meeting.
type SupervisionService struct{ db *DB }

// NewSupervisionService returns the dashboard service.
func NewSupervisionService(db *DB) *SupervisionService { return &SupervisionService{db: db} }

var _ jingzi.SupervisionService = (*SupervisionService)(nil)

// SupervisionRows returns the meetings of the subtree the caller supervises
// with their counts, filtered and sorted as f asks.
func (s *SupervisionService) SupervisionRows(ctx context.Context, f jingzi.SupervisionFilter) ([]*jingzi.SupervisionRow, int, error) {
	tx, err := s.db.beginRead(ctx)
	if err != nil {
		return nil, 0, err
	}
	defer tx.Rollback()
	scope, args, err := supervisionScope(tx, f.Within)
	if err != nil || scope == "" {
		return nil, 0, err
	}
	rows, byID, err := supervisionMeetings(tx, scope, args)
	if err != nil || len(rows) == 0 {
		return nil, 0, err
	}
	sub := `SELECT m.id FROM meetings m JOIN orgs o ON o.id = m.org_id WHERE ` + scope
	countLedger := func(tx *Tx, sub string, args []any, byID map[int64]*jingzi.SupervisionRow) error {
		return countLedgerByColour(tx, sub, args, byID, f.Now)
	}
	for _, load := range []func(*Tx, string, []any, map[int64]*jingzi.SupervisionRow) error{
		countStatementsByState, countOpinionsByMeeting, countTalkCoverage, countLedger} {
		if err := load(tx, sub, args, byID); err != nil {
			return nil, 0, err
		}
	}
	list, n := jingzi.SelectSupervisionRows(rows, f)
	return list, n, nil
}

// supervisionScope is the SQL condition on orgs o selecting the subtree: the
// root asked for, or the orgs where the caller holds a reviewer or organiser
// role. "" means nothing to show.
func supervisionScope(tx *Tx, within *int64) (string, []any, error) {
	if within != nil {
		root, err := findOrgByID(tx, *within)
		if err != nil {
			return "", nil, err
		} else if !jingzi.CanViewOrg(tx.ctx, root) {
			return "", nil, jingzi.Errorf(jingzi.ENOTFOUND, "党组织不存在或您无权查看。")
		}
		return "o.path LIKE ?", []any{root.Path + "%"}, nil
	}
	if jingzi.IsSystem(tx.ctx) {
		return "1 = 1", nil, nil
	}
	u := jingzi.UserFromContext(tx.ctx)
	if u == nil || u.Disabled {
		return "", nil, nil
	}
	var conds []string
	var args []any
	for _, g := range u.Grants {
		if g.Role == jingzi.RoleReviewer || g.Role == jingzi.RoleOrganizer {
			conds, args = append(conds, "o.path LIKE ?"), append(args, g.OrgPath+"%")
		}
	}
	if len(conds) == 0 {
		return "", nil, nil
	}
	return "(" + strings.Join(conds, " OR ") + ")", args, nil
}

func supervisionMeetings(tx *Tx, scope string, args []any) ([]*jingzi.SupervisionRow, map[int64]*jingzi.SupervisionRow, error) {
	rows, err := tx.query(`SELECT m.id, m.title, o.id, o.name, o.path, m.year, m.kind, m.phase, m.meeting_date,
		m.report_days, m.reported_on, COALESCE(mm.report_days, 0), mm.report_sent_on
		FROM meetings m JOIN orgs o ON o.id = m.org_id LEFT JOIN meeting_minutes mm ON mm.meeting_id = m.id
		WHERE `+scope+` ORDER BY o.path, m.year DESC, m.id`, args...)
	if err != nil {
		return nil, nil, fmt.Errorf("supervision meetings: %w", err)
	}
	defer rows.Close()
	var out []*jingzi.SupervisionRow
	byID := map[int64]*jingzi.SupervisionRow{}
	for rows.Next() {
		r := &jingzi.SupervisionRow{}
		var kind, phase string
		var date, reported, sent sql.NullTime
		var days int
		if err := rows.Scan(&r.MeetingID, &r.Title, &r.OrgID, &r.OrgName, &r.OrgPath, &r.Year, &kind, &phase,
			&date, &days, &reported, &r.ReportDays, &sent); err != nil {
			return nil, nil, err
		}
		if !jingzi.CanSupervise(tx.ctx, r.OrgPath) {
			continue
		}
		r.Kind, r.Phase = jingzi.MeetingKind(kind), jingzi.Phase(phase)
		r.MeetingDate, r.Reported, r.ReportSent = scannedDate(date), reported.Valid, sent.Valid
		r.ReportBy = (&jingzi.Meeting{MeetingDate: r.MeetingDate, ReportDays: days}).ReportBy()
		out, byID[r.MeetingID] = append(out, r), r
	}
	return out, byID, rows.Err()
}

// countStatementsByState counts the statements by state and by the grade of
// their last 材料质量检查 (stored when they were saved).
func countStatementsByState(tx *Tx, sub string, args []any, byID map[int64]*jingzi.SupervisionRow) error {
	rows, err := tx.query(`SELECT meeting_id, state, COALESCE(check_grade, ''), COALESCE(MIN(check_score), 0), COUNT(*)
		FROM statements WHERE meeting_id IN (`+sub+`) GROUP BY meeting_id, state, check_grade`, args...)
	if err != nil {
		return fmt.Errorf("supervision statements: %w", err)
	}
	defer rows.Close()
	for rows.Next() {
		var id int64
		var state, grade string
		var lowest, n int
		if err := rows.Scan(&id, &state, &grade, &lowest, &n); err != nil {
			return err
		}
		if r := byID[id]; r != nil {
			r.Statements.Add(jingzi.StatementState(state), n)
			r.Grades.Add(grade, n, lowest)
		}
	}
	return rows.Err()
}

func countOpinionsByMeeting(tx *Tx, sub string, args []any, byID map[int64]*jingzi.SupervisionRow) error {
	rows, err := tx.query(`SELECT sol.meeting_id, COUNT(*) FROM opinions op
		JOIN solicitations sol ON sol.id = op.solicitation_id
		WHERE op.merged_into = '' AND sol.meeting_id IN (`+sub+`) GROUP BY sol.meeting_id`, args...)
	if err != nil {
		return fmt.Errorf("supervision opinions: %w", err)
	}
	defer rows.Close()
	for rows.Next() {
		var id int64
		var n int
		if err := rows.Scan(&id, &n); err != nil {
			return err
		}
		if r := byID[id]; r != nil {
			r.Opinions = n
		}
	}
	return rows.Err()
}

// countTalkCoverage loads the rosters and talks of the whole subtree in two
// queries and builds each meeting's 四必谈 matrix in memory.
func countTalkCoverage(tx *Tx, sub string, args []any, byID map[int64]*jingzi.SupervisionRow) error {
	meetings, err := supervisionRosters(tx, sub, args)
	if err != nil {
		return err
	}
	talks := map[int64][]*jingzi.Talk{}
	rows, err := tx.query(`SELECT id, meeting_id, talk_date, a_participant_id, a_kind, a_department,
		b_participant_id, b_kind, b_department FROM talks WHERE meeting_id IN (`+sub+`)`, args...)
	if err != nil {
		return fmt.Errorf("supervision talks: %w", err)
	}
	defer rows.Close()
	for rows.Next() {
		t := &jingzi.Talk{}
		var a, b sql.NullInt64
		var ak, bk string
		if err := rows.Scan(&t.ID, &t.MeetingID, &t.Date, &a, &ak, &t.A.Department, &b, &bk, &t.B.Department); err != nil {
			return err
		}
		m := meetings[t.MeetingID]
		if m == nil {
			continue
		}
		t.A, t.B = readSide(m, t.A, a, ak), readSide(m, t.B, b, bk)
		talks[t.MeetingID] = append(talks[t.MeetingID], t)
	}
	if err := rows.Err(); err != nil {
		return err
	}
	for id, m := range meetings {
		if r := byID[id]; r != nil {
			x := jingzi.BuildTalkMatrix(m, talks[id])
			r.TalkPairs, r.TalkDone = x.Required, x.Done
		}
	}
	return nil
}

// countLedgerByColour counts each meeting's 整改台账 items, those closed and
// those red at now. It loads the few columns the colour depends on and asks
// LedgerItem.Colour, so the dashboard and the ledger never disagree.
func countLedgerByColour(tx *Tx, sub string, args []any, byID map[int64]*jingzi.SupervisionRow, now time.Time) error {
	rows, err := tx.query(`SELECT meeting_id, status, deadline_kind, due, created_at FROM ledger_items
		WHERE meeting_id IN (`+sub+`)`, args...)
	if err != nil {
		return fmt.Errorf("supervision ledger: %w", err)
	}
	defer rows.Close()
	for rows.Next() {
		var it jingzi.LedgerItem
		var status, kind string
		var due sql.NullTime
		if err := rows.Scan(&it.MeetingID, &status, &kind, &due, &it.CreatedAt); err != nil {
			return err
		}
		r := byID[it.MeetingID]
		if r == nil {
			continue
		}
		it.Status, it.DeadlineKind, it.Due = jingzi.LedgerStatus(status), jingzi.DeadlineKind(kind), scannedDate(due)
		r.LedgerItems++
		switch it.Colour(now) {
		case jingzi.Green:
			r.LedgerClosed++
		case jingzi.Red:
			r.LedgerOverdue++
		}
	}
	return rows.Err()
}

// supervisionRosters returns the meetings of the subtree holding only their rosters.
func supervisionRosters(tx *Tx, sub string, args []any) (map[int64]*jingzi.Meeting, error) {
	rows, err := tx.query(`SELECT id, meeting_id, name, head, portfolio FROM participants
		WHERE meeting_id IN (`+sub+`) ORDER BY meeting_id, position, id`, args...)
	if err != nil {
		return nil, fmt.Errorf("supervision rosters: %w", err)
	}
	defer rows.Close()
	out := map[int64]*jingzi.Meeting{}
	for rows.Next() {
		p := &jingzi.Participant{}
		var portfolio string
		if err := rows.Scan(&p.ID, &p.MeetingID, &p.Name, &p.Head, &portfolio); err != nil {
			return nil, err
		}
		if err := json.Unmarshal([]byte(portfolio), &p.Portfolio); err != nil {
			return nil, fmt.Errorf("participant %d portfolio: %w", p.ID, err)
		}
		m := out[p.MeetingID]
		if m == nil {
			m = &jingzi.Meeting{ID: p.MeetingID}
			out[p.MeetingID] = m
		}
		m.Participants = append(m.Participants, p)
	}
	return out, rows.Err()
}
