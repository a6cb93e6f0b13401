package mock

import (
	"context"

	"jingzi"
)

var _ jingzi.StatementService = (*StatementService)(nil)

// StatementService is a mock of jingzi.StatementService 对照检查材料.
type StatementService struct {
	FindStatementByIDFn     func(ctx context.Context, id int64) (*jingzi.Statement, error)
	FindStatementsFn        func(ctx context.Context, filter jingzi.StatementFilter) ([]*jingzi.Statement, int, error)
	CreateStatementFn       func(ctx context.Context, s *jingzi.Statement, note string) error
	SaveStatementFn         func(ctx context.Context, s *jingzi.Statement, note string) error
	FindStatementVersionsFn func(ctx context.Context, id int64) ([]*jingzi.StatementVersion, error)
	FindStatementVersionFn  func(ctx context.Context, id int64, version int) (*jingzi.Statement, error)
}

func (s *StatementService) FindStatementByID(ctx context.Context, id int64) (*jingzi.Statement, error) {
	return s.FindStatementByIDFn(ctx, id)
}

func (s *StatementService) FindStatements(ctx context.Context, filter jingzi.StatementFilter) ([]*jingzi.Statement, int, error) {
	return s.FindStatementsFn(ctx, filter)
}

func (s *StatementService) CreateStatement(ctx context.Context, st *jingzi.Statement, note string) error {
	return s.CreateStatementFn(ctx, st, note)
}

func (s *StatementService) SaveStatement(ctx context.Context, st *jingzi.Statement, note string) error {
	return s.SaveStatementFn(ctx, st, note)
}

func (s *StatementService) FindStatementVersions(ctx context.Context, id int64) ([]*jingzi.StatementVersion, error) {
	return s.FindStatementVersionsFn(ctx, id)
}

func (s *StatementService) FindStatementVersion(ctx context.Context, id int64, version int) (*jingzi.Statement, error) {
	return s.FindStatementVersionFn(ctx, id, version)
}
