package sqldb

import (
	"context"
	"crypto/rand"
	"database/sql"
	"encoding/hex"
	"errors"
	"fmt"
	"strings"
	"unicode/utf8"

	"jingzi"
)

// SolicitationService implements jingzi.SolicitationService. The anonymous
// methods run without an actor, whatever the request carried, so that nothing
// about the submitter can reach a row or the audit log.
type SolicitationService struct{ db *DB }

// NewSolicitationService returns the 征求意见 service.
func NewSolicitationService(db *DB) *SolicitationService { return &SolicitationService{db: db} }

var (
	errSolicitationNotFound = jingzi.Errorf(jingzi.ENOTFOUND, "征求意见不存在或您无权查看。")
	// errBadCode is the one answer for an unknown, used or expired code or link.
	errBadCode = jingzi.Errorf(jingzi.ENOTFOUND, "该意见码无效、已使用或不在征求意见期间内。请核对后重新输入。")
)

// FindSolicitationByID returns a solicitation with its counts.
func (s *SolicitationService) FindSolicitationByID(ctx context.Context, id int64) (*jingzi.Solicitation, error) {
	tx, err := s.db.beginRead(ctx)
	if err != nil {
		return nil, err
	}
	defer tx.Rollback()
	sol, m, err := findSolicitation(tx, id)
	if err != nil {
		return nil, err
	} else if !jingzi.CanViewMeeting(ctx, m.OrgPath) {
		return nil, errSolicitationNotFound
	}
	return sol, nil
}

// FindSolicitations lists the solicitations of a meeting the caller may see.
func (s *SolicitationService) FindSolicitations(ctx context.Context, f jingzi.SolicitationFilter) ([]*jingzi.Solicitation, int, error) {
	tx, err := s.db.beginRead(ctx)
	if err != nil {
		return nil, 0, err
	}
	defer tx.Rollback()
	q, args := `SELECT s.id FROM solicitations s WHERE 1 = 1`, []any{}
	if v := f.MeetingID; v != nil {
		q, args = q+` AND s.meeting_id = ?`, append(args, *v)
	}
	ids, err := queryIDs(tx, q+` ORDER BY s.id`, args...)
	if err != nil {
		return nil, 0, err
	}
	var out []*jingzi.Solicitation
	for _, id := range ids {
		sol, m, err := findSolicitation(tx, id)
		if err != nil {
			return nil, 0, err
		}
		if jingzi.CanViewMeeting(ctx, m.OrgPath) {
			out = append(out, sol)
		}
	}
	return page(out, f.Offset, f.Limit), len(out), nil
}

// CreateSolicitation stores a new solicitation for the meeting's organiser.
func (s *SolicitationService) CreateSolicitation(ctx context.Context, sol *jingzi.Solicitation) error {
	if err := sol.Validate(); err != nil {
		return err
	}
	tx, err := s.db.BeginTx(ctx)
	if err != nil {
		return err
	}
	defer tx.Rollback()
	m, err := findMeetingByID(tx, sol.MeetingID)
	if err != nil {
		return err
	} else if !jingzi.CanManageMeeting(ctx, m.OrgPath) {
		return jingzi.Errorf(jingzi.EFORBIDDEN, "只有本党组织或上级的党办组织者可以组织征求意见。")
	}
	sol.CreatedAt = tx.now
	sol.ID, err = tx.insert(`INSERT INTO solicitations (meeting_id, title, opens_on, closes_on, threshold, released, created_at)
		VALUES (?, ?, ?, ?, ?, ?, ?)`, sol.MeetingID, sol.Title, sol.OpensOn, sol.ClosesOn, sol.Threshold, sol.Released, tx.now)
	if err != nil {
		return fmt.Errorf("insert solicitation: %w", err)
	}
	if err := audit(tx, "solicitation.create", "solicitation", sol.ID, m.OrgID, sol.Title); err != nil {
		return err
	}
	return tx.Commit()
}

