package web

import (
	"errors"
	"net/http"

	"jingzi"
)

// errorStatuses maps the domain's error codes to HTTP statuses. This table is the
// only place where that mapping happens.
var errorStatuses = map[string]int{
	jingzi.EINVALID:      http.StatusBadRequest,
	jingzi.EUNAUTHORIZED: http.StatusUnauthorized,
	jingzi.EFORBIDDEN:    http.StatusForbidden,
	jingzi.ENOTFOUND:     http.StatusNotFound,
	jingzi.ECONFLICT:     http.StatusConflict,
	jingzi.ELOCKED:       http.StatusLocked,
	jingzi.EINTERNAL:     http.StatusInternalServerError,
}

// statusHeadings are the headings of the error pages.
var statusHeadings = map[int]string{
	http.StatusBadRequest:            "提交的内容有误",
	http.StatusUnauthorized:          "请先登录",
	http.StatusForbidden:             "没有权限",
	http.StatusNotFound:              "页面不存在",
	http.StatusMethodNotAllowed:      "请求方式不正确",
	http.StatusConflict:              "操作与现有数据冲突",
	http.StatusRequestEntityTooLarge: "提交的内容过大",
	http.StatusLocked:                "账号已锁定",
	http.StatusInternalServerError:   "系统内部错误",
}

// statusMessages are the default explanations when no domain message applies.
var statusMessages = map[int]string{
	http.StatusBadRequest:            "提交的内容不完整或格式不正确，请返回检查后重新提交。",
	http.StatusUnauthorized:          "登录已失效，请重新登录。",
	http.StatusForbidden:             "您的账号没有访问该页面或执行该操作的权限。如确需办理，请联系系统管理员。",
	http.StatusNotFound:              "您访问的页面不存在，或您无权查看其中的内容。请核对网址，或从导航栏进入。",
	http.StatusMethodNotAllowed:      "该地址不接受这种请求方式，请从系统页面进行操作。",
	http.StatusConflict:              "操作与现有数据冲突，请刷新页面后重试。",
	http.StatusRequestEntityTooLarge: "提交的内容超过了系统允许的大小，请精简后重新提交。",
	http.StatusLocked:                "账号因多次登录失败已被锁定，请稍后再试或联系安全保密管理员解锁。",
	http.StatusInternalServerError:   "系统内部错误，请稍后重试或联系系统管理员。",
}

// statusOf returns the HTTP status for an error from a service.
func statusOf(err error) int {
	var tooLarge *http.MaxBytesError
	if errors.As(err, &tooLarge) {
		return http.StatusRequestEntityTooLarge
	}
	if st, ok := errorStatuses[jingzi.ErrorCode(err)]; ok {
		return st
	}
	return http.StatusInternalServerError
}

// errorPage is what the error template shows.
type errorPage struct {
	Status  int
	Heading string
	Message string
}

// error renders the page for err. Internal errors are logged with their cause;
// the page shows only the generic Chinese message.
func (s *Server) error(w http.ResponseWriter, r *http.Request, err error) {
	status := statusOf(err)
	msg := ""
	if status == http.StatusInternalServerError {
		s.Logger.Error("request failed", "method", r.Method, "path", r.URL.Path, "err", err)
	} else if status != http.StatusRequestEntityTooLarge {
		msg = jingzi.ErrorMessage(err)
	}
	if status == http.StatusForbidden && jingzi.UserFromContext(r.Context()) != nil {
		// A refused request is a security event worth an audit entry (等保 requires it).
		s.audit(r, &jingzi.AuditEntry{Action: "access.denied", ObjectType: "page", Outcome: jingzi.OutcomeDenied,
			Detail: r.Method + " " + r.URL.Path + "：" + msg})
	}
	s.renderStatus(w, r, status, msg)
}

// renderStatus renders the Chinese error page for status; an empty msg takes the
// default explanation.
func (s *Server) renderStatus(w http.ResponseWriter, r *http.Request, status int, msg string) {
	if msg == "" {
		msg = statusMessages[status]
	}
	heading := statusHeadings[status]
	if heading == "" {
		heading = http.StatusText(status)
	}
	s.render(w, r, status, "error", heading, errorPage{Status: status, Heading: heading, Message: msg})
}

func (s *Server) notFound(w http.ResponseWriter, r *http.Request) {
	s.renderStatus(w, r, http.StatusNotFound, "")
}
