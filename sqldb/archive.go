package sqldb

import (
	"context"
	"crypto/sha256"
	"database/sql"
	"encoding/hex"
	"errors"
	"fmt"
	"io"
	"strings"
	"unicode/utf8"

	"jingzi"
)

// ArchiveBuilder writes the package of a meeting to w as the calling
// organiser would see it, and returns how many entries its manifest lists. a
// carries what the manifest records: reason, archiving person and time.
type ArchiveBuilder func(ctx context.Context, m *jingzi.Meeting, a *jingzi.Archive, w io.Writer) (entries int, err error)

// ArchiveService implements jingzi.ArchiveService. The package's content comes
// from the other services through build; the store keeps the .zip.
type ArchiveService struct {
	db    *DB
	files jingzi.FileStore
	build ArchiveBuilder
}

var _ jingzi.ArchiveService = (*ArchiveService)(nil)

// NewArchiveService returns the archive service.
func NewArchiveService(db *DB, files jingzi.FileStore, build ArchiveBuilder) *ArchiveService {
	return &ArchiveService{db: db, files: files, build: build}
}

var (
	errArchiveNotFound = jingzi.Errorf(jingzi.ENOTFOUND, "归档包不存在或您无权下载。")
	errStoreStopped    = errors.New("archive store stopped reading")
)

// maxArchiveReason bounds a reason, in characters.
const maxArchiveReason = 1000

// writableMeeting loads a meeting the caller may see and refuses it when it is
// archived, in a read or a write transaction: the check to make before
// anything that would change a meeting or its records (a write transaction
// gets it from findMeetingByID as well).
func writableMeeting(tx *Tx, id int64) (*jingzi.Meeting, error) {
	m, err := findVisibleMeeting(tx, id)
	if err != nil {
		return nil, err
	}
	return m, refuseArchived(tx, m)
}

// refuseArchived returns jingzi.ErrArchived for an archived meeting, or
// ENOTFOUND when the caller may not even see it (no existence leak).
func refuseArchived(tx *Tx, m *jingzi.Meeting) error {
	if m.ArchivedAt == nil {
		return nil
	} else if !jingzi.CanViewMeeting(tx.ctx, m.OrgPath) {
		return errMeetingNotFound
	}
	return jingzi.ErrArchived()
}

// ArchiveMeeting builds the package, stores it, and marks the meeting archived.
func (s *ArchiveService) ArchiveMeeting(ctx context.Context, meetingID int64, reason string) (*jingzi.Archive, error) {
	reason = strings.TrimSpace(reason)
	if utf8.RuneCountInString(reason) > maxArchiveReason {
		return nil, jingzi.Errorf(jingzi.EINVALID, "归档原因不能超过%d字。", maxArchiveReason)
	}
	m, since, err := s.checkArchive(ctx, meetingID, reason)
	if err != nil {
		return nil, err
	}
	a := &jingzi.Archive{MeetingID: m.ID, Reason: reason, CreatedBy: jingzi.ActorFromContext(ctx).Name(), CreatedAt: s.db.Now().UTC()}
	if err := s.store(ctx, m, a); err != nil {
		return nil, err
	}
	if err := s.commitArchive(ctx, a, since); err != nil {
		s.files.Delete(context.WithoutCancel(ctx), a.Key)
		return nil, err
	}
	return a, nil
}

// checkArchive refuses before anything is built, and returns the last audit
// entry so that the commit can see whether the records changed meanwhile.
func (s *ArchiveService) checkArchive(ctx context.Context, meetingID int64, reason string) (*jingzi.Meeting, int64, error) {
	tx, err := s.db.beginRead(ctx)
	if err != nil {
		return nil, 0, err
	}
	defer tx.Rollback()
	m, err := manageableForArchive(tx, meetingID, reason)
	if err != nil {
		return nil, 0, err
	} else if s.build == nil || s.files == nil {
		return nil, 0, jingzi.Errorf(jingzi.EINVALID, "系统未配置归档存储，暂不能归档。请联系系统管理员。")
	}
	var since int64
	if err := tx.queryRow(`SELECT COALESCE(MAX(id), 0) FROM audit_log`).Scan(&since); err != nil {
		return nil, 0, fmt.Errorf("last audit entry: %w", err)
	}
	return m, since, nil
}

