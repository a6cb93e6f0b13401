package sqldb

import (
	"context"
	"fmt"
	"strings"
	"time"
	"unicode/utf8"

	"jingzi"
)

// 销号: the 责任人 (or 牵头领导, or the organiser) asks with evidence on file;
// the organiser or the head approves, which closes and locks the item, or
// returns it with reasons. Each step is a row, an audit entry and
// notifications, under the item's version.

// RequestCloseOut asks for 销号; the item needs at least one evidence file.
func (s *LedgerService) RequestCloseOut(ctx context.Context, itemID int64, version int, note string) error {
	return s.closeOut(ctx, itemID, version, jingzi.CloseOutRequest, note)
}

// ApproveCloseOut closes and locks the item.
func (s *LedgerService) ApproveCloseOut(ctx context.Context, itemID int64, version int, note string) error {
	return s.closeOut(ctx, itemID, version, jingzi.CloseOutApprove, note)
}

// ReturnCloseOut sends the request back to 整改中 with reasons.
func (s *LedgerService) ReturnCloseOut(ctx context.Context, itemID int64, version int, reasons string) error {
	return s.closeOut(ctx, itemID, version, jingzi.CloseOutReturn, reasons)
}

func (s *LedgerService) closeOut(ctx context.Context, itemID int64, version int, action jingzi.CloseOutAction, reasons string) error {
	reasons = strings.TrimSpace(reasons)
	if action == jingzi.CloseOutReturn && reasons == "" {
		return jingzi.Errorf(jingzi.EINVALID, "请填写退回理由，说明还需补充哪些整改工作或佐证材料。")
	} else if utf8.RuneCountInString(reasons) > 2000 {
		return jingzi.Errorf(jingzi.EINVALID, "说明不超过2000个字。")
	}
	tx, err := s.db.BeginTx(ctx)
	if err != nil {
		return err
	}
	defer tx.Rollback()
	it, m, err := findVisibleLedgerItem(tx, itemID)
	if err != nil {
		return err
	}
	next, err := closeOutStep(tx, m, it, action)
	if err != nil {
		return err
	} else if it.Version != version {
		return ledgerConflict(it.Version)
	}
	var closedOn *time.Time
	if next == jingzi.LedgerClosed {
		d := time.Date(tx.now.Year(), tx.now.Month(), tx.now.Day(), 0, 0, 0, 0, time.UTC)
		closedOn = &d
	}
	res, err := tx.exec(`UPDATE ledger_items SET status = ?, closed_on = ?, version = version + 1, updated_at = ?
		WHERE id = ? AND version = ? AND status = ?`, string(next), nullDate(closedOn), tx.now, it.ID, version, string(it.Status))
	if err != nil {
		return fmt.Errorf("close-out: %w", err)
	} else if n, _ := res.RowsAffected(); n != 1 {
		return ledgerConflict(version + 1)
	}
	a := jingzi.ActorFromContext(ctx)
	c := &jingzi.CloseOut{ItemID: it.ID, Action: action, Reasons: reasons, By: a.Name(), ByUserID: a.UserID(), At: tx.now}
	if c.ID, err = tx.insert(`INSERT INTO ledger_closeouts (item_id, action, reasons, by_name, by_user_id, at) VALUES (?, ?, ?, ?, ?, ?)`,
		c.ItemID, string(c.Action), c.Reasons, c.By, c.ByUserID, c.At); err != nil {
		return fmt.Errorf("insert close-out: %w", err)
	}
	detail := fmt.Sprintf("%s：%s→%s", ledgerLabel(m, it), it.Status.Label(), next.Label())
	if reasons != "" {
		detail += "；说明：" + reasons
	}
	if err := audit(tx, "ledger.closeout."+string(action), "ledger_item", it.ID, m.OrgID, detail); err != nil {
		return err
	} else if err := notifyCloseOut(tx, m, it, c); err != nil {
		return err
	}
	return tx.Commit()
}

// closeOutStep checks the caller may take the step from the item's state and
// returns the state it leads to.
func closeOutStep(tx *Tx, m *jingzi.Meeting, it *jingzi.LedgerItem, action jingzi.CloseOutAction) (jingzi.LedgerStatus, error) {
	if it.Status == jingzi.LedgerClosed {
		return "", errLedgerClosed
	}
	if action == jingzi.CloseOutRequest {
		if !jingzi.CanReportProgress(tx.ctx, m, it) {
			return "", jingzi.Errorf(jingzi.EFORBIDDEN, "只有该事项的责任人、牵头领导或党办组织者可以申请销号。")
		} else if it.Status == jingzi.LedgerRequested {
			return "", jingzi.Errorf(jingzi.ECONFLICT, "该事项已申请销号，正在等待审批。")
		}
		var n int
		if err := tx.queryRow(`SELECT COUNT(*) FROM ledger_evidence WHERE item_id = ?`, it.ID).Scan(&n); err != nil {
			return "", fmt.Errorf("count evidence: %w", err)
		} else if n == 0 {
			return "", jingzi.Errorf(jingzi.EINVALID, "申请销号前，请在整改进展中上传至少一份佐证材料。")
		}
		return jingzi.LedgerRequested, nil
	}
	if !jingzi.CanDecideCloseOut(tx.ctx, m) {
		return "", jingzi.Errorf(jingzi.EFORBIDDEN, "只有党办组织者或主要负责人可以审批销号。")
	} else if it.Status != jingzi.LedgerRequested {
		return "", jingzi.Errorf(jingzi.ECONFLICT, "该事项尚未申请销号或申请已被处理，请刷新后查看。")
	}
	if action == jingzi.CloseOutApprove {
		return jingzi.LedgerClosed, nil
	}
	return jingzi.LedgerDoing, nil
}

