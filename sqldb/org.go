package sqldb

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"strings"

	"jingzi"
)

// OrgService implements jingzi.OrgService.
type OrgService struct{ db *DB }

// NewOrgService returns the org tree service.
func NewOrgService(db *DB) *OrgService { return &OrgService{db: db} }

// FindOrgByID returns the org if the caller may see it.
func (s *OrgService) FindOrgByID(ctx context.Context, id int64) (*jingzi.Org, error) {
	tx, err := s.db.beginRead(ctx)
	if err != nil {
		return nil, err
	}
	defer tx.Rollback()
	org, err := findOrgByID(tx, id)
	if err != nil {
		return nil, err
	} else if !jingzi.CanViewOrg(ctx, org) {
		return nil, errOrgNotFound
	}
	return org, nil
}

// FindOrgs returns the visible orgs matching the filter in tree order.
func (s *OrgService) FindOrgs(ctx context.Context, f jingzi.OrgFilter) ([]*jingzi.Org, int, error) {
	tx, err := s.db.beginRead(ctx)
	if err != nil {
		return nil, 0, err
	}
	defer tx.Rollback()
	orgs, err := findOrgs(tx, f)
	if err != nil {
		return nil, 0, err
	}
	visible := orgs[:0]
	for _, o := range orgs {
		if jingzi.CanViewOrg(ctx, o) {
			visible = append(visible, o)
		}
	}
	total := len(visible)
	return page(visible, f.Offset, f.Limit), total, nil
}

// CreateOrg adds an org under its parent (or a root, for the system only).
func (s *OrgService) CreateOrg(ctx context.Context, org *jingzi.Org) error {
	if err := org.Validate(); err != nil {
		return err
	}
	tx, err := s.db.BeginTx(ctx)
	if err != nil {
		return err
	}
	defer tx.Rollback()
	if err := createOrg(tx, org); err != nil {
		return err
	}
	return tx.Commit()
}

func createOrg(tx *Tx, org *jingzi.Org) error {
	parentPath := ""
	var parentID any
	if org.ParentID != 0 {
		parent, err := findOrgByID(tx, org.ParentID)
		if err != nil {
			return err
		} else if !jingzi.CanManageOrg(tx.ctx, parent) {
			return errOrgForbidden
		} else if parent.Archived {
			return jingzi.Errorf(jingzi.EINVALID, "上级党组织已归档，不能在其下新建党组织。")
		}
		parentPath, parentID = parent.Path, parent.ID
	} else if !jingzi.IsSystem(tx.ctx) {
		return jingzi.Errorf(jingzi.EFORBIDDEN, "只能在已有党组织下新建下级党组织。")
	}
	org.CreatedAt, org.UpdatedAt = tx.now, tx.now
	id, err := tx.insert(`INSERT INTO orgs (parent_id, name, kind, position, path, archived, created_at, updated_at)
		VALUES (?, ?, ?, ?, '', ?, ?, ?)`, parentID, org.Name, string(org.Kind), org.Position, org.Archived, tx.now, tx.now)
	if err != nil {
		return fmt.Errorf("insert org: %w", err)
	}
	org.ID, org.Path = id, jingzi.ChildPath(parentPath, id)
	org.Depth = jingzi.PathDepth(org.Path)
	if _, err := tx.exec(`UPDATE orgs SET path = ? WHERE id = ?`, org.Path, id); err != nil {
		return fmt.Errorf("set org path: %w", err)
	}
	return audit(tx, "org.create", "org", id, id, org.Name)
}

// UpdateOrg renames, reorders, moves or (un)archives an org.
func (s *OrgService) UpdateOrg(ctx context.Context, id int64, upd jingzi.OrgUpdate) (*jingzi.Org, error) {
	tx, err := s.db.BeginTx(ctx)
	if err != nil {
		return nil, err
	}
	defer tx.Rollback()
	org, err := updateOrg(tx, id, upd)
	if err != nil {
		return nil, err
	}
	return org, tx.Commit()
}

func updateOrg(tx *Tx, id int64, upd jingzi.OrgUpdate) (*jingzi.Org, error) {
	org, err := findOrgByID(tx, id)
	if err != nil {
		return nil, err
	} else if !jingzi.CanViewOrg(tx.ctx, org) {
		return nil, errOrgNotFound
	} else if !jingzi.CanManageOrg(tx.ctx, org) {
		return nil, errOrgForbidden
	}
	var changes []string
	if v := upd.Name; v != nil && *v != org.Name {
		changes, org.Name = append(changes, "名称："+org.Name+"→"+strings.TrimSpace(*v)), *v
	}
	if v := upd.Kind; v != nil && *v != org.Kind {
		changes, org.Kind = append(changes, "类型："+org.Kind.Label()+"→"+v.Label()), *v
	}
	if v := upd.Position; v != nil && *v != org.Position {
		changes, org.Position = append(changes, "排序"), *v
	}
	if v := upd.Archived; v != nil && *v != org.Archived {
		org.Archived = *v
		changes = append(changes, map[bool]string{true: "归档", false: "取消归档"}[*v])
	}
	if err := org.Validate(); err != nil {
		return nil, err
	}
	if v := upd.ParentID; v != nil && *v != org.ParentID {
		if err := moveOrg(tx, org, *v); err != nil {
			return nil, err
		}
		changes = append(changes, "移动")
	}
	org.UpdatedAt = tx.now
	if _, err := tx.exec(`UPDATE orgs SET name = ?, kind = ?, position = ?, archived = ?, updated_at = ? WHERE id = ?`,
		org.Name, string(org.Kind), org.Position, org.Archived, tx.now, org.ID); err != nil {
		return nil, fmt.Errorf("update org: %w", err)
	}
	return org, audit(tx, "org.update", "org", org.ID, org.ID, strings.Join(changes, "；"))
}

