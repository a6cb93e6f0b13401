package web

import (
	"context"
	"net/http"
	"net/url"
	"strings"
	"testing"

	"jingzi"
)

// The administrator sees and sets an account's 电子邮箱 on create and edit.
func TestUserFormEmail(t *testing.T) {
	f := newFixture(t)
	tok := f.session(t, "admin")
	var created *jingzi.User
	f.user.CreateUserFn = func(ctx context.Context, u *jingzi.User, pw string) error {
		u.ID, created = 30, u
		return nil
	}
	var saved *string
	f.user.UpdateUserFn = func(ctx context.Context, id int64, upd jingzi.UserUpdate) (*jingzi.User, error) {
		saved = upd.Email
		return f.users["organizer"], nil
	}
	if body := f.get("/users/new", tok).Body.String(); !strings.Contains(body, `name="email"`) {
		t.Error("the new-account form has no email field")
	}
	rec := f.post("/users", tok, url.Values{"login": {"zhang"}, "name": {"张三"}, "org_id": {"2"}, "email": {" zhangsan@mzj.jiangcheng.gov.cn "},
		"password": {"Abc#12345"}, "repeat": {"Abc#12345"}})
	if rec.Code != http.StatusSeeOther || created == nil || created.Email != "zhangsan@mzj.jiangcheng.gov.cn" {
		t.Fatalf("create: %d, %+v", rec.Code, created)
	}
	org := f.users["organizer"]
	org.Email = "wang@mzj.jiangcheng.gov.cn"
	if body := f.get("/users/10", tok).Body.String(); !strings.Contains(body, `value="wang@mzj.jiangcheng.gov.cn"`) {
		t.Error("the edit form does not show the stored address")
	}
	rec = f.post("/users/10", tok, url.Values{"name": {org.Name}, "org_id": {"3"}, "email": {""}})
	if rec.Code != http.StatusSeeOther || saved == nil || *saved != "" {
		t.Errorf("clearing the address: %d, saved %v", rec.Code, saved)
	}
	f.user.UpdateUserFn = func(ctx context.Context, id int64, upd jingzi.UserUpdate) (*jingzi.User, error) {
		return nil, jingzi.ValidateEmail(*upd.Email)
	}
	rec = f.post("/users/10", tok, url.Values{"name": {org.Name}, "org_id": {"3"}, "email": {"wang@"}})
	if body := rec.Body.String(); rec.Code != http.StatusBadRequest || !strings.Contains(body, "电子邮箱地址格式不正确") || !strings.Contains(body, `value="wang@"`) {
		t.Errorf("a malformed address: %d, message or input missing", rec.Code)
	}
}

// A person sets or clears their own address below the password form; a
// refused address comes back with the reason and what they typed.
func TestChangeOwnEmail(t *testing.T) {
	f := newFixture(t)
	tok := f.session(t, "organizer")
	var got []string
	f.user.ChangeEmailFn = func(ctx context.Context, email string) error {
		if err := jingzi.ValidateEmail(email); err != nil {
			return err
		}
		got = append(got, email)
		return nil
	}
	if body := f.get("/password", tok).Body.String(); !strings.Contains(body, `action="/me/email"`) {
		t.Fatal("no email form on /password")
	}
	tests := []struct {
		email  string
		status int
		flash  string
	}{
		{" wang@mzj.jiangcheng.gov.cn ", http.StatusSeeOther, "已保存电子邮箱"},
		{"wang@mzj", http.StatusBadRequest, ""},
		{"", http.StatusSeeOther, "已清除电子邮箱"},
	}
	for _, tt := range tests {
		rec := f.post("/me/email", tok, url.Values{"email": {tt.email}})
		if rec.Code != tt.status {
			t.Errorf("%q: got %d, want %d", tt.email, rec.Code, tt.status)
		}
		if tt.status == http.StatusBadRequest {
			if body := rec.Body.String(); !strings.Contains(body, "电子邮箱地址格式不正确") || !strings.Contains(body, `value="wang@mzj"`) {
				t.Errorf("%q: the reason or the input is missing", tt.email)
			}
		} else if c := cookie(rec, flashCookie); c == nil || !strings.Contains(mustUnescape(c.Value), tt.flash) {
			t.Errorf("%q: no flash %q", tt.email, tt.flash)
		}
	}
	if strings.Join(got, "|") != "wang@mzj.jiangcheng.gov.cn|" {
		t.Errorf("ChangeEmail called with %q", got)
	}
	if body := f.get("/password", f.session(t, "newbie")).Body.String(); strings.Contains(body, `action="/me/email"`) {
		t.Error("a user who must change the password first is offered the email form")
	}
}
