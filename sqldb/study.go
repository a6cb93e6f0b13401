package sqldb

import (
	"context"
	"fmt"
	"time"

	"jingzi"
)

// StudyService implements jingzi.StudyService: study sessions (学习研讨), their
// attendance and notes here, their uploaded materials in study_file.go.
type StudyService struct {
	db    *DB
	files jingzi.FileStore
	// Location decides which day is "today" when sessions held so far are
	// counted; time.Local when nil.
	Location *time.Location
}

// NewStudyService returns the study service. files keeps uploaded materials;
// with nil, uploads are refused with a message and everything else works.
func NewStudyService(db *DB, files jingzi.FileStore) *StudyService {
	return &StudyService{db: db, files: files}
}

var (
	errStudyNotFound  = jingzi.Errorf(jingzi.ENOTFOUND, "学习研讨记录不存在或您无权查看。")
	errStudyForbidden = jingzi.Errorf(jingzi.EFORBIDDEN, "只有本党组织或上级的党办组织者可以登记和修改学习研讨。")
)

// FindStudyByID returns a session with its attendance, notes and files.
func (s *StudyService) FindStudyByID(ctx context.Context, id int64) (*jingzi.Study, error) {
	tx, err := s.db.beginRead(ctx)
	if err != nil {
		return nil, err
	}
	defer tx.Rollback()
	st, m, err := findStudy(tx, id)
	if err != nil {
		return nil, err
	} else if !jingzi.CanViewStudy(ctx, m) {
		return nil, errStudyNotFound
	}
	if err := loadStudyDetails(tx, []*jingzi.Study{st}, "s.id = ?", id); err != nil {
		return nil, err
	}
	return st, nil
}

// FindStudies lists a meeting's sessions, oldest date first, with their details.
func (s *StudyService) FindStudies(ctx context.Context, f jingzi.StudyFilter) ([]*jingzi.Study, int, error) {
	if f.MeetingID == nil {
		return nil, 0, jingzi.Errorf(jingzi.EINVALID, "请指定会议。")
	}
	tx, err := s.db.beginRead(ctx)
	if err != nil {
		return nil, 0, err
	}
	defer tx.Rollback()
	if _, err := viewableStudyMeeting(tx, *f.MeetingID); err != nil {
		return nil, 0, err
	}
	all, err := findStudies(tx, "meeting_id = ?", *f.MeetingID)
	if err != nil {
		return nil, 0, err
	}
	list := page(all, f.Offset, f.Limit)
	if err := loadStudyDetails(tx, list, "s.meeting_id = ?", *f.MeetingID); err != nil {
		return nil, 0, err
	}
	return list, len(all), nil
}

// viewableStudyMeeting returns the meeting when the caller may see its sessions.
func viewableStudyMeeting(tx *Tx, meetingID int64) (*jingzi.Meeting, error) {
	m, err := findVisibleMeeting(tx, meetingID)
	if err != nil {
		return nil, err
	} else if !jingzi.CanViewStudy(tx.ctx, m) {
		return nil, jingzi.Errorf(jingzi.ENOTFOUND, "学习研讨记录仅本次会议的班子成员、党办组织者和上级审核人可以查看。")
	}
	return m, nil
}

// CreateStudy stores a new session of a meeting.
func (s *StudyService) CreateStudy(ctx context.Context, st *jingzi.Study) error {
	if err := st.Validate(); err != nil {
		return err
	}
	tx, err := s.db.BeginTx(ctx)
	if err != nil {
		return err
	}
	defer tx.Rollback()
	m, err := viewableStudyMeeting(tx, st.MeetingID)
	if err != nil {
		return err
	} else if !jingzi.CanManageStudy(ctx, m) {
		return errStudyForbidden
	}
	st.CreatedAt, st.UpdatedAt = tx.now, tx.now
	st.ID, err = tx.insert(`INSERT INTO studies (meeting_id, held_on, topic, form, materials, created_at, updated_at)
		VALUES (?, ?, ?, ?, ?, ?, ?)`, st.MeetingID, st.Date, st.Topic, string(st.Form), st.Materials, tx.now, tx.now)
	if err != nil {
		return fmt.Errorf("insert study: %w", err)
	}
	if err := audit(tx, "study.create", "study", st.ID, m.OrgID, studyLabel(st)); err != nil {
		return err
	}
	return tx.Commit()
}

