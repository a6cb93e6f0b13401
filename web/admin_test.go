package web

import (
	"context"
	"net/http"
	"net/url"
	"strings"
	"testing"

	"jingzi"
)

func TestAdminPagesHiddenFromOtherRoles(t *testing.T) {
	f := newFixture(t)
	tests := []struct {
		path, login string
		status      int
	}{
		{"/orgs", "organizer", http.StatusForbidden},
		{"/orgs/new", "organizer", http.StatusForbidden},
		{"/users", "organizer", http.StatusForbidden},
		{"/users/new", "auditor", http.StatusForbidden},
		{"/security", "admin", http.StatusForbidden},
		{"/audit", "admin", http.StatusForbidden},
		{"/orgs", "admin", http.StatusOK},
		{"/users", "admin", http.StatusOK},
		{"/security", "secadmin", http.StatusOK},
	}
	for _, tt := range tests {
		before := len(f.audits)
		rec := f.get(tt.path, f.session(t, tt.login))
		if rec.Code != tt.status {
			t.Errorf("%s as %s: got %d, want %d", tt.path, tt.login, rec.Code, tt.status)
		}
		if tt.status != http.StatusForbidden {
			continue
		}
		if !strings.Contains(rec.Body.String(), "没有权限") {
			t.Errorf("%s as %s: no Chinese 403 page", tt.path, tt.login)
		}
		if len(f.audits) != before+1 || f.audits[before].Outcome != jingzi.OutcomeDenied || !strings.Contains(f.audits[before].Detail, tt.path) {
			t.Errorf("%s as %s: the refusal was not audited", tt.path, tt.login)
		}
	}
}

func TestCreateOrg(t *testing.T) {
	f := newFixture(t)
	var created *jingzi.Org
	f.org.CreateOrgFn = func(ctx context.Context, o *jingzi.Org) error {
		if err := o.Validate(); err != nil {
			return err
		}
		o.ID, created = 9, o
		return nil
	}
	tok := f.session(t, "admin")
	rec := f.post("/orgs", tok, url.Values{"name": {"  "}, "kind": {"branch"}, "parent_id": {"2"}, "position": {"1"}})
	if rec.Code != http.StatusBadRequest || !strings.Contains(rec.Body.String(), "请填写党组织名称") {
		t.Fatalf("empty name: got %d", rec.Code)
	}
	rec = f.post("/orgs", tok, url.Values{"name": {"x"}, "kind": {"branch"}, "parent_id": {"2"}, "position": {"一"}})
	if rec.Code != http.StatusBadRequest || !strings.Contains(rec.Body.String(), "“排序”应填写整数") {
		t.Fatalf("bad position: got %d", rec.Code)
	}
	rec = f.post("/orgs", tok, url.Values{"name": {"社会救助科党支部"}, "kind": {"branch"}, "parent_id": {"2"}, "position": {"3"}})
	if rec.Code != http.StatusSeeOther || rec.Header().Get("Location") != "/orgs" {
		t.Fatalf("create: got %d", rec.Code)
	}
	if created == nil || created.Name != "社会救助科党支部" || created.ParentID != 2 || created.Position != 3 {
		t.Errorf("created = %+v", created)
	}
	if c := cookie(rec, flashCookie); c == nil || !strings.Contains(mustUnescape(c.Value), "已新建党组织") {
		t.Error("no flash message after create")
	}
}

func TestUpdateOrgMovesOnlyWhenParentChanges(t *testing.T) {
	f := newFixture(t)
	var got jingzi.OrgUpdate
	f.org.UpdateOrgFn = func(ctx context.Context, id int64, upd jingzi.OrgUpdate) (*jingzi.Org, error) {
		if id == 3 && upd.ParentID != nil && *upd.ParentID == 4 {
			return nil, jingzi.Errorf(jingzi.ECONFLICT, "目标党组织已撤销，不能移入。")
		}
		got = upd
		return f.orgs[2], nil
	}
	tok := f.session(t, "admin")
	rec := f.post("/orgs/3", tok, url.Values{"name": {"办公室党支部"}, "kind": {"branch"}, "parent_id": {"2"}, "position": {"0"}, "archived": {"on"}})
	if rec.Code != http.StatusSeeOther {
		t.Fatalf("update: got %d", rec.Code)
	}
	if got.ParentID != nil || got.Archived == nil || !*got.Archived {
		t.Errorf("update = %+v, want archive without a move", got)
	}
	rec = f.post("/orgs/3", tok, url.Values{"name": {"办公室党支部"}, "kind": {"branch"}, "parent_id": {"4"}, "position": {"0"}})
	if rec.Code != http.StatusConflict || !strings.Contains(rec.Body.String(), "目标党组织已撤销") {
		t.Errorf("conflict: got %d", rec.Code)
	}
	body := f.get("/orgs/2", tok).Body.String()
	sel := body[strings.Index(body, `name="parent_id"`):]
	sel = sel[:strings.Index(sel, "</select>")]
	if strings.Contains(sel, `value="2"`) || strings.Contains(sel, `value="3"`) || !strings.Contains(sel, `value="1"`) {
		t.Errorf("parent choices for org 2 should be outside its subtree: %s", sel)
	}
}

