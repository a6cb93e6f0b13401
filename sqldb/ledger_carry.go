package sqldb

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"sort"

	"jingzi"
)

// Carry-over (结转): when a team's next meeting is created, the items of its
// previous meeting that are not 销号 move into the new ledger, so the work goes
// on there and next year's statements report it (上年度整改措施落实情况).

// carryOverLedger moves the open items of the team's previous meeting into m,
// which was just created with its roster: they keep their history, take the
// next numbers of m's ledger, remember where they were first recorded and
// their number there (origin_meeting_id, origin_seq), and
// their 牵头领导 becomes the same person on m's roster.
func carryOverLedger(tx *Tx, m *jingzi.Meeting) error {
	prev, err := previousMeeting(tx, m)
	if err != nil || prev == nil {
		return err
	}
	items, err := findLedgerItems(tx, "i.meeting_id = ? AND i.status <> ?", prev.ID, string(jingzi.LedgerClosed))
	if err != nil || len(items) == 0 {
		return err
	}
	var seq int
	if err := tx.queryRow(`SELECT COALESCE(MAX(seq), 0) FROM ledger_items WHERE meeting_id = ?`, m.ID).Scan(&seq); err != nil {
		return fmt.Errorf("carry over seq: %w", err)
	}
	for _, it := range items {
		seq++
		origin := it.OriginMeetingID
		if origin == 0 {
			origin = prev.ID
		}
		var lead int64
		if q := sameParticipant(m.Participants, prev.Participant(it.LeadID)); q != nil {
			lead = q.ID
		}
		originSeq := it.OriginSeq
		if originSeq == 0 {
			originSeq = it.Seq // carried twice, it keeps its first number
		}
		if _, err := tx.exec(`UPDATE ledger_items SET meeting_id = ?, origin_meeting_id = ?, origin_seq = ?, seq = ?, lead_participant_id = ?,
			lead_name = ?, version = version + 1, updated_at = ? WHERE id = ?`,
			m.ID, origin, originSeq, seq, nullID(lead), it.LeadName, tx.now, it.ID); err != nil {
			return fmt.Errorf("carry over ledger item: %w", err)
		}
		detail := fmt.Sprintf("%s → %s整改台账第%d项：%s", ledgerLabel(prev, it), m.Title, seq, shortProblem(it.Problem))
		if err := audit(tx, "ledger.carryover", "ledger_item", it.ID, m.OrgID, detail); err != nil {
			return err
		}
	}
	return nil
}

// previousMeeting is the team's meeting of the same kind in the latest earlier
// year, or nil.
func previousMeeting(tx *Tx, m *jingzi.Meeting) (*jingzi.Meeting, error) {
	var id int64
	err := tx.queryRow(`SELECT id FROM meetings WHERE org_id = ? AND kind = ? AND year < ? AND id <> ?
		ORDER BY year DESC, id DESC LIMIT 1`, m.OrgID, string(m.Kind), m.Year, m.ID).Scan(&id)
	if errors.Is(err, sql.ErrNoRows) {
		return nil, nil
	} else if err != nil {
		return nil, fmt.Errorf("find previous meeting: %w", err)
	}
	return findMeetingForRead(tx, id) // last year's meeting may be archived; its open items still move on
}

// sameParticipant finds on roster the entry of the same person as p: the
// same account, or else the same name; nil when p is nil or not there.
func sameParticipant(roster []*jingzi.Participant, p *jingzi.Participant) *jingzi.Participant {
	if p == nil {
		return nil
	}
	for _, q := range roster {
		if p.UserID != 0 && q.UserID == p.UserID {
			return q
		}
	}
	for _, q := range roster {
		if q.Name == p.Name && (q.UserID == 0 || p.UserID == 0) {
			return q
		}
	}
	return nil
}

// FindCarriedOver returns the team's previous meeting and every item its
// ledger recorded: those still there (closed) and those carried into
// meetingID, in the order they were first recorded, each with the number it
// had where it was recorded (Seq = OriginSeq for a carried one). Each item's LeadID is
// given on meetingID's roster (0 when that person is not on it), so that
// jingzi.CarryOverPart can pick a participant's own.
func (s *LedgerService) FindCarriedOver(ctx context.Context, meetingID int64) (*jingzi.Meeting, []*jingzi.LedgerItem, error) {
	tx, err := s.db.beginRead(ctx)
	if err != nil {
		return nil, nil, err
	}
	defer tx.Rollback()
	m, err := findMeetingByID(tx, meetingID)
	if err != nil || !jingzi.CanViewLedger(ctx, m) {
		return nil, nil, errMeetingNotFound
	}
	prev, err := previousMeeting(tx, m)
	if err != nil || prev == nil {
		return nil, nil, err
	}
	items, err := findLedgerItems(tx, "i.meeting_id = ? OR (i.meeting_id = ? AND i.origin_meeting_id <> 0)", prev.ID, m.ID)
	if err != nil {
		return nil, nil, err
	}
	for _, it := range items {
		if it.MeetingID == prev.ID {
			old := prev.Participant(it.LeadID)
			it.LeadID = 0
			if q := sameParticipant(m.Participants, old); q != nil {
				it.LeadID = q.ID
			}
		}
	}
	for _, it := range items {
		if it.MeetingID != prev.ID && it.OriginSeq > 0 {
			it.Seq = it.OriginSeq // the number it had where it was recorded
		}
	}
	sort.SliceStable(items, func(i, j int) bool {
		a, b := items[i], items[j]
		if !a.CreatedAt.Equal(b.CreatedAt) {
			return a.CreatedAt.Before(b.CreatedAt)
		}
		return a.ID < b.ID
	})
	return prev, items, nil
}
