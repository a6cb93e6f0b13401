package mock

import (
	"context"

	"jingzi"
)

var _ jingzi.UserService = (*UserService)(nil)

// UserService is a mock of jingzi.UserService 账号管理.
type UserService struct {
	FindUserByIDFn    func(ctx context.Context, id int64) (*jingzi.User, error)
	FindUserByLoginFn func(ctx context.Context, login string) (*jingzi.User, error)
	FindUsersFn       func(ctx context.Context, filter jingzi.UserFilter) ([]*jingzi.User, int, error)
	CreateUserFn      func(ctx context.Context, user *jingzi.User, password string) error
	UpdateUserFn      func(ctx context.Context, id int64, upd jingzi.UserUpdate) (*jingzi.User, error)
	ResetPasswordFn   func(ctx context.Context, id int64, password string) error
	ChangePasswordFn  func(ctx context.Context, oldPassword, newPassword string) error
	ChangeEmailFn     func(ctx context.Context, email string) error
}

func (s *UserService) FindUserByID(ctx context.Context, id int64) (*jingzi.User, error) {
	return s.FindUserByIDFn(ctx, id)
}

func (s *UserService) FindUserByLogin(ctx context.Context, login string) (*jingzi.User, error) {
	return s.FindUserByLoginFn(ctx, login)
}

func (s *UserService) FindUsers(ctx context.Context, filter jingzi.UserFilter) ([]*jingzi.User, int, error) {
	return s.FindUsersFn(ctx, filter)
}

func (s *UserService) CreateUser(ctx context.Context, user *jingzi.User, password string) error {
	return s.CreateUserFn(ctx, user, password)
}

func (s *UserService) UpdateUser(ctx context.Context, id int64, upd jingzi.UserUpdate) (*jingzi.User, error) {
	return s.UpdateUserFn(ctx, id, upd)
}

func (s *UserService) ResetPassword(ctx context.Context, id int64, password string) error {
	return s.ResetPasswordFn(ctx, id, password)
}

func (s *UserService) ChangePassword(ctx context.Context, oldPassword, newPassword string) error {
	return s.ChangePasswordFn(ctx, oldPassword, newPassword)
}

func (s *UserService) ChangeEmail(ctx context.Context, email string) error {
	return s.ChangeEmailFn(ctx, email)
}
