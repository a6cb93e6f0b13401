package web

import (
	"context"
	"crypto/sha256"
	"encoding/base64"
	"html"
	"net/http"
	"net/url"
	"regexp"
	"strings"
	"testing"

	"jingzi"
)

var (
	inputPattern    = regexp.MustCompile(`<input\b[^>]*>`)
	textareaPattern = regexp.MustCompile(`(?s)<textarea\b[^>]*name="([^"]*)"[^>]*>(.*?)</textarea>`)
	selectPattern   = regexp.MustCompile(`(?s)<select\b[^>]*name="([^"]*)"[^>]*>(.*?)</select>`)
	selectedPattern = regexp.MustCompile(`<option value="([^"]*)" selected>`)
	attrPattern     = regexp.MustCompile(`\s([a-z-]+)="([^"]*)"`)
)

// formOf returns the values a browser would post from the first form in body
// whose action is action, the way a user who changed nothing would send it.
func formOf(t *testing.T, body, action string) url.Values {
	t.Helper()
	start := strings.Index(body, `<form method="post" action="`+action+`"`)
	if start < 0 {
		t.Fatalf("no form posting to %s", action)
	}
	form := body[start:]
	form = form[:strings.Index(form, "</form>")]
	v := url.Values{}
	for _, tag := range inputPattern.FindAllString(form, -1) {
		attrs := map[string]string{}
		for _, m := range attrPattern.FindAllStringSubmatch(tag, -1) {
			attrs[m[1]] = html.UnescapeString(m[2])
		}
		if attrs["name"] == "" || attrs["type"] == "checkbox" || attrs["type"] == "file" {
			continue
		}
		v.Add(attrs["name"], attrs["value"])
	}
	for _, m := range textareaPattern.FindAllStringSubmatch(form, -1) {
		v.Add(m[1], html.UnescapeString(m[2]))
	}
	for _, m := range selectPattern.FindAllStringSubmatch(form, -1) {
		if sel := selectedPattern.FindStringSubmatch(m[2]); sel != nil {
			v.Add(m[1], html.UnescapeString(sel[1]))
		}
	}
	return v
}

func TestCreateStatementFromSkeleton(t *testing.T) {
	f := newFixture(t)
	rec := f.post("/meetings/7/statements", f.session(t, "organizer"), url.Values{"participant_id": {"2"}})
	if rec.Code != http.StatusSeeOther || rec.Header().Get("Location") != "/statements/2" {
		t.Fatalf("create: got %d to %q", rec.Code, rec.Header().Get("Location"))
	}
	if len(f.store.created) != 1 {
		t.Fatalf("CreateStatement called %d times", len(f.store.created))
	}
	got, fw := f.store.created[0], f.meeting.Framework
	if got.st.Title != "李副局长同志2022年度专题民主生活会对照检查材料" || got.st.ParticipantID != 2 || got.note != "按框架新建" {
		t.Errorf("created %q for %d with note %q", got.st.Title, got.st.ParticipantID, got.note)
	}
	if len(got.st.Parts) != len(fw.Parts) {
		t.Fatalf("parts = %d, want %d", len(got.st.Parts), len(fw.Parts))
	}
	for i, spec := range fw.Parts {
		if got.st.Parts[i].Kind != spec.Kind || got.st.Parts[i].Heading != spec.Heading {
			t.Errorf("part %d = %s %q, want %s %q", i, got.st.Parts[i].Kind, got.st.Parts[i].Heading, spec.Kind, spec.Heading)
		}
	}
	secs := got.st.Part(jingzi.PartProblems).Sections
	if len(secs) != len(fw.Aspects) {
		t.Fatalf("sections = %d, want one per aspect (%d)", len(secs), len(fw.Aspects))
	}
	for i, a := range fw.Aspects {
		if secs[i].Heading != a.Wording || secs[i].AspectIndex != i {
			t.Errorf("section %d = %q → %d", i, secs[i].Heading, secs[i].AspectIndex)
		}
	}
	page := f.get("/meetings/7/statements", f.session(t, "organizer")).Body.String()
	if !strings.Contains(page, "第1版") || !strings.Contains(page, "王organizer") || !strings.Contains(page, "未创建") {
		t.Error("the statements page does not show the new statement's version and who saved it, or the missing ones")
	}
}

