// Package mock holds function-field mocks of the jingzi service interfaces, for
// tests at the web boundary. A test sets only the functions it expects to be called;
// calling one left nil panics, which the test then reports as a failure.
package mock

import (
	"context"

	"jingzi"
)

var _ jingzi.OrgService = (*OrgService)(nil)

// OrgService is a mock of jingzi.OrgService 党组织管理.
type OrgService struct {
	FindOrgByIDFn func(ctx context.Context, id int64) (*jingzi.Org, error)
	FindOrgsFn    func(ctx context.Context, filter jingzi.OrgFilter) ([]*jingzi.Org, int, error)
	CreateOrgFn   func(ctx context.Context, org *jingzi.Org) error
	UpdateOrgFn   func(ctx context.Context, id int64, upd jingzi.OrgUpdate) (*jingzi.Org, error)
}

func (s *OrgService) FindOrgByID(ctx context.Context, id int64) (*jingzi.Org, error) {
	return s.FindOrgByIDFn(ctx, id)
}

func (s *OrgService) FindOrgs(ctx context.Context, filter jingzi.OrgFilter) ([]*jingzi.Org, int, error) {
	return s.FindOrgsFn(ctx, filter)
}

func (s *OrgService) CreateOrg(ctx context.Context, org *jingzi.Org) error {
	return s.CreateOrgFn(ctx, org)
}

func (s *OrgService) UpdateOrg(ctx context.Context, id int64, upd jingzi.OrgUpdate) (*jingzi.Org, error) {
	return s.UpdateOrgFn(ctx, id, upd)
}
