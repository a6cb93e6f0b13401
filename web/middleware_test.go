package web

import (
	"context"
	"io/fs"
	"net/http"
	"net/http/httptest"
	"net/url"
	"regexp"
	"strings"
	"testing"

	"jingzi"
)

func TestSecurityHeadersOnEveryResponse(t *testing.T) {
	f := newFixture(t)
	tok := f.session(t, "organizer")
	paths := []string{"/login", "/", "/meetings/7", "/no/such/page", f.s.assets.url("app.css"), "/static/bad/app.css"}
	want := map[string]string{
		"Content-Security-Policy": contentSecurityPolicy,
		"X-Content-Type-Options":  "nosniff",
		"X-Frame-Options":         "DENY",
		"Referrer-Policy":         "same-origin",
	}
	for _, p := range paths {
		rec := f.get(p, tok)
		for k, v := range want {
			if got := rec.Header().Get(k); got != v {
				t.Errorf("%s: %s = %q, want %q", p, k, got, v)
			}
		}
	}
	for _, directive := range []string{"script-src 'self';", "style-src 'self';", "frame-ancestors 'none'"} {
		if !strings.Contains(contentSecurityPolicy, directive) || strings.Contains(contentSecurityPolicy, "unsafe-inline") {
			t.Errorf("CSP lacks %q or allows inline code", directive)
		}
	}
}

func TestTemplatesHaveNoInlineScriptOrStyle(t *testing.T) {
	files, err := fs.Glob(templateFiles, "templates/*.html")
	if err != nil || len(files) < 10 {
		t.Fatalf("templates: %v %v", files, err)
	}
	for _, name := range files {
		data, _ := fs.ReadFile(templateFiles, name)
		for _, tag := range regexp.MustCompile(`(?i)<script[^>]*>`).FindAllString(string(data), -1) {
			if !strings.Contains(tag, " src=") {
				t.Errorf("%s: inline script %s", name, tag)
			}
		}
		if m := regexp.MustCompile(`(?i)<style[\s>]|\sstyle\s*=|\son[a-z]+\s*=|javascript:`).FindString(string(data)); m != "" {
			t.Errorf("%s: inline style or handler %q", name, m)
		}
	}
}

func TestPanicShowsChinese500WithoutStack(t *testing.T) {
	f := newFixture(t)
	f.meet.FindMeetingsFn = func(context.Context, jingzi.MeetingFilter) ([]*jingzi.Meeting, int, error) {
		panic("database exploded at sqldb/meeting.go:42")
	}
	rec := f.get("/", f.session(t, "organizer"))
	body := rec.Body.String()
	if rec.Code != http.StatusInternalServerError || !strings.Contains(body, "系统内部错误") {
		t.Fatalf("got %d, want the Chinese 500 page", rec.Code)
	}
	for _, leak := range []string{"goroutine", "panic", "exploded", ".go:"} {
		if strings.Contains(body, leak) {
			t.Errorf("the page leaks %q", leak)
		}
	}
	if rec.Header().Get("Content-Security-Policy") == "" {
		t.Error("the 500 page lacks the CSP header")
	}
}

func TestOversizeBodyGets413(t *testing.T) {
	f := newFixture(t)
	f.s.MaxBodyBytes = 1024
	big := url.Values{"login": {"organizer"}, "password": {strings.Repeat("x", 4096)}}.Encode()
	for _, chunked := range []bool{false, true} {
		req := httptest.NewRequest(http.MethodPost, "/login", strings.NewReader(big))
		req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
		if chunked {
			req.ContentLength = -1 // the limit must hold when the client does not announce the size
		}
		rec := f.do(req, "")
		if rec.Code != http.StatusRequestEntityTooLarge || !strings.Contains(rec.Body.String(), "提交的内容过大") {
			t.Errorf("chunked=%v: got %d, want 413 with the Chinese page", chunked, rec.Code)
		}
	}
	if len(f.audits) != 0 {
		t.Errorf("an oversize login was processed: %+v", f.audits)
	}
}

