package sqldb

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"io"
	"path"
	"strings"
	"unicode/utf8"

	"jingzi"
)

// Study materials (学习材料): rows here, content in the FileStore. A file is
// written and synced before its row commits, and removed from the store only
// after its row is gone, so a row never points at a missing file.

var errStudyFileNotFound = jingzi.Errorf(jingzi.ENOTFOUND, "学习材料不存在或您无权下载。")

// maxFileName bounds the stored name of an upload, in characters.
const maxFileName = 120

// AddStudyFile stores an uploaded material of a session.
func (s *StudyService) AddStudyFile(ctx context.Context, studyID int64, name string, r io.Reader) (*jingzi.StudyFile, error) {
	if s.files == nil {
		return nil, jingzi.Errorf(jingzi.EINVALID, "系统未配置文件存储，暂不能上传学习材料。请联系系统管理员。")
	}
	// Refuse before writing anything: a caller who may not add files never fills the disk.
	if err := s.checkManage(ctx, studyID); err != nil {
		return nil, err
	}
	stored, err := s.files.Put(ctx, r)
	if err != nil {
		return nil, err
	}
	f, err := s.insertStudyFile(ctx, studyID, cleanFileName(name), stored)
	if err != nil {
		s.removeFile(ctx, stored.Key)
		return nil, err
	}
	return f, nil
}

func (s *StudyService) checkManage(ctx context.Context, studyID int64) error {
	tx, err := s.db.beginRead(ctx)
	if err != nil {
		return err
	}
	defer tx.Rollback()
	_, _, err = manageableStudy(tx, studyID)
	return err
}

func (s *StudyService) insertStudyFile(ctx context.Context, studyID int64, name string, stored *jingzi.StoredFile) (*jingzi.StudyFile, error) {
	tx, err := s.db.BeginTx(ctx)
	if err != nil {
		return nil, err
	}
	defer tx.Rollback()
	st, _, err := manageableStudy(tx, studyID)
	if err != nil {
		return nil, err
	}
	f := &jingzi.StudyFile{StudyID: studyID, Name: name, ContentType: stored.ContentType, Size: stored.Size,
		Key: stored.Key, UploadedAt: tx.now, UploadedBy: jingzi.ActorFromContext(ctx).Name()}
	f.ID, err = tx.insert(`INSERT INTO study_files (study_id, name, content_type, size, file_key, uploaded_at, uploaded_by)
		VALUES (?, ?, ?, ?, ?, ?, ?)`, studyID, f.Name, f.ContentType, f.Size, f.Key, f.UploadedAt, f.UploadedBy)
	if err != nil {
		return nil, fmt.Errorf("insert study file: %w", err)
	}
	if err := auditStudy(tx, "study.file.add", st, studyLabel(st)+"："+f.Name); err != nil {
		return nil, err
	}
	return f, tx.Commit()
}

// OpenStudyFile returns a material to whoever may see its session.
func (s *StudyService) OpenStudyFile(ctx context.Context, fileID int64) (*jingzi.StudyFile, io.ReadCloser, error) {
	f, err := s.viewableStudyFile(ctx, fileID)
	if err != nil {
		return nil, nil, err
	} else if s.files == nil {
		return nil, nil, errStudyFileNotFound
	}
	rc, err := s.files.Open(ctx, f.Key)
	if err != nil {
		return nil, nil, err
	}
	return f, rc, nil
}

func (s *StudyService) viewableStudyFile(ctx context.Context, fileID int64) (*jingzi.StudyFile, error) {
	tx, err := s.db.beginRead(ctx)
	if err != nil {
		return nil, err
	}
	defer tx.Rollback()
	f, err := findStudyFile(tx, fileID)
	if err != nil {
		return nil, err
	}
	if _, m, err := findStudy(tx, f.StudyID); err != nil || !jingzi.CanViewStudy(ctx, m) {
		return nil, errStudyFileNotFound
	}
	return f, nil
}

// DeleteStudyFile removes a material: the row first, then the stored file.
func (s *StudyService) DeleteStudyFile(ctx context.Context, fileID int64) error {
	tx, err := s.db.BeginTx(ctx)
	if err != nil {
		return err
	}
	defer tx.Rollback()
	f, err := findStudyFile(tx, fileID)
	if err != nil {
		return err
	}
	st, m, err := findStudy(tx, f.StudyID)
	if err != nil || !jingzi.CanViewStudy(ctx, m) {
		return errStudyFileNotFound
	} else if !jingzi.CanManageStudy(ctx, m) {
		return errStudyForbidden
	}
	if _, err := tx.exec(`DELETE FROM study_files WHERE id = ?`, fileID); err != nil {
		return fmt.Errorf("delete study file: %w", err)
	}
	if err := auditStudy(tx, "study.file.delete", st, studyLabel(st)+"："+f.Name); err != nil {
		return err
	}
	if err := tx.Commit(); err != nil {
		return err
	}
	s.removeFile(ctx, f.Key)
	return nil
}

