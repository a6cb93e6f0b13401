package web

import (
	"context"
	"net/http"
	"net/url"
	"strings"
	"testing"

	"jingzi"
)

func TestLoginSuccessRenewsSession(t *testing.T) {
	for _, secure := range []bool{false, true} {
		f := newFixture(t)
		f.s.SecureCookies = secure
		old := f.session(t, "organizer")
		form := url.Values{"login": {" Organizer "}, "password": {testPassword}, "next": {"/meetings/7"}}
		rec := f.post("/login", old, form)
		if rec.Code != http.StatusSeeOther || rec.Header().Get("Location") != "/meetings/7" {
			t.Fatalf("secure=%v: got %d to %q, want 303 to /meetings/7", secure, rec.Code, rec.Header().Get("Location"))
		}
		c := cookie(rec, sessionCookie)
		switch {
		case c == nil || c.Value == "":
			t.Fatal("no session cookie set")
		case c.Value == old:
			t.Error("session id was not renewed at login")
		case !c.HttpOnly || c.SameSite != http.SameSiteLaxMode || c.Path != "/":
			t.Errorf("cookie flags: HttpOnly=%v SameSite=%v Path=%q", c.HttpOnly, c.SameSite, c.Path)
		case c.Secure != secure:
			t.Errorf("cookie Secure=%v, want %v", c.Secure, secure)
		}
		if _, ok := f.sessions[old]; ok {
			t.Error("the session from before login still exists")
		}
		if got := f.sessions[c.Value].OrgID; got != 2 {
			t.Errorf("working org after login = %d, want the first grant's org 2", got)
		}
		e := f.audits[len(f.audits)-1]
		if e.Action != "user.login" || e.Outcome != jingzi.OutcomeSuccess || e.ActorID != 10 || e.IP != "192.0.2.1" {
			t.Errorf("audit entry = %+v", e)
		}
	}
}

func TestLoginFailureMessages(t *testing.T) {
	tests := []struct {
		name, login, password, want string
		status                      int
	}{
		{"wrong password", "organizer", "nope", "登录名或密码错误", http.StatusUnauthorized},
		{"unknown login", "nobody", testPassword, "登录名或密码错误", http.StatusUnauthorized},
		{"locked", "LOCKED", testPassword, "账号已锁定，请30分钟后再试", http.StatusLocked},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			f := newFixture(t)
			rec := f.post("/login", "", url.Values{"login": {tt.login}, "password": {tt.password}})
			body := rec.Body.String()
			if rec.Code != tt.status || !strings.Contains(body, tt.want) {
				t.Fatalf("got %d, want %d with %q", rec.Code, tt.status, tt.want)
			}
			if cookie(rec, sessionCookie) != nil {
				t.Error("a failed login set a session cookie")
			}
			if strings.Contains(body, tt.password) {
				t.Error("the password was sent back in the page")
			}
			if len(f.audits) != 1 || f.audits[0].Outcome != jingzi.OutcomeFailure || f.audits[0].Action != "user.login" {
				t.Fatalf("audits = %+v, want one failed user.login", f.audits)
			}
			e := f.audits[0]
			for _, field := range []string{e.ActorName, e.Detail, e.ObjectType} {
				if strings.Contains(field, tt.password) {
					t.Errorf("the password is in the audit entry: %+v", e)
				}
			}
			if !strings.Contains(e.ActorName, strings.ToLower(tt.login)) || e.IP == "" {
				t.Errorf("audit entry does not name the login and IP: %+v", e)
			}
		})
	}
}

func TestLogout(t *testing.T) {
	f := newFixture(t)
	tok := f.session(t, "organizer")
	rec := f.post("/logout", tok, nil)
	if rec.Code != http.StatusSeeOther || rec.Header().Get("Location") != "/login" {
		t.Fatalf("got %d to %q", rec.Code, rec.Header().Get("Location"))
	}
	if _, ok := f.sessions[tok]; ok {
		t.Error("session still exists after logout")
	}
	if c := cookie(rec, sessionCookie); c == nil || c.MaxAge >= 0 {
		t.Error("session cookie not cleared")
	}
	if e := f.audits[len(f.audits)-1]; e.Action != "user.logout" || e.ActorID != 10 {
		t.Errorf("audit entry = %+v", e)
	}
	if rec := f.get("/", tok); rec.Code != http.StatusSeeOther {
		t.Errorf("old token still works after logout: %d", rec.Code)
	}
}

func TestUnauthenticatedRedirectsToLogin(t *testing.T) {
	f := newFixture(t)
	for _, token := range []string{"", "expired-token"} {
		rec := f.get("/meetings/7?x=1", token)
		if rec.Code != http.StatusSeeOther || rec.Header().Get("Location") != "/login?next=%2Fmeetings%2F7%3Fx%3D1" {
			t.Errorf("token %q: got %d to %q", token, rec.Code, rec.Header().Get("Location"))
		}
	}
	// After login the browser lands where it wanted to go, but never on another site.
	for next, want := range map[string]string{"/meetings/7?x=1": "/meetings/7?x=1", "//evil.example/": "/", "https://evil.example/": "/"} {
		rec := f.post("/login", "", url.Values{"login": {"organizer"}, "password": {testPassword}, "next": {next}})
		if got := rec.Header().Get("Location"); got != want {
			t.Errorf("next %q: redirected to %q, want %q", next, got, want)
		}
	}
}

func TestMustChangePassword(t *testing.T) {
	f := newFixture(t)
	tok := f.session(t, "newbie")
	for _, path := range []string{"/", "/meetings/7", "/orgs", "/phases/study"} {
		rec := f.get(path, tok)
		if rec.Code != http.StatusSeeOther || rec.Header().Get("Location") != "/password" {
			t.Errorf("%s: got %d to %q, want redirect to /password", path, rec.Code, rec.Header().Get("Location"))
		}
	}
	rec := f.get("/password", tok)
	if rec.Code != http.StatusOK || !strings.Contains(rec.Body.String(), "请先修改密码") {
		t.Fatalf("/password: %d", rec.Code)
	}
	rec = f.post("/login", "", url.Values{"login": {"newbie"}, "password": {testPassword}})
	if rec.Header().Get("Location") != "/password" {
		t.Errorf("login with must-change: redirected to %q", rec.Header().Get("Location"))
	}
}

func TestChangePassword(t *testing.T) {
	f := newFixture(t)
	var changed [2]string
	f.user.ChangePasswordFn = func(_ context.Context, old, new string) error {
		if old != testPassword {
			return jingzi.Errorf(jingzi.EUNAUTHORIZED, "原密码不正确。")
		}
		changed = [2]string{old, new}
		return nil
	}
	tok := f.session(t, "organizer")
	tests := []struct {
		old, new, repeat string
		status           int
		want             string
	}{
		{testPassword, "Neu#2024abc", "Neu#2024abX", http.StatusBadRequest, "两次输入的新密码不一致"},
		{"wrong", "Neu#2024abc", "Neu#2024abc", http.StatusBadRequest, "原密码不正确"},
		{testPassword, "Neu#2024abc", "Neu#2024abc", http.StatusSeeOther, ""},
	}
	for _, tt := range tests {
		rec := f.post("/password", tok, url.Values{"old": {tt.old}, "new": {tt.new}, "repeat": {tt.repeat}})
		if rec.Code != tt.status || !strings.Contains(rec.Body.String(), tt.want) {
			t.Errorf("%+v: got %d", tt, rec.Code)
		}
	}
	if changed != [2]string{testPassword, "Neu#2024abc"} {
		t.Errorf("ChangePassword called with %q", changed)
	}
}
