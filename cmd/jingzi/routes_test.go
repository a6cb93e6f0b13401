package main

import (
	"context"
	"fmt"
	"io"
	"log/slog"
	"net/http"
	"net/http/cookiejar"
	"net/http/httptest"
	"net/url"
	"path/filepath"
	"strings"
	"testing"

	"jingzi"
	"jingzi/sqldb"
)

// demoSite is the demo wired in-process to the real web layer and a real
// SQLite database, with two more accounts confined to the 人社局 subtree.
type demoSite struct {
	db  *sqldb.DB
	srv *httptest.Server
	ids map[string]int64
}

func newDemoSite(t *testing.T) *demoSite {
	t.Helper()
	db := sqldb.NewDB(filepath.Join(t.TempDir(), "jingzi.db"))
	if err := db.Open(); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { db.Close() })
	ctx := context.Background()
	if err := loadDemo(ctx, db, &env{stdout: io.Discard, stderr: io.Discard}); err != nil {
		t.Fatal(err)
	}
	sys := jingzi.SystemContext(ctx, "测试")
	site := &demoSite{db: db, ids: map[string]int64{}}
	orgs, _, _ := sqldb.NewOrgService(db).FindOrgs(sys, jingzi.OrgFilter{})
	for _, o := range orgs {
		site.ids[o.Name] = o.ID
	}
	rs := site.ids["江城市人力资源和社会保障局党组"]
	for _, a := range []struct {
		login string
		role  jingzi.Role
	}{{"rsadmin", jingzi.RoleSysadmin}, {"rsdangban", jingzi.RoleOrganizer}, {"rsmember", jingzi.RoleParticipant}} {
		u := &jingzi.User{Login: a.login, Name: a.login, OrgID: rs, Grants: []jingzi.Grant{{Role: a.role, OrgID: rs}}}
		if err := sqldb.NewUserService(db).CreateUser(sys, u, DemoPassword); err != nil {
			t.Fatal(err)
		}
	}
	users, _, _ := sqldb.NewUserService(db).FindUsers(sys, jingzi.UserFilter{})
	for _, u := range users {
		site.ids["user:"+u.Login] = u.ID
	}
	meetings, _, _ := sqldb.NewMeetingService(db).FindMeetings(sys, jingzi.MeetingFilter{})
	for _, m := range meetings {
		site.ids["meeting:"+m.OrgName] = m.ID
	}
	web, err := newWebServer(ctx, db, slog.New(slog.NewTextHandler(io.Discard, nil)))
	if err != nil {
		t.Fatal(err)
	}
	site.srv = httptest.NewServer(web.Handler())
	t.Cleanup(site.srv.Close)
	return site
}

// as logs in and returns a client that does not follow redirects.
func (s *demoSite) as(t *testing.T, login string) *http.Client {
	t.Helper()
	jar, _ := cookiejar.New(nil)
	c := &http.Client{Jar: jar, CheckRedirect: func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse }}
	resp, err := c.PostForm(s.srv.URL+"/login", url.Values{"login": {login}, "password": {DemoPassword}})
	if err != nil {
		t.Fatal(err)
	}
	resp.Body.Close()
	if resp.StatusCode != http.StatusSeeOther {
		t.Fatalf("login %s: status %d", login, resp.StatusCode)
	}
	return c
}

func (s *demoSite) auditCount(t *testing.T) int {
	_, n, err := sqldb.NewAuditService(s.db).FindAuditEntries(jingzi.SystemContext(context.Background(), "测试"), jingzi.AuditFilter{Limit: 1})
	if err != nil {
		t.Fatal(err)
	}
	return n
}

// route is one route that takes an id, with the form a change would send.
type route struct {
	method, path string
	form         url.Values
}

// idRoutes lists every route that takes an id, pointed at objects of the
// 市民政局党委 subtree.
func (s *demoSite) idRoutes() []route {
	org := s.ids["江城市民政局党委"]
	user := s.ids["user:dangban"]
	meeting := s.ids["meeting:江城市民政局党委"]
	orgForm := url.Values{"name": {"被改名"}, "kind": {"committee"}, "parent_id": {fmt.Sprint(s.ids["江城市委组织部"])}, "position": {"1"}}
	routes := []route{
		{"GET", fmt.Sprintf("/orgs/%d", org), nil},
		{"POST", fmt.Sprintf("/orgs/%d", org), orgForm},
		{"GET", fmt.Sprintf("/users/%d", user), nil},
		{"POST", fmt.Sprintf("/users/%d", user), url.Values{"name": {"被改名"}, "title": {"x"}, "org_id": {fmt.Sprint(org)}}},
		{"POST", fmt.Sprintf("/users/%d/grants", user), url.Values{"role_0": {"sysadmin"}, "org_0": {fmt.Sprint(org)}}},
		{"POST", fmt.Sprintf("/users/%d/password", user), url.Values{"password": {"Hijack#2022"}, "repeat": {"Hijack#2022"}}},
		{"GET", fmt.Sprintf("/meetings/%d", meeting), nil},
		{"POST", "/org/switch", url.Values{"org_id": {fmt.Sprint(org)}}},
	}
	for _, p := range jingzi.Phases {
		routes = append(routes, route{"GET", fmt.Sprintf("/meetings/%d/%s", meeting, p), nil})
	}
	return routes
}

