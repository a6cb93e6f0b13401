package web

import (
	"net/http"
	"strings"

	"jingzi"
)

// passwordPage 修改密码 shows the form and the rules of the security policy,
// and below it the person's own 电子邮箱 for reminder mail.
type passwordPage struct {
	Policy     jingzi.SecurityPolicy
	Must       bool
	Error      string
	Email      string // as stored, or as typed when it was refused
	EmailError string
}

func (s *Server) passwordPage(w http.ResponseWriter, r *http.Request) {
	s.renderPassword(w, r, http.StatusOK, "")
}

func (s *Server) renderPassword(w http.ResponseWriter, r *http.Request, status int, msg string) {
	me := jingzi.UserFromContext(r.Context())
	p := passwordPage{Policy: s.policy(r), Must: me.MustChangePassword, Error: msg, Email: me.Email}
	s.render(w, r, status, "password", "修改密码", p)
}

// changeEmail 电子邮箱 saves or clears the caller's own address; a refused
// address comes back in the form with the reason.
func (s *Server) changeEmail(w http.ResponseWriter, r *http.Request) {
	if err := parseForm(r); err != nil {
		s.error(w, r, err)
		return
	}
	email := strings.TrimSpace(r.PostFormValue("email"))
	err := s.UserService.ChangeEmail(r.Context(), email)
	switch jingzi.ErrorCode(err) {
	case "":
		msg := "已保存电子邮箱。"
		if email == "" {
			msg = "已清除电子邮箱，今后只在站内通知中提醒您。"
		}
		s.redirectWithFlash(w, r, "/password", msg)
	case jingzi.EINVALID:
		p := passwordPage{Policy: s.policy(r), Email: email, EmailError: jingzi.ErrorMessage(err)}
		s.render(w, r, http.StatusBadRequest, "password", "修改密码", p)
	default:
		s.error(w, r, err)
	}
}

// policy returns the security policy for showing its rules. Reading it may be
// reserved to the security administrator; everyone else sees the defaults, which
// the administrator may only tighten.
func (s *Server) policy(r *http.Request) jingzi.SecurityPolicy {
	p, err := s.AuthService.FindSecurityPolicy(r.Context())
	if err != nil {
		if jingzi.ErrorCode(err) != jingzi.EFORBIDDEN {
			s.Logger.Warn("load security policy", "err", err)
		}
		return jingzi.DefaultSecurityPolicy()
	}
	return p
}

// passwordForm 修改密码表单.
type passwordForm struct {
	Old, New, Repeat string
}

func (s *Server) changePassword(w http.ResponseWriter, r *http.Request) {
	if err := parseForm(r); err != nil {
		s.error(w, r, err)
		return
	}
	f := passwordForm{Old: r.PostFormValue("old"), New: r.PostFormValue("new"), Repeat: r.PostFormValue("repeat")}
	switch {
	case f.Old == "" || f.New == "":
		s.renderPassword(w, r, http.StatusBadRequest, "请填写原密码和新密码。")
		return
	case f.New != f.Repeat:
		s.renderPassword(w, r, http.StatusBadRequest, "两次输入的新密码不一致。")
		return
	case f.New == f.Old:
		s.renderPassword(w, r, http.StatusBadRequest, "新密码不能与原密码相同。")
		return
	}
	err := s.UserService.ChangePassword(r.Context(), f.Old, f.New)
	switch jingzi.ErrorCode(err) {
	case "":
		s.redirectWithFlash(w, r, "/", "密码已修改。")
	case jingzi.EINVALID, jingzi.EUNAUTHORIZED:
		s.renderPassword(w, r, http.StatusBadRequest, jingzi.ErrorMessage(err))
	default:
		s.error(w, r, err)
	}
}
