package web

import (
	"net/http"
	"strconv"
	"strings"

	"jingzi"
)

// newGrantRows is how many empty role rows the account forms offer.
const newGrantRows = 3

// userListPage 账号管理 lists the accounts of the working org's subtree.
type userListPage struct {
	Org   *jingzi.Org
	Users []*jingzi.User
	Total int
}

// userFormPage is the form to create an account or edit one.
type userFormPage struct {
	User    *jingzi.User // nil when creating
	Form    userForm
	Orgs    []*jingzi.Org
	Roles   []jingzi.Role
	NewRows []int
	Error   string
}

// userForm 账号表单.
type userForm struct {
	Login, Name, Title string
	Email              string
	OrgID              int64
	Disabled           bool
	Grants             []jingzi.Grant
	Password, Repeat   string
}

func (s *Server) userList(w http.ResponseWriter, r *http.Request) {
	if err := requireSysadmin(r); err != nil {
		s.error(w, r, err)
		return
	}
	var p userListPage
	var filter jingzi.UserFilter
	if id := jingzi.ActorFromContext(r.Context()).OrgID; id != 0 {
		if org, err := s.OrgService.FindOrgByID(r.Context(), id); err == nil {
			p.Org, filter.Within = org, &org.ID
		}
	}
	var err error
	if p.Users, p.Total, err = s.UserService.FindUsers(r.Context(), filter); err != nil {
		s.error(w, r, err)
		return
	}
	s.render(w, r, http.StatusOK, "users", "账号管理", p)
}

func (s *Server) renderUserForm(w http.ResponseWriter, r *http.Request, status int, u *jingzi.User, f userForm, msg string) {
	if err := requireSysadmin(r); err != nil {
		s.error(w, r, err)
		return
	}
	orgs, err := s.manageableOrgs(r, nil)
	if err != nil {
		s.error(w, r, err)
		return
	}
	title := "新建账号"
	if u != nil {
		title = "编辑账号：" + u.Name
	}
	p := userFormPage{User: u, Form: f, Orgs: orgs, Roles: jingzi.Roles, Error: msg}
	for i := range newGrantRows {
		p.NewRows = append(p.NewRows, i)
	}
	s.render(w, r, status, "user_form", title, p)
}

func (s *Server) userNewPage(w http.ResponseWriter, r *http.Request) {
	s.renderUserForm(w, r, http.StatusOK, nil, userForm{OrgID: jingzi.ActorFromContext(r.Context()).OrgID}, "")
}

// parseGrants reads the kept existing grants (keep_N) and the new rows
// (role_N with org_N); a half-filled new row is an error, an empty one is skipped.
func parseGrants(r *http.Request, existing []jingzi.Grant) ([]jingzi.Grant, error) {
	var out []jingzi.Grant
	for i, g := range existing {
		if formBool(r, "keep_"+strconv.Itoa(i)) {
			out = append(out, jingzi.Grant{Role: g.Role, OrgID: g.OrgID})
		}
	}
	for i := range newGrantRows {
		role := jingzi.Role(r.PostFormValue("role_" + strconv.Itoa(i)))
		org, err := formID(r, "org_"+strconv.Itoa(i))
		if err != nil {
			return nil, err
		}
		switch {
		case role == "" && org == 0:
			continue
		case !role.Valid() || org == 0:
			return nil, jingzi.Errorf(jingzi.EINVALID, "第%d行角色设置不完整：请同时选择角色和所在党组织。", i+1)
		}
		out = append(out, jingzi.Grant{Role: role, OrgID: org})
	}
	return out, nil
}

func parseUserForm(r *http.Request, existing []jingzi.Grant) (userForm, error) {
	if err := parseForm(r); err != nil {
		return userForm{}, err
	}
	f := userForm{Login: strings.TrimSpace(r.PostFormValue("login")), Name: strings.TrimSpace(r.PostFormValue("name")),
		Title: strings.TrimSpace(r.PostFormValue("title")), Email: strings.TrimSpace(r.PostFormValue("email")), Disabled: formBool(r, "disabled"),
		Password: r.PostFormValue("password"), Repeat: r.PostFormValue("repeat")}
	var err error
	if f.OrgID, err = formID(r, "org_id"); err != nil {
		return f, err
	}
	f.Grants, err = parseGrants(r, existing)
	return f, err
}