func TestCreateStatementRefused(t *testing.T) {
	tests := []struct {
		name, login, owner string
		status             int
		message            string
	}{
		{"participant for a colleague", "li", "1", http.StatusForbidden, "您不能为张书记新建对照检查材料"},
		{"team statement exists", "organizer", "0", http.StatusConflict, "该成员已有对照检查材料"},
		{"not on the roster", "organizer", "99", http.StatusBadRequest, "不在本次会议名单中"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			f := newFixture(t)
			rec := f.post("/meetings/7/statements", f.session(t, tt.login), url.Values{"participant_id": {tt.owner}})
			if rec.Code != tt.status || !strings.Contains(rec.Body.String(), tt.message) {
				t.Errorf("got %d, want %d with %q", rec.Code, tt.status, tt.message)
			}
			if len(f.store.created) != 0 {
				t.Error("a statement was created")
			}
		})
	}
}

func TestParticipantSeesOnlyOwnAndTeam(t *testing.T) {
	f := newFixture(t)
	org := f.session(t, "organizer")
	f.post("/meetings/7/statements", org, url.Values{"participant_id": {"1"}}) // 张书记's, id 2
	li := f.session(t, "li")
	page := f.get("/meetings/7/statements", li).Body.String()
	if strings.Contains(page, "张书记") || !strings.Contains(page, "李副局长") || !strings.Contains(page, "领导班子对照检查材料") {
		t.Error("a participant's list should show the team and themselves only")
	}
	if !strings.Contains(page, "按框架新建") {
		t.Error("a participant may start their own statement")
	}
	if rec := f.get("/statements/2", li); rec.Code != http.StatusNotFound {
		t.Errorf("colleague's statement: got %d, want 404", rec.Code)
	}
}

func TestDownloadStatement(t *testing.T) {
	f := newFixture(t)
	tok := f.session(t, "organizer")
	tests := []struct {
		path, contentType, disposition string
	}{
		{"/statements/1/export.docx", "application/vnd.openxmlformats-officedocument.wordprocessingml.document", "attachment"},
		{"/statements/1/export.md", "text/markdown; charset=utf-8", "attachment"},
		{"/statements/1/export.html", "text/html; charset=utf-8", "inline"},
	}
	title := "市民政局党委领导班子2022年度专题民主生活会对照检查材料"
	for _, tt := range tests {
		rec := f.get(tt.path, tok)
		if rec.Code != http.StatusOK || rec.Header().Get("Content-Type") != tt.contentType {
			t.Errorf("%s: %d %q", tt.path, rec.Code, rec.Header().Get("Content-Type"))
			continue
		}
		ext := tt.path[strings.LastIndex(tt.path, "."):]
		cd := rec.Header().Get("Content-Disposition")
		if !strings.HasPrefix(cd, tt.disposition+`; filename="statement`+ext+`"; filename*=UTF-8''`) {
			t.Errorf("%s: Content-Disposition %q", tt.path, cd)
		}
		name, err := url.PathUnescape(cd[strings.Index(cd, "''")+2:])
		if err != nil || name != title+ext {
			t.Errorf("%s: file name %q", tt.path, name)
		}
		if !strings.Contains(rec.Body.String(), "理论学习不系统不深入。") {
			t.Errorf("%s: the download lacks the statement's text", tt.path)
		}
	}
}

func TestContentDispositionEscapesSeparators(t *testing.T) {
	got := contentDisposition("attachment", `王 "建国";a,b.docx`)
	want := `attachment; filename="statement.docx"; filename*=UTF-8''%E7%8E%8B%20%22%E5%BB%BA%E5%9B%BD%22%3Ba%2Cb.docx`
	if got != want {
		t.Errorf("got  %s\nwant %s", got, want)
	}
}

func TestPrintViewAllowsOnlyItsOwnStyle(t *testing.T) {
	f := newFixture(t)
	css := "body { font-family: FangSong; }"
	f.store.doc.ExportStatementFn = func(ctx context.Context, s *jingzi.Statement, format string) ([]byte, string, error) {
		return []byte("<!doctype html><html><head><style>" + css + "</style></head><body>" + s.Title + "</body></html>"), "text/html; charset=utf-8", nil
	}
	rec := f.get("/statements/1/export.html", f.session(t, "organizer"))
	sum := sha256.Sum256([]byte(css))
	want := "style-src 'sha256-" + base64.StdEncoding.EncodeToString(sum[:]) + "'"
	csp := rec.Header().Get("Content-Security-Policy")
	if !strings.Contains(csp, want) || !strings.Contains(csp, "default-src 'none'") || strings.Contains(csp, "unsafe") {
		t.Errorf("print view policy %q, want it to allow exactly %s", csp, want)
	}
	if got := printViewPolicy([]byte("<p>无样式</p>")); !strings.HasSuffix(got, "style-src 'none'") {
		t.Errorf("policy without a style sheet: %q", got)
	}
}