// notifyCloseOut tells the deciders of a request, and the 责任人 and 牵头领导
// of the decision.
func notifyCloseOut(tx *Tx, m *jingzi.Meeting, it *jingzi.LedgerItem, c *jingzi.CloseOut) error {
	label := fmt.Sprintf("%s整改台账第%d项", m.Title, it.Seq)
	var to []int64
	var text string
	if c.Action == jingzi.CloseOutRequest {
		ids, err := organisersOver(tx, m)
		if err != nil {
			return err
		}
		if h := m.Head(); h != nil {
			ids = append(ids, h.UserID)
		}
		to, text = ids, fmt.Sprintf("%s由%s申请销号，请审核佐证材料后决定。", label, c.By)
	} else {
		to, text = ledgerOwners(m, it), fmt.Sprintf("%s的销号申请已由%s%s。", label, c.By, map[jingzi.CloseOutAction]string{
			jingzi.CloseOutApprove: "同意，事项已销号", jingzi.CloseOutReturn: "退回"}[c.Action])
		if c.Reasons != "" {
			text += "理由：" + c.Reasons
		}
	}
	return insertNotifications(tx, uniqueIDs(to), &jingzi.Review{Action: "ledger." + string(c.Action), UserID: c.ByUserID}, text, ledgerLink(it.ID))
}

// ledgerOwners: the 责任人's account and the 牵头领导's.
func ledgerOwners(m *jingzi.Meeting, it *jingzi.LedgerItem) []int64 {
	out := []int64{it.OwnerUserID}
	if p := m.Participant(it.LeadID); p != nil {
		out = append(out, p.UserID)
	}
	return out
}

// uniqueIDs drops zeros and repeats, keeping the first order.
func uniqueIDs(ids []int64) []int64 {
	seen := map[int64]bool{}
	var out []int64
	for _, id := range ids {
		if id != 0 && !seen[id] {
			seen[id] = true
			out = append(out, id)
		}
	}
	return out
}

// FlagOverdue 逾期检查 marks the items that are newly red at now (past their
// date, or 30 days without progress) and tells their 责任人, 牵头领导 and the
// organisers over the team, once per item: the mark stays until a new date or
// progress lifts it.
func (s *LedgerService) FlagOverdue(ctx context.Context, now time.Time) (int, error) {
	if !jingzi.IsSystem(ctx) {
		return 0, jingzi.Errorf(jingzi.EFORBIDDEN, "逾期检查由系统自动执行。")
	}
	tx, err := s.db.BeginTx(ctx)
	if err != nil {
		return 0, err
	}
	defer tx.Rollback()
	items, err := findLedgerItems(tx, "i.status <> ? AND i.overdue_since IS NULL", string(jingzi.LedgerClosed))
	if err != nil {
		return 0, err
	}
	meetings := map[int64]*jingzi.Meeting{}
	flagged := 0
	for _, it := range items {
		if !it.Overdue(now) && !it.Stalled(now) {
			continue
		}
		m, err := cachedMeeting(tx, meetings, it.MeetingID)
		if err != nil {
			return 0, err
		} else if m.ArchivedAt != nil {
			continue // read-only: archived with its open items and a reason
		}
		if err := flagItem(tx, m, it, now); err != nil {
			return 0, err
		}
		flagged++
	}
	return flagged, tx.Commit()
}

func flagItem(tx *Tx, m *jingzi.Meeting, it *jingzi.LedgerItem, now time.Time) error {
	if _, err := tx.exec(`UPDATE ledger_items SET overdue_since = ? WHERE id = ? AND overdue_since IS NULL`, now.UTC(), it.ID); err != nil {
		return fmt.Errorf("flag overdue: %w", err)
	}
	why := "超过" + fmt.Sprint(jingzi.NotStartedDays) + "天尚未报送整改进展"
	if d := it.DueDate(); it.Overdue(now) && d != nil {
		why = "已超过完成时限（" + jingzi.FormatDate(*d) + "）"
	}
	text := fmt.Sprintf("%s整改台账第%d项“%s”%s，请抓紧推进。责任人：%s。", m.Title, it.Seq, shortProblem(it.Problem), why, it.OwnerName)
	orgs, err := organisersOver(tx, m)
	if err != nil {
		return err
	}
	to := uniqueIDs(append(ledgerOwners(m, it), orgs...))
	if err := insertNotifications(tx, to, &jingzi.Review{Action: "ledger.overdue"}, text, ledgerLink(it.ID)); err != nil {
		return err
	}
	return audit(tx, "ledger.overdue", "ledger_item", it.ID, m.OrgID, ledgerLabel(m, it)+"："+why)
}

func shortProblem(s string) string {
	r := []rune(s)
	if len(r) > 30 {
		return string(r[:30]) + "…"
	}
	return s
}
