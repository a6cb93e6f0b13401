package sqldb

import (
	"context"
	"database/sql"
	"encoding/json"
	"errors"
	"fmt"
	"strconv"
	"time"

	"jingzi"
)

// LedgerService implements jingzi.LedgerService: the 整改台账 of a meeting,
// its tasks, progress with evidence files (content in the FileStore), 销号
// and the daily overdue check. Every change to an item is guarded by its
// version and written with its audit entry in one transaction.
type LedgerService struct {
	db    *DB
	files jingzi.FileStore
}

// NewLedgerService returns the ledger service; files keeps the 佐证材料 (nil
// refuses uploads).
func NewLedgerService(db *DB, files jingzi.FileStore) *LedgerService {
	return &LedgerService{db: db, files: files}
}

var (
	_                 jingzi.LedgerService  = (*LedgerService)(nil)
	_                 jingzi.ProgressSource = (*LedgerService)(nil)
	errLedgerNotFound                       = jingzi.Errorf(jingzi.ENOTFOUND, "整改事项不存在或您无权查看。")
	errLedgerClosed                         = jingzi.Errorf(jingzi.EFORBIDDEN, "该事项已销号，台账记录已锁定，不能再修改。")
	errLedgerManage                         = jingzi.Errorf(jingzi.EFORBIDDEN, "只有本党组织或上级的党办组织者可以录入和修改整改事项。")
)

func ledgerConflict(version int) error {
	return jingzi.Errorf(jingzi.ECONFLICT, "该整改事项已被他人修改（当前为第%d版），您的操作未保存，请刷新后重试。", version)
}

// ledgerLink is the page of an item that notifications point to.
func ledgerLink(id int64) string { return "/ledger/" + strconv.FormatInt(id, 10) }

// FindLedgerItemByID returns the item with tasks, progress, evidence and close-outs.
func (s *LedgerService) FindLedgerItemByID(ctx context.Context, id int64) (*jingzi.LedgerItem, error) {
	tx, err := s.db.beginRead(ctx)
	if err != nil {
		return nil, err
	}
	defer tx.Rollback()
	it, _, err := findVisibleLedgerItem(tx, id)
	if err != nil {
		return nil, err
	}
	return it, loadLedgerHistory(tx, it)
}

// FindLedgerItems lists the items the caller may see, by meeting and Seq.
func (s *LedgerService) FindLedgerItems(ctx context.Context, f jingzi.LedgerFilter) ([]*jingzi.LedgerItem, int, error) {
	tx, err := s.db.beginRead(ctx)
	if err != nil {
		return nil, 0, err
	}
	defer tx.Rollback()
	cond, args := "1 = 1", []any{}
	if f.MeetingID != nil && f.WithCarried {
		cond, args = cond+" AND (i.meeting_id = ? OR i.origin_meeting_id = ?)", append(args, *f.MeetingID, *f.MeetingID)
	} else if f.MeetingID != nil {
		cond, args = cond+" AND i.meeting_id = ?", append(args, *f.MeetingID)
	}
	if f.OwnerUserID != nil {
		cond, args = cond+" AND i.owner_user_id = ?", append(args, *f.OwnerUserID)
	}
	if f.Status != "" {
		cond, args = cond+" AND i.status = ?", append(args, string(f.Status))
	}
	all, err := findLedgerItems(tx, cond, args...)
	if err != nil {
		return nil, 0, err
	}
	if f.MeetingID != nil && f.WithCarried {
		asRecordedIn(all, *f.MeetingID)
	}
	now := f.Now
	if now.IsZero() {
		now = tx.now
	}
	meetings := map[int64]*jingzi.Meeting{}
	var out []*jingzi.LedgerItem
	for _, it := range all {
		home := it.MeetingID
		if f.MeetingID != nil && it.CarriedOut(*f.MeetingID) {
			home = *f.MeetingID // seen as part of the meeting asked for
		}
		m, err := cachedMeeting(tx, meetings, home)
		if err != nil {
			return nil, 0, err
		}
		if jingzi.CanViewLedgerItem(ctx, m, it) && (f.Colour == "" || it.Colour(now) == f.Colour) {
			out = append(out, it)
		}
	}
	if f.MeetingID != nil && len(out) == 0 {
		// A caller who cannot see the meeting's ledger learns nothing about it.
		if m, err := findMeetingByID(tx, *f.MeetingID); err != nil || !jingzi.CanViewLedger(ctx, m) {
			return nil, 0, errMeetingNotFound
		}
	}
	return page(out, f.Offset, f.Limit), len(out), nil
}