// UpdateStudy changes the session's date, topic, form and materials text.
func (s *StudyService) UpdateStudy(ctx context.Context, id int64, upd jingzi.StudyUpdate) (*jingzi.Study, error) {
	tx, err := s.db.BeginTx(ctx)
	if err != nil {
		return nil, err
	}
	defer tx.Rollback()
	st, _, err := manageableStudy(tx, id)
	if err != nil {
		return nil, err
	}
	upd.Apply(st)
	if err := st.Validate(); err != nil {
		return nil, err
	}
	st.UpdatedAt = tx.now
	if _, err := tx.exec(`UPDATE studies SET held_on = ?, topic = ?, form = ?, materials = ?, updated_at = ? WHERE id = ?`,
		st.Date, st.Topic, string(st.Form), st.Materials, tx.now, id); err != nil {
		return nil, fmt.Errorf("update study: %w", err)
	}
	if err := auditStudy(tx, "study.update", st, studyLabel(st)); err != nil {
		return nil, err
	}
	if err := loadStudyDetails(tx, []*jingzi.Study{st}, "s.id = ?", id); err != nil {
		return nil, err
	}
	return st, tx.Commit()
}

// DeleteStudy removes a session; its files leave the store once the rows are gone.
func (s *StudyService) DeleteStudy(ctx context.Context, id int64) error {
	tx, err := s.db.BeginTx(ctx)
	if err != nil {
		return err
	}
	defer tx.Rollback()
	st, _, err := manageableStudy(tx, id)
	if err != nil {
		return err
	}
	if err := loadStudyDetails(tx, []*jingzi.Study{st}, "s.id = ?", id); err != nil {
		return err
	}
	if _, err := tx.exec(`DELETE FROM studies WHERE id = ?`, id); err != nil {
		return fmt.Errorf("delete study: %w", err)
	}
	if err := auditStudy(tx, "study.delete", st, studyLabel(st)); err != nil {
		return err
	}
	if err := tx.Commit(); err != nil {
		return err
	}
	for _, f := range st.Files {
		s.removeFile(ctx, f.Key)
	}
	return nil
}

// SetAttendance replaces the session's attendance.
func (s *StudyService) SetAttendance(ctx context.Context, studyID int64, entries []*jingzi.Attendance) error {
	tx, err := s.db.BeginTx(ctx)
	if err != nil {
		return err
	}
	defer tx.Rollback()
	st, m, err := manageableStudy(tx, studyID)
	if err != nil {
		return err
	}
	seen, present := map[int64]bool{}, 0
	for _, a := range entries {
		if err := jingzi.ValidateAttendance(m, a); err != nil {
			return err
		} else if seen[a.ParticipantID] {
			return jingzi.Errorf(jingzi.EINVALID, "同一位同志只能登记一次出席情况。")
		}
		seen[a.ParticipantID] = true
		if a.Status == jingzi.AttendPresent {
			present++
		}
	}
	if _, err := tx.exec(`DELETE FROM study_attendance WHERE study_id = ?`, studyID); err != nil {
		return fmt.Errorf("clear attendance: %w", err)
	}
	for _, a := range entries {
		if _, err := tx.exec(`INSERT INTO study_attendance (study_id, participant_id, status, reason) VALUES (?, ?, ?, ?)`,
			studyID, a.ParticipantID, a.Status, a.Reason); err != nil {
			return fmt.Errorf("insert attendance: %w", err)
		}
	}
	detail := fmt.Sprintf("%s：出席%d人，请假%d人", studyLabel(st), present, len(entries)-present)
	if err := auditStudy(tx, "study.attendance", st, detail); err != nil {
		return err
	}
	return tx.Commit()
}

