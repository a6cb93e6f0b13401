package jingzi

import (
	"context"
	"time"
)

// AuditEntry 审计日志 records one state change or security event made by an account
// or the system: who, what, on which object, when, with which outcome, from where.
// The log is append-only: nothing in jingzi edits or deletes an entry, and the
// databases refuse it with triggers.
type AuditEntry struct {
	ID         int64
	At         time.Time
	ActorID    int64 // 0 for the system or an unknown login
	ActorName  string
	Action     string // e.g. "org.create", "user.login"
	ObjectType string
	ObjectID   int64
	OrgID      int64 // the org the object belongs to, for subtree filtering
	Outcome    string
	IP         string
	Detail     string
}

// Audit outcomes.
const (
	OutcomeSuccess = "success"
	OutcomeFailure = "failure"
	OutcomeDenied  = "denied"
)

// OutcomeLabel is the Chinese name of an outcome.
func OutcomeLabel(o string) string {
	switch o {
	case OutcomeSuccess:
		return "成功"
	case OutcomeFailure:
		return "失败"
	case OutcomeDenied:
		return "拒绝"
	}
	return o
}

// AuditService 审计日志.
type AuditService interface {
	// RecordAudit appends an entry for events that are not a stored change (login,
	// logout, a denied request). Changes made through the services are recorded by
	// the services themselves, in the same transaction.
	RecordAudit(ctx context.Context, e *AuditEntry) error
	// FindAuditEntries returns EFORBIDDEN unless the caller is an auditor.
	FindAuditEntries(ctx context.Context, filter AuditFilter) ([]*AuditEntry, int, error)
}

// AuditFilter selects entries, newest first.
type AuditFilter struct {
	ActorID       *int64
	Action        *string
	Offset, Limit int
}
