package sqldb

import (
	"context"
	"fmt"
	"strings"
	"unicode/utf8"

	"jingzi"
)

// CorpusService implements jingzi.CorpusService: the 查重 templates.
type CorpusService struct{ db *DB }

// NewCorpusService returns the template store.
func NewCorpusService(db *DB) *CorpusService { return &CorpusService{db: db} }

// MaxCorpusChars bounds one template's text.
const MaxCorpusChars = 200000

// AddCorpusDoc stores a template with its sketch.
func (s *CorpusService) AddCorpusDoc(ctx context.Context, d *jingzi.CorpusDoc) error {
	d.Title = strings.TrimSpace(d.Title)
	switch {
	case d.Title == "" || utf8.RuneCountInString(d.Title) > 200:
		return jingzi.Errorf(jingzi.EINVALID, "请填写模板名称（不超过200个字）。")
	case strings.TrimSpace(d.Text) == "":
		return jingzi.Errorf(jingzi.EINVALID, "模板“%s”没有文字内容。", d.Title)
	case utf8.RuneCountInString(d.Text) > MaxCorpusChars:
		return jingzi.Errorf(jingzi.EINVALID, "模板“%s”超过%d字，请拆分后再导入。", d.Title, MaxCorpusChars)
	case len(d.Sketch) == 0:
		return jingzi.Errorf(jingzi.EINVALID, "模板缺少查重指纹。")
	}
	if a := jingzi.ActorFromContext(ctx); d.OrgID == 0 && a != nil {
		d.OrgID = a.OrgID
	}
	tx, err := s.db.BeginTx(ctx)
	if err != nil {
		return err
	}
	defer tx.Rollback()
	org, err := findOrgByID(tx, d.OrgID)
	if err != nil {
		return err
	} else if !jingzi.CanManageMeeting(ctx, org.Path) {
		return jingzi.Errorf(jingzi.EFORBIDDEN, "只有党办组织者可以导入查重模板。")
	}
	d.CreatedAt, d.CreatedBy = tx.now, jingzi.ActorFromContext(ctx).Name()
	if d.ID, err = tx.insert(`INSERT INTO corpus_docs (org_id, title, body, sketch, created_at, created_by) VALUES (?, ?, ?, ?, ?, ?)`,
		d.OrgID, d.Title, d.Text, d.Sketch, d.CreatedAt, d.CreatedBy); err != nil {
		return fmt.Errorf("insert corpus doc: %w", err)
	}
	if err := audit(tx, "corpus.add", "corpus_doc", d.ID, d.OrgID, d.Title); err != nil {
		return err
	}
	return tx.Commit()
}

// FindCorpusDocs lists templates: for an org, its own and its superiors'; else
// every template of an org the caller may see.
func (s *CorpusService) FindCorpusDocs(ctx context.Context, f jingzi.CorpusFilter) ([]*jingzi.CorpusDoc, int, error) {
	tx, err := s.db.beginRead(ctx)
	if err != nil {
		return nil, 0, err
	}
	defer tx.Rollback()
	var target *jingzi.Org
	if f.ForOrg != nil {
		if target, err = findOrgByID(tx, *f.ForOrg); err != nil {
			return nil, 0, err
		}
	}
	cols := `d.id, d.org_id, o.path, d.title, '', d.sketch, d.created_at, d.created_by`
	if f.WithText {
		cols = `d.id, d.org_id, o.path, d.title, d.body, d.sketch, d.created_at, d.created_by`
	}
	rows, err := tx.query(`SELECT ` + cols + ` FROM corpus_docs d JOIN orgs o ON o.id = d.org_id ORDER BY d.id`)
	if err != nil {
		return nil, 0, fmt.Errorf("find corpus: %w", err)
	}
	defer rows.Close()
	var out []*jingzi.CorpusDoc
	for rows.Next() {
		d, path := &jingzi.CorpusDoc{}, ""
		if err := rows.Scan(&d.ID, &d.OrgID, &path, &d.Title, &d.Text, &d.Sketch, &d.CreatedAt, &d.CreatedBy); err != nil {
			return nil, 0, err
		}
		switch {
		case target != nil && !jingzi.PathWithin(target.Path, path):
			continue // serves another subtree
		case !jingzi.IsSystem(ctx) && !jingzi.CanViewOrg(ctx, &jingzi.Org{Path: path}) && (target == nil || !jingzi.CanViewOrg(ctx, target)):
			continue
		}
		out = append(out, d)
	}
	if err := rows.Err(); err != nil {
		return nil, 0, err
	}
	return page(out, f.Offset, f.Limit), len(out), nil
}

// DeleteCorpusDoc removes a template (organisers over its org).
func (s *CorpusService) DeleteCorpusDoc(ctx context.Context, id int64) error {
	tx, err := s.db.BeginTx(ctx)
	if err != nil {
		return err
	}
	defer tx.Rollback()
	var orgID int64
	var title string
	if err := tx.queryRow(`SELECT org_id, title FROM corpus_docs WHERE id = ?`, id).Scan(&orgID, &title); err != nil {
		return jingzi.Errorf(jingzi.ENOTFOUND, "查重模板不存在。")
	}
	org, err := findOrgByID(tx, orgID)
	if err != nil {
		return err
	} else if !jingzi.CanManageMeeting(ctx, org.Path) {
		return jingzi.Errorf(jingzi.EFORBIDDEN, "只有党办组织者可以删除查重模板。")
	}
	if _, err := tx.exec(`DELETE FROM corpus_docs WHERE id = ?`, id); err != nil {
		return err
	}
	if err := audit(tx, "corpus.delete", "corpus_doc", id, orgID, title); err != nil {
		return err
	}
	return tx.Commit()
}