func TestCrossOriginPostRefused(t *testing.T) {
	f := newFixture(t)
	tok := f.session(t, "organizer")
	tests := []struct {
		site   string
		status int
	}{
		{"cross-site", http.StatusForbidden},
		{"same-site", http.StatusForbidden},
		{"same-origin", http.StatusSeeOther},
	}
	for _, tt := range tests {
		req := httptest.NewRequest(http.MethodPost, "/org/switch", strings.NewReader("org_id=3&next=/"))
		req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
		req.Header.Set("Sec-Fetch-Site", tt.site)
		rec := f.do(req, tok)
		if rec.Code != tt.status {
			t.Errorf("Sec-Fetch-Site %s: got %d, want %d", tt.site, rec.Code, tt.status)
		}
		if tt.status == http.StatusForbidden && !strings.Contains(rec.Body.String(), "请求来自其他网站") {
			t.Errorf("Sec-Fetch-Site %s: no Chinese explanation", tt.site)
		}
	}
	if f.sessions[tok].OrgID != 3 {
		t.Error("the same-origin switch did not happen")
	}
}

func TestUnknownPathsGetChinese404(t *testing.T) {
	f := newFixture(t)
	tok := f.session(t, "organizer")
	tests := []struct {
		method, path string
		status       int
	}{
		{"GET", "/no/such/page", http.StatusNotFound},
		{"GET", "/meetings/999", http.StatusNotFound},
		{"GET", "/meetings/abc", http.StatusNotFound},
		{"GET", "/meetings/7/nosuchphase", http.StatusNotFound},
		{"GET", "/phases/nosuchphase", http.StatusNotFound},
		{"GET", "/logout", http.StatusMethodNotAllowed},
	}
	for _, tt := range tests {
		rec := f.do(httptest.NewRequest(tt.method, tt.path, nil), tok)
		if rec.Code != tt.status || !strings.Contains(rec.Body.String(), "镜子（jingzi）") {
			t.Errorf("%s %s: got %d, want %d with the Chinese page", tt.method, tt.path, rec.Code, tt.status)
		}
	}
}

func TestServiceErrorsMapToStatusPages(t *testing.T) {
	tests := []struct {
		code   string
		status int
	}{
		{jingzi.EINVALID, 400}, {jingzi.EUNAUTHORIZED, 401}, {jingzi.EFORBIDDEN, 403}, {jingzi.ENOTFOUND, 404},
		{jingzi.ECONFLICT, 409}, {jingzi.ELOCKED, 423}, {jingzi.EINTERNAL, 500},
	}
	for _, tt := range tests {
		f := newFixture(t)
		f.meet.FindMeetingByIDFn = func(context.Context, int64) (*jingzi.Meeting, error) {
			return nil, jingzi.Errorf(tt.code, "测试消息%s", tt.code)
		}
		rec := f.get("/meetings/7", f.session(t, "organizer"))
		if rec.Code != tt.status {
			t.Errorf("%s: got %d, want %d", tt.code, rec.Code, tt.status)
		}
		shown := strings.Contains(rec.Body.String(), "测试消息"+tt.code)
		if shown != (tt.status != 500) {
			t.Errorf("%s: message shown = %v", tt.code, shown)
		}
	}
}

func TestForbiddenServiceErrorBecomes403Page(t *testing.T) {
	f := newFixture(t)
	rec := f.get("/audit", f.session(t, "organizer"))
	if rec.Code != http.StatusForbidden || !strings.Contains(rec.Body.String(), "只有安全审计员可以查阅审计日志") {
		t.Fatalf("got %d, want the 403 page with the service's message", rec.Code)
	}
	rec = f.get("/audit", f.session(t, "auditor"))
	if rec.Code != http.StatusOK {
		t.Fatalf("auditor: got %d", rec.Code)
	}
}
