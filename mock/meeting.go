package mock

import (
	"context"

	"jingzi"
)

var (
	_ jingzi.MeetingService = (*MeetingService)(nil)
	_ jingzi.ProgressSource = (*ProgressSource)(nil)
)

// MeetingService is a mock of jingzi.MeetingService 会议.
type MeetingService struct {
	FindMeetingByIDFn       func(ctx context.Context, id int64) (*jingzi.Meeting, error)
	FindMeetingsFn          func(ctx context.Context, filter jingzi.MeetingFilter) ([]*jingzi.Meeting, int, error)
	CreateMeetingFn         func(ctx context.Context, m *jingzi.Meeting) error
	UpdateMeetingFn         func(ctx context.Context, id int64, upd jingzi.MeetingUpdate) (*jingzi.Meeting, error)
	FindMeetingCandidatesFn func(ctx context.Context, orgID int64) (*jingzi.MeetingCandidates, error)
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

func (s *MeetingService) UpdateMeeting(ctx context.Context, id int64, upd jingzi.MeetingUpdate) (*jingzi.Meeting, error) {
	return s.UpdateMeetingFn(ctx, id, upd)
}

func (s *MeetingService) FindMeetingCandidates(ctx context.Context, orgID int64) (*jingzi.MeetingCandidates, error) {
	return s.FindMeetingCandidatesFn(ctx, orgID)
}

// ProgressSource is a mock of jingzi.ProgressSource 会议进度.
type ProgressSource struct {
	MeetingProgressFn func(ctx context.Context, meetingID int64) (jingzi.MeetingProgress, error)
}

func (s *ProgressSource) MeetingProgress(ctx context.Context, meetingID int64) (jingzi.MeetingProgress, error) {
	return s.MeetingProgressFn(ctx, meetingID)
}
