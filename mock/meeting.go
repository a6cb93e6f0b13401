package mock

import (
	"context"

	"jingzi"
)

var _ jingzi.MeetingService = (*MeetingService)(nil)

// MeetingService is a mock of jingzi.MeetingService 会议.
type MeetingService struct {
	FindMeetingByIDFn func(ctx context.Context, id int64) (*jingzi.Meeting, error)
	FindMeetingsFn    func(ctx context.Context, filter jingzi.MeetingFilter) ([]*jingzi.Meeting, int, error)
	CreateMeetingFn   func(ctx context.Context, m *jingzi.Meeting) error
}

func (s *MeetingService) FindMeetingByID(ctx context.Context, id int64) (*jingzi.Meeting, error) {
	return s.FindMeetingByIDFn(ctx, id)
}

func (s *MeetingService) FindMeetings(ctx context.Context, filter jingzi.MeetingFilter) ([]*jingzi.Meeting, int, error) {
	return s.FindMeetingsFn(ctx, filter)
}

func (s *MeetingService) CreateMeeting(ctx context.Context, m *jingzi.Meeting) error {
	return s.CreateMeetingFn(ctx, m)
}