func TestCreateUserWithGrants(t *testing.T) {
	f := newFixture(t)
	var created *jingzi.User
	var password string
	f.user.CreateUserFn = func(ctx context.Context, u *jingzi.User, pw string) error {
		u.ID, created, password = 30, u, pw
		return nil
	}
	tok := f.session(t, "admin")
	base := url.Values{"login": {"zhang"}, "name": {"张三"}, "title": {"办公室主任"}, "org_id": {"2"},
		"password": {"Abc#12345"}, "repeat": {"Abc#12345"}, "role_0": {"organizer"}, "org_0": {"2"}, "role_1": {"participant"}, "org_1": {"3"}}
	half := cloneValues(base)
	half.Set("role_2", "reviewer")
	rec := f.post("/users", tok, half)
	if rec.Code != http.StatusBadRequest || !strings.Contains(rec.Body.String(), "第3行角色设置不完整") {
		t.Fatalf("half grant row: got %d", rec.Code)
	}
	if !strings.Contains(rec.Body.String(), `value="zhang"`) {
		t.Error("the form lost what the user typed")
	}
	mismatch := cloneValues(base)
	mismatch.Set("repeat", "other")
	if rec := f.post("/users", tok, mismatch); !strings.Contains(rec.Body.String(), "两次输入的初始密码不一致") {
		t.Errorf("password mismatch: got %d", rec.Code)
	}
	rec = f.post("/users", tok, base)
	if rec.Code != http.StatusSeeOther || rec.Header().Get("Location") != "/users/30" {
		t.Fatalf("create: got %d to %q", rec.Code, rec.Header().Get("Location"))
	}
	want := []jingzi.Grant{{Role: jingzi.RoleOrganizer, OrgID: 2}, {Role: jingzi.RoleParticipant, OrgID: 3}}
	if len(created.Grants) != 2 || created.Grants[0] != want[0] || created.Grants[1] != want[1] || !created.MustChangePassword || password != "Abc#12345" {
		t.Errorf("created = %+v, password %q", created, password)
	}
}

func TestUpdateGrantsKeepsCheckedAndAddsRows(t *testing.T) {
	f := newFixture(t)
	var got []jingzi.Grant
	f.user.UpdateUserFn = func(ctx context.Context, id int64, upd jingzi.UserUpdate) (*jingzi.User, error) {
		got = *upd.Grants
		return f.users["organizer"], nil
	}
	rec := f.post("/users/10/grants", f.session(t, "admin"), url.Values{"keep_1": {"on"}, "role_0": {"reviewer"}, "org_0": {"1"}})
	if rec.Code != http.StatusSeeOther {
		t.Fatalf("got %d", rec.Code)
	}
	want := []jingzi.Grant{{Role: jingzi.RoleOrganizer, OrgID: 3}, {Role: jingzi.RoleReviewer, OrgID: 1}}
	if len(got) != 2 || got[0] != want[0] || got[1] != want[1] {
		t.Errorf("grants = %+v, want %+v", got, want)
	}
}

func TestResetPasswordAndForbiddenService(t *testing.T) {
	f := newFixture(t)
	f.user.ResetPasswordFn = func(ctx context.Context, id int64, pw string) error {
		return jingzi.Errorf(jingzi.EFORBIDDEN, "您不能管理该党组织的账号。")
	}
	rec := f.post("/users/10/password", f.session(t, "admin"), url.Values{"password": {"Abc#12345"}, "repeat": {"Abc#12345"}})
	if rec.Code != http.StatusForbidden || !strings.Contains(rec.Body.String(), "您不能管理该党组织的账号") {
		t.Errorf("got %d, want the 403 page", rec.Code)
	}
}

