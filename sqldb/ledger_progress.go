package sqldb

import (
	"context"
	"errors"
	"fmt"
	"io"
	"strings"
	"time"

	"jingzi"
)

// Progress (整改进展) and its evidence (佐证材料): rows here, content in the
// FileStore. Files are written and synced before the rows commit; when a file
// is refused or the rows do not commit, the files already stored are removed,
// so nothing half-stored remains.

var errEvidenceNotFound = jingzi.Errorf(jingzi.ENOTFOUND, "佐证材料不存在或您无权下载。")

// AddProgress records an entry with its evidence files; the item becomes 整改中.
func (s *LedgerService) AddProgress(ctx context.Context, p *jingzi.LedgerProgress, files []jingzi.EvidenceUpload) error {
	if len(files) > 0 && s.files == nil {
		return jingzi.Errorf(jingzi.EINVALID, "系统未配置文件存储，暂不能上传佐证材料。请联系系统管理员。")
	} else if len(files) > jingzi.MaxEvidenceFiles {
		return jingzi.Errorf(jingzi.EINVALID, "每条进展最多上传%d个佐证材料。", jingzi.MaxEvidenceFiles)
	}
	// Refuse before writing anything: a caller who may not report never fills the disk.
	if err := s.readTx(ctx, func(tx *Tx) error { _, _, err := progressTarget(tx, p); return err }); err != nil {
		return err
	}
	stored, err := s.putEvidence(ctx, files)
	if err != nil {
		return err
	}
	if err := s.insertProgress(ctx, p, files, stored); err != nil {
		s.removeFiles(ctx, stored)
		return err
	}
	return nil
}

func (s *LedgerService) readTx(ctx context.Context, fn func(tx *Tx) error) error {
	tx, err := s.db.beginRead(ctx)
	if err != nil {
		return err
	}
	defer tx.Rollback()
	return fn(tx)
}

// progressTarget loads the entry's item and checks the caller may report on
// it and the entry is valid.
func progressTarget(tx *Tx, p *jingzi.LedgerProgress) (*jingzi.LedgerItem, *jingzi.Meeting, error) {
	it, m, err := findVisibleLedgerItem(tx, p.ItemID)
	if err != nil {
		return nil, nil, err
	} else if it.Status == jingzi.LedgerClosed {
		return nil, nil, errLedgerClosed
	} else if !jingzi.CanReportProgress(tx.ctx, m, it) {
		return nil, nil, jingzi.Errorf(jingzi.EFORBIDDEN, "只有该事项的责任人、牵头领导或党办组织者可以报送整改进展。")
	} else if p.ItemVersion != 0 && p.ItemVersion != it.Version {
		return nil, nil, ledgerConflict(it.Version)
	}
	if err := p.Validate(it, tx.now); err != nil {
		return nil, nil, err
	}
	p.On = time.Date(p.On.Year(), p.On.Month(), p.On.Day(), 0, 0, 0, 0, time.UTC)
	return it, m, nil
}

// putEvidence stores every file, synced; on the first refusal it removes the
// ones already stored and returns the refusal naming the file.
func (s *LedgerService) putEvidence(ctx context.Context, files []jingzi.EvidenceUpload) ([]*jingzi.StoredFile, error) {
	var stored []*jingzi.StoredFile
	for _, f := range files {
		sf, err := s.files.Put(ctx, f.Body)
		if err != nil {
			s.removeFiles(ctx, stored)
			var e *jingzi.Error
			if errors.As(err, &e) {
				return nil, jingzi.Errorf(e.Code, "“%s”未能保存：%s本条进展未保存，请更换文件后重新提交。", evidenceName(f.Name), e.Message)
			}
			return nil, err
		}
		stored = append(stored, sf)
	}
	return stored, nil
}

