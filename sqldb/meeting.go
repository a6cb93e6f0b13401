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

// MeetingService implements jingzi.MeetingService.
type MeetingService struct{ db *DB }

// NewMeetingService returns the meeting service.
func NewMeetingService(db *DB) *MeetingService { return &MeetingService{db: db} }

var (
	_                  jingzi.MeetingService = (*MeetingService)(nil)
	_                  jingzi.ProgressSource = (*MeetingService)(nil)
	errMeetingNotFound                       = jingzi.Errorf(jingzi.ENOTFOUND, "会议不存在或您无权查看。")
)

// FindMeetingByID returns the meeting with its roster and reviewers.
func (s *MeetingService) FindMeetingByID(ctx context.Context, id int64) (*jingzi.Meeting, error) {
	tx, err := s.db.beginRead(ctx)
	if err != nil {
		return nil, err
	}
	defer tx.Rollback()
	return findVisibleMeeting(tx, id)
}

func findVisibleMeeting(tx *Tx, id int64) (*jingzi.Meeting, error) {
	m, err := findMeetingByID(tx, id)
	if err != nil {
		return nil, err
	} else if !jingzi.CanViewMeeting(tx.ctx, m.OrgPath) {
		return nil, errMeetingNotFound
	}
	return m, nil
}

// FindMeetings lists the meetings the caller may see, newest year first.
func (s *MeetingService) FindMeetings(ctx context.Context, f jingzi.MeetingFilter) ([]*jingzi.Meeting, int, error) {
	tx, err := s.db.beginRead(ctx)
	if err != nil {
		return nil, 0, err
	}
	defer tx.Rollback()
	where, args := []string{"1 = 1"}, []any{}
	if v := f.OrgID; v != nil {
		where, args = append(where, "m.org_id = ?"), append(args, *v)
	}
	if v := f.Within; v != nil {
		root, err := findOrgByID(tx, *v)
		if err != nil {
			return nil, 0, err
		}
		where, args = append(where, "o.path LIKE ?"), append(args, root.Path+"%")
	}
	all, err := findMeetings(tx, strings.Join(where, " AND "), args...)
	if err != nil {
		return nil, 0, err
	}
	var out []*jingzi.Meeting
	for _, m := range all {
		if jingzi.CanViewMeeting(ctx, m.OrgPath) {
			out = append(out, m)
		}
	}
	list := page(out, f.Offset, f.Limit)
	for _, m := range list {
		if err := loadMeetingPeople(tx, m); err != nil {
			return nil, 0, err
		}
	}
	return list, len(out), nil
}

// CreateMeeting stores a meeting, a copy of its framework, its roster and reviewers.
func (s *MeetingService) CreateMeeting(ctx context.Context, m *jingzi.Meeting) error {
	if err := m.Validate(); err != nil {
		return err
	}
	tx, err := s.db.BeginTx(ctx)
	if err != nil {
		return err
	}
	defer tx.Rollback()
	if err := createMeeting(tx, m); err != nil {
		return err
	}
	return tx.Commit()
}

func createMeeting(tx *Tx, m *jingzi.Meeting) error {
	org, err := findOrgByID(tx, m.OrgID)
	if err != nil {
		return err
	} else if !jingzi.CanManageMeeting(tx.ctx, org.Path) {
		return jingzi.Errorf(jingzi.EFORBIDDEN, "只有本党组织或上级的党办组织者可以创建会议。")
	}
	fw, err := json.Marshal(m.Framework)
	if err != nil {
		return err
	}
	m.OrgName, m.OrgPath, m.CreatedAt, m.UpdatedAt, m.Version = org.Name, org.Path, tx.now, tx.now, 1
	m.ID, err = tx.insert(`INSERT INTO meetings (org_id, year, kind, title, framework_json, phase, meeting_date,
		report_days, reported_on, version, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, 1, ?, ?)`,
		m.OrgID, m.Year, string(m.Kind), m.Title, string(fw), string(m.Phase), nullDate(m.MeetingDate),
		m.ReportDays, nullDate(m.ReportedOn), tx.now, tx.now)
	if err != nil {
		return fmt.Errorf("insert meeting: %w", err)
	}
	if err := saveRoster(tx, m, m.Participants); err != nil {
		return err
	} else if err := saveReviewers(tx, m, m.Reviewers); err != nil {
		return err
	} else if err := audit(tx, "meeting.create", "meeting", m.ID, m.OrgID, m.Title); err != nil {
		return err
	}
	return carryOverLedger(tx, m) // the previous meeting's open 整改事项 go on here
}

