package mock

import (
	"context"

	"jingzi"
)

var _ jingzi.FrameworkService = (*FrameworkService)(nil)

// FrameworkService is a mock of jingzi.FrameworkService 检视框架管理.
type FrameworkService struct {
	FindFrameworkByIDFn func(ctx context.Context, id int64) (*jingzi.Framework, error)
	FindFrameworksFn    func(ctx context.Context) ([]*jingzi.Framework, error)
	CreateFrameworkFn   func(ctx context.Context, f *jingzi.Framework) error
	UpdateFrameworkFn   func(ctx context.Context, id int64, f *jingzi.Framework) error
}

func (s *FrameworkService) FindFrameworkByID(ctx context.Context, id int64) (*jingzi.Framework, error) {
	return s.FindFrameworkByIDFn(ctx, id)
}

func (s *FrameworkService) FindFrameworks(ctx context.Context) ([]*jingzi.Framework, error) {
	return s.FindFrameworksFn(ctx)
}

func (s *FrameworkService) CreateFramework(ctx context.Context, f *jingzi.Framework) error {
	return s.CreateFrameworkFn(ctx, f)
}

func (s *FrameworkService) UpdateFramework(ctx context.Context, id int64, f *jingzi.Framework) error {
	return s.UpdateFrameworkFn(ctx, id, f)
}