// SaveNote stores, replaces or (with empty text) removes a participant's note.
func (s *StudyService) SaveNote(ctx context.Context, studyID, participantID int64, text string) error {
	text, err := jingzi.ValidateStudyNote(text)
	if err != nil {
		return err
	}
	tx, err := s.db.BeginTx(ctx)
	if err != nil {
		return err
	}
	defer tx.Rollback()
	st, m, err := findStudy(tx, studyID)
	if err != nil {
		return err
	} else if !jingzi.CanViewStudy(ctx, m) {
		return errStudyNotFound
	}
	if participantID == 0 {
		return jingzi.Errorf(jingzi.EINVALID, "请选择发言的班子成员。")
	}
	owner, err := ownerName(m, participantID)
	if err != nil {
		return err
	} else if !jingzi.CanWriteStudyNote(ctx, m, participantID) {
		return jingzi.Errorf(jingzi.EFORBIDDEN, "您只能填写本人的研讨发言和心得。")
	}
	if err := saveNote(tx, studyID, participantID, text); err != nil {
		return err
	}
	action := "study.note"
	if text == "" {
		action = "study.note.delete"
	}
	if err := auditStudy(tx, action, st, studyLabel(st)+"："+owner); err != nil {
		return err
	}
	return tx.Commit()
}

func saveNote(tx *Tx, studyID, participantID int64, text string) error {
	if text == "" {
		_, err := tx.exec(`DELETE FROM study_notes WHERE study_id = ? AND participant_id = ?`, studyID, participantID)
		return err
	}
	by := jingzi.ActorFromContext(tx.ctx).Name()
	_, err := tx.exec(`INSERT INTO study_notes (study_id, participant_id, body, updated_at, updated_by) VALUES (?, ?, ?, ?, ?)
		ON CONFLICT (study_id, participant_id) DO UPDATE SET body = excluded.body, updated_at = excluded.updated_at,
		updated_by = excluded.updated_by`, studyID, participantID, text, tx.now, by)
	if err != nil {
		return fmt.Errorf("save study note: %w", err)
	}
	return nil
}

// CountStudies is 学习研讨N次: the meeting's sessions dated today or earlier.
func (s *StudyService) CountStudies(ctx context.Context, meetingID int64) (int, error) {
	tx, err := s.db.beginRead(ctx)
	if err != nil {
		return 0, err
	}
	defer tx.Rollback()
	if _, err := findVisibleMeeting(tx, meetingID); err != nil {
		return 0, err
	}
	var n int
	err = tx.queryRow(`SELECT COUNT(*) FROM studies WHERE meeting_id = ? AND held_on <= ?`, meetingID, s.today(tx)).Scan(&n)
	if err != nil {
		return 0, fmt.Errorf("count studies: %w", err)
	}
	return n, nil
}

// CountAttendance maps every roster participant to the sessions held so far
// that they attended.
func (s *StudyService) CountAttendance(ctx context.Context, meetingID int64) (map[int64]int, error) {
	tx, err := s.db.beginRead(ctx)
	if err != nil {
		return nil, err
	}
	defer tx.Rollback()
	if _, err := findVisibleMeeting(tx, meetingID); err != nil {
		return nil, err
	}
	roster, err := queryIDs(tx, `SELECT id FROM participants WHERE meeting_id = ?`, meetingID)
	if err != nil {
		return nil, fmt.Errorf("roster: %w", err)
	}
	out := map[int64]int{}
	for _, id := range roster {
		out[id] = 0
	}
	rows, err := tx.query(`SELECT a.participant_id, COUNT(*) FROM study_attendance a JOIN studies s ON s.id = a.study_id
		WHERE s.meeting_id = ? AND s.held_on <= ? AND a.status = ? GROUP BY a.participant_id`,
		meetingID, s.today(tx), jingzi.AttendPresent)
	if err != nil {
		return nil, fmt.Errorf("count attendance: %w", err)
	}
	defer rows.Close()
	for rows.Next() {
		var id int64
		var n int
		if err := rows.Scan(&id, &n); err != nil {
			return nil, err
		}
		out[id] = n
	}
	return out, rows.Err()
}