// UpdateMeeting applies upd if nobody changed the meeting since upd.Version.
func (s *MeetingService) UpdateMeeting(ctx context.Context, id int64, upd jingzi.MeetingUpdate) (*jingzi.Meeting, error) {
	tx, err := s.db.BeginTx(ctx)
	if err != nil {
		return nil, err
	}
	defer tx.Rollback()
	m, err := updateMeeting(tx, id, upd)
	if err != nil {
		return nil, err
	}
	return m, tx.Commit()
}

func updateMeeting(tx *Tx, id int64, upd jingzi.MeetingUpdate) (*jingzi.Meeting, error) {
	m, err := findVisibleMeeting(tx, id)
	if err != nil {
		return nil, err
	} else if !jingzi.CanManageMeeting(tx.ctx, m.OrgPath) {
		return nil, jingzi.Errorf(jingzi.EFORBIDDEN, "只有本党组织或上级的党办组织者可以修改会议。")
	} else if m.Version != upd.Version {
		return nil, jingzi.Errorf(jingzi.ECONFLICT, "会议信息已被他人修改（当前为第%d版），您的修改未保存，请刷新后重新修改。", m.Version)
	}
	changed := applyMeetingUpdate(m, upd)
	if err := m.Validate(); err != nil {
		return nil, err
	}
	fw, err := json.Marshal(m.Framework)
	if err != nil {
		return nil, err
	}
	res, err := tx.exec(`UPDATE meetings SET year = ?, kind = ?, title = ?, framework_json = ?, phase = ?, meeting_date = ?,
		report_days = ?, reported_on = ?, version = version + 1, updated_at = ? WHERE id = ? AND version = ?`,
		m.Year, string(m.Kind), m.Title, string(fw), string(m.Phase), nullDate(m.MeetingDate), m.ReportDays,
		nullDate(m.ReportedOn), tx.now, m.ID, upd.Version)
	if err != nil {
		return nil, fmt.Errorf("update meeting: %w", err)
	} else if n, _ := res.RowsAffected(); n != 1 {
		return nil, jingzi.Errorf(jingzi.ECONFLICT, "会议信息已被他人修改，您的修改未保存，请刷新后重新修改。")
	}
	m.Version, m.UpdatedAt = m.Version+1, tx.now
	if upd.Participants != nil {
		if err := saveRoster(tx, m, *upd.Participants); err != nil {
			return nil, err
		}
	}
	if upd.Reviewers != nil {
		if err := saveReviewers(tx, m, *upd.Reviewers); err != nil {
			return nil, err
		}
	}
	if err := audit(tx, "meeting.update", "meeting", m.ID, m.OrgID, m.Title+"："+strings.Join(changed, "、")); err != nil {
		return nil, err
	}
	return m, loadMeetingPeople(tx, m)
}

// applyMeetingUpdate copies the set fields of upd onto m and names them for the audit log.
func applyMeetingUpdate(m *jingzi.Meeting, upd jingzi.MeetingUpdate) []string {
	var changed []string
	set := func(ok bool, what string) bool {
		if ok {
			changed = append(changed, what)
		}
		return ok
	}
	if set(upd.Title != nil, "名称") {
		m.Title = *upd.Title
	}
	if set(upd.Year != nil, "年度") {
		m.Year = *upd.Year
	}
	if set(upd.Kind != nil, "类型") {
		m.Kind = *upd.Kind
	}
	if set(upd.Framework != nil, "检视框架") {
		m.Framework = upd.Framework.Clone()
	}
	if upd.Phase != nil && set(*upd.Phase != m.Phase, "当前环节") {
		m.Phase = *upd.Phase
	}
	if set(upd.MeetingDate != nil, "召开日期") {
		m.MeetingDate = dateOrNil(*upd.MeetingDate)
	}
	if set(upd.ReportDays != nil, "报送提前天数") {
		m.ReportDays = *upd.ReportDays
	}
	if set(upd.ReportedOn != nil, "报送情况") {
		m.ReportedOn = dateOrNil(*upd.ReportedOn)
	}
	if set(upd.Participants != nil, "班子成员") {
		m.Participants = *upd.Participants
	}
	if set(upd.Reviewers != nil, "审核人和督导") {
		m.Reviewers = *upd.Reviewers
	}
	return changed
}

func dateOrNil(t time.Time) *time.Time {
	if t.IsZero() {
		return nil
	}
	return &t
}

func nullDate(t *time.Time) any {
	if t == nil {
		return nil
	}
	return t.UTC()
}

const meetingColumns = `m.id, m.org_id, o.name, o.path, m.year, m.kind, m.title, m.framework_json, m.phase, m.meeting_date,
	m.report_days, m.reported_on, m.archived_at, m.version, m.created_at, m.updated_at`

