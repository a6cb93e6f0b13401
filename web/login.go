package web

import (
	"net/http"
	"strings"

	"jingzi"
)

// loginForm 登录表单.
type loginForm struct {
	Login    string
	Password string
	Next     string
}

// loginPage is what the login template shows; the password is never sent back.
type loginPage struct {
	Login string
	Next  string
	Error string
}

// wrongCredentials is one message for a wrong login and a wrong password alike, so
// that the page does not reveal which logins exist.
const wrongCredentials = "登录名或密码错误。"

func (s *Server) loginPage(w http.ResponseWriter, r *http.Request) {
	next := safeNext(r.URL.Query().Get("next"))
	if jingzi.UserFromContext(r.Context()) != nil {
		http.Redirect(w, r, next, http.StatusSeeOther)
		return
	}
	s.render(w, r, http.StatusOK, "login", "登录", loginPage{Next: next})
}

func (s *Server) login(w http.ResponseWriter, r *http.Request) {
	if err := parseForm(r); err != nil {
		s.error(w, r, err)
		return
	}
	f := loginForm{Login: r.PostFormValue("login"), Password: r.PostFormValue("password"), Next: safeNext(r.PostFormValue("next"))}
	ip := s.clientIP(r)
	user, err := s.AuthService.Authenticate(r.Context(), f.Login, f.Password)
	if err != nil {
		s.loginFailed(w, r, f, ip, err)
		return
	}
	// A new session id at every login: an id planted before login is worthless.
	if c, err := r.Cookie(sessionCookie); err == nil && c.Value != "" {
		if err := s.AuthService.DeleteSession(r.Context(), c.Value); err != nil && jingzi.ErrorCode(err) != jingzi.EUNAUTHORIZED {
			s.Logger.Warn("delete old session at login", "err", err)
		}
	}
	sess, err := s.AuthService.CreateSession(r.Context(), user.ID, defaultOrg(user))
	if err != nil {
		s.error(w, r, err)
		return
	}
	s.setSessionCookie(w, sess.Token)
	ctx := jingzi.NewContextWithActor(r.Context(), &jingzi.Actor{User: user, OrgID: sess.OrgID, IP: ip})
	s.audit(r.WithContext(ctx), &jingzi.AuditEntry{Action: "user.login", ObjectType: "user", ObjectID: user.ID,
		OrgID: user.OrgID, Outcome: jingzi.OutcomeSuccess})
	if user.MustChangePassword {
		s.redirectWithFlash(w, r, "/password", "首次登录或密码已被重置，请先修改密码。")
		return
	}
	http.Redirect(w, r, f.Next, http.StatusSeeOther)
}

// loginFailed shows the form again with the message and audits the attempt under
// the login that was typed; the password never reaches the log.
func (s *Server) loginFailed(w http.ResponseWriter, r *http.Request, f loginForm, ip string, err error) {
	code := jingzi.ErrorCode(err)
	if code != jingzi.EUNAUTHORIZED && code != jingzi.ELOCKED && code != jingzi.ENOTFOUND && code != jingzi.EINVALID {
		s.error(w, r, err)
		return
	}
	msg, detail := wrongCredentials, "登录名或密码错误"
	if code == jingzi.ELOCKED {
		msg, detail = jingzi.ErrorMessage(err), "账号已锁定"
	}
	login := jingzi.NormalizeLogin(f.Login)
	s.audit(r, &jingzi.AuditEntry{Action: "user.login", ObjectType: "user", ActorName: "登录名：" + login,
		Outcome: jingzi.OutcomeFailure, IP: ip, Detail: detail})
	status := http.StatusUnauthorized
	if code == jingzi.ELOCKED {
		status = http.StatusLocked
	}
	s.render(w, r, status, "login", "登录", loginPage{Login: strings.TrimSpace(f.Login), Next: f.Next, Error: msg})
}

// defaultOrg is the working org right after login: the org of the first grant,
// else the user's own org.
func defaultOrg(u *jingzi.User) int64 {
	if len(u.Grants) > 0 {
		return u.Grants[0].OrgID
	}
	return u.OrgID
}

func (s *Server) logout(w http.ResponseWriter, r *http.Request) {
	token := sessionToken(r.Context())
	if token != "" {
		if err := s.AuthService.DeleteSession(r.Context(), token); err != nil {
			s.Logger.Warn("delete session at logout", "err", err)
		}
		u := jingzi.UserFromContext(r.Context())
		s.audit(r, &jingzi.AuditEntry{Action: "user.logout", ObjectType: "user", ObjectID: u.ID,
			OrgID: u.OrgID, Outcome: jingzi.OutcomeSuccess})
	}
	s.clearSessionCookie(w)
	s.redirectWithFlash(w, r, "/login", "您已安全退出。")
}
