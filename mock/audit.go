package mock

import (
	"context"

	"jingzi"
)

var _ jingzi.AuditService = (*AuditService)(nil)

// AuditService is a mock of jingzi.AuditService 审计日志.
type AuditService struct {
	RecordAuditFn      func(ctx context.Context, e *jingzi.AuditEntry) error
	FindAuditEntriesFn func(ctx context.Context, filter jingzi.AuditFilter) ([]*jingzi.AuditEntry, int, error)
}

func (s *AuditService) RecordAudit(ctx context.Context, e *jingzi.AuditEntry) error {
	return s.RecordAuditFn(ctx, e)
}

func (s *AuditService) FindAuditEntries(ctx context.Context, filter jingzi.AuditFilter) ([]*jingzi.AuditEntry, int, error) {
	return s.FindAuditEntriesFn(ctx, filter)
}
