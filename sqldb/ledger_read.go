package sqldb

import (
	"database/sql"
	"fmt"
	"sort"
	"strings"

	"jingzi"
)

// Reading ledger items: the rows, their tasks, the sums of their progress, and
// for one item its whole history.

const ledgerColumns = `i.id, i.meeting_id, i.seq, i.aspect, i.problem, i.measures, i.source_kind,
	COALESCE(i.source_statement_id, 0), i.source_part, i.source_section, i.source_item, COALESCE(i.source_opinion_id, ''),
	COALESCE(i.source_criticism_id, 0), i.source_label, i.source_excerpt, COALESCE(i.lead_participant_id, 0),
	COALESCE(p.name, i.lead_name), i.department, COALESCE(i.owner_user_id, 0), i.owner_name, i.deadline_kind, i.due,
	i.targets, i.status, i.closed_on, i.overdue_since, i.origin_meeting_id, i.origin_seq, i.version, i.created_at, i.updated_at`

// findLedgerItems returns the items matching cond over ledger_items i, by
// meeting and Seq, with their tasks, targets' Done sums and LastProgressOn.
func findLedgerItems(tx *Tx, cond string, args ...any) ([]*jingzi.LedgerItem, error) {
	rows, err := tx.query(`SELECT `+ledgerColumns+` FROM ledger_items i
		LEFT JOIN participants p ON p.id = i.lead_participant_id WHERE `+cond+` ORDER BY i.meeting_id, i.seq, i.id`, args...)
	if err != nil {
		return nil, fmt.Errorf("find ledger items: %w", err)
	}
	defer rows.Close()
	var out []*jingzi.LedgerItem
	for rows.Next() {
		it, err := scanLedgerItem(rows)
		if err != nil {
			return nil, err
		}
		out = append(out, it)
	}
	if err := rows.Err(); err != nil {
		return nil, err
	}
	rows.Close()
	if err := loadLedgerTasks(tx, out); err != nil {
		return nil, err
	}
	return out, fillLedgerSums(tx, out)
}

func scanLedgerItem(rows *sql.Rows) (*jingzi.LedgerItem, error) {
	it := &jingzi.LedgerItem{}
	src := &it.Source
	var kind, deadline, status, targets string
	var due, closed, overdue sql.NullTime
	if err := rows.Scan(&it.ID, &it.MeetingID, &it.Seq, &it.Aspect, &it.Problem, &it.Measures, &kind,
		&src.StatementID, &src.Anchor.Part, &src.Anchor.Section, &src.Anchor.Item, &src.OpinionID,
		&src.CriticismID, &src.Label, &src.Excerpt, &it.LeadID, &it.LeadName, &it.Department, &it.OwnerUserID,
		&it.OwnerName, &deadline, &due, &targets, &status, &closed, &overdue, &it.OriginMeetingID, &it.OriginSeq, &it.Version,
		&it.CreatedAt, &it.UpdatedAt); err != nil {
		return nil, err
	}
	src.Kind, it.DeadlineKind, it.Status = jingzi.SourceKind(kind), jingzi.DeadlineKind(deadline), jingzi.LedgerStatus(status)
	it.Due, it.ClosedOn, it.OverdueSince = scannedDate(due), scannedDate(closed), scannedDate(overdue)
	var err error
	if it.Targets, err = unmarshalTargets(targets); err != nil {
		return nil, fmt.Errorf("ledger item %d targets: %w", it.ID, err)
	}
	return it, nil
}

// asRecordedIn presents items as meetingID's ledger recorded them: each one
// carried out of it takes its number there (OriginSeq), and all are ordered by
// those numbers.
func asRecordedIn(items []*jingzi.LedgerItem, meetingID int64) {
	for _, it := range items {
		if it.CarriedOut(meetingID) && it.OriginSeq > 0 {
			it.Seq = it.OriginSeq
		}
	}
	sort.SliceStable(items, func(i, j int) bool {
		if items[i].Seq != items[j].Seq {
			return items[i].Seq < items[j].Seq
		}
		return items[i].ID < items[j].ID
	})
}

