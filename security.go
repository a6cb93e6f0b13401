package jingzi

import (
	"context"
	"time"
)

// SecurityPolicy 安全策略: the 等保三级 profile by default, editable by the security
// administrator.
type SecurityPolicy struct {
	MaxFailedLogins    int           // failures before the account is locked
	LockoutDuration    time.Duration // how long a lock lasts
	IdleTimeout        time.Duration // a session ends after this long without a request
	MinPasswordLen     int
	MinPasswordClasses int
}

// DefaultSecurityPolicy is the policy a new installation starts with.
func DefaultSecurityPolicy() SecurityPolicy {
	return SecurityPolicy{
		MaxFailedLogins:    5,
		LockoutDuration:    30 * time.Minute,
		IdleTimeout:        30 * time.Minute,
		MinPasswordLen:     8,
		MinPasswordClasses: 3,
	}
}

// Validate keeps the policy within limits no administrator may go below.
func (p SecurityPolicy) Validate() error {
	switch {
	case p.MaxFailedLogins < 3 || p.MaxFailedLogins > 10:
		return Errorf(EINVALID, "登录失败锁定次数应在3至10次之间。")
	case p.LockoutDuration < 10*time.Minute || p.LockoutDuration > 24*time.Hour:
		return Errorf(EINVALID, "锁定时长应在10分钟至24小时之间。")
	case p.IdleTimeout < 5*time.Minute || p.IdleTimeout > 8*time.Hour:
		return Errorf(EINVALID, "会话空闲超时应在5分钟至8小时之间。")
	case p.MinPasswordLen < 8 || p.MinPasswordLen > 64:
		return Errorf(EINVALID, "密码最小长度应在8至64位之间。")
	case p.MinPasswordClasses < 3 || p.MinPasswordClasses > 4:
		return Errorf(EINVALID, "密码字符类别应为3类或4类。")
	}
	return nil
}

// Session 会话 is a logged-in browser.
type Session struct {
	Token      string // only ever returned at creation; stored hashed
	UserID     int64
	OrgID      int64 // working org
	CreatedAt  time.Time
	LastSeenAt time.Time
	User       *User
}

// AuthService 登录与会话.
type AuthService interface {
	// Authenticate checks a login and password. It returns EUNAUTHORIZED for a wrong
	// login or password (the same message for both), ELOCKED while the login is
	// locked, and counts failures per normalised login.
	Authenticate(ctx context.Context, login, password string) (*User, error)
	// CreateSession starts a fresh session (a new random id at every login).
	CreateSession(ctx context.Context, userID, orgID int64) (*Session, error)
	// FindSession returns EUNAUTHORIZED for an unknown or idle-expired session and
	// refreshes its last-seen time.
	FindSession(ctx context.Context, token string) (*Session, error)
	SetSessionOrg(ctx context.Context, token string, orgID int64) error
	DeleteSession(ctx context.Context, token string) error
	// FindSecurityPolicy and UpdateSecurityPolicy (secadmin only) manage the policy.
	FindSecurityPolicy(ctx context.Context) (SecurityPolicy, error)
	UpdateSecurityPolicy(ctx context.Context, p SecurityPolicy) error
	// Unlock clears a login's lock (secadmin only).
	Unlock(ctx context.Context, login string) error
}
