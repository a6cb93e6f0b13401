package web

import (
	"context"
	"net/http"
	"net/http/httptest"
	"net/url"
	"strings"
	"testing"

	"jingzi"
)

const newBody = "对学习的重要性认识不足，满足于读了、抄了。"

// editForm is the editor's form as the organiser loaded it, with the first
// problem's body changed.
func editForm(t *testing.T, f *fixture, tok string) url.Values {
	t.Helper()
	body := f.get("/statements/1", tok).Body.String()
	v := formOf(t, body, "/statements/1")
	if v.Get("version") != "2" || v.Get("p0-s0-i0-heading") != "理论学习不系统不深入。" {
		t.Fatalf("the editor does not carry the version and the item: %v", v)
	}
	v.Set("p0-s0-i0-body", newBody)
	return v
}

func TestEditStatementSavesTheFormsVersion(t *testing.T) {
	f := newFixture(t)
	tok := f.session(t, "organizer")
	v := editForm(t, f, tok)
	v.Set("action", "save")
	rec := f.post("/statements/1", tok, v)
	if rec.Code != http.StatusSeeOther || !strings.HasPrefix(rec.Header().Get("Location"), "/statements/1") {
		t.Fatalf("save: got %d to %q: %s", rec.Code, rec.Header().Get("Location"), rec.Body.String())
	}
	if len(f.store.saved) != 1 {
		t.Fatalf("SaveStatement called %d times", len(f.store.saved))
	}
	got := f.store.saved[0]
	if got.fromVersion != 2 || got.st.Parts[0].Sections[0].Items[0].Body != newBody {
		t.Errorf("saved from version %d with body %q", got.fromVersion, got.st.Parts[0].Sections[0].Items[0].Body)
	}
	// Nothing else was lost on the way through the form.
	it := got.st.Parts[0].Sections[0].Items[0]
	target := got.st.Parts[2].Items[0].Targets
	if len(it.Examples) != 1 || len(target) != 1 || target[0].Quantity != nil || target[0].Unit != "篇" || got.st.Preface == "" {
		t.Errorf("examples %v, targets %+v", it.Examples, target)
	}
	if c := cookie(rec, flashCookie); c == nil || !strings.Contains(mustUnescape(c.Value), "第3版") {
		t.Error("no flash naming the new version")
	}
}

func TestEditOneItemWithHtmx(t *testing.T) {
	f := newFixture(t)
	tok := f.session(t, "organizer")
	v := editForm(t, f, tok)
	req := httptest.NewRequest(http.MethodPost, "/statements/1/items/p0-s0-i0", strings.NewReader(v.Encode()))
	req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
	req.Header.Set("HX-Request", "true")
	rec := f.do(req, tok)
	body := rec.Body.String()
	if rec.Code != http.StatusOK || strings.Contains(body, "<html") {
		t.Fatalf("item save: got %d, want a fragment", rec.Code)
	}
	if !strings.Contains(body, newBody) || !strings.Contains(body, `id="statement-version" value="3" hx-swap-oob="true"`) {
		t.Errorf("the fragment lacks the saved text or the new version: %s", body)
	}
	if len(f.store.saved) != 1 || f.store.saved[0].fromVersion != 2 || f.store.saved[0].note != "编辑“存在问题及表现”（一）一是" {
		t.Errorf("saved = %+v", f.store.saved)
	}
}

func TestEditConflictKeepsTheUsersText(t *testing.T) {
	for _, htmx := range []bool{false, true} {
		f := newFixture(t)
		tok := f.session(t, "organizer")
		v := editForm(t, f, tok)
		// Someone else saves in between.
		sys := jingzi.NewContextWithActor(context.Background(), &jingzi.Actor{System: "test"})
		other, _ := f.store.stmt.FindStatementByID(sys, 1)
		if err := f.store.stmt.SaveStatement(sys, other, "他人修改"); err != nil {
			t.Fatal(err)
		}
		path := "/statements/1"
		if htmx {
			path += "/items/p0-s0-i0"
		}
		req := httptest.NewRequest(http.MethodPost, path, strings.NewReader(v.Encode()))
		req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
		if htmx {
			req.Header.Set("HX-Request", "true")
		}
		rec := f.do(req, tok)
		body := rec.Body.String()
		if !strings.Contains(body, "材料已被他人修改（当前为第3版），您的修改未保存，请刷新后重新修改。") || !strings.Contains(body, newBody) {
			t.Errorf("htmx=%v: got %d without the message or the user's text", htmx, rec.Code)
		}
		if !htmx && (rec.Code != http.StatusConflict || !strings.Contains(body, `name="version" id="statement-version" value="2"`)) {
			t.Errorf("the re-rendered form should keep version 2 so that a resubmit conflicts again (status %d)", rec.Code)
		}
		if len(f.store.saved) != 1 {
			t.Errorf("htmx=%v: the user's edit was saved over the other", htmx)
		}
	}
}

func TestEditValidation(t *testing.T) {
	tests := []struct {
		field, value, message string
	}{
		{"count-studies", "三", "“学习研讨次数”应填写0至1000000之间的整数。"},
		{"count-talks", "-1", "“谈心谈话人次”应填写0至1000000之间的整数。"},
		{"p2-i0-t0-quantity", "2.5", "量化目标的数量应填写0至1000000之间的整数。"},
		{"title", " ", "请填写材料标题。"},
		{"p0-s0-i0-heading", strings.Repeat("问", 501), "要点不能超过500个字（现有501个字）。"},
		{"p0-s0-i0-body", strings.Repeat("问", 20001), "的正文不能超过20000个字"},
	}
	for _, tt := range tests {
		f := newFixture(t)
		tok := f.session(t, "organizer")
		v := editForm(t, f, tok)
		v.Set(tt.field, tt.value)
		rec := f.post("/statements/1", tok, v)
		body := rec.Body.String()
		if rec.Code != http.StatusBadRequest || !strings.Contains(body, tt.message) {
			t.Errorf("%s=%q: got %d without %q", tt.field, tt.value, rec.Code, tt.message)
		}
		kept := strings.Contains(body, newBody) || tt.field == "p0-s0-i0-body"
		if !kept || !strings.Contains(body, strings.TrimSpace(tt.value)) || len(f.store.saved) != 0 {
			t.Errorf("%s: the form lost the user's text or saved anyway", tt.field)
		}
	}
}