// manageableForArchive: the organiser over the team, a meeting not yet
// archived, and a reason when ledger items are still open.
func manageableForArchive(tx *Tx, meetingID int64, reason string) (*jingzi.Meeting, error) {
	m, err := writableMeeting(tx, meetingID)
	if err != nil {
		return nil, err
	} else if !jingzi.CanManageMeeting(tx.ctx, m.OrgPath) {
		return nil, jingzi.Errorf(jingzi.EFORBIDDEN, "只有本党组织或上级的党办组织者可以归档会议。")
	}
	open, err := countOpenLedgerItems(tx, m.ID)
	if err != nil {
		return nil, err
	} else if open > 0 && reason == "" {
		return nil, jingzi.Errorf(jingzi.EINVALID, "整改台账还有%d项未销号。整改完成前归档，请填写归档原因。", open)
	}
	return m, nil
}

// CountOpenLedgerItems returns how many ledger items of the meeting are not
// closed (销号): what the archive form tells the organiser.
func (s *ArchiveService) CountOpenLedgerItems(ctx context.Context, meetingID int64) (int, error) {
	tx, err := s.db.beginRead(ctx)
	if err != nil {
		return 0, err
	}
	defer tx.Rollback()
	if _, err := findVisibleMeeting(tx, meetingID); err != nil {
		return 0, err
	}
	return countOpenLedgerItems(tx, meetingID)
}

func countOpenLedgerItems(tx *Tx, meetingID int64) (int, error) {
	var n int
	err := tx.queryRow(`SELECT COUNT(*) FROM ledger_items WHERE meeting_id = ? AND status <> 'closed'`, meetingID).Scan(&n)
	if err != nil {
		return 0, fmt.Errorf("count open ledger items: %w", err)
	}
	return n, nil
}

// store streams the package from the builder into the file store, hashing it
// on the way; a failed build stores nothing.
func (s *ArchiveService) store(ctx context.Context, m *jingzi.Meeting, a *jingzi.Archive) error {
	pr, pw := io.Pipe()
	h := sha256.New()
	done := make(chan error, 1)
	go func() {
		n, err := s.build(ctx, m, a, io.MultiWriter(pw, h))
		a.Files = n
		pw.CloseWithError(err)
		done <- err
	}()
	stored, err := s.files.Put(ctx, pr)
	pr.CloseWithError(errStoreStopped) // a builder still writing stops
	if buildErr := <-done; buildErr != nil && !errors.Is(buildErr, errStoreStopped) {
		if err == nil {
			s.files.Delete(context.WithoutCancel(ctx), stored.Key)
		}
		return fmt.Errorf("build archive: %w", buildErr)
	} else if err != nil {
		return err
	}
	a.Key, a.Size, a.SHA256 = stored.Key, stored.Size, hex.EncodeToString(h.Sum(nil))
	return nil
}

// commitArchive marks the meeting archived with its package row and the audit
// entry, unless someone archived it or changed the team's records meanwhile.
func (s *ArchiveService) commitArchive(ctx context.Context, a *jingzi.Archive, since int64) error {
	tx, err := s.db.BeginTx(ctx)
	if err != nil {
		return err
	}
	defer tx.Rollback()
	m, err := manageableForArchive(tx, a.MeetingID, a.Reason)
	if err != nil {
		return err
	}
	var changes int
	if err := tx.queryRow(`SELECT COUNT(*) FROM audit_log WHERE id > ? AND org_id = ?`, since, m.OrgID).Scan(&changes); err != nil {
		return fmt.Errorf("changes while archiving: %w", err)
	} else if changes > 0 {
		return jingzi.Errorf(jingzi.ECONFLICT, "生成归档包期间本党组织的材料有改动，归档包未保存。请重新归档。")
	}
	if _, err := tx.exec(`UPDATE meetings SET archived_at = ?, archived_by = ?, phase = ?, version = version + 1, updated_at = ?
		WHERE id = ?`, tx.now, a.CreatedBy, string(jingzi.PhaseArchive), tx.now, m.ID); err != nil {
		return fmt.Errorf("archive meeting: %w", err)
	}
	a.CreatedAt = tx.now
	a.ID, err = tx.insert(`INSERT INTO archives (meeting_id, reason, file_key, sha256, size, files, created_by, created_at)
		VALUES (?, ?, ?, ?, ?, ?, ?, ?)`, a.MeetingID, a.Reason, a.Key, a.SHA256, a.Size, a.Files, a.CreatedBy, a.CreatedAt)
	if err != nil {
		return fmt.Errorf("insert archive: %w", err)
	}
	detail := fmt.Sprintf("%s：归档包%d个文件，SHA-256 %s", m.Title, a.Files, a.SHA256)
	if a.Reason != "" {
		detail += "；提前归档原因：" + a.Reason
	}
	if err := audit(tx, "meeting.archive", "meeting", m.ID, m.OrgID, detail); err != nil {
		return err
	}
	return tx.Commit()
}

