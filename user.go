package jingzi

import (
	"context"
	"net/mail"
	"strings"
	"time"
	"unicode"
	"unicode/utf8"

	"golang.org/x/text/unicode/norm"
)

// User 账号 is a person who logs in. Anonymous opinion givers have no account.
type User struct {
	ID       int64
	Login    string // normalised: see NormalizeLogin
	Name     string
	Title    string // 职务
	OrgID    int64  // the org the person belongs to
	OrgName  string
	Email    string // optional; reminders are mailed to it when the server sends mail
	Grants   []Grant
	Disabled bool
	// MustChangePassword is set for a first-start admin and after a reset by an admin.
	MustChangePassword bool
	CreatedAt          time.Time
	UpdatedAt          time.Time
}

// Holds reports whether the user holds the role at any org.
func (u *User) Holds(role Role) bool {
	for _, g := range u.Grants {
		if g.Role == role {
			return true
		}
	}
	return false
}

// RoleLabels returns the Chinese role names with their orgs, for listings.
func (u *User) RoleLabels() []string {
	var out []string
	for _, g := range u.Grants {
		out = append(out, g.Role.Label()+"（"+g.OrgName+"）")
	}
	return out
}

// NormalizeLogin folds width, case and surrounding or inner white space, so that
// "Admin", "ａｄｍｉｎ" and " admin " name one account and share one lockout counter.
func NormalizeLogin(s string) string {
	s = norm.NFKC.String(s)
	s = strings.Map(func(r rune) rune {
		if unicode.IsSpace(r) || unicode.Is(unicode.Cf, r) {
			return -1
		}
		return unicode.ToLower(r)
	}, s)
	return s
}

// ValidateLogin checks an already normalised login.
func ValidateLogin(login string) error {
	if n := utf8.RuneCountInString(login); n < 2 || n > 32 {
		return Errorf(EINVALID, "登录名应为2至32个字符。")
	}
	for _, r := range login {
		if !(r >= 'a' && r <= 'z' || r >= '0' && r <= '9' || r == '.' || r == '_' || r == '-') {
			return Errorf(EINVALID, "登录名只能包含英文字母、数字、点、下划线和连字符。")
		}
	}
	return nil
}

// Validate returns an EINVALID error when the user cannot be stored.
func (u *User) Validate() error {
	u.Login = NormalizeLogin(u.Login)
	u.Name = strings.TrimSpace(u.Name)
	u.Title = strings.TrimSpace(u.Title)
	u.Email = strings.TrimSpace(u.Email)
	if err := ValidateLogin(u.Login); err != nil {
		return err
	} else if err := ValidateEmail(u.Email); err != nil {
		return err
	} else if u.Name == "" {
		return Errorf(EINVALID, "请填写姓名。")
	} else if utf8.RuneCountInString(u.Name) > 50 || utf8.RuneCountInString(u.Title) > 100 {
		return Errorf(EINVALID, "姓名不超过50个字，职务不超过100个字。")
	} else if u.OrgID == 0 {
		return Errorf(EINVALID, "请选择所在党组织。")
	}
	for _, g := range u.Grants {
		if !g.Role.Valid() || g.OrgID == 0 {
			return Errorf(EINVALID, "角色设置不完整。")
		}
	}
	return nil
}

// ValidateEmail checks an optional, already trimmed email address: empty, or a
// plain addr-spec (name@example.gov.cn) of at most 254 characters — no display
// name, no angle brackets, nothing that could break a mail header.
func ValidateEmail(email string) error {
	if email == "" {
		return nil
	}
	const msg = "电子邮箱地址格式不正确，请填写如 name@example.gov.cn 的地址，或留空。"
	if len(email) > 254 {
		return Errorf(EINVALID, "电子邮箱地址不能超过254个字符。")
	} else if strings.ContainsAny(email, "<>\"\r\n\t ,;") {
		return Errorf(EINVALID, msg)
	}
	a, err := mail.ParseAddress(email)
	if err != nil || a.Name != "" || a.Address != email || !strings.Contains(email[strings.LastIndex(email, "@")+1:], ".") {
		return Errorf(EINVALID, msg)
	}
	return nil
}

// ValidatePassword applies the password rules of the security policy: a minimum
// length and a minimum number of character classes (upper, lower, digit, other).
func ValidatePassword(p SecurityPolicy, password string) error {
	if utf8.RuneCountInString(password) < p.MinPasswordLen {
		return Errorf(EINVALID, "密码长度不能少于%d位。", p.MinPasswordLen)
	} else if utf8.RuneCountInString(password) > 128 {
		return Errorf(EINVALID, "密码长度不能超过128位。")
	}
	var upper, lower, digit, other int
	for _, r := range password {
		switch {
		case unicode.IsUpper(r):
			upper = 1
		case unicode.IsLower(r):
			lower = 1
		case unicode.IsDigit(r):
			digit = 1
		default:
			other = 1
		}
	}
	if upper+lower+digit+other < p.MinPasswordClasses {
		return Errorf(EINVALID, "密码须包含大写字母、小写字母、数字、符号中的至少%d类。", p.MinPasswordClasses)
	}
	return nil
}

// UserService 账号管理.
type UserService interface {
	// FindUserByID returns ENOTFOUND when the user does not exist or is outside the caller's reach.
	FindUserByID(ctx context.Context, id int64) (*User, error)
	// FindUserByLogin is for the command line and login; it applies NormalizeLogin.
	FindUserByLogin(ctx context.Context, login string) (*User, error)
	FindUsers(ctx context.Context, filter UserFilter) ([]*User, int, error)
	// CreateUser returns EINVALID, EFORBIDDEN or ECONFLICT (login taken).
	CreateUser(ctx context.Context, user *User, password string) error
	UpdateUser(ctx context.Context, id int64, upd UserUpdate) (*User, error)
	// ResetPassword sets a password chosen by an admin; the user must change it at next login.
	ResetPassword(ctx context.Context, id int64, password string) error
	// ChangePassword is the caller changing their own password.
	ChangePassword(ctx context.Context, oldPassword, newPassword string) error
	// ChangeEmail is the caller setting their own email address; "" clears it.
	// It returns EINVALID or EUNAUTHORIZED.
	ChangeEmail(ctx context.Context, email string) error
}

// UserFilter selects users. Nil fields do not filter.
type UserFilter struct {
	Within        *int64 // users whose org is in this subtree
	OrgID         *int64
	Offset, Limit int
}

// UserUpdate holds the fields to change. Nil fields stay as they are.
type UserUpdate struct {
	Name     *string
	Title    *string
	Email    *string
	OrgID    *int64
	Grants   *[]Grant
	Disabled *bool
}
