package web

import (
	"net/http"
	"strings"
	"time"

	"jingzi"
)

// securityPage 安全策略 edits the policy and unlocks logins.
type securityPage struct {
	Policy jingzi.SecurityPolicy
	Error  string
}

// requireSecadmin hides the page from other roles; the service enforces it too.
func requireSecadmin(r *http.Request) error {
	if !jingzi.CanManageSecurity(r.Context()) {
		return jingzi.Errorf(jingzi.EFORBIDDEN, "只有安全保密管理员可以设置安全策略。")
	}
	return nil
}

func (s *Server) securityPage(w http.ResponseWriter, r *http.Request) {
	if err := requireSecadmin(r); err != nil {
		s.error(w, r, err)
		return
	}
	s.renderSecurity(w, r, http.StatusOK, "")
}

func (s *Server) renderSecurity(w http.ResponseWriter, r *http.Request, status int, msg string) {
	p, err := s.AuthService.FindSecurityPolicy(r.Context())
	if err != nil {
		s.error(w, r, err)
		return
	}
	s.render(w, r, status, "security", "安全策略", securityPage{Policy: p, Error: msg})
}

// parsePolicyForm reads the policy; durations are entered in minutes.
func parsePolicyForm(r *http.Request) (jingzi.SecurityPolicy, error) {
	var p jingzi.SecurityPolicy
	if err := parseForm(r); err != nil {
		return p, err
	}
	fields := []struct {
		key, what string
		dst       *int
	}{
		{"max_failed_logins", "失败锁定次数", &p.MaxFailedLogins},
		{"min_password_len", "密码最小长度", &p.MinPasswordLen},
		{"min_password_classes", "密码字符类别", &p.MinPasswordClasses},
	}
	for _, f := range fields {
		n, err := formInt(r, f.key, f.what)
		if err != nil {
			return p, err
		}
		*f.dst = n
	}
	lock, err := formInt(r, "lockout_minutes", "锁定时长")
	if err != nil {
		return p, err
	}
	idle, err := formInt(r, "idle_minutes", "空闲超时")
	if err != nil {
		return p, err
	}
	p.LockoutDuration, p.IdleTimeout = time.Duration(lock)*time.Minute, time.Duration(idle)*time.Minute
	return p, nil
}

func (s *Server) updateSecurity(w http.ResponseWriter, r *http.Request) {
	if err := requireSecadmin(r); err != nil {
		s.error(w, r, err)
		return
	}
	p, err := parsePolicyForm(r)
	if err == nil {
		err = p.Validate()
	}
	if err == nil {
		err = s.AuthService.UpdateSecurityPolicy(r.Context(), p)
	}
	if err != nil {
		s.formError(w, r, err, func(msg string) {
			s.render(w, r, statusOf(err), "security", "安全策略", securityPage{Policy: p, Error: msg})
		})
		return
	}
	s.redirectWithFlash(w, r, "/security", "安全策略已保存。")
}

// unlock 解锁账号 clears a login's lockout.
func (s *Server) unlock(w http.ResponseWriter, r *http.Request) {
	if err := parseForm(r); err != nil {
		s.error(w, r, err)
		return
	}
	login := strings.TrimSpace(r.PostFormValue("login"))
	var err error = jingzi.Errorf(jingzi.EINVALID, "请填写要解锁的登录名。")
	if login != "" {
		err = s.AuthService.Unlock(r.Context(), login)
	}
	if code := jingzi.ErrorCode(err); code == jingzi.EINVALID || code == jingzi.ENOTFOUND {
		// "Not locked" is an answer to show on the form, not a missing page.
		s.renderSecurity(w, r, http.StatusBadRequest, jingzi.ErrorMessage(err))
		return
	} else if err != nil {
		s.error(w, r, err)
		return
	}
	s.redirectWithFlash(w, r, "/security", "已解除登录名“"+jingzi.NormalizeLogin(login)+"”的锁定。")
}
