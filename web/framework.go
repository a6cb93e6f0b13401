package web

import (
	"fmt"
	"net/http"
	"sort"
	"strconv"
	"strings"
	"unicode/utf8"

	"jingzi"
)

// frameworkListPage 检视框架 lists the built-in frameworks and the orgs' own.
type frameworkListPage struct {
	Frameworks []*jingzi.Framework
	CanCreate  bool
}

// frameworkPage shows one framework; Editable when the caller may change it.
type frameworkPage struct {
	Framework *jingzi.Framework
	Editable  bool
	CanCopy   bool
}

// frameworkFormPage is the form to edit or create a framework.
type frameworkFormPage struct {
	Framework *jingzi.Framework // nil when creating
	Form      *jingzi.Framework
	Kinds     []jingzi.PartKind
	BlankRows []int // indexes of the empty rows offered for new aspects
	BlankPart int
	Error     string
}

var partKinds = []jingzi.PartKind{jingzi.PartProblems, jingzi.PartCase, jingzi.PartCauses, jingzi.PartMeasures, jingzi.PartOther}

// requireFrameworkReader lets organisers and reviewers see the frameworks.
func requireFrameworkReader(r *http.Request) error {
	u := jingzi.UserFromContext(r.Context())
	if u == nil || !(u.Holds(jingzi.RoleOrganizer) || u.Holds(jingzi.RoleReviewer)) {
		return jingzi.Errorf(jingzi.EFORBIDDEN, "只有党办组织者和上级审核人可以查看检视框架。")
	}
	return nil
}

// organiserOrg is the org a copied or new framework belongs to: the working org
// when the caller organises there, otherwise the first org they organise.
func organiserOrg(r *http.Request) (int64, error) {
	a := jingzi.ActorFromContext(r.Context())
	if a != nil && a.User != nil {
		for _, g := range a.User.Grants {
			if g.Role == jingzi.RoleOrganizer && g.OrgID == a.OrgID {
				return g.OrgID, nil
			}
		}
		for _, g := range a.User.Grants {
			if g.Role == jingzi.RoleOrganizer {
				return g.OrgID, nil
			}
		}
	}
	return 0, jingzi.Errorf(jingzi.EFORBIDDEN, "只有党办组织者可以复制、新建或修改检视框架。")
}

// canEditFramework: built-in frameworks are only copied; an org's own is edited
// by an organiser over that org.
func (s *Server) canEditFramework(r *http.Request, f *jingzi.Framework) bool {
	if f.Builtin || f.OrgID == 0 {
		return false
	}
	org, err := s.OrgService.FindOrgByID(r.Context(), f.OrgID)
	return err == nil && jingzi.HasRoleOver(r.Context(), jingzi.RoleOrganizer, org.Path)
}

func (s *Server) frameworkList(w http.ResponseWriter, r *http.Request) {
	if err := requireFrameworkReader(r); err != nil {
		s.error(w, r, err)
		return
	}
	list, err := s.FrameworkService.FindFrameworks(r.Context())
	if err != nil {
		s.error(w, r, err)
		return
	}
	_, orgErr := organiserOrg(r)
	s.render(w, r, http.StatusOK, "frameworks", "检视框架", frameworkListPage{Frameworks: list, CanCreate: orgErr == nil})
}

func (s *Server) findFramework(r *http.Request) (*jingzi.Framework, error) {
	if err := requireFrameworkReader(r); err != nil {
		return nil, err
	}
	id, err := pathID(r)
	if err != nil {
		return nil, err
	}
	return s.FrameworkService.FindFrameworkByID(r.Context(), id)
}

func (s *Server) frameworkPage(w http.ResponseWriter, r *http.Request) {
	f, err := s.findFramework(r)
	if err != nil {
		s.error(w, r, err)
		return
	}
	_, orgErr := organiserOrg(r)
	p := frameworkPage{Framework: f, Editable: s.canEditFramework(r, f), CanCopy: orgErr == nil}
	s.render(w, r, http.StatusOK, "framework", f.Name, p)
}