// ReopenMeeting lifts the read-only state; the packages stay.
func (s *ArchiveService) ReopenMeeting(ctx context.Context, meetingID int64, reasons string) error {
	reasons = strings.TrimSpace(reasons)
	if reasons == "" {
		return jingzi.Errorf(jingzi.EINVALID, "请填写重新开启的理由。")
	} else if utf8.RuneCountInString(reasons) > maxArchiveReason {
		return jingzi.Errorf(jingzi.EINVALID, "重新开启的理由不能超过%d字。", maxArchiveReason)
	}
	tx, err := s.db.BeginTx(ctx)
	if err != nil {
		return err
	}
	defer tx.Rollback()
	m, err := findMeetingForRead(tx, meetingID)
	if err != nil {
		return err
	} else if !jingzi.CanViewMeeting(ctx, m.OrgPath) {
		return errMeetingNotFound
	} else if !jingzi.CanReopenMeeting(ctx, m) {
		return jingzi.Errorf(jingzi.EFORBIDDEN, "只有上级审核人可以重新开启已归档的会议。")
	} else if m.ArchivedAt == nil {
		return jingzi.Errorf(jingzi.ECONFLICT, "本次会议未归档，无需重新开启。")
	}
	if _, err := tx.exec(`UPDATE meetings SET archived_at = NULL, archived_by = '', phase = ?, version = version + 1, updated_at = ?
		WHERE id = ?`, string(jingzi.PhaseRectify), tx.now, m.ID); err != nil {
		return fmt.Errorf("reopen meeting: %w", err)
	}
	if err := audit(tx, "meeting.reopen", "meeting", m.ID, m.OrgID, m.Title+"：重新开启，理由："+reasons); err != nil {
		return err
	}
	return tx.Commit()
}

// FindArchives lists a meeting's packages, newest first.
func (s *ArchiveService) FindArchives(ctx context.Context, meetingID int64) ([]*jingzi.Archive, error) {
	tx, err := s.db.beginRead(ctx)
	if err != nil {
		return nil, err
	}
	defer tx.Rollback()
	if _, err := findVisibleMeeting(tx, meetingID); err != nil {
		return nil, err
	}
	return findArchives(tx, "meeting_id = ?", meetingID)
}

// OpenArchive returns a package to those who may see its meeting.
func (s *ArchiveService) OpenArchive(ctx context.Context, archiveID int64) (*jingzi.Archive, io.ReadCloser, error) {
	a, err := s.viewableArchive(ctx, archiveID)
	if err != nil {
		return nil, nil, err
	} else if s.files == nil {
		return nil, nil, errArchiveNotFound
	}
	rc, err := s.files.Open(ctx, a.Key)
	if err != nil {
		return nil, nil, err
	}
	return a, rc, nil
}

func (s *ArchiveService) viewableArchive(ctx context.Context, archiveID int64) (*jingzi.Archive, error) {
	tx, err := s.db.beginRead(ctx)
	if err != nil {
		return nil, err
	}
	defer tx.Rollback()
	list, err := findArchives(tx, "id = ?", archiveID)
	if err != nil {
		return nil, err
	} else if len(list) == 0 {
		return nil, errArchiveNotFound
	}
	if _, err := findVisibleMeeting(tx, list[0].MeetingID); err != nil {
		return nil, errArchiveNotFound
	}
	return list[0], nil
}

func findArchives(tx *Tx, cond string, args ...any) ([]*jingzi.Archive, error) {
	rows, err := tx.query(`SELECT id, meeting_id, reason, file_key, sha256, size, files, created_by, created_at
		FROM archives WHERE `+cond+` ORDER BY id DESC`, args...)
	if err != nil {
		return nil, fmt.Errorf("find archives: %w", err)
	}
	defer rows.Close()
	var out []*jingzi.Archive
	for rows.Next() {
		a := &jingzi.Archive{}
		var created sql.NullTime
		if err := rows.Scan(&a.ID, &a.MeetingID, &a.Reason, &a.Key, &a.SHA256, &a.Size, &a.Files, &a.CreatedBy, &created); err != nil {
			return nil, err
		}
		a.CreatedAt = created.Time.UTC()
		out = append(out, a)
	}
	return out, rows.Err()
}