// findVisibleLedgerItem loads an item with its tasks and its meeting;
// ENOTFOUND when the caller may not see it.
func findVisibleLedgerItem(tx *Tx, id int64) (*jingzi.LedgerItem, *jingzi.Meeting, error) {
	list, err := findLedgerItems(tx, "i.id = ?", id)
	if err != nil {
		return nil, nil, err
	} else if len(list) == 0 {
		return nil, nil, errLedgerNotFound
	}
	m, err := findMeetingByID(tx, list[0].MeetingID)
	if jingzi.ErrorCode(err) == jingzi.ECONFLICT {
		return nil, nil, err // archived: read-only, and the caller may see it
	} else if err != nil || !jingzi.CanViewLedgerItem(tx.ctx, m, list[0]) {
		return nil, nil, errLedgerNotFound
	}
	return list[0], m, nil
}

// idList returns "?, ?, ?" and the ids as arguments.
func idList(items []*jingzi.LedgerItem) (string, []any) {
	marks, args := make([]string, len(items)), make([]any, len(items))
	for i, it := range items {
		marks[i], args[i] = "?", it.ID
	}
	return strings.Join(marks, ", "), args
}

func loadLedgerTasks(tx *Tx, items []*jingzi.LedgerItem) error {
	if len(items) == 0 {
		return nil
	}
	byID := map[int64]*jingzi.LedgerItem{}
	for _, it := range items {
		it.Tasks, byID[it.ID] = nil, it
	}
	marks, args := idList(items)
	rows, err := tx.query(`SELECT id, item_id, position, text, owner, due, done FROM ledger_tasks
		WHERE item_id IN (`+marks+`) ORDER BY item_id, position, id`, args...)
	if err != nil {
		return fmt.Errorf("load ledger tasks: %w", err)
	}
	defer rows.Close()
	for rows.Next() {
		t := &jingzi.LedgerTask{}
		var due sql.NullTime
		if err := rows.Scan(&t.ID, &t.ItemID, &t.Position, &t.Text, &t.Owner, &due, &t.Done); err != nil {
			return err
		}
		t.Due = scannedDate(due)
		byID[t.ItemID].Tasks = append(byID[t.ItemID].Tasks, t)
	}
	return rows.Err()
}

// fillLedgerSums adds up each target's progress quantities and finds the
// latest progress date of each item.
func fillLedgerSums(tx *Tx, items []*jingzi.LedgerItem) error {
	if len(items) == 0 {
		return nil
	}
	byID := map[int64]*jingzi.LedgerItem{}
	for _, it := range items {
		it.LastProgressOn, byID[it.ID] = nil, it
		for i := range it.Targets {
			it.Targets[i].Done = 0
		}
	}
	marks, args := idList(items)
	rows, err := tx.query(`SELECT item_id, target_index, quantity, on_date FROM ledger_progress WHERE item_id IN (`+marks+`)`, args...)
	if err != nil {
		return fmt.Errorf("sum ledger progress: %w", err)
	}
	defer rows.Close()
	for rows.Next() {
		var itemID int64
		var target, quantity int
		var on sql.NullTime
		if err := rows.Scan(&itemID, &target, &quantity, &on); err != nil {
			return err
		}
		it := byID[itemID]
		if target >= 0 && target < len(it.Targets) {
			it.Targets[target].Done += quantity
		}
		if d := scannedDate(on); d != nil && (it.LastProgressOn == nil || d.After(*it.LastProgressOn)) {
			it.LastProgressOn = d
		}
	}
	return rows.Err()
}

// loadLedgerHistory fills the progress (newest first, each with its
// evidence) and the close-out steps (oldest first) of one item.
func loadLedgerHistory(tx *Tx, it *jingzi.LedgerItem) error {
	rows, err := tx.query(`SELECT id, item_id, COALESCE(task_id, 0), target_index, on_date, text, quantity, by_name, by_user_id, created_at
		FROM ledger_progress WHERE item_id = ? ORDER BY on_date DESC, id DESC`, it.ID)
	if err != nil {
		return fmt.Errorf("load ledger progress: %w", err)
	}
	byID := map[int64]*jingzi.LedgerProgress{}
	it.Progress = nil
	for rows.Next() {
		p := &jingzi.LedgerProgress{}
		if err := rows.Scan(&p.ID, &p.ItemID, &p.TaskID, &p.TargetIndex, &p.On, &p.Text, &p.Quantity, &p.By, &p.ByUserID, &p.CreatedAt); err != nil {
			rows.Close()
			return err
		}
		p.On = p.On.UTC()
		it.Progress, byID[p.ID] = append(it.Progress, p), p
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return err
	}
	evidence, err := findEvidence(tx, "item_id = ?", it.ID)
	if err != nil {
		return err
	}
	for _, e := range evidence {
		if p := byID[e.ProgressID]; p != nil {
			p.Evidence = append(p.Evidence, e)
		}
	}
	it.CloseOuts, err = findCloseOuts(tx, it.ID)
	return err
}