// copyFramework 复制 makes an editable copy in the organiser's org.
func (s *Server) copyFramework(w http.ResponseWriter, r *http.Request) {
	f, err := s.findFramework(r)
	if err != nil {
		s.error(w, r, err)
		return
	}
	orgID, err := organiserOrg(r)
	if err != nil {
		s.error(w, r, err)
		return
	}
	c := f.Clone()
	c.ID, c.OrgID, c.Builtin = 0, orgID, false
	c.Key = fmt.Sprintf("%d-%d", c.Year, s.Now().UnixNano())
	c.Name = truncateRunes(f.Name+"（副本）", 100)
	if err := s.FrameworkService.CreateFramework(r.Context(), c); err != nil {
		s.error(w, r, err)
		return
	}
	s.redirectWithFlash(w, r, frameworkHref(c.ID)+"/edit", "已复制为“"+c.Name+"”，可在此修改。")
}

func frameworkHref(id int64) string { return "/frameworks/" + strconv.FormatInt(id, 10) }

func (s *Server) frameworkNewPage(w http.ResponseWriter, r *http.Request) {
	if _, err := organiserOrg(r); err != nil {
		s.error(w, r, err)
		return
	}
	f := &jingzi.Framework{Year: s.Now().Year(), Parts: []jingzi.PartSpec{
		{Kind: jingzi.PartProblems, Heading: jingzi.PartProblems.Label()},
		{Kind: jingzi.PartCauses, Heading: jingzi.PartCauses.Label()},
		{Kind: jingzi.PartMeasures, Heading: jingzi.PartMeasures.Label()}}}
	s.renderFrameworkForm(w, r, http.StatusOK, nil, f, "")
}

func (s *Server) createFramework(w http.ResponseWriter, r *http.Request) {
	orgID, err := organiserOrg(r)
	if err != nil {
		s.error(w, r, err)
		return
	}
	f, err := parseFrameworkForm(r)
	if f == nil {
		s.error(w, r, err)
		return
	}
	f.OrgID = orgID
	f.Key = fmt.Sprintf("%d-%d", f.Year, s.Now().UnixNano())
	if err == nil {
		err = s.FrameworkService.CreateFramework(r.Context(), f)
	}
	if err != nil {
		s.formError(w, r, err, func(msg string) { s.renderFrameworkForm(w, r, statusOf(err), nil, f, msg) })
		return
	}
	s.redirectWithFlash(w, r, frameworkHref(f.ID), "已新建检视框架“"+f.Name+"”。")
}

func (s *Server) frameworkEditPage(w http.ResponseWriter, r *http.Request) {
	f, err := s.editableFramework(r)
	if err != nil {
		s.error(w, r, err)
		return
	}
	s.renderFrameworkForm(w, r, http.StatusOK, f, f.Clone(), "")
}

func (s *Server) editableFramework(r *http.Request) (*jingzi.Framework, error) {
	f, err := s.findFramework(r)
	if err != nil {
		return nil, err
	} else if f.Builtin {
		return nil, jingzi.Errorf(jingzi.EFORBIDDEN, "内置检视框架不能修改，请先复制后再修改副本。")
	} else if !s.canEditFramework(r, f) {
		return nil, jingzi.Errorf(jingzi.EFORBIDDEN, "只有该框架所属党组织的党办组织者可以修改。")
	}
	return f, nil
}

func (s *Server) updateFramework(w http.ResponseWriter, r *http.Request) {
	orig, err := s.editableFramework(r)
	if err != nil {
		s.error(w, r, err)
		return
	}
	f, err := parseFrameworkForm(r)
	if f == nil {
		s.error(w, r, err)
		return
	}
	f.ID, f.Key, f.OrgID = orig.ID, orig.Key, orig.OrgID
	if err == nil {
		err = s.FrameworkService.UpdateFramework(r.Context(), orig.ID, f)
	}
	if err != nil {
		s.formError(w, r, err, func(msg string) { s.renderFrameworkForm(w, r, statusOf(err), orig, f, msg) })
		return
	}
	s.redirectWithFlash(w, r, frameworkHref(orig.ID), "已保存检视框架“"+f.Name+"”。已建会议沿用建会时的框架，不受影响。")
}

