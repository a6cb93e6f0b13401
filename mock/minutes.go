package mock

import (
	"context"
	"time"

	"jingzi"
)

var _ jingzi.MinutesService = (*MinutesService)(nil)

// MinutesService is a mock of jingzi.MinutesService 会议记录.
type MinutesService struct {
	FindMinutesFn        func(ctx context.Context, meetingID int64) (*jingzi.Minutes, error)
	SaveMinutesFn        func(ctx context.Context, m *jingzi.Minutes) error
	RespondToCriticismFn func(ctx context.Context, criticismID int64, response string) error
	MarkReportSentFn     func(ctx context.Context, meetingID int64, on *time.Time) error
}

func (s *MinutesService) FindMinutes(ctx context.Context, meetingID int64) (*jingzi.Minutes, error) {
	return s.FindMinutesFn(ctx, meetingID)
}

func (s *MinutesService) SaveMinutes(ctx context.Context, m *jingzi.Minutes) error {
	return s.SaveMinutesFn(ctx, m)
}

func (s *MinutesService) RespondToCriticism(ctx context.Context, criticismID int64, response string) error {
	return s.RespondToCriticismFn(ctx, criticismID, response)
}

func (s *MinutesService) MarkReportSent(ctx context.Context, meetingID int64, on *time.Time) error {
	return s.MarkReportSentFn(ctx, meetingID, on)
}
