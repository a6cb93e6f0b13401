package web

import (
	"net/http"
	"net/url"
	"strings"
	"testing"

	"jingzi"
)

func TestFrameworkList(t *testing.T) {
	f := newFixture(t)
	body := f.get("/frameworks", f.session(t, "organizer")).Body.String()
	for _, want := range []string{"2021年度", "2025年度", "内置", "本单位", "市民政局党委检视框架", "待核对", `href="/frameworks/new"`} {
		if !strings.Contains(body, want) {
			t.Errorf("framework list lacks %q", want)
		}
	}
	for login, status := range map[string]int{"reviewer": http.StatusOK, "li": http.StatusForbidden, "admin": http.StatusForbidden} {
		if rec := f.get("/frameworks", f.session(t, login)); rec.Code != status {
			t.Errorf("%s: got %d, want %d", login, rec.Code, status)
		}
	}
	if body := f.get("/frameworks/1", f.session(t, "reviewer")).Body.String(); strings.Contains(body, "/copy") || strings.Contains(body, "/edit") {
		t.Error("a reviewer is offered to copy or edit a framework")
	}
}

func TestCopyFramework(t *testing.T) {
	f := newFixture(t)
	before := len(f.store.frameworks)
	if rec := f.post("/frameworks/1/copy", f.session(t, "reviewer"), nil); rec.Code != http.StatusForbidden {
		t.Errorf("reviewer copy: got %d", rec.Code)
	}
	rec := f.post("/frameworks/1/copy", f.session(t, "organizer"), nil)
	if rec.Code != http.StatusSeeOther || len(f.store.frameworks) != before+1 {
		t.Fatalf("copy: got %d", rec.Code)
	}
	orig, c := f.store.frameworks[0], f.store.frameworks[before]
	if rec.Header().Get("Location") != frameworkHref(c.ID)+"/edit" {
		t.Errorf("redirect to %q", rec.Header().Get("Location"))
	}
	if c.Builtin || c.OrgID != 2 || c.Name != orig.Name+"（副本）" || c.Key == orig.Key || len(c.Aspects) != len(orig.Aspects) || c.Aspects[0] != orig.Aspects[0] {
		t.Errorf("copy = %+v", c)
	}
	if rec := f.get(frameworkHref(c.ID)+"/edit", f.session(t, "organizer")); rec.Code != http.StatusOK {
		t.Errorf("the copy is not editable: %d", rec.Code)
	}
}

func TestEditFramework(t *testing.T) {
	f := newFixture(t)
	tok := f.session(t, "organizer")
	if rec := f.get("/frameworks/1/edit", tok); rec.Code != http.StatusForbidden || !strings.Contains(rec.Body.String(), "内置检视框架不能修改") {
		t.Errorf("built-in edit page: got %d", rec.Code)
	}
	if rec := f.post("/frameworks/1/edit", tok, url.Values{"name": {"x"}}); rec.Code != http.StatusForbidden {
		t.Errorf("built-in edit: got %d", rec.Code)
	}
	v := formOf(t, f.get("/frameworks/11/edit", tok).Body.String(), "/frameworks/11/edit")
	v.Set("name", "市民政局党委2025年度检视框架")
	v.Set("aspect-0-order", "9")          // first aspect moves to the end
	v.Set("aspect-1-check", "on")         // second marked 待核对
	v.Set("aspect-2-wording", "")         // third removed
	v.Set("aspect-5-wording", "带头改进工作作风") // a blank row filled in
	v.Set("part-1-kind", "")              // second part dropped
	rec := f.post("/frameworks/11/edit", tok, v)
	if rec.Code != http.StatusSeeOther {
		t.Fatalf("edit: got %d: %s", rec.Code, rec.Body.String())
	}
	got := f.store.frameworks[len(f.store.frameworks)-1]
	orig := f.store.frameworks[0]
	if got.ID != 11 || got.Name != "市民政局党委2025年度检视框架" || got.OrgID != 2 {
		t.Fatalf("updated = %+v", got)
	}
	wantWordings := []string{orig.Aspects[1].Wording, orig.Aspects[3].Wording, orig.Aspects[4].Wording, "带头改进工作作风", orig.Aspects[0].Wording}
	if len(got.Aspects) != len(wantWordings) {
		t.Fatalf("aspects = %+v", got.Aspects)
	}
	for i, w := range wantWordings {
		if got.Aspects[i].Wording != w {
			t.Errorf("aspect %d = %q, want %q", i, got.Aspects[i].Wording, w)
		}
	}
	if got.Aspects[0].Confidence != jingzi.ConfidenceMedium || got.Aspects[1].Confidence != jingzi.ConfidenceHigh {
		t.Errorf("待核对 flags = %q %q", got.Aspects[0].Confidence, got.Aspects[1].Confidence)
	}
	if len(got.Parts) != len(orig.Parts)-1 || got.Parts[1].Kind != orig.Parts[2].Kind {
		t.Errorf("parts = %+v", got.Parts)
	}
}

func TestFrameworkFormErrors(t *testing.T) {
	tests := []struct {
		change  url.Values
		message string
	}{
		{url.Values{"year": {"99"}}, "年度应为四位数年份。"},
		{url.Values{"year": {"二〇二五"}}, "年度应填写四位数年份，如2025。"},
		{url.Values{"name": {""}}, "请填写框架名称"},
		{url.Values{"aspect-0-wording": {""}}, "检视方面应有1至12项。"},
		{url.Values{"part-0-kind": {""}}, "材料结构须包含“存在问题”部分。"},
		{url.Values{"part-0-kind": {"appendix"}}, "材料结构中有未知的部分类型。"},
	}
	for _, tt := range tests {
		f := newFixture(t)
		tok := f.session(t, "organizer")
		v := formOf(t, f.get("/frameworks/new", tok).Body.String(), "/frameworks/new")
		v.Set("name", "新框架")
		v.Set("aspect-0-wording", "带头强化政治忠诚")
		for k, vals := range tt.change {
			v[k] = vals
		}
		before := len(f.store.frameworks)
		rec := f.post("/frameworks/new", tok, v)
		if rec.Code != http.StatusBadRequest || !strings.Contains(rec.Body.String(), tt.message) {
			t.Errorf("%v: got %d without %q", tt.change, rec.Code, tt.message)
		}
		if len(f.store.frameworks) != before {
			t.Errorf("%v: a framework was created", tt.change)
		}
	}
	f := newFixture(t)
	tok := f.session(t, "organizer")
	v := formOf(t, f.get("/frameworks/new", tok).Body.String(), "/frameworks/new")
	v.Set("name", "新框架")
	v.Set("aspect-0-wording", "带头强化政治忠诚")
	if rec := f.post("/frameworks/new", tok, v); rec.Code != http.StatusSeeOther {
		t.Fatalf("create: got %d: %s", rec.Code, rec.Body.String())
	}
	got := f.store.frameworks[len(f.store.frameworks)-1]
	if got.Name != "新框架" || got.OrgID != 2 || got.Year != 2024 || len(got.Aspects) != 1 || len(got.Parts) != 3 {
		t.Errorf("created = %+v", got)
	}
}
