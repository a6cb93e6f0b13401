package mock

import (
	"context"

	"jingzi"
)

var _ jingzi.ReviewService = (*ReviewService)(nil)
var _ jingzi.NotificationService = (*NotificationService)(nil)

// ReviewService is a mock of jingzi.ReviewService 审阅审核.
type ReviewService struct {
	SubmitFn         func(ctx context.Context, id int64, version int) error
	ApproveFn        func(ctx context.Context, id int64, version int, reasons string) error
	ReturnFn         func(ctx context.Context, id int64, version int, reasons string) error
	FinalizeFn       func(ctx context.Context, id int64, version int) error
	ReopenFn         func(ctx context.Context, id int64, version int, reasons string) error
	FindReviewsFn    func(ctx context.Context, id int64) ([]*jingzi.Review, error)
	FindCommentsFn   func(ctx context.Context, id int64) ([]*jingzi.Comment, error)
	AddCommentFn     func(ctx context.Context, c *jingzi.Comment) error
	ResolveCommentFn func(ctx context.Context, id int64, resolved bool) error
}

func (s *ReviewService) Submit(ctx context.Context, id int64, version int) error {
	return s.SubmitFn(ctx, id, version)
}

func (s *ReviewService) Approve(ctx context.Context, id int64, version int, reasons string) error {
	return s.ApproveFn(ctx, id, version, reasons)
}

func (s *ReviewService) Return(ctx context.Context, id int64, version int, reasons string) error {
	return s.ReturnFn(ctx, id, version, reasons)
}

func (s *ReviewService) Finalize(ctx context.Context, id int64, version int) error {
	return s.FinalizeFn(ctx, id, version)
}

func (s *ReviewService) Reopen(ctx context.Context, id int64, version int, reasons string) error {
	return s.ReopenFn(ctx, id, version, reasons)
}

func (s *ReviewService) FindReviews(ctx context.Context, id int64) ([]*jingzi.Review, error) {
	return s.FindReviewsFn(ctx, id)
}

func (s *ReviewService) FindComments(ctx context.Context, id int64) ([]*jingzi.Comment, error) {
	return s.FindCommentsFn(ctx, id)
}

func (s *ReviewService) AddComment(ctx context.Context, c *jingzi.Comment) error {
	return s.AddCommentFn(ctx, c)
}

func (s *ReviewService) ResolveComment(ctx context.Context, id int64, resolved bool) error {
	return s.ResolveCommentFn(ctx, id, resolved)
}

// NotificationService is a mock of jingzi.NotificationService 站内通知.
type NotificationService struct {
	FindNotificationsFn func(ctx context.Context, offset, limit int) ([]*jingzi.Notification, int, error)
	CountUnreadFn       func(ctx context.Context) (int, error)
	MarkReadFn          func(ctx context.Context, id int64) error
}

func (s *NotificationService) FindNotifications(ctx context.Context, offset, limit int) ([]*jingzi.Notification, int, error) {
	return s.FindNotificationsFn(ctx, offset, limit)
}

func (s *NotificationService) CountUnread(ctx context.Context) (int, error) {
	return s.CountUnreadFn(ctx)
}

func (s *NotificationService) MarkRead(ctx context.Context, id int64) error {
	return s.MarkReadFn(ctx, id)
}