// removeFile deletes stored content whose row is gone or never committed. A
// failure leaves an orphan file, which no row names and nobody can download.
func (s *StudyService) removeFile(ctx context.Context, key string) {
	if s.files != nil {
		s.files.Delete(context.WithoutCancel(ctx), key)
	}
}

// cleanFileName keeps the base name of an upload, without control characters,
// short enough to show; it is only ever shown and sent back in a download.
func cleanFileName(name string) string {
	name = path.Base(strings.ReplaceAll(name, `\`, "/"))
	name = strings.Map(func(r rune) rune {
		if r < 0x20 || r == 0x7f || r == '"' {
			return -1
		}
		return r
	}, strings.TrimSpace(name))
	if name == "" || name == "." || name == "/" {
		return "学习材料"
	}
	if utf8.RuneCountInString(name) > maxFileName {
		ext := path.Ext(name)
		if utf8.RuneCountInString(ext) > 10 {
			ext = ""
		}
		name = string([]rune(name)[:maxFileName-utf8.RuneCountInString(ext)]) + ext
	}
	return name
}

const studyFileColumns = `f.id, f.study_id, f.name, f.content_type, f.size, f.file_key, f.uploaded_at, f.uploaded_by`

func findStudyFile(tx *Tx, id int64) (*jingzi.StudyFile, error) {
	f := &jingzi.StudyFile{}
	err := tx.queryRow(`SELECT `+studyFileColumns+` FROM study_files f WHERE f.id = ?`, id).
		Scan(&f.ID, &f.StudyID, &f.Name, &f.ContentType, &f.Size, &f.Key, &f.UploadedAt, &f.UploadedBy)
	if errors.Is(err, sql.ErrNoRows) {
		return nil, errStudyFileNotFound
	} else if err != nil {
		return nil, fmt.Errorf("find study file: %w", err)
	}
	return f, nil
}

// loadStudyDetails fills attendance (roster order), notes (roster order) and
// files (upload order) of the sessions selected by cond over studies s.
func loadStudyDetails(tx *Tx, list []*jingzi.Study, cond string, args ...any) error {
	byID := map[int64]*jingzi.Study{}
	for _, st := range list {
		st.Attendance, st.Notes, st.Files = nil, nil, nil
		byID[st.ID] = st
	}
	if len(list) == 0 {
		return nil
	}
	if err := loadAttendance(tx, byID, cond, args...); err != nil {
		return err
	}
	if err := loadNotes(tx, byID, cond, args...); err != nil {
		return err
	}
	return loadFiles(tx, byID, cond, args...)
}

func loadAttendance(tx *Tx, byID map[int64]*jingzi.Study, cond string, args ...any) error {
	rows, err := tx.query(`SELECT a.study_id, a.participant_id, a.status, a.reason FROM study_attendance a
		JOIN studies s ON s.id = a.study_id JOIN participants p ON p.id = a.participant_id
		WHERE `+cond+` ORDER BY p.position, p.id`, args...)
	if err != nil {
		return fmt.Errorf("load attendance: %w", err)
	}
	defer rows.Close()
	for rows.Next() {
		var studyID int64
		a := &jingzi.Attendance{}
		if err := rows.Scan(&studyID, &a.ParticipantID, &a.Status, &a.Reason); err != nil {
			return err
		}
		if st := byID[studyID]; st != nil {
			st.Attendance = append(st.Attendance, a)
		}
	}
	return rows.Err()
}

func loadNotes(tx *Tx, byID map[int64]*jingzi.Study, cond string, args ...any) error {
	rows, err := tx.query(`SELECT n.study_id, n.participant_id, n.body, n.updated_at, n.updated_by FROM study_notes n
		JOIN studies s ON s.id = n.study_id JOIN participants p ON p.id = n.participant_id
		WHERE `+cond+` ORDER BY p.position, p.id`, args...)
	if err != nil {
		return fmt.Errorf("load study notes: %w", err)
	}
	defer rows.Close()
	for rows.Next() {
		var studyID int64
		n := &jingzi.StudyNote{}
		if err := rows.Scan(&studyID, &n.ParticipantID, &n.Text, &n.UpdatedAt, &n.UpdatedBy); err != nil {
			return err
		}
		if st := byID[studyID]; st != nil {
			st.Notes = append(st.Notes, n)
		}
	}
	return rows.Err()
}

func loadFiles(tx *Tx, byID map[int64]*jingzi.Study, cond string, args ...any) error {
	rows, err := tx.query(`SELECT `+studyFileColumns+` FROM study_files f JOIN studies s ON s.id = f.study_id
		WHERE `+cond+` ORDER BY f.id`, args...)
	if err != nil {
		return fmt.Errorf("load study files: %w", err)
	}
	defer rows.Close()
	for rows.Next() {
		f := &jingzi.StudyFile{}
		if err := rows.Scan(&f.ID, &f.StudyID, &f.Name, &f.ContentType, &f.Size, &f.Key, &f.UploadedAt, &f.UploadedBy); err != nil {
			return err
		}
		if st := byID[f.StudyID]; st != nil {
			st.Files = append(st.Files, f)
		}
	}
	return rows.Err()
}