// findMeetingByID loads a meeting with its roster and reviewers. In a write
// transaction it refuses an archived meeting with jingzi.ErrArchived: every
// write path loads its meeting through here, which makes archiving read-only.
func findMeetingByID(tx *Tx, id int64) (*jingzi.Meeting, error) {
	m, err := findMeetingForRead(tx, id)
	if err != nil {
		return nil, err
	} else if tx.write {
		if err := refuseArchived(tx, m); err != nil {
			return nil, err
		}
	}
	return m, nil
}

// findMeetingForRead loads a meeting whether archived or not: for a write
// transaction that only reads it (last year's meeting whose open items carry
// over, reopening it). Anything that changes the meeting or its records must
// use findMeetingByID or writableMeeting instead.
func findMeetingForRead(tx *Tx, id int64) (*jingzi.Meeting, error) {
	list, err := findMeetings(tx, "m.id = ?", id)
	if err != nil {
		return nil, err
	} else if len(list) == 0 {
		return nil, errMeetingNotFound
	}
	return list[0], loadMeetingPeople(tx, list[0])
}

func loadMeetingPeople(tx *Tx, m *jingzi.Meeting) (err error) {
	if m.Participants, err = findParticipants(tx, m.ID); err != nil {
		return err
	}
	m.Reviewers, err = findReviewers(tx, m.ID)
	return err
}

func findMeetings(tx *Tx, cond string, args ...any) ([]*jingzi.Meeting, error) {
	rows, err := tx.query(`SELECT `+meetingColumns+` FROM meetings m JOIN orgs o ON o.id = m.org_id
		WHERE `+cond+` ORDER BY m.year DESC, o.path, m.id DESC`, args...)
	if err != nil {
		return nil, fmt.Errorf("find meetings: %w", err)
	}
	defer rows.Close()
	var out []*jingzi.Meeting
	for rows.Next() {
		m := &jingzi.Meeting{Framework: &jingzi.Framework{}}
		var kind, phase, fw string
		var date, reported, archived sql.NullTime
		if err := rows.Scan(&m.ID, &m.OrgID, &m.OrgName, &m.OrgPath, &m.Year, &kind, &m.Title, &fw, &phase, &date,
			&m.ReportDays, &reported, &archived, &m.Version, &m.CreatedAt, &m.UpdatedAt); err != nil {
			return nil, err
		}
		if err := json.Unmarshal([]byte(fw), m.Framework); err != nil {
			return nil, fmt.Errorf("meeting %d framework: %w", m.ID, err)
		}
		m.Kind, m.Phase = jingzi.MeetingKind(kind), jingzi.Phase(phase)
		m.MeetingDate, m.ReportedOn = scannedDate(date), scannedDate(reported)
		if archived.Valid {
			at := archived.Time.UTC()
			m.ArchivedAt = &at
		}
		out = append(out, m)
	}
	return out, rows.Err()
}

// scannedDate returns a stored civil date at midnight UTC, whatever zone the driver reads it in.
func scannedDate(t sql.NullTime) *time.Time {
	if !t.Valid {
		return nil
	}
	u := t.Time.UTC()
	return &u
}

// FindMeetingCandidates lists the org's accounts and the reviewers over it.
func (s *MeetingService) FindMeetingCandidates(ctx context.Context, orgID int64) (*jingzi.MeetingCandidates, error) {
	tx, err := s.db.beginRead(ctx)
	if err != nil {
		return nil, err
	}
	defer tx.Rollback()
	org, err := findOrgByID(tx, orgID)
	if err != nil {
		return nil, err
	} else if !jingzi.CanViewOrg(ctx, org) {
		return nil, jingzi.Errorf(jingzi.ENOTFOUND, "党组织不存在或您无权查看。")
	} else if !jingzi.CanManageMeeting(ctx, org.Path) {
		return nil, jingzi.Errorf(jingzi.EFORBIDDEN, "只有本党组织或上级的党办组织者可以安排会议人员。")
	}
	members, _, err := findUsers(tx, "o.path LIKE ? AND u.disabled = FALSE", org.Path+"%")
	if err != nil {
		return nil, err
	}
	reviewers, err := reviewersOver(tx, org.Path)
	if err != nil {
		return nil, err
	}
	return &jingzi.MeetingCandidates{Members: members, Reviewers: reviewers}, nil
}

// reviewersOver returns the enabled accounts holding the reviewer role at the
// org or one of its ancestors.
func reviewersOver(tx *Tx, path string) ([]*jingzi.User, error) {
	users, _, err := findUsers(tx, `u.disabled = FALSE AND u.id IN (SELECT user_id FROM grants WHERE role = ?)`,
		string(jingzi.RoleReviewer))
	if err != nil {
		return nil, err
	}
	var out []*jingzi.User
	for _, u := range users {
		for _, g := range u.Grants {
			if g.Role == jingzi.RoleReviewer && g.Covers(path) {
				out = append(out, u)
				break
			}
		}
	}
	return out, nil
}