// UpdateSolicitation changes the settings or releases the opinions.
func (s *SolicitationService) UpdateSolicitation(ctx context.Context, id int64, upd jingzi.SolicitationUpdate) (*jingzi.Solicitation, error) {
	tx, err := s.db.BeginTx(ctx)
	if err != nil {
		return nil, err
	}
	defer tx.Rollback()
	sol, m, err := manageableSolicitation(tx, id)
	if err != nil {
		return nil, err
	}
	var what []string
	if v := upd.Title; v != nil {
		sol.Title, what = *v, append(what, "名称")
	}
	if v := upd.OpensOn; v != nil {
		sol.OpensOn, what = *v, append(what, "开始日期")
	}
	if v := upd.ClosesOn; v != nil {
		sol.ClosesOn, what = *v, append(what, "截止日期")
	}
	if v := upd.Threshold; v != nil {
		sol.Threshold, what = *v, append(what, "显示门槛")
	}
	if v := upd.Released; v != nil {
		sol.Released, what = *v, append(what, map[bool]string{true: "发布反馈", false: "撤回反馈"}[*v])
	}
	if err := sol.Validate(); err != nil {
		return nil, err
	}
	if _, err := tx.exec(`UPDATE solicitations SET title = ?, opens_on = ?, closes_on = ?, threshold = ?, released = ? WHERE id = ?`,
		sol.Title, sol.OpensOn, sol.ClosesOn, sol.Threshold, sol.Released, id); err != nil {
		return nil, fmt.Errorf("update solicitation: %w", err)
	}
	if err := audit(tx, "solicitation.update", "solicitation", id, m.OrgID, strings.Join(what, "、")); err != nil {
		return nil, err
	}
	return sol, tx.Commit()
}

// GenerateCodes stores the hashes of n fresh codes and returns the codes.
func (s *SolicitationService) GenerateCodes(ctx context.Context, id int64, n int, unit string) ([]string, error) {
	unit = strings.TrimSpace(unit)
	if n < 1 || n > jingzi.MaxCodesPerBatch {
		return nil, jingzi.Errorf(jingzi.EINVALID, "每次可生成1至%d个匿名码。", jingzi.MaxCodesPerBatch)
	} else if utf8.RuneCountInString(unit) > 100 {
		return nil, jingzi.Errorf(jingzi.EINVALID, "单位名称不超过100个字。")
	}
	tx, err := s.db.BeginTx(ctx)
	if err != nil {
		return nil, err
	}
	defer tx.Rollback()
	_, m, err := manageableSolicitation(tx, id)
	if err != nil {
		return nil, err
	}
	codes := make([]string, 0, n)
	for len(codes) < n {
		code, err := jingzi.NewCode()
		if err != nil {
			return nil, err
		}
		_, err = tx.exec(`INSERT INTO solicitation_codes (hash, solicitation_id, unit, used) VALUES (?, ?, ?, ?)`,
			jingzi.HashCode(code), id, unit, false)
		if isUniqueViolation(err) {
			continue // a collision of 59 random bits: draw again
		} else if err != nil {
			return nil, fmt.Errorf("insert code: %w", err)
		}
		codes = append(codes, code)
	}
	detail := fmt.Sprintf("生成匿名码%d个", n)
	if unit != "" {
		detail += "（" + unit + "）"
	}
	if err := audit(tx, "solicitation.codes", "solicitation", id, m.OrgID, detail); err != nil {
		return nil, err
	}
	return codes, tx.Commit()
}

