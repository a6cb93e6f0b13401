package mock

import (
	"context"

	"jingzi"
)

var _ jingzi.CheckService = (*CheckService)(nil)

// CheckService is a mock of jingzi.CheckService 材料质量检查.
type CheckService struct {
	CheckStatementFn func(ctx context.Context, statementID int64) (*jingzi.CheckReport, error)
}

func (s *CheckService) CheckStatement(ctx context.Context, statementID int64) (*jingzi.CheckReport, error) {
	return s.CheckStatementFn(ctx, statementID)
}
