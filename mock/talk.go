package mock

import (
	"context"

	"jingzi"
)

var _ jingzi.TalkService = (*TalkService)(nil)

// TalkService is a mock of jingzi.TalkService 谈心谈话.
type TalkService struct {
	FindTalkByIDFn            func(ctx context.Context, id int64) (*jingzi.Talk, error)
	FindTalksFn               func(ctx context.Context, filter jingzi.TalkFilter) ([]*jingzi.Talk, int, error)
	RecordTalkFn              func(ctx context.Context, t *jingzi.Talk) error
	UpdateTalkFn              func(ctx context.Context, t *jingzi.Talk) error
	DeleteTalkFn              func(ctx context.Context, id int64) error
	TalkMatrixFn              func(ctx context.Context, meetingID int64) (*jingzi.TalkMatrix, error)
	CountTalksFn              func(ctx context.Context, meetingID int64) (int, error)
	CountTalksByParticipantFn func(ctx context.Context, meetingID int64) (map[int64]int, error)
	FindTalkOpinionsFn        func(ctx context.Context, meetingID int64) ([]*jingzi.TalkOpinion, error)
}

func (s *TalkService) FindTalkByID(ctx context.Context, id int64) (*jingzi.Talk, error) {
	return s.FindTalkByIDFn(ctx, id)
}

func (s *TalkService) FindTalks(ctx context.Context, filter jingzi.TalkFilter) ([]*jingzi.Talk, int, error) {
	return s.FindTalksFn(ctx, filter)
}

func (s *TalkService) RecordTalk(ctx context.Context, t *jingzi.Talk) error {
	return s.RecordTalkFn(ctx, t)
}

func (s *TalkService) UpdateTalk(ctx context.Context, t *jingzi.Talk) error {
	return s.UpdateTalkFn(ctx, t)
}

func (s *TalkService) DeleteTalk(ctx context.Context, id int64) error {
	return s.DeleteTalkFn(ctx, id)
}

func (s *TalkService) TalkMatrix(ctx context.Context, meetingID int64) (*jingzi.TalkMatrix, error) {
	return s.TalkMatrixFn(ctx, meetingID)
}

func (s *TalkService) CountTalks(ctx context.Context, meetingID int64) (int, error) {
	return s.CountTalksFn(ctx, meetingID)
}

func (s *TalkService) CountTalksByParticipant(ctx context.Context, meetingID int64) (map[int64]int, error) {
	return s.CountTalksByParticipantFn(ctx, meetingID)
}

func (s *TalkService) FindTalkOpinions(ctx context.Context, meetingID int64) ([]*jingzi.TalkOpinion, error) {
	return s.FindTalkOpinionsFn(ctx, meetingID)
}
