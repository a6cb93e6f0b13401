// Package jingzi holds the domain of jingzi（镜子）: the yearly 民主生活会 cycle of a
// party leadership team, its organisations, accounts and permissions. It imports no
// other package of the project and no database or HTTP code.
package jingzi

import (
	"errors"
	"fmt"
)

// Error codes. The web layer maps them to HTTP statuses; nothing else should.
const (
	ECONFLICT     = "conflict"
	EINTERNAL     = "internal"
	EINVALID      = "invalid"
	ENOTFOUND     = "not_found"
	EFORBIDDEN    = "forbidden"
	EUNAUTHORIZED = "unauthorized"
	ELOCKED       = "locked"
)

// Error 错误 is the one error type of the domain. Message is what a user reads, in Chinese.
type Error struct {
	Code    string
	Message string
}

func (e *Error) Error() string {
	return fmt.Sprintf("jingzi error: code=%s message=%s", e.Code, e.Message)
}

// Errorf returns an *Error with the given code and a formatted Chinese message.
func Errorf(code string, format string, args ...any) *Error {
	return &Error{Code: code, Message: fmt.Sprintf(format, args...)}
}

// ErrorCode returns the code of the first *Error in err's chain, EINTERNAL for any
// other error and "" for nil.
func ErrorCode(err error) string {
	var e *Error
	if err == nil {
		return ""
	} else if errors.As(err, &e) {
		return e.Code
	}
	return EINTERNAL
}

// ErrorMessage returns the user-facing message of err; internal errors get a generic
// text so that no detail of the system leaks to a page.
func ErrorMessage(err error) string {
	var e *Error
	if err == nil {
		return ""
	} else if errors.As(err, &e) {
		return e.Message
	}
	return "系统内部错误，请稍后重试或联系系统管理员。"
}