func cachedMeeting(tx *Tx, cache map[int64]*jingzi.Meeting, id int64) (*jingzi.Meeting, error) {
	if m := cache[id]; m != nil {
		return m, nil
	}
	m, err := findMeetingForRead(tx, id) // the overdue job reads archived meetings too
	if err != nil {
		return nil, err
	}
	cache[id] = m
	return m, nil
}

// CreateLedgerItem records an item at the end of the meeting's ledger.
func (s *LedgerService) CreateLedgerItem(ctx context.Context, it *jingzi.LedgerItem) error {
	if err := it.Validate(); err != nil {
		return err
	}
	tx, err := s.db.BeginTx(ctx)
	if err != nil {
		return err
	}
	defer tx.Rollback()
	m, err := manageableLedger(tx, it.MeetingID)
	if err != nil {
		return err
	} else if err := resolveLedgerPeople(tx, m, it); err != nil {
		return err
	}
	key := ledgerSourceKey(it.Source, m.ID)
	if err := checkLedgerSource(tx, m.ID, key); err != nil {
		return err
	}
	if err := tx.queryRow(`SELECT COALESCE(MAX(seq), 0) + 1 FROM ledger_items WHERE meeting_id = ?`, m.ID).Scan(&it.Seq); err != nil {
		return fmt.Errorf("next ledger seq: %w", err)
	}
	it.Status, it.Version, it.CreatedAt, it.UpdatedAt = jingzi.LedgerOpen, 1, tx.now, tx.now
	it.ClosedOn, it.OverdueSince, it.OriginMeetingID, it.OriginSeq = nil, nil, 0, 0
	if err := insertLedgerItem(tx, it, key); isUniqueViolation(err) {
		return errLedgerSourceTaken
	} else if err != nil {
		return err
	}
	if err := saveLedgerTasks(tx, it, nil); err != nil {
		return err
	}
	if err := audit(tx, "ledger.create", "ledger_item", it.ID, m.OrgID, ledgerLabel(m, it)); err != nil {
		return err
	}
	return tx.Commit()
}

var errLedgerSourceTaken = jingzi.Errorf(jingzi.ECONFLICT, "该问题来源已列入本次会议的整改台账，同一来源只能建立一个整改事项。")

func checkLedgerSource(tx *Tx, meetingID int64, key string) error {
	if key == "" {
		return nil
	}
	// An item carried into the team's next meeting still answers its source
	// here: it keeps the number it had in this meeting.
	var seq int
	var carried bool
	err := tx.queryRow(`SELECT CASE WHEN meeting_id = ? THEN seq ELSE origin_seq END, meeting_id <> ? FROM ledger_items
		WHERE (meeting_id = ? OR origin_meeting_id = ?) AND source_key = ? ORDER BY id LIMIT 1`,
		meetingID, meetingID, meetingID, meetingID, key).Scan(&seq, &carried)
	if errors.Is(err, sql.ErrNoRows) {
		return nil
	} else if err != nil {
		return fmt.Errorf("check ledger source: %w", err)
	} else if carried {
		return jingzi.Errorf(jingzi.ECONFLICT, "该问题来源已列入本次会议的整改台账（第%d项，已转入下一年度台账继续整改），同一来源只能建立一个整改事项。", seq)
	}
	return jingzi.Errorf(jingzi.ECONFLICT, "该问题来源已列入本次会议的整改台账（第%d项），同一来源只能建立一个整改事项。", seq)
}

// ledgerSourceKey names the source for the one-item-per-source guard. The
// 督导组点评 are one source per meeting; an item typed in directly has none.
func ledgerSourceKey(src jingzi.LedgerSource, meetingID int64) string {
	switch src.Kind {
	case jingzi.SourceStatement:
		a := src.Anchor
		return fmt.Sprintf("statement:%d:%d:%d:%d", src.StatementID, a.Part, a.Section, a.Item)
	case jingzi.SourceOpinion:
		return "opinion:" + src.OpinionID
	case jingzi.SourceCriticism:
		return "criticism:" + strconv.FormatInt(src.CriticismID, 10)
	case jingzi.SourceSupervisor:
		return "supervisor:" + strconv.FormatInt(meetingID, 10)
	}
	return ""
}

