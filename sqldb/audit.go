package sqldb

import (
	"context"
	"fmt"
	"strings"

	"jingzi"
)

// AuditService implements jingzi.AuditService.
type AuditService struct{ db *DB }

// NewAuditService returns the audit log service.
func NewAuditService(db *DB) *AuditService { return &AuditService{db: db} }

// RecordAudit appends an entry for an event that is not a stored change.
func (s *AuditService) RecordAudit(ctx context.Context, e *jingzi.AuditEntry) error {
	tx, err := s.db.BeginTx(ctx)
	if err != nil {
		return err
	}
	defer tx.Rollback()
	if err := appendAudit(tx, e); err != nil {
		return err
	}
	return tx.Commit()
}

// FindAuditEntries returns entries newest first, for auditors only.
func (s *AuditService) FindAuditEntries(ctx context.Context, f jingzi.AuditFilter) ([]*jingzi.AuditEntry, int, error) {
	if !jingzi.CanReadAuditLog(ctx) {
		return nil, 0, jingzi.Errorf(jingzi.EFORBIDDEN, "只有安全审计员可以查看审计日志。")
	}
	tx, err := s.db.beginRead(ctx)
	if err != nil {
		return nil, 0, err
	}
	defer tx.Rollback()
	where, args := []string{"1 = 1"}, []any{}
	if v := f.ActorID; v != nil {
		where, args = append(where, "actor_id = ?"), append(args, *v)
	}
	if v := f.Action; v != nil {
		where, args = append(where, "action = ?"), append(args, *v)
	}
	cond := strings.Join(where, " AND ")
	var total int
	if err := tx.queryRow(`SELECT COUNT(*) FROM audit_log WHERE `+cond, args...).Scan(&total); err != nil {
		return nil, 0, fmt.Errorf("count audit: %w", err)
	}
	rows, err := tx.query(`SELECT id, at, actor_id, actor_name, action, object_type, object_id, org_id, outcome, ip, detail
		FROM audit_log WHERE `+cond+` ORDER BY id DESC`+FormatLimitOffset(f.Limit, f.Offset), args...)
	if err != nil {
		return nil, 0, fmt.Errorf("find audit: %w", err)
	}
	defer rows.Close()
	var out []*jingzi.AuditEntry
	for rows.Next() {
		e := &jingzi.AuditEntry{}
		if err := rows.Scan(&e.ID, &e.At, &e.ActorID, &e.ActorName, &e.Action, &e.ObjectType, &e.ObjectID,
			&e.OrgID, &e.Outcome, &e.IP, &e.Detail); err != nil {
			return nil, 0, err
		}
		out = append(out, e)
	}
	return out, total, rows.Err()
}

// appendAudit writes an entry in the caller's transaction, filling the actor,
// source address and time from the transaction's context.
func appendAudit(tx *Tx, e *jingzi.AuditEntry) error {
	a := jingzi.ActorFromContext(tx.ctx)
	if e.ActorName == "" {
		e.ActorName = a.Name()
		e.ActorID = a.UserID()
	}
	if e.IP == "" && a != nil {
		e.IP = a.IP
	}
	if e.Outcome == "" {
		e.Outcome = jingzi.OutcomeSuccess
	}
	e.At = tx.now
	id, err := tx.insert(`INSERT INTO audit_log (at, actor_id, actor_name, action, object_type, object_id, org_id, outcome, ip, detail)
		VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
		e.At, e.ActorID, e.ActorName, e.Action, e.ObjectType, e.ObjectID, e.OrgID, e.Outcome, e.IP, e.Detail)
	if err != nil {
		return fmt.Errorf("append audit: %w", err)
	}
	e.ID = id
	return nil
}

// audit is the short form services use after a change.
func audit(tx *Tx, action, objectType string, objectID, orgID int64, detail string) error {
	return appendAudit(tx, &jingzi.AuditEntry{Action: action, ObjectType: objectType, ObjectID: objectID, OrgID: orgID, Detail: detail})
}