func (s *Server) createUser(w http.ResponseWriter, r *http.Request) {
	f, err := parseUserForm(r, nil)
	if err == nil && f.Password != f.Repeat {
		err = jingzi.Errorf(jingzi.EINVALID, "两次输入的初始密码不一致。")
	}
	if err != nil {
		s.formError(w, r, err, func(msg string) { s.renderUserForm(w, r, http.StatusBadRequest, nil, f, msg) })
		return
	}
	u := &jingzi.User{Login: f.Login, Name: f.Name, Title: f.Title, Email: f.Email, OrgID: f.OrgID, Grants: f.Grants, MustChangePassword: true}
	if err := s.UserService.CreateUser(r.Context(), u, f.Password); err != nil {
		s.formError(w, r, err, func(msg string) { s.renderUserForm(w, r, statusOf(err), nil, f, msg) })
		return
	}
	s.redirectWithFlash(w, r, "/users/"+strconv.FormatInt(u.ID, 10), "已新建账号“"+u.Name+"”，首次登录时须修改初始密码。")
}

func (s *Server) findUser(r *http.Request) (*jingzi.User, error) {
	id, err := pathID(r)
	if err != nil {
		return nil, err
	}
	return s.UserService.FindUserByID(r.Context(), id)
}

func (s *Server) userPage(w http.ResponseWriter, r *http.Request) {
	u, err := s.findUser(r)
	if err != nil {
		s.error(w, r, err)
		return
	}
	f := userForm{Login: u.Login, Name: u.Name, Title: u.Title, Email: u.Email, OrgID: u.OrgID, Disabled: u.Disabled, Grants: u.Grants}
	s.renderUserForm(w, r, http.StatusOK, u, f, "")
}

// updateUser saves name, 职务, 电子邮箱, org and the disabled flag.
func (s *Server) updateUser(w http.ResponseWriter, r *http.Request) {
	u, err := s.findUser(r)
	if err != nil {
		s.error(w, r, err)
		return
	}
	f, err := parseUserForm(r, nil)
	f.Login, f.Grants = u.Login, u.Grants
	if err != nil {
		s.formError(w, r, err, func(msg string) { s.renderUserForm(w, r, http.StatusBadRequest, u, f, msg) })
		return
	}
	upd := jingzi.UserUpdate{Name: &f.Name, Title: &f.Title, Email: &f.Email, OrgID: &f.OrgID, Disabled: &f.Disabled}
	s.saveUser(w, r, u, f, upd, "已保存账号信息。")
}

// updateGrants saves the roles: the kept ones and any new rows.
func (s *Server) updateGrants(w http.ResponseWriter, r *http.Request) {
	u, err := s.findUser(r)
	if err != nil {
		s.error(w, r, err)
		return
	}
	f := userForm{Login: u.Login, Name: u.Name, Title: u.Title, Email: u.Email, OrgID: u.OrgID, Disabled: u.Disabled, Grants: u.Grants}
	if err := parseForm(r); err != nil {
		s.error(w, r, err)
		return
	}
	grants, err := parseGrants(r, u.Grants)
	if err != nil {
		s.formError(w, r, err, func(msg string) { s.renderUserForm(w, r, http.StatusBadRequest, u, f, msg) })
		return
	}
	s.saveUser(w, r, u, f, jingzi.UserUpdate{Grants: &grants}, "已保存角色设置。")
}

func (s *Server) saveUser(w http.ResponseWriter, r *http.Request, u *jingzi.User, f userForm, upd jingzi.UserUpdate, done string) {
	if _, err := s.UserService.UpdateUser(r.Context(), u.ID, upd); err != nil {
		s.formError(w, r, err, func(msg string) { s.renderUserForm(w, r, statusOf(err), u, f, msg) })
		return
	}
	s.redirectWithFlash(w, r, "/users/"+strconv.FormatInt(u.ID, 10), done)
}

// resetPassword sets a password chosen by the admin; the user must change it.
func (s *Server) resetPassword(w http.ResponseWriter, r *http.Request) {
	u, err := s.findUser(r)
	if err != nil {
		s.error(w, r, err)
		return
	}
	f := userForm{Login: u.Login, Name: u.Name, Title: u.Title, Email: u.Email, OrgID: u.OrgID, Disabled: u.Disabled, Grants: u.Grants}
	if err := parseForm(r); err != nil {
		s.error(w, r, err)
		return
	}
	if pw := r.PostFormValue("password"); pw != r.PostFormValue("repeat") {
		err = jingzi.Errorf(jingzi.EINVALID, "两次输入的新密码不一致。")
	} else {
		err = s.UserService.ResetPassword(r.Context(), u.ID, pw)
	}
	if err != nil {
		s.formError(w, r, err, func(msg string) { s.renderUserForm(w, r, statusOf(err), u, f, msg) })
		return
	}
	s.redirectWithFlash(w, r, "/users/"+strconv.FormatInt(u.ID, 10), "已重置密码，该账号下次登录时须修改密码。")
}
