package web

import (
	"context"
	"net/http"
	"strings"
	"testing"

	"jingzi"
)

func TestVersionsList(t *testing.T) {
	f := newFixture(t)
	body := f.get("/statements/1/versions", f.session(t, "organizer")).Body.String()
	for _, want := range []string{"第2版", "第1版", "按框架新建", "编辑材料", `href="/statements/1/compare?from=1&amp;to=2"`,
		`<option value="1" selected>第1版</option>`} {
		if !strings.Contains(body, want) {
			t.Errorf("versions page lacks %q", want)
		}
	}
	if strings.Index(body, "<td>第2版</td>") > strings.Index(body, "<td>第1版</td>") {
		t.Error("versions should be listed newest first")
	}
}

func TestCompareMarksChangedCharacters(t *testing.T) {
	f := newFixture(t)
	sys := jingzi.NewContextWithActor(context.Background(), &jingzi.Actor{System: "test"})
	st, _ := f.store.stmt.FindStatementByID(sys, 1)
	st.Parts[0].Sections[0].Items[0].Body = "学习还不太深入。"
	if err := f.store.stmt.SaveStatement(sys, st, "改一个字"); err != nil {
		t.Fatal(err)
	}
	tok := f.session(t, "organizer")
	tests := []struct {
		query string
		want  []string
	}{
		{"?from=2&to=3", []string{`学习还不<del class="diff-del">够</del><ins class="diff-ins">太</ins>深入。`, "共有1段不同", "未改动的"}},
		{"?from=1&to=3", []string{`理论学习不系统<ins class="diff-ins">不深入</ins>。学习还不<del class="diff-del">够</del><ins class="diff-ins">太</ins>深入。`, "共有1段不同"}},
		{"", []string{`<del class="diff-del">够</del>`, "第2版与第3版比较"}},
		{"?from=3&to=3", []string{"两个版本的内容相同"}},
	}
	for _, tt := range tests {
		rec := f.get("/statements/1/compare"+tt.query, tok)
		body := rec.Body.String()
		if rec.Code != http.StatusOK {
			t.Errorf("%s: got %d", tt.query, rec.Code)
		}
		for _, want := range tt.want {
			if !strings.Contains(body, want) {
				t.Errorf("%s: compare lacks %q", tt.query, want)
			}
		}
	}
	for _, q := range []string{"?from=0&to=2", "?from=1&to=9", "?from=a"} {
		if rec := f.get("/statements/1/compare"+q, tok); rec.Code != http.StatusBadRequest || !strings.Contains(rec.Body.String(), "请选择第1至第3版之间的版本") {
			t.Errorf("%s: got %d", q, rec.Code)
		}
	}
}
