package web

import (
	"net/http"
	"strconv"
	"strings"

	"jingzi"
)

// orgListPage 党组织管理 shows the tree, archived orgs included.
type orgListPage struct {
	Orgs []*jingzi.Org
}

// orgFormPage is the form to create or edit an org.
type orgFormPage struct {
	Org     *jingzi.Org // nil when creating
	Form    orgForm
	Parents []*jingzi.Org
	Kinds   []jingzi.OrgKind
	Error   string
}

// orgForm 党组织表单.
type orgForm struct {
	Name     string
	Kind     jingzi.OrgKind
	ParentID int64
	Position int
	Archived bool
}

func parseOrgForm(r *http.Request) (orgForm, error) {
	if err := parseForm(r); err != nil {
		return orgForm{}, err
	}
	f := orgForm{Name: strings.TrimSpace(r.PostFormValue("name")), Kind: jingzi.OrgKind(r.PostFormValue("kind")),
		Archived: formBool(r, "archived")}
	var err error
	if f.ParentID, err = formID(r, "parent_id"); err != nil {
		return f, err
	}
	if strings.TrimSpace(r.PostFormValue("position")) != "" {
		if f.Position, err = formInt(r, "position", "排序"); err != nil {
			return f, err
		}
	}
	return f, nil
}

// requireSysadmin hides the admin pages from other roles; the services enforce
// the same rule on every change.
func requireSysadmin(r *http.Request) error {
	if u := jingzi.UserFromContext(r.Context()); u == nil || !u.Holds(jingzi.RoleSysadmin) {
		return jingzi.Errorf(jingzi.EFORBIDDEN, "只有系统管理员可以管理党组织和账号。")
	}
	return nil
}

func (s *Server) orgList(w http.ResponseWriter, r *http.Request) {
	if err := requireSysadmin(r); err != nil {
		s.error(w, r, err)
		return
	}
	orgs, _, err := s.OrgService.FindOrgs(r.Context(), jingzi.OrgFilter{IncludeArchived: true})
	if err != nil {
		s.error(w, r, err)
		return
	}
	s.render(w, r, http.StatusOK, "orgs", "党组织管理", orgListPage{Orgs: orgs})
}

// manageableOrgs are the orgs the caller may put an org or an account under.
func (s *Server) manageableOrgs(r *http.Request, except *jingzi.Org) ([]*jingzi.Org, error) {
	all, _, err := s.OrgService.FindOrgs(r.Context(), jingzi.OrgFilter{})
	if err != nil {
		return nil, err
	}
	var out []*jingzi.Org
	for _, o := range all {
		if jingzi.CanManageOrg(r.Context(), o) && (except == nil || !o.IsWithin(except)) {
			out = append(out, o)
		}
	}
	return out, nil
}

func (s *Server) orgNewPage(w http.ResponseWriter, r *http.Request) {
	var f orgForm
	f.Kind = jingzi.OrgBranch
	if id, err := strconv.ParseInt(r.URL.Query().Get("parent"), 10, 64); err == nil {
		f.ParentID = id
	}
	s.renderOrgForm(w, r, http.StatusOK, nil, f, "")
}

func (s *Server) renderOrgForm(w http.ResponseWriter, r *http.Request, status int, org *jingzi.Org, f orgForm, msg string) {
	if err := requireSysadmin(r); err != nil {
		s.error(w, r, err)
		return
	}
	parents, err := s.manageableOrgs(r, org)
	if err != nil {
		s.error(w, r, err)
		return
	}
	title := "新建党组织"
	if org != nil {
		title = "编辑党组织：" + org.Name
	}
	p := orgFormPage{Org: org, Form: f, Parents: parents, Kinds: jingzi.OrgKinds, Error: msg}
	s.render(w, r, status, "org_form", title, p)
}

func (s *Server) createOrg(w http.ResponseWriter, r *http.Request) {
	f, err := parseOrgForm(r)
	if err != nil {
		s.formError(w, r, err, func(msg string) { s.renderOrgForm(w, r, http.StatusBadRequest, nil, f, msg) })
		return
	}
	org := &jingzi.Org{Name: f.Name, Kind: f.Kind, ParentID: f.ParentID, Position: f.Position}
	if err := s.OrgService.CreateOrg(r.Context(), org); err != nil {
		s.formError(w, r, err, func(msg string) { s.renderOrgForm(w, r, statusOf(err), nil, f, msg) })
		return
	}
	s.redirectWithFlash(w, r, "/orgs", "已新建党组织“"+org.Name+"”。")
}

func (s *Server) orgPage(w http.ResponseWriter, r *http.Request) {
	org, err := s.findOrg(r)
	if err != nil {
		s.error(w, r, err)
		return
	}
	f := orgForm{Name: org.Name, Kind: org.Kind, ParentID: org.ParentID, Position: org.Position, Archived: org.Archived}
	s.renderOrgForm(w, r, http.StatusOK, org, f, "")
}

func (s *Server) findOrg(r *http.Request) (*jingzi.Org, error) {
	id, err := pathID(r)
	if err != nil {
		return nil, err
	}
	return s.OrgService.FindOrgByID(r.Context(), id)
}

func (s *Server) updateOrg(w http.ResponseWriter, r *http.Request) {
	org, err := s.findOrg(r)
	if err != nil {
		s.error(w, r, err)
		return
	}
	f, err := parseOrgForm(r)
	if err != nil {
		s.formError(w, r, err, func(msg string) { s.renderOrgForm(w, r, http.StatusBadRequest, org, f, msg) })
		return
	}
	upd := jingzi.OrgUpdate{Name: &f.Name, Kind: &f.Kind, Position: &f.Position, Archived: &f.Archived}
	if f.ParentID != 0 && f.ParentID != org.ParentID {
		upd.ParentID = &f.ParentID
	}
	updated, err := s.OrgService.UpdateOrg(r.Context(), org.ID, upd)
	if err != nil {
		s.formError(w, r, err, func(msg string) { s.renderOrgForm(w, r, statusOf(err), org, f, msg) })
		return
	}
	s.redirectWithFlash(w, r, "/orgs", "已保存党组织“"+updated.Name+"”。")
}

// formError shows the form again for the user's mistakes (invalid input, a
// conflict) and the error page for anything else.
func (s *Server) formError(w http.ResponseWriter, r *http.Request, err error, again func(msg string)) {
	switch jingzi.ErrorCode(err) {
	case jingzi.EINVALID, jingzi.ECONFLICT:
		again(jingzi.ErrorMessage(err))
	default:
		s.error(w, r, err)
	}
}

// switchOrg 切换党组织 changes the session's working org.
func (s *Server) switchOrg(w http.ResponseWriter, r *http.Request) {
	if err := parseForm(r); err != nil {
		s.error(w, r, err)
		return
	}
	id, err := formID(r, "org_id")
	if err != nil {
		s.error(w, r, err)
		return
	}
	org, err := s.OrgService.FindOrgByID(r.Context(), id)
	if err != nil {
		s.error(w, r, err)
		return
	} else if !jingzi.CanUseOrg(r.Context(), org) {
		s.error(w, r, jingzi.Errorf(jingzi.EFORBIDDEN, "您在“%s”没有任何角色，不能切换到该党组织。", org.Name))
		return
	}
	if err := s.AuthService.SetSessionOrg(r.Context(), sessionToken(r.Context()), org.ID); err != nil {
		s.error(w, r, err)
		return
	}
	s.redirectWithFlash(w, r, safeNext(r.PostFormValue("next")), "已切换到“"+org.Name+"”。")
}
