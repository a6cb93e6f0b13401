package sqldb

import (
	"context"
	"database/sql"
	"encoding/json"
	"errors"
	"fmt"
	"strconv"
	"strings"

	"jingzi"
)

// FrameworkService implements jingzi.FrameworkService. The built-in frameworks
// are copied from the binary into the database at start, so that they have ids
// like the organisers' own.
type FrameworkService struct{ db *DB }

// NewFrameworkService returns the framework service.
func NewFrameworkService(db *DB) *FrameworkService { return &FrameworkService{db: db} }

var errFrameworkNotFound = jingzi.Errorf(jingzi.ENOTFOUND, "检视框架不存在或您无权查看。")

// syncBuiltinFrameworks inserts or refreshes the embedded frameworks.
func (db *DB) syncBuiltinFrameworks(ctx context.Context) error {
	list, err := jingzi.BuiltinFrameworks()
	if err != nil {
		return err
	}
	tx, err := db.BeginTx(ctx)
	if err != nil {
		return err
	}
	defer tx.Rollback()
	for _, f := range list {
		data, _ := json.Marshal(f)
		var id int64
		err := tx.queryRow(`SELECT id FROM frameworks WHERE org_id IS NULL AND key = ?`, f.Key).Scan(&id)
		if errors.Is(err, sql.ErrNoRows) {
			_, err = tx.exec(`INSERT INTO frameworks (key, org_id, year, name, builtin, data, updated_at) VALUES (?, NULL, ?, ?, TRUE, ?, ?)`,
				f.Key, f.Year, f.Name, string(data), tx.now)
		} else if err == nil {
			_, err = tx.exec(`UPDATE frameworks SET year = ?, name = ?, data = ? WHERE id = ? AND data <> ?`, f.Year, f.Name, string(data), id, string(data))
		}
		if err != nil {
			return fmt.Errorf("built-in framework %s: %w", f.Key, err)
		}
	}
	return tx.Commit()
}

// FindFrameworkByID returns a framework the caller may see.
func (s *FrameworkService) FindFrameworkByID(ctx context.Context, id int64) (*jingzi.Framework, error) {
	tx, err := s.db.beginRead(ctx)
	if err != nil {
		return nil, err
	}
	defer tx.Rollback()
	list, err := findFrameworks(tx, `f.id = ?`, id)
	if err != nil {
		return nil, err
	} else if len(list) == 0 || !canSeeFramework(ctx, list[0]) {
		return nil, errFrameworkNotFound
	}
	return list[0].Framework, nil
}

// FindFrameworks returns the built-in frameworks, newest year first, then those
// of the caller's orgs, their superiors and their subtrees.
func (s *FrameworkService) FindFrameworks(ctx context.Context) ([]*jingzi.Framework, error) {
	tx, err := s.db.beginRead(ctx)
	if err != nil {
		return nil, err
	}
	defer tx.Rollback()
	list, err := findFrameworks(tx, `1 = 1`)
	if err != nil {
		return nil, err
	}
	var out []*jingzi.Framework
	for _, f := range list {
		if canSeeFramework(ctx, f) {
			out = append(out, f.Framework)
		}
	}
	return out, nil
}

// CreateFramework stores an organiser's framework for their working org.
func (s *FrameworkService) CreateFramework(ctx context.Context, f *jingzi.Framework) error {
	if err := f.Validate(); err != nil {
		return err
	}
	if a := jingzi.ActorFromContext(ctx); f.OrgID == 0 && a != nil {
		f.OrgID = a.OrgID
	}
	tx, err := s.db.BeginTx(ctx)
	if err != nil {
		return err
	}
	defer tx.Rollback()
	org, err := findOrgByID(tx, f.OrgID)
	if err != nil {
		return err
	} else if !jingzi.CanManageMeeting(ctx, org.Path) {
		return jingzi.Errorf(jingzi.EFORBIDDEN, "只有党办组织者可以新建检视框架。")
	}
	f.Builtin, f.UpdatedAt = false, tx.now
	f.Key = "org" + strconv.FormatInt(org.ID, 10) + "-" + strconv.FormatInt(tx.now.UnixNano(), 36)
	data, _ := json.Marshal(f)
	if f.ID, err = tx.insert(`INSERT INTO frameworks (key, org_id, year, name, builtin, data, updated_at) VALUES (?, ?, ?, ?, FALSE, ?, ?)`,
		f.Key, f.OrgID, f.Year, f.Name, string(data), tx.now); err != nil {
		return fmt.Errorf("insert framework: %w", err)
	}
	if err := audit(tx, "framework.create", "framework", f.ID, f.OrgID, f.Name); err != nil {
		return err
	}
	return tx.Commit()
}

