package mock

import (
	"context"

	"jingzi"
)

var _ jingzi.AuthService = (*AuthService)(nil)

// AuthService is a mock of jingzi.AuthService 登录与会话.
type AuthService struct {
	AuthenticateFn         func(ctx context.Context, login, password string) (*jingzi.User, error)
	CreateSessionFn        func(ctx context.Context, userID, orgID int64) (*jingzi.Session, error)
	FindSessionFn          func(ctx context.Context, token string) (*jingzi.Session, error)
	SetSessionOrgFn        func(ctx context.Context, token string, orgID int64) error
	DeleteSessionFn        func(ctx context.Context, token string) error
	FindSecurityPolicyFn   func(ctx context.Context) (jingzi.SecurityPolicy, error)
	UpdateSecurityPolicyFn func(ctx context.Context, p jingzi.SecurityPolicy) error
	UnlockFn               func(ctx context.Context, login string) error
}

func (s *AuthService) Authenticate(ctx context.Context, login, password string) (*jingzi.User, error) {
	return s.AuthenticateFn(ctx, login, password)
}

func (s *AuthService) CreateSession(ctx context.Context, userID, orgID int64) (*jingzi.Session, error) {
	return s.CreateSessionFn(ctx, userID, orgID)
}

func (s *AuthService) FindSession(ctx context.Context, token string) (*jingzi.Session, error) {
	return s.FindSessionFn(ctx, token)
}

func (s *AuthService) SetSessionOrg(ctx context.Context, token string, orgID int64) error {
	return s.SetSessionOrgFn(ctx, token, orgID)
}

func (s *AuthService) DeleteSession(ctx context.Context, token string) error {
	return s.DeleteSessionFn(ctx, token)
}

func (s *AuthService) FindSecurityPolicy(ctx context.Context) (jingzi.SecurityPolicy, error) {
	return s.FindSecurityPolicyFn(ctx)
}

func (s *AuthService) UpdateSecurityPolicy(ctx context.Context, p jingzi.SecurityPolicy) error {
	return s.UpdateSecurityPolicyFn(ctx, p)
}

func (s *AuthService) Unlock(ctx context.Context, login string) error {
	return s.UnlockFn(ctx, login)
}
