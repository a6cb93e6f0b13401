package mock

import (
	"context"

	"jingzi"
)

var _ jingzi.CorpusService = (*CorpusService)(nil)

// CorpusService is a mock of jingzi.CorpusService 查重语料库.
type CorpusService struct {
	AddCorpusDocFn    func(ctx context.Context, d *jingzi.CorpusDoc) error
	FindCorpusDocsFn  func(ctx context.Context, filter jingzi.CorpusFilter) ([]*jingzi.CorpusDoc, int, error)
	DeleteCorpusDocFn func(ctx context.Context, id int64) error
}

func (s *CorpusService) AddCorpusDoc(ctx context.Context, d *jingzi.CorpusDoc) error {
	return s.AddCorpusDocFn(ctx, d)
}

func (s *CorpusService) FindCorpusDocs(ctx context.Context, filter jingzi.CorpusFilter) ([]*jingzi.CorpusDoc, int, error) {
	return s.FindCorpusDocsFn(ctx, filter)
}

func (s *CorpusService) DeleteCorpusDoc(ctx context.Context, id int64) error {
	return s.DeleteCorpusDocFn(ctx, id)
}
