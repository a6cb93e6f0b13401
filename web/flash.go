package web

import (
	"net/http"
	"net/url"
)

// flashCookie carries a one-time message across a POST-redirect-GET.
const flashCookie = "jingzi_flash"

// setFlash stores a message for the next page the browser shows.
func (s *Server) setFlash(w http.ResponseWriter, msg string) {
	http.SetCookie(w, &http.Cookie{
		Name:     flashCookie,
		Value:    url.QueryEscape(msg),
		Path:     "/",
		MaxAge:   60,
		HttpOnly: true,
		Secure:   s.SecureCookies,
		SameSite: http.SameSiteLaxMode,
	})
}

// takeFlash returns the pending message, if any, and clears it.
func (s *Server) takeFlash(w http.ResponseWriter, r *http.Request) string {
	c, err := r.Cookie(flashCookie)
	if err != nil || c.Value == "" {
		return ""
	}
	http.SetCookie(w, &http.Cookie{Name: flashCookie, Path: "/", MaxAge: -1, HttpOnly: true,
		Secure: s.SecureCookies, SameSite: http.SameSiteLaxMode})
	msg, err := url.QueryUnescape(c.Value)
	if err != nil {
		return ""
	}
	return msg
}

// redirectWithFlash finishes a successful POST: the message shows on the next page.
func (s *Server) redirectWithFlash(w http.ResponseWriter, r *http.Request, to, msg string) {
	s.setFlash(w, msg)
	http.Redirect(w, r, to, http.StatusSeeOther)
}