func (s *LedgerService) insertProgress(ctx context.Context, p *jingzi.LedgerProgress, files []jingzi.EvidenceUpload, stored []*jingzi.StoredFile) error {
	tx, err := s.db.BeginTx(ctx)
	if err != nil {
		return err
	}
	defer tx.Rollback()
	it, m, err := progressTarget(tx, p)
	if err != nil {
		return err
	}
	a := jingzi.ActorFromContext(ctx)
	p.By, p.ByUserID, p.CreatedAt, p.Evidence = a.Name(), a.UserID(), tx.now, nil
	p.ID, err = tx.insert(`INSERT INTO ledger_progress (item_id, task_id, target_index, on_date, text, quantity, by_name, by_user_id, created_at)
		VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)`, p.ItemID, nullID(p.TaskID), p.TargetIndex, p.On, p.Text, p.Quantity, p.By, p.ByUserID, p.CreatedAt)
	if err != nil {
		return fmt.Errorf("insert progress: %w", err)
	}
	for i, sf := range stored {
		e := &jingzi.Evidence{ItemID: it.ID, ProgressID: p.ID, Name: evidenceName(files[i].Name), Key: sf.Key,
			ContentType: sf.ContentType, Size: sf.Size, UploadedBy: p.By, UploadedAt: tx.now}
		e.ID, err = tx.insert(`INSERT INTO ledger_evidence (item_id, progress_id, name, file_key, content_type, size, uploaded_by, uploaded_at)
			VALUES (?, ?, ?, ?, ?, ?, ?, ?)`, e.ItemID, e.ProgressID, e.Name, e.Key, e.ContentType, e.Size, e.UploadedBy, e.UploadedAt)
		if err != nil {
			return fmt.Errorf("insert evidence: %w", err)
		}
		p.Evidence = append(p.Evidence, e)
	}
	if err := markProgress(tx, it, p.On); err != nil {
		return err
	}
	detail := fmt.Sprintf("%s：%s进展", ledgerLabel(m, it), jingzi.FormatDate(p.On))
	if len(stored) > 0 {
		detail += fmt.Sprintf("，佐证材料%d份", len(stored))
	}
	if err := audit(tx, "ledger.progress", "ledger_item", it.ID, m.OrgID, detail); err != nil {
		return err
	}
	return tx.Commit()
}

// markProgress moves a 待整改 item to 整改中 and lifts a red mark that no
// longer holds, under the item's version.
func markProgress(tx *Tx, it *jingzi.LedgerItem, on time.Time) error {
	status := it.Status
	if status == jingzi.LedgerOpen {
		status = jingzi.LedgerDoing
	}
	after := *it
	after.Status = status
	overdue := it.OverdueSince
	if !after.Overdue(tx.now) {
		overdue = nil
	}
	res, err := tx.exec(`UPDATE ledger_items SET status = ?, overdue_since = ?, version = version + 1, updated_at = ?
		WHERE id = ? AND version = ?`, string(status), nullTime(overdue), tx.now, it.ID, it.Version)
	if err != nil {
		return fmt.Errorf("mark progress: %w", err)
	} else if n, _ := res.RowsAffected(); n != 1 {
		return ledgerConflict(it.Version + 1)
	}
	return nil
}

// OpenEvidence returns a file to those who may see its item.
func (s *LedgerService) OpenEvidence(ctx context.Context, evidenceID int64) (*jingzi.Evidence, io.ReadCloser, error) {
	var e *jingzi.Evidence
	err := s.readTx(ctx, func(tx *Tx) error {
		list, err := findEvidence(tx, "id = ?", evidenceID)
		if err != nil {
			return err
		} else if len(list) == 0 {
			return errEvidenceNotFound
		}
		if _, _, err := findVisibleLedgerItem(tx, list[0].ItemID); err != nil {
			return errEvidenceNotFound
		}
		e = list[0]
		return nil
	})
	if err != nil {
		return nil, nil, err
	} else if s.files == nil {
		return nil, nil, errEvidenceNotFound
	}
	rc, err := s.files.Open(ctx, e.Key)
	if err != nil {
		return nil, nil, err
	}
	return e, rc, nil
}

// removeFiles deletes stored content whose rows are gone or never committed.
// A failure leaves an orphan file that no row names and nobody can download.
func (s *LedgerService) removeFiles(ctx context.Context, stored []*jingzi.StoredFile) {
	for _, sf := range stored {
		s.files.Delete(context.WithoutCancel(ctx), sf.Key)
	}
}

// evidenceName cleans an upload's name as study materials are; a name with
// nothing left is called 佐证材料.
func evidenceName(name string) string {
	if strings.Trim(strings.ReplaceAll(name, `\`, "/"), " ./") == "" {
		return "佐证材料"
	}
	return cleanFileName(name)
}

// MeetingProgress fills the 整改 counts of the phase strip: items, those not
// yet 销号, and those red at the database's clock.
func (s *LedgerService) MeetingProgress(ctx context.Context, meetingID int64) (jingzi.MeetingProgress, error) {
	tx, err := s.db.beginRead(ctx)
	if err != nil {
		return jingzi.MeetingProgress{}, err
	}
	defer tx.Rollback()
	if _, err := findVisibleMeeting(tx, meetingID); err != nil {
		return jingzi.MeetingProgress{}, err
	}
	items, err := findLedgerItems(tx, "i.meeting_id = ?", meetingID)
	if err != nil {
		return jingzi.MeetingProgress{}, err
	}
	r := &jingzi.RectificationProgress{Items: len(items)}
	for _, it := range items {
		if it.Status != jingzi.LedgerClosed {
			r.Open++
		}
		if it.Colour(tx.now) == jingzi.Red {
			r.Overdue++
		}
	}
	return jingzi.MeetingProgress{Rectifications: r}, nil
}
