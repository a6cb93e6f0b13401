package web

import (
	"net/http"
	"net/http/httptest"
	"testing"
)

// BenchmarkLoginPage renders the login page through every middleware.
func BenchmarkLoginPage(b *testing.B) {
	f := newFixture(b)
	h := f.s.Handler()
	b.ReportAllocs()
	for b.Loop() {
		rec := httptest.NewRecorder()
		h.ServeHTTP(rec, httptest.NewRequest(http.MethodGet, "/login", nil))
		if rec.Code != http.StatusOK {
			b.Fatalf("status %d", rec.Code)
		}
	}
}

// BenchmarkDashboard renders the dashboard for a logged-in organiser: session
// lookup, org switcher, meetings, layout. The services are mocks, so this measures
// the web layer alone.
func BenchmarkDashboard(b *testing.B) {
	f := newFixture(b)
	h := f.s.Handler()
	tok := f.session(b, "organizer")
	b.ReportAllocs()
	for b.Loop() {
		req := httptest.NewRequest(http.MethodGet, "/", nil)
		req.AddCookie(&http.Cookie{Name: sessionCookie, Value: tok})
		rec := httptest.NewRecorder()
		h.ServeHTTP(rec, req)
		if rec.Code != http.StatusOK {
			b.Fatalf("status %d", rec.Code)
		}
	}
}
