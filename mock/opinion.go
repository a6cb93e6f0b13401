package mock

import (
	"context"

	"jingzi"
)

var _ jingzi.OpinionService = (*OpinionService)(nil)

// OpinionService is a mock of jingzi.OpinionService 意见建议.
type OpinionService struct {
	FindOpinionByIDFn func(ctx context.Context, id string) (*jingzi.Opinion, error)
	FindOpinionsFn    func(ctx context.Context, filter jingzi.OpinionFilter) ([]*jingzi.Opinion, int, error)
	CreateOpinionFn   func(ctx context.Context, o *jingzi.Opinion) error
	UpdateOpinionFn   func(ctx context.Context, id string, upd jingzi.OpinionUpdate) (*jingzi.Opinion, error)
	MergeOpinionsFn   func(ctx context.Context, into string, ids []string) error
}

func (s *OpinionService) FindOpinionByID(ctx context.Context, id string) (*jingzi.Opinion, error) {
	return s.FindOpinionByIDFn(ctx, id)
}

func (s *OpinionService) FindOpinions(ctx context.Context, filter jingzi.OpinionFilter) ([]*jingzi.Opinion, int, error) {
	return s.FindOpinionsFn(ctx, filter)
}

func (s *OpinionService) CreateOpinion(ctx context.Context, o *jingzi.Opinion) error {
	return s.CreateOpinionFn(ctx, o)
}

func (s *OpinionService) UpdateOpinion(ctx context.Context, id string, upd jingzi.OpinionUpdate) (*jingzi.Opinion, error) {
	return s.UpdateOpinionFn(ctx, id, upd)
}

func (s *OpinionService) MergeOpinions(ctx context.Context, into string, ids []string) error {
	return s.MergeOpinionsFn(ctx, into, ids)
}
