package web

import (
	"context"
	"net"
	"net/http"
	"net/url"
	"strings"

	"jingzi"
)

// sessionCookie names the cookie that carries the session token.
const sessionCookie = "jingzi_session"

type sessionKey struct{}

// sessionToken returns the token of the request's session, or "".
func sessionToken(ctx context.Context) string {
	t, _ := ctx.Value(sessionKey{}).(string)
	return t
}

// auth serves h only with a valid session; otherwise it sends the browser to the
// login page, remembering where it wanted to go. An account that must change its
// password is held on /password.
func (s *Server) auth(h http.HandlerFunc) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		r, ok, err := s.withSession(w, r)
		if err != nil {
			s.error(w, r, err)
			return
		} else if !ok {
			http.Redirect(w, r, "/login?next="+url.QueryEscape(r.URL.RequestURI()), http.StatusSeeOther)
			return
		}
		if jingzi.UserFromContext(r.Context()).MustChangePassword && r.URL.Path != "/password" {
			http.Redirect(w, r, "/password", http.StatusSeeOther)
			return
		}
		h(w, r)
	})
}

// optional loads the session when there is a valid one and serves h either way.
func (s *Server) optional(h http.HandlerFunc) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		r, _, err := s.withSession(w, r)
		if err != nil {
			s.Logger.Warn("load session", "err", err)
		}
		h(w, r)
	})
}

// withSession looks the cookie's session up and puts its actor in the context.
// An unknown, expired or disabled session clears the cookie and reports false.
func (s *Server) withSession(w http.ResponseWriter, r *http.Request) (*http.Request, bool, error) {
	c, err := r.Cookie(sessionCookie)
	if err != nil || c.Value == "" {
		return r, false, nil
	}
	sess, err := s.AuthService.FindSession(r.Context(), c.Value)
	if jingzi.ErrorCode(err) == jingzi.EUNAUTHORIZED || jingzi.ErrorCode(err) == jingzi.ENOTFOUND ||
		err == nil && (sess.User == nil || sess.User.Disabled) {
		s.clearSessionCookie(w)
		return r, false, nil
	} else if err != nil {
		return r, false, err
	}
	actor := &jingzi.Actor{User: sess.User, OrgID: sess.OrgID, IP: s.clientIP(r)}
	ctx := jingzi.NewContextWithActor(r.Context(), actor)
	ctx = context.WithValue(ctx, sessionKey{}, c.Value)
	return r.WithContext(ctx), true, nil
}

func (s *Server) setSessionCookie(w http.ResponseWriter, token string) {
	http.SetCookie(w, &http.Cookie{
		Name:     sessionCookie,
		Value:    token,
		Path:     "/",
		HttpOnly: true,
		Secure:   s.SecureCookies,
		SameSite: http.SameSiteLaxMode,
	})
}

func (s *Server) clearSessionCookie(w http.ResponseWriter) {
	http.SetCookie(w, &http.Cookie{
		Name:     sessionCookie,
		Value:    "",
		Path:     "/",
		MaxAge:   -1,
		HttpOnly: true,
		Secure:   s.SecureCookies,
		SameSite: http.SameSiteLaxMode,
	})
}

// clientIP is the address the request came from. X-Forwarded-For is believed
// only behind a trusted proxy, and then its last entry: the one that proxy added.
func (s *Server) clientIP(r *http.Request) string {
	if s.TrustProxyHeaders {
		if xff := r.Header.Get("X-Forwarded-For"); xff != "" {
			parts := strings.Split(xff, ",")
			if ip := strings.TrimSpace(parts[len(parts)-1]); net.ParseIP(ip) != nil {
				return ip
			}
		}
	}
	host, _, err := net.SplitHostPort(r.RemoteAddr)
	if err != nil {
		return r.RemoteAddr
	}
	return host
}

// safeNext keeps a post-login redirect on this site: a local absolute path only.
func safeNext(next string) string {
	if next == "" || !strings.HasPrefix(next, "/") || strings.HasPrefix(next, "//") ||
		strings.HasPrefix(next, "/\\") || strings.ContainsAny(next, "\r\n") {
		return "/"
	}
	return next
}
