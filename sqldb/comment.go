package sqldb

import (
	"context"
	"database/sql"
	"errors"
	"fmt"

	"jingzi"
)

// FindComments lists a statement's comments in the order written.
func (s *ReviewService) FindComments(ctx context.Context, id int64) ([]*jingzi.Comment, error) {
	tx, err := s.db.beginRead(ctx)
	if err != nil {
		return nil, err
	}
	defer tx.Rollback()
	if err := canView(ctx, tx, id); err != nil {
		return nil, err
	}
	rows, err := tx.query(`SELECT `+commentColumns+` FROM statement_comments WHERE statement_id = ? ORDER BY id`, id)
	if err != nil {
		return nil, fmt.Errorf("find comments: %w", err)
	}
	defer rows.Close()
	var out []*jingzi.Comment
	for rows.Next() {
		c, err := scanComment(rows)
		if err != nil {
			return nil, err
		}
		out = append(out, c)
	}
	return out, rows.Err()
}

const commentColumns = `id, statement_id, parent_id, part_index, section_index, item_index, range_start, range_end,
	body, version, author_id, author_name, resolved, created_at`

func scanComment(row interface{ Scan(...any) error }) (*jingzi.Comment, error) {
	c := &jingzi.Comment{}
	a := &c.Anchor
	err := row.Scan(&c.ID, &c.StatementID, &c.ParentID, &a.Part, &a.Section, &a.Item, &a.Start, &a.End,
		&c.Body, &c.Version, &c.AuthorID, &c.AuthorName, &c.Resolved, &c.CreatedAt)
	return c, err
}

var errCommentNotFound = jingzi.Errorf(jingzi.ENOTFOUND, "批注不存在或您无权查看。")

// AddComment stores a comment or a reply; a reply takes its thread's anchor.
func (s *ReviewService) AddComment(ctx context.Context, c *jingzi.Comment) error {
	if err := c.Validate(); err != nil {
		return err
	}
	tx, err := s.db.BeginTx(ctx)
	if err != nil {
		return err
	}
	defer tx.Rollback()
	st, m, err := findStatement(tx, c.StatementID)
	if err != nil {
		return err
	} else if !jingzi.CanViewStatement(ctx, m, st) {
		return errStatementNotFound
	} else if !jingzi.CanCommentStatement(ctx, m, st) {
		return jingzi.Errorf(jingzi.EFORBIDDEN, "只有材料本人、主要负责人和上级审核人可以批注。")
	}
	if c.ParentID != 0 {
		parent, err := findComment(tx, c.ParentID)
		if err != nil || parent.StatementID != c.StatementID {
			return errCommentNotFound
		}
		c.Anchor = parent.Anchor
	}
	a := jingzi.ActorFromContext(ctx)
	c.AuthorName, c.Version, c.CreatedAt, c.Resolved = a.Name(), st.Version, tx.now, false
	if u := jingzi.UserFromContext(ctx); u != nil {
		c.AuthorID = u.ID
	}
	x := c.Anchor
	c.ID, err = tx.insert(`INSERT INTO statement_comments (statement_id, parent_id, part_index, section_index, item_index, range_start, range_end,
		body, version, author_id, author_name, resolved, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, FALSE, ?)`,
		c.StatementID, c.ParentID, x.Part, x.Section, x.Item, x.Start, x.End, c.Body, c.Version, c.AuthorID, c.AuthorName, c.CreatedAt)
	if err != nil {
		return fmt.Errorf("insert comment: %w", err)
	}
	if err := audit(tx, "statement.comment", "statement", st.ID, m.OrgID, x.Label()+"："+c.Body); err != nil {
		return err
	}
	return tx.Commit()
}

// ResolveComment marks a comment resolved or open again.
func (s *ReviewService) ResolveComment(ctx context.Context, id int64, resolved bool) error {
	tx, err := s.db.BeginTx(ctx)
	if err != nil {
		return err
	}
	defer tx.Rollback()
	c, err := findComment(tx, id)
	if err != nil {
		return err
	}
	st, m, err := findStatement(tx, c.StatementID)
	if err != nil {
		return err
	} else if !jingzi.CanViewStatement(ctx, m, st) {
		return errCommentNotFound
	}
	u := jingzi.UserFromContext(ctx)
	if !jingzi.IsStatementAuthor(ctx, m, st) && (u == nil || u.ID != c.AuthorID) {
		return jingzi.Errorf(jingzi.EFORBIDDEN, "只有材料本人或批注人可以标记批注是否已解决。")
	}
	if _, err := tx.exec(`UPDATE statement_comments SET resolved = ? WHERE id = ?`, resolved, id); err != nil {
		return fmt.Errorf("resolve comment: %w", err)
	}
	action := "statement.comment.reopen"
	if resolved {
		action = "statement.comment.resolve"
	}
	if err := audit(tx, action, "statement", st.ID, m.OrgID, c.Anchor.Label()); err != nil {
		return err
	}
	return tx.Commit()
}

func findComment(tx *Tx, id int64) (*jingzi.Comment, error) {
	c, err := scanComment(tx.queryRow(`SELECT `+commentColumns+` FROM statement_comments WHERE id = ?`, id))
	if errors.Is(err, sql.ErrNoRows) {
		return nil, errCommentNotFound
	} else if err != nil {
		return nil, fmt.Errorf("find comment: %w", err)
	}
	return c, nil
}