func TestSecurityPolicyForm(t *testing.T) {
	f := newFixture(t)
	var saved jingzi.SecurityPolicy
	f.auth.UpdateSecurityPolicyFn = func(ctx context.Context, p jingzi.SecurityPolicy) error {
		saved = p
		return nil
	}
	var unlocked string
	f.auth.UnlockFn = func(ctx context.Context, login string) error {
		unlocked = login
		return nil
	}
	tok := f.session(t, "secadmin")
	form := url.Values{"max_failed_logins": {"5"}, "lockout_minutes": {"60"}, "idle_minutes": {"20"},
		"min_password_len": {"10"}, "min_password_classes": {"4"}}
	if rec := f.post("/security", tok, form); rec.Code != http.StatusSeeOther {
		t.Fatalf("save: got %d", rec.Code)
	}
	if saved.LockoutDuration.Minutes() != 60 || saved.IdleTimeout.Minutes() != 20 || saved.MinPasswordLen != 10 {
		t.Errorf("saved = %+v", saved)
	}
	form.Set("idle_minutes", "1")
	if rec := f.post("/security", tok, form); rec.Code != http.StatusBadRequest || !strings.Contains(rec.Body.String(), "会话空闲超时应在5分钟至8小时之间") {
		t.Errorf("too short idle timeout: got %d", rec.Code)
	}
	if rec := f.post("/security/unlock", tok, url.Values{"login": {" Zhang "}}); rec.Code != http.StatusSeeOther || unlocked != "Zhang" {
		t.Errorf("unlock: got %d, login %q", rec.Code, unlocked)
	}
	f.auth.UnlockFn = func(ctx context.Context, login string) error {
		return jingzi.Errorf(jingzi.ENOTFOUND, "登录名“%s”当前没有被锁定。", login)
	}
	rec := f.post("/security/unlock", tok, url.Values{"login": {"li"}})
	if rec.Code != http.StatusBadRequest || !strings.Contains(rec.Body.String(), "登录名“li”当前没有被锁定") ||
		!strings.Contains(rec.Body.String(), `name="max_failed_logins"`) {
		t.Errorf("unlock of an unlocked login: got %d, want the form with the message", rec.Code)
	}
}

func TestSwitchOrgRefusesOrgWithoutRole(t *testing.T) {
	f := newFixture(t)
	f.users["organizer"].Grants = f.users["organizer"].Grants[:1] // organiser at 2 only
	tok := f.session(t, "organizer")
	f.orgs[2].Archived = true
	rec := f.post("/org/switch", tok, url.Values{"org_id": {"3"}, "next": {"/"}})
	if rec.Code != http.StatusForbidden || f.sessions[tok].OrgID != 2 {
		t.Errorf("switch to an archived org: got %d, org %d", rec.Code, f.sessions[tok].OrgID)
	}
	rec = f.post("/org/switch", tok, url.Values{"org_id": {"4"}})
	if rec.Code != http.StatusNotFound || f.sessions[tok].OrgID != 2 {
		t.Errorf("switch to an unseen org: got %d", rec.Code)
	}
}

func TestStaticFilesAreVersionedAndCached(t *testing.T) {
	f := newFixture(t)
	for _, name := range []string{"app.css", "vendor/pico-2.1.1.min.css", "vendor/htmx-2.0.11.min.js"} {
		rec := f.get(f.s.assets.url(name), "")
		if rec.Code != http.StatusOK || !strings.Contains(rec.Header().Get("Cache-Control"), "immutable") {
			t.Errorf("%s: got %d, Cache-Control %q", name, rec.Code, rec.Header().Get("Cache-Control"))
		}
	}
	if rec := f.get("/static/000000000000/app.css", ""); rec.Code != http.StatusNotFound {
		t.Errorf("stale hash: got %d", rec.Code)
	}
	if ct := f.get(f.s.assets.url("vendor/htmx-2.0.11.min.js"), "").Header().Get("Content-Type"); !strings.Contains(ct, "javascript") {
		t.Errorf("htmx Content-Type = %q", ct)
	}
}

func cloneValues(v url.Values) url.Values {
	out := url.Values{}
	for k, vs := range v {
		out[k] = append([]string(nil), vs...)
	}
	return out
}

func mustUnescape(s string) string {
	u, _ := url.QueryUnescape(s)
	return u
}