func TestEditTargetsAndExamples(t *testing.T) {
	f := newFixture(t)
	tok := f.session(t, "organizer")
	v := editForm(t, f, tok)
	v.Set("p2-i0-t0-quantity", "20")
	v.Set("p2-i0-t1-text", "每季度讲党课不少于1次")
	v.Set("p2-i0-t1-quantity", "1")
	v.Set("p2-i0-t1-unit", "次")
	v["p0-s0-i0-example"] = []string{"", "例如调研报告停留在表面。"} // first removed, one added
	if rec := f.post("/statements/1", tok, v); rec.Code != http.StatusSeeOther {
		t.Fatalf("save: %d", rec.Code)
	}
	st := f.store.saved[0].st
	ts := st.Parts[2].Items[0].Targets
	if len(ts) != 2 || ts[0].Quantity == nil || *ts[0].Quantity != 20 || ts[1].Text != "每季度讲党课不少于1次" || *ts[1].Quantity != 1 {
		t.Errorf("targets = %+v", ts)
	}
	if ex := st.Parts[0].Sections[0].Items[0].Examples; len(ex) != 1 || ex[0] != "例如调研报告停留在表面。" {
		t.Errorf("examples = %q", ex)
	}
	page := f.get("/statements/1", tok).Body.String()
	if !strings.Contains(page, `placeholder="数量待定"`) || !strings.Contains(page, "手工填写") {
		t.Error("the editor should mark unknown quantities and hand-entered counts")
	}
}

func TestReadOnlyForOthers(t *testing.T) {
	f := newFixture(t)
	f.submitStatement(1)
	for _, login := range []string{"li", "reviewer"} {
		tok := f.session(t, login)
		body := f.get("/statements/1", tok).Body.String()
		if strings.Contains(body, `action="/statements/1"`) || !strings.Contains(body, "您可以查看这份材料") ||
			!strings.Contains(body, "理论学习不系统不深入。") || !strings.Contains(body, "数量待定") {
			t.Errorf("%s should get the read-only view", login)
		}
		v := url.Values{"version": {"2"}, "title": {"改"}, "p0-kind": {"problems"}}
		if rec := f.post("/statements/1", tok, v); rec.Code != http.StatusForbidden {
			t.Errorf("%s POST: got %d, want 403", login, rec.Code)
		}
		if rec := f.post("/statements/1/items/p0-s0-i0", tok, v); rec.Code != http.StatusForbidden {
			t.Errorf("%s item POST: got %d, want 403", login, rec.Code)
		}
	}
	if len(f.store.saved) != 0 {
		t.Error("a refused edit was saved")
	}
}

func TestEditorActions(t *testing.T) {
	base := func() *jingzi.Statement {
		return &jingzi.Statement{Parts: []*jingzi.Part{
			{Kind: jingzi.PartProblems, Sections: []*jingzi.Section{{Items: []*jingzi.Item{{Heading: "甲"}, {Heading: "乙"}}}}},
			{Kind: jingzi.PartCauses, Items: []*jingzi.Item{{Heading: "丙"}}}}}
	}
	headings := func(items []*jingzi.Item) string {
		var out []string
		for _, it := range items {
			out = append(out, it.Heading)
		}
		return strings.Join(out, ",")
	}
	tests := []struct {
		action, want, note string
	}{
		{"up:p0-s0-i1", "乙,甲|丙|1", "调整第一部分（一）一是的顺序"},
		{"down:p0-s0-i0", "乙,甲|丙|1", "调整第一部分（一）二是的顺序"},
		{"up:p0-s0-i0", "甲,乙|丙|1", "调整第一部分（一）一是的顺序"},
		{"remove-item:p0-s0-i0", "乙|丙|1", "删除第一部分（一）一是"},
		{"add-item:p1", "甲,乙|丙,|1", "新增第二部分（二）"},
		{"add-section:p0", "甲,乙|丙|2", "新增第一部分（二）"},
		{"remove-section:p0-s0", "|丙|0", "删除第一部分（一）"},
		{"save", "甲,乙|丙|1", "编辑材料"},
		{"remove-item:p0-s0-i7", "", ""},
		{"up:p9-i0", "", ""},
		{"drop:p0", "", ""},
		{"add-item:x0", "", ""},
	}
	for _, tt := range tests {
		st := base()
		note, _, err := applyAction(st, tt.action)
		if tt.want == "" {
			if jingzi.ErrorCode(err) != jingzi.EINVALID {
				t.Errorf("%s: err = %v, want EINVALID", tt.action, err)
			}
			continue
		}
		first := ""
		if len(st.Parts[0].Sections) > 0 {
			first = headings(st.Parts[0].Sections[0].Items)
		}
		got := first + "|" + headings(st.Parts[1].Items) + "|" + string(rune('0'+len(st.Parts[0].Sections)))
		if err != nil || got != tt.want || note != tt.note {
			t.Errorf("%s: got %q note %q err %v, want %q note %q", tt.action, got, note, err, tt.want, tt.note)
		}
	}
}
