package mock

import (
	"context"

	"jingzi"
)

var _ jingzi.DocumentService = (*DocumentService)(nil)

// DocumentService is a mock of jingzi.DocumentService 导入导出.
type DocumentService struct {
	ImportStatementFn func(ctx context.Context, filename string, data []byte, fw *jingzi.Framework) (*jingzi.Statement, *jingzi.ImportReport, error)
	ExportStatementFn func(ctx context.Context, s *jingzi.Statement, format string) ([]byte, string, error)
	ExportDocumentFn  func(ctx context.Context, d *jingzi.Document, format string) ([]byte, string, error)
}

func (s *DocumentService) ImportStatement(ctx context.Context, filename string, data []byte, fw *jingzi.Framework) (*jingzi.Statement, *jingzi.ImportReport, error) {
	return s.ImportStatementFn(ctx, filename, data, fw)
}

func (s *DocumentService) ExportStatement(ctx context.Context, st *jingzi.Statement, format string) ([]byte, string, error) {
	return s.ExportStatementFn(ctx, st, format)
}

func (s *DocumentService) ExportDocument(ctx context.Context, d *jingzi.Document, format string) ([]byte, string, error) {
	return s.ExportDocumentFn(ctx, d, format)
}