// UpdateFramework replaces an organiser's framework; built-ins are read-only.
// Meetings keep the copy they were created with.
func (s *FrameworkService) UpdateFramework(ctx context.Context, id int64, f *jingzi.Framework) error {
	if err := f.Validate(); err != nil {
		return err
	}
	tx, err := s.db.BeginTx(ctx)
	if err != nil {
		return err
	}
	defer tx.Rollback()
	list, err := findFrameworks(tx, `f.id = ?`, id)
	if err != nil {
		return err
	} else if len(list) == 0 || !canSeeFramework(ctx, list[0]) {
		return errFrameworkNotFound
	}
	cur := list[0]
	if cur.Builtin {
		return jingzi.Errorf(jingzi.EFORBIDDEN, "内置检视框架不能修改，请先复制一份再修改。")
	} else if !jingzi.CanManageMeeting(ctx, cur.orgPath) {
		return jingzi.Errorf(jingzi.EFORBIDDEN, "只有本单位党办组织者可以修改该检视框架。")
	}
	f.ID, f.Key, f.OrgID, f.Builtin, f.UpdatedAt = id, cur.Key, cur.OrgID, false, tx.now
	data, _ := json.Marshal(f)
	if _, err := tx.exec(`UPDATE frameworks SET year = ?, name = ?, data = ?, updated_at = ? WHERE id = ?`,
		f.Year, f.Name, string(data), tx.now, id); err != nil {
		return fmt.Errorf("update framework: %w", err)
	}
	if err := audit(tx, "framework.update", "framework", id, f.OrgID, f.Name); err != nil {
		return err
	}
	return tx.Commit()
}

// storedFramework is a framework with the path of its org, for permissions.
type storedFramework struct {
	*jingzi.Framework
	orgPath string
}

// canSeeFramework: built-ins are for everyone; an org's framework is seen by
// those with a role in that org's subtree or in the subtree of a superior.
func canSeeFramework(ctx context.Context, f storedFramework) bool {
	if f.Builtin || jingzi.IsSystem(ctx) {
		return true
	}
	u := jingzi.UserFromContext(ctx)
	if u == nil {
		return false
	}
	for _, g := range u.Grants {
		if strings.HasPrefix(g.OrgPath, f.orgPath) || strings.HasPrefix(f.orgPath, g.OrgPath) {
			return true
		}
	}
	return false
}

func findFrameworks(tx *Tx, cond string, args ...any) ([]storedFramework, error) {
	rows, err := tx.query(`SELECT f.id, f.key, COALESCE(f.org_id, 0), COALESCE(o.path, ''), f.builtin, f.data, f.updated_at
		FROM frameworks f LEFT JOIN orgs o ON o.id = f.org_id WHERE `+cond+` ORDER BY f.builtin DESC, f.year DESC, f.id`, args...)
	if err != nil {
		return nil, fmt.Errorf("find frameworks: %w", err)
	}
	defer rows.Close()
	var out []storedFramework
	for rows.Next() {
		f := storedFramework{Framework: &jingzi.Framework{}}
		var id, orgID int64
		var key, data string
		var builtin bool
		if err := rows.Scan(&id, &key, &orgID, &f.orgPath, &builtin, &data, &f.UpdatedAt); err != nil {
			return nil, err
		}
		at := f.UpdatedAt
		if err := json.Unmarshal([]byte(data), f.Framework); err != nil {
			return nil, fmt.Errorf("framework %d: %w", id, err)
		}
		f.ID, f.Key, f.OrgID, f.Builtin, f.UpdatedAt = id, key, orgID, builtin, at
		out = append(out, f)
	}
	return out, rows.Err()
}