func (s *Server) renderFrameworkForm(w http.ResponseWriter, r *http.Request, status int, orig, form *jingzi.Framework, msg string) {
	title := "新建检视框架"
	if orig != nil {
		title = "修改检视框架：" + orig.Name
	}
	p := frameworkFormPage{Framework: orig, Form: form, Kinds: partKinds, Error: msg, BlankPart: len(form.Parts)}
	for i := 0; i < 2; i++ {
		p.BlankRows = append(p.BlankRows, len(form.Aspects)+i)
	}
	s.render(w, r, status, "framework_form", title, p)
}

// parseFrameworkForm reads the form. Rows are ordered by their 序号 field; an
// aspect row without wording and a part row without kind are dropped. The
// framework is returned with the error so the form keeps what was typed.
func parseFrameworkForm(r *http.Request) (*jingzi.Framework, error) {
	if err := parseForm(r); err != nil {
		return nil, err
	}
	var errs fieldErrors
	f := &jingzi.Framework{PrefaceLastYear: formBool(r, "preface_last_year")}
	f.Name = errs.text(r, "name", 100, "框架名称")
	f.Theme = errs.text(r, "theme", 200, "主题")
	f.Source = errs.text(r, "source", 500, "表述来源")
	if y, err := strconv.Atoi(strings.TrimSpace(r.PostFormValue("year"))); err == nil {
		f.Year = y
	} else {
		errs.addf("年度应填写四位数年份，如2025。")
	}
	type ordered struct {
		order int
		n     int
	}
	var aspectOrder, partOrder []ordered
	for i := 0; i < 50; i++ {
		k := "aspect-" + strconv.Itoa(i)
		if _, ok := r.PostForm[k+"-wording"]; !ok {
			break
		}
		a := jingzi.Aspect{Wording: errs.text(r, k+"-wording", 300, "检视方面表述"),
			Label: errs.text(r, k+"-label", 20, "检视方面简称"), Confidence: jingzi.ConfidenceHigh}
		if formBool(r, k+"-check") {
			a.Confidence = jingzi.ConfidenceMedium
		}
		if a.Wording != "" {
			aspectOrder = append(aspectOrder, ordered{rowOrder(r, k, i), len(f.Aspects)})
			f.Aspects = append(f.Aspects, a)
		}
	}
	for i := 0; i < 20; i++ {
		k := "part-" + strconv.Itoa(i)
		if _, ok := r.PostForm[k+"-kind"]; !ok {
			break
		}
		p := jingzi.PartSpec{Kind: jingzi.PartKind(r.PostFormValue(k + "-kind")), Heading: errs.text(r, k+"-heading", 100, "部分标题")}
		if p.Kind == "" {
			continue
		} else if !p.Kind.Valid() {
			errs.addf("材料结构中有未知的部分类型。")
		} else if p.Heading == "" {
			p.Heading = p.Kind.Label()
		}
		partOrder = append(partOrder, ordered{rowOrder(r, k, i), len(f.Parts)})
		f.Parts = append(f.Parts, p)
	}
	sort.SliceStable(aspectOrder, func(i, j int) bool { return aspectOrder[i].order < aspectOrder[j].order })
	sort.SliceStable(partOrder, func(i, j int) bool { return partOrder[i].order < partOrder[j].order })
	aspects, parts := f.Aspects, f.Parts
	f.Aspects, f.Parts = nil, nil
	for _, o := range aspectOrder {
		f.Aspects = append(f.Aspects, aspects[o.n])
	}
	for _, o := range partOrder {
		f.Parts = append(f.Parts, parts[o.n])
	}
	if errs.first != nil {
		return f, errs.first
	}
	return f, f.Validate()
}

// rowOrder reads a row's 序号; an empty or bad one keeps the row where it is.
func rowOrder(r *http.Request, key string, def int) int {
	n, err := strconv.Atoi(strings.TrimSpace(r.PostFormValue(key + "-order")))
	if err != nil {
		return def + 1
	}
	return n
}

func truncateRunes(s string, n int) string {
	if utf8.RuneCountInString(s) <= n {
		return s
	}
	return string([]rune(s)[:n])
}