func (s *demoSite) do(t *testing.T, c *http.Client, r route) (int, string) {
	t.Helper()
	req, _ := http.NewRequest(r.method, s.srv.URL+r.path, strings.NewReader(r.form.Encode()))
	if r.form != nil {
		req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
	}
	resp, err := c.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	body, _ := io.ReadAll(resp.Body)
	return resp.StatusCode, string(body)
}

// Nobody sees or changes another org's objects: for every route that takes an
// id, every account confined to the 人社局 subtree gets 403 or 404 on the
// 民政局's org, account and meeting, and nothing changes.
func TestRoutesRefuseOtherOrgs(t *testing.T) {
	s := newDemoSite(t)
	for _, login := range []string{"rsadmin", "rsdangban", "rsmember"} {
		c := s.as(t, login)
		for _, r := range s.idRoutes() {
			before := s.auditCount(t)
			code, body := s.do(t, c, r)
			if code != http.StatusForbidden && code != http.StatusNotFound {
				t.Errorf("%s %s %s: status %d, want 403 or 404", login, r.method, r.path, code)
			}
			if strings.Contains(body, "市民政局党委办公室主任") || strings.Contains(body, "王建国") {
				t.Errorf("%s %s %s: page shows the other org's data", login, r.method, r.path)
			}
			if after := s.auditCount(t); after != before {
				t.Errorf("%s %s %s: %d state changes recorded, want none", login, r.method, r.path, after-before)
			}
		}
	}
	// The objects are as the demo made them.
	sys := jingzi.SystemContext(context.Background(), "测试")
	if u, _ := sqldb.NewUserService(s.db).FindUserByID(sys, s.ids["user:dangban"]); u.Name != "孙丽" || len(u.Grants) != 1 {
		t.Errorf("account changed: %+v", u)
	}
	if o, _ := sqldb.NewOrgService(s.db).FindOrgByID(sys, s.ids["江城市民政局党委"]); o.Name != "江城市民政局党委" {
		t.Errorf("org changed: %+v", o)
	}
}

// The same routes are open to the accounts whose roles cover the 民政局, which
// shows the refusals above come from permissions and not from broken routes.
func TestRoutesOpenToOwnOrg(t *testing.T) {
	s := newDemoSite(t)
	allowed := map[string][]string{
		"admin":       {"GET /orgs/", "GET /users/"},
		"dangban":     {"GET /meetings/", "POST /org/switch"},
		"wangjianguo": {"GET /meetings/"},
		"zuzhibu":     {"GET /meetings/", "POST /org/switch"},
	}
	for login, prefixes := range allowed {
		c := s.as(t, login)
		for _, r := range s.idRoutes() {
			for _, p := range prefixes {
				if !strings.HasPrefix(r.method+" "+r.path, p) {
					continue
				}
				if code, _ := s.do(t, c, r); code != http.StatusOK && code != http.StatusSeeOther {
					t.Errorf("%s %s %s: status %d, want 200 or 303", login, r.method, r.path, code)
				}
			}
		}
	}
	// Administrators do not read meeting content, and participants do not manage orgs (三权分立).
	for login, r := range map[string]route{
		"admin":       {"GET", fmt.Sprintf("/meetings/%d", s.ids["meeting:江城市民政局党委"]), nil},
		"auditor":     {"GET", fmt.Sprintf("/users/%d", s.ids["user:dangban"]), nil},
		"wangjianguo": {"POST", fmt.Sprintf("/orgs/%d", s.ids["市民政局机关第一党支部"]), url.Values{"name": {"x"}, "kind": {"branch"}}},
	} {
		if code, _ := s.do(t, s.as(t, login), r); code != http.StatusForbidden && code != http.StatusNotFound {
			t.Errorf("%s %s %s: status %d, want 403 or 404", login, r.method, r.path, code)
		}
	}
}