func findEvidence(tx *Tx, cond string, args ...any) ([]*jingzi.Evidence, error) {
	rows, err := tx.query(`SELECT id, item_id, progress_id, name, file_key, content_type, size, uploaded_by, uploaded_at
		FROM ledger_evidence WHERE `+cond+` ORDER BY id`, args...)
	if err != nil {
		return nil, fmt.Errorf("find evidence: %w", err)
	}
	defer rows.Close()
	var out []*jingzi.Evidence
	for rows.Next() {
		e := &jingzi.Evidence{}
		if err := rows.Scan(&e.ID, &e.ItemID, &e.ProgressID, &e.Name, &e.Key, &e.ContentType, &e.Size, &e.UploadedBy, &e.UploadedAt); err != nil {
			return nil, err
		}
		out = append(out, e)
	}
	return out, rows.Err()
}

func findCloseOuts(tx *Tx, itemID int64) ([]*jingzi.CloseOut, error) {
	rows, err := tx.query(`SELECT id, item_id, action, reasons, by_name, by_user_id, at FROM ledger_closeouts
		WHERE item_id = ? ORDER BY id`, itemID)
	if err != nil {
		return nil, fmt.Errorf("find close-outs: %w", err)
	}
	defer rows.Close()
	var out []*jingzi.CloseOut
	for rows.Next() {
		c := &jingzi.CloseOut{}
		var action string
		if err := rows.Scan(&c.ID, &c.ItemID, &action, &c.Reasons, &c.By, &c.ByUserID, &c.At); err != nil {
			return nil, err
		}
		c.Action = jingzi.CloseOutAction(action)
		out = append(out, c)
	}
	return out, rows.Err()
}

// saveLedgerTasks makes the item's stored tasks equal to it.Tasks: a task
// with the id of a current one is updated in place (progress refers to it),
// one with id 0 is added, the others are removed.
func saveLedgerTasks(tx *Tx, it *jingzi.LedgerItem, current []*jingzi.LedgerTask) error {
	kept := map[int64]bool{}
	for _, t := range it.Tasks {
		if t.ID == 0 {
			continue
		} else if kept[t.ID] || !hasTask(current, t.ID) {
			return jingzi.Errorf(jingzi.EINVALID, "整改任务已变化，请刷新页面后重新修改。")
		}
		kept[t.ID] = true
	}
	for _, t := range current {
		if !kept[t.ID] {
			if _, err := tx.exec(`DELETE FROM ledger_tasks WHERE id = ?`, t.ID); err != nil {
				return fmt.Errorf("delete ledger task: %w", err)
			}
		}
	}
	for i, t := range it.Tasks {
		t.ItemID, t.Position = it.ID, i
		var err error
		if t.ID != 0 {
			_, err = tx.exec(`UPDATE ledger_tasks SET position = ?, text = ?, owner = ?, due = ?, done = ? WHERE id = ? AND item_id = ?`,
				t.Position, t.Text, t.Owner, nullDate(t.Due), t.Done, t.ID, it.ID)
		} else {
			t.ID, err = tx.insert(`INSERT INTO ledger_tasks (item_id, position, text, owner, due, done) VALUES (?, ?, ?, ?, ?, ?)`,
				it.ID, t.Position, t.Text, t.Owner, nullDate(t.Due), t.Done)
		}
		if err != nil {
			return fmt.Errorf("save ledger task: %w", err)
		}
	}
	return nil
}

func hasTask(list []*jingzi.LedgerTask, id int64) bool {
	for _, t := range list {
		if t.ID == id {
			return true
		}
	}
	return false
}