// moveOrg re-parents org and rewrites the paths of its whole subtree.
func moveOrg(tx *Tx, org *jingzi.Org, parentID int64) error {
	if parentID == 0 {
		return jingzi.Errorf(jingzi.EINVALID, "请选择新的上级党组织。")
	}
	parent, err := findOrgByID(tx, parentID)
	if err != nil {
		return err
	} else if !jingzi.CanManageOrg(tx.ctx, parent) {
		return jingzi.Errorf(jingzi.EFORBIDDEN, "您无权把党组织移动到该上级党组织下。")
	} else if parent.IsWithin(org) {
		return jingzi.Errorf(jingzi.EINVALID, "不能把党组织移动到它自己或它的下级党组织下。")
	}
	oldPath, newPath := org.Path, jingzi.ChildPath(parent.Path, org.ID)
	if _, err := tx.exec(`UPDATE orgs SET path = CAST(? AS TEXT) || substr(path, CAST(? AS INTEGER)) WHERE path LIKE ?`,
		newPath, len(oldPath)+1, oldPath+"%"); err != nil {
		return fmt.Errorf("move org subtree: %w", err)
	}
	if _, err := tx.exec(`UPDATE orgs SET parent_id = ? WHERE id = ?`, parent.ID, org.ID); err != nil {
		return fmt.Errorf("move org: %w", err)
	}
	org.ParentID, org.Path, org.Depth = parent.ID, newPath, jingzi.PathDepth(newPath)
	return nil
}

var (
	errOrgNotFound  = jingzi.Errorf(jingzi.ENOTFOUND, "党组织不存在或您无权查看。")
	errOrgForbidden = jingzi.Errorf(jingzi.EFORBIDDEN, "您无权管理该党组织。")
)

const orgColumns = `id, COALESCE(parent_id, 0), name, kind, position, path, archived, created_at, updated_at`

func scanOrg(sc interface{ Scan(...any) error }) (*jingzi.Org, error) {
	o := &jingzi.Org{}
	var kind string
	if err := sc.Scan(&o.ID, &o.ParentID, &o.Name, &kind, &o.Position, &o.Path, &o.Archived, &o.CreatedAt, &o.UpdatedAt); err != nil {
		return nil, err
	}
	o.Kind, o.Depth = jingzi.OrgKind(kind), jingzi.PathDepth(o.Path)
	return o, nil
}

func findOrgByID(tx *Tx, id int64) (*jingzi.Org, error) {
	o, err := scanOrg(tx.queryRow(`SELECT `+orgColumns+` FROM orgs WHERE id = ?`, id))
	if errors.Is(err, sql.ErrNoRows) {
		return nil, errOrgNotFound
	} else if err != nil {
		return nil, fmt.Errorf("find org: %w", err)
	}
	return o, nil
}

// findOrgs returns orgs in tree order: by path segments, siblings by position.
func findOrgs(tx *Tx, f jingzi.OrgFilter) ([]*jingzi.Org, error) {
	where, args := []string{"1 = 1"}, []any{}
	if v := f.ID; v != nil {
		where, args = append(where, "id = ?"), append(args, *v)
	}
	if v := f.Within; v != nil {
		root, err := findOrgByID(tx, *v)
		if err != nil {
			return nil, err
		}
		where, args = append(where, "path LIKE ?"), append(args, root.Path+"%")
	}
	if !f.IncludeArchived {
		where = append(where, "archived = FALSE")
	}
	rows, err := tx.query(`SELECT `+orgColumns+` FROM orgs WHERE `+strings.Join(where, " AND "), args...)
	if err != nil {
		return nil, fmt.Errorf("find orgs: %w", err)
	}
	defer rows.Close()
	var out []*jingzi.Org
	for rows.Next() {
		o, err := scanOrg(rows)
		if err != nil {
			return nil, err
		}
		out = append(out, o)
	}
	if err := rows.Err(); err != nil {
		return nil, err
	}
	return treeOrder(out), nil
}

// treeOrder sorts orgs depth-first, siblings by position then id, so that an
// indented listing reads as a tree.
func treeOrder(orgs []*jingzi.Org) []*jingzi.Org {
	children := map[int64][]*jingzi.Org{}
	present := map[int64]bool{}
	for _, o := range orgs {
		present[o.ID] = true
	}
	var roots []*jingzi.Org
	for _, o := range orgs {
		if present[o.ParentID] {
			children[o.ParentID] = append(children[o.ParentID], o)
		} else {
			roots = append(roots, o)
		}
	}
	out := make([]*jingzi.Org, 0, len(orgs))
	var walk func([]*jingzi.Org)
	walk = func(list []*jingzi.Org) {
		sortOrgs(list)
		for _, o := range list {
			out = append(out, o)
			walk(children[o.ID])
		}
	}
	walk(roots)
	return out
}

func sortOrgs(list []*jingzi.Org) {
	for i := 1; i < len(list); i++ {
		for j := i; j > 0 && orgLess(list[j], list[j-1]); j-- {
			list[j], list[j-1] = list[j-1], list[j]
		}
	}
}

func orgLess(a, b *jingzi.Org) bool {
	if a.Path != b.Path && jingzi.PathDepth(a.Path) != jingzi.PathDepth(b.Path) {
		return jingzi.PathDepth(a.Path) < jingzi.PathDepth(b.Path)
	}
	if a.Position != b.Position {
		return a.Position < b.Position
	}
	return a.ID < b.ID
}

// page applies offset and limit to an in-memory list.
func page[T any](list []T, offset, limit int) []T {
	if offset >= len(list) {
		return nil
	} else if offset > 0 {
		list = list[offset:]
	}
	if limit > 0 && limit < len(list) {
		list = list[:limit]
	}
	return list
}
