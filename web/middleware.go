package web

import (
	"fmt"
	"net/http"
	"runtime/debug"
)

// contentSecurityPolicy allows no inline script or style: every script and
// stylesheet is a file under /static.
const contentSecurityPolicy = "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; " +
	"form-action 'self'; frame-ancestors 'none'; base-uri 'none'; object-src 'none'"

// middleware wraps the routes, outermost first: security headers, panic recovery,
// body limit, cross-origin protection, then the mux with Chinese 404 and 405 pages.
func (s *Server) middleware(mux *http.ServeMux) http.Handler {
	cop := http.NewCrossOriginProtection()
	cop.SetDenyHandler(http.HandlerFunc(s.crossOriginDenied))
	var h http.Handler = s.dispatch(mux)
	h = cop.Handler(h)
	h = s.limitBody(h)
	h = s.recoverPanic(h)
	return securityHeaders(h)
}

func securityHeaders(next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		h := w.Header()
		h.Set("Content-Security-Policy", contentSecurityPolicy)
		h.Set("X-Content-Type-Options", "nosniff")
		h.Set("Referrer-Policy", "same-origin")
		h.Set("X-Frame-Options", "DENY")
		h.Set("Cross-Origin-Opener-Policy", "same-origin")
		next.ServeHTTP(w, r)
	})
}

// trackingWriter remembers whether the header went out, so that recovery knows
// whether an error page can still be written.
type trackingWriter struct {
	http.ResponseWriter
	wrote bool
}

func (w *trackingWriter) WriteHeader(code int) {
	w.wrote = true
	w.ResponseWriter.WriteHeader(code)
}

func (w *trackingWriter) Write(b []byte) (int, error) {
	w.wrote = true
	return w.ResponseWriter.Write(b)
}

func (w *trackingWriter) Unwrap() http.ResponseWriter { return w.ResponseWriter }

// recoverPanic logs a panic with its stack and shows the Chinese 500 page; the
// stack never reaches the browser.
func (s *Server) recoverPanic(next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		tw := &trackingWriter{ResponseWriter: w}
		defer func() {
			v := recover()
			if v == nil {
				return
			} else if v == http.ErrAbortHandler {
				panic(v)
			}
			s.Logger.Error("panic in handler", "method", r.Method, "path", r.URL.Path,
				"panic", fmt.Sprint(v), "stack", string(debug.Stack()))
			if !tw.wrote {
				s.renderStatus(tw, r, http.StatusInternalServerError, "")
			}
		}()
		next.ServeHTTP(tw, r)
	})
}

// limitBody refuses bodies over MaxBodyBytes: at once when Content-Length says so,
// otherwise when a handler reads past the limit (see parseForm).
func (s *Server) limitBody(next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		limit, msg := s.bodyLimit(r)
		if r.ContentLength > limit {
			s.renderStatus(w, r, http.StatusRequestEntityTooLarge, msg)
			return
		}
		if r.Body != nil {
			r.Body = http.MaxBytesReader(w, r.Body, limit)
		}
		next.ServeHTTP(w, r)
	})
}

func (s *Server) crossOriginDenied(w http.ResponseWriter, r *http.Request) {
	s.Logger.Warn("cross-origin request refused", "method", r.Method, "path", r.URL.Path,
		"origin", r.Header.Get("Origin"), "ip", s.clientIP(r))
	s.renderStatus(w, r, http.StatusForbidden, "请求来自其他网站，已被拒绝。请从本系统页面重新操作。")
}

// dispatch serves the mux, answering unknown paths with the Chinese 404 page and a
// known path with the wrong method with the Chinese 405 page.
func (s *Server) dispatch(mux *http.ServeMux) http.Handler {
	notFound := s.optional(s.notFound)
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if _, pattern := mux.Handler(r); pattern != "" {
			mux.ServeHTTP(w, r)
			return
		}
		for _, m := range []string{http.MethodGet, http.MethodPost} {
			probe := r.Clone(r.Context())
			probe.Method = m
			if _, pattern := mux.Handler(probe); pattern != "" {
				w.Header().Set("Allow", m)
				s.renderStatus(w, r, http.StatusMethodNotAllowed, "")
				return
			}
		}
		notFound.ServeHTTP(w, r)
	})
}