func insertLedgerItem(tx *Tx, it *jingzi.LedgerItem, key string) error {
	targets, err := marshalTargets(it.Targets)
	if err != nil {
		return err
	}
	src := it.Source
	it.ID, err = tx.insert(`INSERT INTO ledger_items (meeting_id, seq, aspect, problem, measures, source_kind, source_key,
		source_statement_id, source_part, source_section, source_item, source_opinion_id, source_criticism_id, source_label,
		source_excerpt, lead_participant_id, lead_name, department, owner_user_id, owner_name, deadline_kind, due, targets,
		status, version, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
		it.MeetingID, it.Seq, it.Aspect, it.Problem, it.Measures, string(src.Kind), key, nullID(src.StatementID),
		sourceIndex(src, src.Anchor.Part), sourceIndex(src, src.Anchor.Section), sourceIndex(src, src.Anchor.Item),
		nullText(src.OpinionID), nullID(src.CriticismID), src.Label, src.Excerpt, nullID(it.LeadID), it.LeadName,
		it.Department, nullID(it.OwnerUserID), it.OwnerName, string(it.DeadlineKind), nullDate(it.Due), targets,
		string(it.Status), it.Version, it.CreatedAt, it.UpdatedAt)
	if err != nil {
		return fmt.Errorf("insert ledger item: %w", err)
	}
	return nil
}

// sourceIndex keeps the anchor only for a statement source.
func sourceIndex(src jingzi.LedgerSource, i int) int {
	if src.Kind != jingzi.SourceStatement {
		return -1
	}
	return i
}

func nullText(s string) any {
	if s == "" {
		return nil
	}
	return s
}

// UpdateLedgerItem changes the item's fields and tasks; the source stays as recorded.
func (s *LedgerService) UpdateLedgerItem(ctx context.Context, it *jingzi.LedgerItem) error {
	tx, err := s.db.BeginTx(ctx)
	if err != nil {
		return err
	}
	defer tx.Rollback()
	cur, m, err := findVisibleLedgerItem(tx, it.ID)
	if err != nil {
		return err
	} else if !jingzi.CanManageLedger(ctx, m) {
		return errLedgerManage
	} else if cur.Status == jingzi.LedgerClosed {
		return errLedgerClosed
	} else if cur.Version != it.Version {
		return ledgerConflict(cur.Version)
	}
	it.MeetingID, it.Source = cur.MeetingID, cur.Source
	if err := it.Validate(); err != nil {
		return err
	} else if err := resolveLedgerPeople(tx, m, it); err != nil {
		return err
	}
	it.Seq, it.Status, it.ClosedOn, it.OriginMeetingID, it.CreatedAt = cur.Seq, cur.Status, cur.ClosedOn, cur.OriginMeetingID, cur.CreatedAt
	it.LastProgressOn, it.OverdueSince, it.OriginSeq = cur.LastProgressOn, cur.OverdueSince, cur.OriginSeq
	if !it.Overdue(tx.now) && !it.Stalled(tx.now) {
		it.OverdueSince = nil // a new date lifts the red mark; the daily check sets it again when due
	}
	targets, err := marshalTargets(it.Targets)
	if err != nil {
		return err
	}
	res, err := tx.exec(`UPDATE ledger_items SET aspect = ?, problem = ?, measures = ?, lead_participant_id = ?, lead_name = ?,
		department = ?, owner_user_id = ?, owner_name = ?, deadline_kind = ?, due = ?, targets = ?, overdue_since = ?,
		version = version + 1, updated_at = ? WHERE id = ? AND version = ?`,
		it.Aspect, it.Problem, it.Measures, nullID(it.LeadID), it.LeadName, it.Department, nullID(it.OwnerUserID),
		it.OwnerName, string(it.DeadlineKind), nullDate(it.Due), targets, nullTime(it.OverdueSince), tx.now, it.ID, cur.Version)
	if err != nil {
		return fmt.Errorf("update ledger item: %w", err)
	} else if n, _ := res.RowsAffected(); n != 1 {
		return ledgerConflict(cur.Version + 1)
	}
	it.Version, it.UpdatedAt = cur.Version+1, tx.now
	if err := saveLedgerTasks(tx, it, cur.Tasks); err != nil {
		return err
	} else if err := fillLedgerSums(tx, []*jingzi.LedgerItem{it}); err != nil {
		return err
	}
	if err := audit(tx, "ledger.update", "ledger_item", it.ID, m.OrgID, ledgerLabel(m, it)); err != nil {
		return err
	}
	return tx.Commit()
}

func nullTime(t *time.Time) any {
	if t == nil {
		return nil
	}
	return t.UTC()
}

// DeleteLedgerItem removes an item that has no progress yet.
func (s *LedgerService) DeleteLedgerItem(ctx context.Context, id int64, version int) error {
	tx, err := s.db.BeginTx(ctx)
	if err != nil {
		return err
	}
	defer tx.Rollback()
	it, m, err := findVisibleLedgerItem(tx, id)
	if err != nil {
		return err
	} else if !jingzi.CanManageLedger(ctx, m) {
		return errLedgerManage
	} else if it.Status == jingzi.LedgerClosed {
		return errLedgerClosed
	} else if it.Version != version {
		return ledgerConflict(it.Version)
	}
	var n int
	if err := tx.queryRow(`SELECT COUNT(*) FROM ledger_progress WHERE item_id = ?`, id).Scan(&n); err != nil {
		return fmt.Errorf("count progress: %w", err)
	} else if n > 0 {
		return jingzi.Errorf(jingzi.ECONFLICT, "该事项已有%d条整改进展，不能删除。", n)
	}
	res, err := tx.exec(`DELETE FROM ledger_items WHERE id = ? AND version = ?`, id, version)
	if err != nil {
		return fmt.Errorf("delete ledger item: %w", err)
	} else if n, _ := res.RowsAffected(); n != 1 {
		return ledgerConflict(version + 1)
	}
	if err := audit(tx, "ledger.delete", "ledger_item", id, m.OrgID, ledgerLabel(m, it)); err != nil {
		return err
	}
	return tx.Commit()
}

// ledgerLabel names an item in the audit log: 会议 第N项：问题.
func ledgerLabel(m *jingzi.Meeting, it *jingzi.LedgerItem) string {
	p := []rune(it.Problem)
	if len(p) > 40 {
		p = append(p[:40], '…')
	}
	return fmt.Sprintf("%s 整改台账第%d项：%s", m.Title, it.Seq, string(p))
}

// manageableLedger loads a meeting whose ledger the caller may change.
func manageableLedger(tx *Tx, meetingID int64) (*jingzi.Meeting, error) {
	m, err := findMeetingByID(tx, meetingID)
	if jingzi.ErrorCode(err) == jingzi.ECONFLICT {
		return nil, err // archived: read-only, and the caller may see it
	} else if err != nil || !jingzi.CanViewLedger(tx.ctx, m) {
		return nil, errMeetingNotFound
	} else if !jingzi.CanManageLedger(tx.ctx, m) {
		return nil, errLedgerManage
	} else if m.ArchivedAt != nil {
		return nil, jingzi.Errorf(jingzi.EFORBIDDEN, "会议已归档，整改台账只能查看。")
	}
	return m, nil
}

// resolveLedgerPeople checks the 牵头领导 is on the roster and the 责任人's
// account belongs to the team, and takes their names from the records.
func resolveLedgerPeople(tx *Tx, m *jingzi.Meeting, it *jingzi.LedgerItem) error {
	it.LeadName = ""
	if it.LeadID != 0 {
		p := m.Participant(it.LeadID)
		if p == nil {
			return jingzi.Errorf(jingzi.EINVALID, "所选牵头领导不在本次会议的班子成员名单中，请刷新页面后重新选择。")
		}
		it.LeadName = p.Name
	}
	if it.OwnerUserID == 0 {
		return nil
	}
	u, path, err := findUser(tx, "u.id = ?", it.OwnerUserID)
	if err != nil || !jingzi.PathWithin(path, m.OrgPath) || u.Disabled {
		return jingzi.Errorf(jingzi.EINVALID, "所选责任人账号不属于%s或已停用，请重新选择。", m.OrgName)
	}
	if it.OwnerName == "" {
		it.OwnerName = u.Name
	}
	return nil
}

// ledgerTarget is how a target is stored in the targets JSON; Done is computed.
type ledgerTarget struct {
	Text     string `json:"text"`
	Quantity *int   `json:"quantity"`
	Unit     string `json:"unit"`
	Period   string `json:"period"`
}

func marshalTargets(list []jingzi.LedgerTarget) (string, error) {
	out := make([]ledgerTarget, len(list))
	for i, t := range list {
		out[i] = ledgerTarget{Text: t.Text, Quantity: t.Quantity, Unit: t.Unit, Period: t.Period}
	}
	b, err := json.Marshal(out)
	return string(b), err
}

func unmarshalTargets(s string) ([]jingzi.LedgerTarget, error) {
	var list []ledgerTarget
	if err := json.Unmarshal([]byte(s), &list); err != nil {
		return nil, err
	}
	var out []jingzi.LedgerTarget
	for _, t := range list {
		out = append(out, jingzi.LedgerTarget{Text: t.Text, Quantity: t.Quantity, Unit: t.Unit, Period: t.Period})
	}
	return out, nil
}
