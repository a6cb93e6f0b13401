package mock

import (
	"context"

	"jingzi"
)

var _ jingzi.SolicitationService = (*SolicitationService)(nil)

// SolicitationService is a mock of jingzi.SolicitationService 征求意见.
type SolicitationService struct {
	FindSolicitationByIDFn func(ctx context.Context, id int64) (*jingzi.Solicitation, error)
	FindSolicitationsFn    func(ctx context.Context, filter jingzi.SolicitationFilter) ([]*jingzi.Solicitation, int, error)
	CreateSolicitationFn   func(ctx context.Context, s *jingzi.Solicitation) error
	UpdateSolicitationFn   func(ctx context.Context, id int64, upd jingzi.SolicitationUpdate) (*jingzi.Solicitation, error)
	GenerateCodesFn        func(ctx context.Context, id int64, n int, unit string) ([]string, error)
	CreateUnitFormFn       func(ctx context.Context, id int64, unit string) (*jingzi.UnitForm, error)
	FindUnitFormsFn        func(ctx context.Context, id int64) ([]*jingzi.UnitForm, error)
	OpenBallotByCodeFn     func(ctx context.Context, code string) (*jingzi.Ballot, error)
	OpenBallotByUnitFn     func(ctx context.Context, token string) (*jingzi.Ballot, error)
	SubmitByCodeFn         func(ctx context.Context, code string, opinions []*jingzi.Opinion) error
	SubmitByUnitFn         func(ctx context.Context, token string, opinions []*jingzi.Opinion) error
	CountOpinionsFn        func(ctx context.Context, meetingID int64) (int, int, error)
}

func (s *SolicitationService) FindSolicitationByID(ctx context.Context, id int64) (*jingzi.Solicitation, error) {
	return s.FindSolicitationByIDFn(ctx, id)
}

func (s *SolicitationService) FindSolicitations(ctx context.Context, filter jingzi.SolicitationFilter) ([]*jingzi.Solicitation, int, error) {
	return s.FindSolicitationsFn(ctx, filter)
}

func (s *SolicitationService) CreateSolicitation(ctx context.Context, sol *jingzi.Solicitation) error {
	return s.CreateSolicitationFn(ctx, sol)
}

func (s *SolicitationService) UpdateSolicitation(ctx context.Context, id int64, upd jingzi.SolicitationUpdate) (*jingzi.Solicitation, error) {
	return s.UpdateSolicitationFn(ctx, id, upd)
}

func (s *SolicitationService) GenerateCodes(ctx context.Context, id int64, n int, unit string) ([]string, error) {
	return s.GenerateCodesFn(ctx, id, n, unit)
}

func (s *SolicitationService) CreateUnitForm(ctx context.Context, id int64, unit string) (*jingzi.UnitForm, error) {
	return s.CreateUnitFormFn(ctx, id, unit)
}

func (s *SolicitationService) FindUnitForms(ctx context.Context, id int64) ([]*jingzi.UnitForm, error) {
	return s.FindUnitFormsFn(ctx, id)
}

func (s *SolicitationService) OpenBallotByCode(ctx context.Context, code string) (*jingzi.Ballot, error) {
	return s.OpenBallotByCodeFn(ctx, code)
}

func (s *SolicitationService) OpenBallotByUnit(ctx context.Context, token string) (*jingzi.Ballot, error) {
	return s.OpenBallotByUnitFn(ctx, token)
}

func (s *SolicitationService) SubmitByCode(ctx context.Context, code string, opinions []*jingzi.Opinion) error {
	return s.SubmitByCodeFn(ctx, code, opinions)
}

func (s *SolicitationService) SubmitByUnit(ctx context.Context, token string, opinions []*jingzi.Opinion) error {
	return s.SubmitByUnitFn(ctx, token, opinions)
}

func (s *SolicitationService) CountOpinions(ctx context.Context, meetingID int64) (int, int, error) {
	return s.CountOpinionsFn(ctx, meetingID)
}