// CreateUnitForm makes a link for one unit.
func (s *SolicitationService) CreateUnitForm(ctx context.Context, id int64, unit string) (*jingzi.UnitForm, error) {
	unit = strings.TrimSpace(unit)
	if unit == "" || utf8.RuneCountInString(unit) > 100 {
		return nil, jingzi.Errorf(jingzi.EINVALID, "请填写单位名称（不超过100个字）。")
	}
	tx, err := s.db.BeginTx(ctx)
	if err != nil {
		return nil, err
	}
	defer tx.Rollback()
	_, m, err := manageableSolicitation(tx, id)
	if err != nil {
		return nil, err
	}
	buf := make([]byte, 16)
	if _, err := rand.Read(buf); err != nil {
		return nil, err
	}
	uf := &jingzi.UnitForm{SolicitationID: id, Unit: unit, Token: hex.EncodeToString(buf)}
	uf.ID, err = tx.insert(`INSERT INTO unit_forms (solicitation_id, unit, token, submissions) VALUES (?, ?, ?, 0)`, id, unit, uf.Token)
	if isUniqueViolation(err) {
		return nil, jingzi.Errorf(jingzi.ECONFLICT, "“%s”已有征求意见表链接。", unit)
	} else if err != nil {
		return nil, fmt.Errorf("insert unit form: %w", err)
	}
	if err := audit(tx, "solicitation.unit_form", "solicitation", id, m.OrgID, unit); err != nil {
		return nil, err
	}
	return uf, tx.Commit()
}

// FindUnitForms lists a solicitation's unit links, for its organisers.
func (s *SolicitationService) FindUnitForms(ctx context.Context, id int64) ([]*jingzi.UnitForm, error) {
	tx, err := s.db.beginRead(ctx)
	if err != nil {
		return nil, err
	}
	defer tx.Rollback()
	if _, _, err := manageableSolicitation(tx, id); err != nil {
		return nil, err
	}
	rows, err := tx.query(`SELECT id, solicitation_id, unit, token, submissions FROM unit_forms WHERE solicitation_id = ? ORDER BY id`, id)
	if err != nil {
		return nil, fmt.Errorf("find unit forms: %w", err)
	}
	defer rows.Close()
	var out []*jingzi.UnitForm
	for rows.Next() {
		uf := &jingzi.UnitForm{}
		if err := rows.Scan(&uf.ID, &uf.SolicitationID, &uf.Unit, &uf.Token, &uf.Submissions); err != nil {
			return nil, err
		}
		out = append(out, uf)
	}
	return out, rows.Err()
}

// manageableSolicitation loads a solicitation for a change by its organiser.
func manageableSolicitation(tx *Tx, id int64) (*jingzi.Solicitation, *jingzi.Meeting, error) {
	sol, m, err := findSolicitation(tx, id)
	if err != nil {
		return nil, nil, err
	} else if !jingzi.CanViewMeeting(tx.ctx, m.OrgPath) {
		return nil, nil, errSolicitationNotFound
	} else if !jingzi.CanManageMeeting(tx.ctx, m.OrgPath) {
		return nil, nil, jingzi.Errorf(jingzi.EFORBIDDEN, "只有本党组织或上级的党办组织者可以管理征求意见。")
	}
	return sol, m, nil
}

// findSolicitation loads a solicitation with its counts, and its meeting.
func findSolicitation(tx *Tx, id int64) (*jingzi.Solicitation, *jingzi.Meeting, error) {
	sol := &jingzi.Solicitation{}
	err := tx.queryRow(`SELECT id, meeting_id, title, opens_on, closes_on, threshold, released, created_at,
		(SELECT COUNT(*) FROM solicitation_codes c WHERE c.solicitation_id = s.id),
		(SELECT COUNT(*) FROM solicitation_codes c WHERE c.solicitation_id = s.id AND c.used),
		(SELECT COALESCE(SUM(submissions), 0) FROM unit_forms u WHERE u.solicitation_id = s.id)
		FROM solicitations s WHERE id = ?`, id).Scan(&sol.ID, &sol.MeetingID, &sol.Title, &sol.OpensOn, &sol.ClosesOn,
		&sol.Threshold, &sol.Released, &sol.CreatedAt, &sol.CodesIssued, &sol.CodesUsed, &sol.UnitSubmissions)
	if errors.Is(err, sql.ErrNoRows) {
		return nil, nil, errSolicitationNotFound
	} else if err != nil {
		return nil, nil, fmt.Errorf("find solicitation: %w", err)
	}
	m, err := findMeetingByID(tx, sol.MeetingID)
	if err != nil {
		return nil, nil, err
	}
	return sol, m, nil
}