func (s *StudyService) today(tx *Tx) time.Time {
	loc := s.Location
	if loc == nil {
		loc = time.Local
	}
	return jingzi.StudyDay(tx.now, loc)
}

// manageableStudy returns a session the caller may change.
func manageableStudy(tx *Tx, id int64) (*jingzi.Study, *jingzi.Meeting, error) {
	st, m, err := findStudy(tx, id)
	if err != nil {
		return nil, nil, err
	} else if !jingzi.CanViewStudy(tx.ctx, m) {
		return nil, nil, errStudyNotFound
	} else if !jingzi.CanManageStudy(tx.ctx, m) {
		return nil, nil, errStudyForbidden
	}
	return st, m, nil
}

func findStudy(tx *Tx, id int64) (*jingzi.Study, *jingzi.Meeting, error) {
	list, err := findStudies(tx, "id = ?", id)
	if err != nil {
		return nil, nil, err
	} else if len(list) == 0 {
		return nil, nil, errStudyNotFound
	}
	m, err := findMeetingByID(tx, list[0].MeetingID)
	if err != nil {
		return nil, nil, err
	}
	return list[0], m, nil
}

func findStudies(tx *Tx, cond string, args ...any) ([]*jingzi.Study, error) {
	rows, err := tx.query(`SELECT id, meeting_id, held_on, topic, form, materials, created_at, updated_at
		FROM studies WHERE `+cond+` ORDER BY held_on, id`, args...)
	if err != nil {
		return nil, fmt.Errorf("find studies: %w", err)
	}
	defer rows.Close()
	var out []*jingzi.Study
	for rows.Next() {
		st := &jingzi.Study{}
		var form string
		if err := rows.Scan(&st.ID, &st.MeetingID, &st.Date, &st.Topic, &form, &st.Materials, &st.CreatedAt, &st.UpdatedAt); err != nil {
			return nil, err
		}
		st.Form, st.Date = jingzi.StudyForm(form), st.Date.UTC()
		out = append(out, st)
	}
	return out, rows.Err()
}

func studyLabel(st *jingzi.Study) string {
	return st.Date.Format("2006-01-02") + "“" + st.Topic + "”"
}

func auditStudy(tx *Tx, action string, st *jingzi.Study, detail string) error {
	var orgID int64
	if err := tx.queryRow(`SELECT org_id FROM meetings WHERE id = ?`, st.MeetingID).Scan(&orgID); err != nil {
		return fmt.Errorf("study org: %w", err)
	}
	return audit(tx, action, "study", st.ID, orgID, detail)
}

var _ jingzi.ProgressSource = (*StudyService)(nil)

// MeetingProgress gives the 学习研讨 part of the phase strip: sessions held so
// far, and roster participants with no 研讨发言/心得 in any session.
func (s *StudyService) MeetingProgress(ctx context.Context, meetingID int64) (jingzi.MeetingProgress, error) {
	tx, err := s.db.beginRead(ctx)
	if err != nil {
		return jingzi.MeetingProgress{}, err
	}
	defer tx.Rollback()
	if _, err := findVisibleMeeting(tx, meetingID); err != nil {
		return jingzi.MeetingProgress{}, err
	}
	p := &jingzi.StudyProgress{}
	if err := tx.queryRow(`SELECT COUNT(*) FROM studies WHERE meeting_id = ? AND held_on <= ?`, meetingID, s.today(tx)).
		Scan(&p.Sessions); err != nil {
		return jingzi.MeetingProgress{}, fmt.Errorf("count studies: %w", err)
	}
	if err := tx.queryRow(`SELECT COUNT(*) FROM participants p WHERE p.meeting_id = ? AND NOT EXISTS
		(SELECT 1 FROM study_notes n JOIN studies s ON s.id = n.study_id WHERE n.participant_id = p.id AND s.meeting_id = ?)`,
		meetingID, meetingID).Scan(&p.WithoutNotes); err != nil {
		return jingzi.MeetingProgress{}, fmt.Errorf("count participants without notes: %w", err)
	}
	return jingzi.MeetingProgress{StudySessions: p}, nil
}
