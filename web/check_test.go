package web

import (
	"context"
	"errors"
	"net/http"
	"net/http/httptest"
	"regexp"
	"strings"
	"testing"

	"jingzi"
	"jingzi/mock"
)

const placeholderMessage = "“XX”是未替换的占位符，请填写实际内容。"

// wireCheck makes the fixture's 材料质量检查 report every "XX" left in the
// preface or an item of the stored statement, one error each, and count calls.
func (f *fixture) wireCheck() {
	f.check = &mock.CheckService{}
	f.check.CheckStatementFn = func(ctx context.Context, id int64) (*jingzi.CheckReport, error) {
		f.checks++
		st, err := f.store.stmt.FindStatementByID(ctx, id)
		if err != nil {
			return nil, err
		}
		return placeholderCheck(st), nil
	}
}

func placeholderCheck(st *jingzi.Statement) *jingzi.CheckReport {
	rep := &jingzi.CheckReport{}
	lines := strings.Split(st.Document().PlainText(), "\n")
	add := func(part, section, item int, text, needle, msg string) {
		if !strings.Contains(text, "XX") {
			return
		}
		line, col := lineOf(lines, needle)
		rep.Findings = append(rep.Findings, jingzi.Finding{Rule: "placeholder", Severity: jingzi.SeverityError, Message: msg,
			Line: line, Col: col, Length: 2, Part: part, Section: section, Item: item, Excerpt: "XX", Suggestion: "填写实际数字"})
	}
	add(-1, -1, -1, st.RenderPreface(), "XX", "前言中有未填写的数字“XX”。")
	for i, part := range st.Parts {
		for j, sec := range part.Sections {
			for k, it := range sec.Items {
				add(i, j, k, it.Text(), it.Heading, placeholderMessage)
			}
		}
		for k, it := range part.Items {
			add(i, -1, k, it.Text(), it.Heading, placeholderMessage)
		}
	}
	rep.Score = max(0, 100-10*len(rep.Findings))
	rep.Grade = jingzi.GradePass
	if rep.HasErrors() {
		rep.Grade = jingzi.GradeFail
	}
	return rep
}

// lineOf is the 1-based line holding needle and the column of "XX" in it.
func lineOf(lines []string, needle string) (int, int) {
	for i, l := range lines {
		if needle != "" && strings.Contains(l, needle) {
			if c := strings.Index(l, "XX"); c >= 0 {
				return i + 1, len([]rune(l[:c])) + 1
			}
			return i + 1, 1
		}
	}
	return 1, 1
}

// blockPattern finds where a block of the statement, or of the check report, starts.
var blockPattern = regexp.MustCompile(` id="(p\d[^"]*|check-[^"]*)"`)

// block returns the part of body from the element with the id to where the
// next block starts: the block's own heading and the findings beside it.
func block(body, id string) string {
	start := strings.Index(body, ` id="`+id+`"`)
	if start < 0 {
		return ""
	}
	rest := body[start+len(id)+6:]
	if loc := blockPattern.FindStringIndex(rest); loc != nil {
		rest = rest[:loc[0]]
	}
	return rest
}

var findingItemPattern = regexp.MustCompile(`(?s)<li id="finding-\d+".*?</li>`)

func TestFindingsBesideTheirBlocks(t *testing.T) {
	tests := []struct {
		name                string
		part, section, item int
		line                int
		block               string // the id of the block the finding sits beside
	}{
		{"item in a section", 0, 0, 0, 8, "p0-s0-i0"},
		{"item directly under the part", 2, -1, 0, 12, "p2-i0"},
		{"section heading", 0, 1, -1, 9, "p0-s1"},
		{"part", 1, -1, -1, 10, "p1"},
		{"title", -1, -1, -1, 1, "check-top"},
		{"an item no longer there", 0, 0, 7, 8, "p0-s0"},
		{"a part no longer there", 9, -1, -1, 30, "check-top"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			f := newFixture(t)
			msg := "检查发现：" + tt.name
			f.check.CheckStatementFn = func(ctx context.Context, id int64) (*jingzi.CheckReport, error) {
				return &jingzi.CheckReport{Score: 72, Grade: jingzi.GradeRevise, Findings: []jingzi.Finding{{
					Rule: "specificity", Severity: jingzi.SeverityWarning, Message: msg, Line: tt.line, Col: 3,
					Part: tt.part, Section: tt.section, Item: tt.item, Excerpt: "学习不够深入", Suggestion: "补充具体事例"}}}, nil
			}
			f.submitStatement(1)
			for _, login := range []string{"organizer", "reviewer"} {
				body := f.get("/statements/1", f.session(t, login)).Body.String()
				if beside := block(body, tt.block); !strings.Contains(beside, msg) || !strings.Contains(beside, "补充具体事例") {
					t.Errorf("%s: the finding is not beside #%s", login, tt.block)
				}
				if n := len(findingItemPattern.FindAllString(body, -1)); n != 1 {
					t.Errorf("%s: the finding is shown beside %d blocks", login, n)
				}
				if list := block(body, "check-findings"); !strings.Contains(list, `href="#`+tt.block+`"`) || !strings.Contains(list, msg) {
					t.Errorf("%s: the findings list does not link to #%s", login, tt.block)
				}
				if !strings.Contains(body, `<span id="check-grade" class="grade grade-revise">需修改</span>`) || !strings.Contains(body, "得分72") ||
					!strings.Contains(body, "警告1处") {
					t.Errorf("%s: no grade, score or count", login)
				}
			}
		})
	}
}

func TestGradeColouredByClass(t *testing.T) {
	tests := []struct{ grade, class string }{
		{jingzi.GradeFail, "grade-fail"}, {jingzi.GradeRevise, "grade-revise"}, {jingzi.GradePass, "grade-pass"},
	}
	for _, tt := range tests {
		f := newFixture(t)
		f.check.CheckStatementFn = func(ctx context.Context, id int64) (*jingzi.CheckReport, error) {
			return &jingzi.CheckReport{Score: 90, Grade: tt.grade}, nil
		}
		tok := f.session(t, "organizer")
		body := f.get("/statements/1", tok).Body.String()
		if !strings.Contains(body, `class="grade `+tt.class+`">`+tt.grade+`<`) || !strings.Contains(body, "未发现需要修改的问题") {
			t.Errorf("%s: not shown with class %s", tt.grade, tt.class)
		}
		list := f.get("/meetings/7/statements", tok).Body.String()
		if !strings.Contains(list, `<span class="grade `+tt.class+`">`+tt.grade+`</span> <small>得分90</small>`) {
			t.Errorf("%s: the statements list lacks the grade and score", tt.grade)
		}
	}
}

func TestPlaceholderFindingInTheEditor(t *testing.T) {
	f := newFixture(t)
	body := f.get("/statements/1", f.session(t, "organizer")).Body.String()
	if beside := block(body, "p2-i0"); !strings.Contains(beside, placeholderMessage) || !strings.Contains(beside, `class="finding finding-error"`) {
		t.Errorf("the placeholder of the measure is not shown beside it: %q", beside)
	}
	if !strings.Contains(block(body, "check-top"), "前言中有未填写的数字“XX”。") {
		t.Error("the preface's placeholder is not at the top")
	}
	if !strings.Contains(body, "不达标") || !strings.Contains(body, "得分80") || !strings.Contains(body, "错误2处") {
		t.Error("no grade 不达标 with 得分80 and 错误2处")
	}
	if strings.Contains(block(body, "p0-s0-i0"), "finding") {
		t.Error("an item without a placeholder has a finding")
	}
}

func TestSaveIsCheckedAgain(t *testing.T) {
	f := newFixture(t)
	tok := f.session(t, "organizer")
	v := editForm(t, f, tok)
	v.Set("p2-i0-body", "全年撰写心得体会不少于12篇。")
	v.Set("action", "save")
	before := f.checks
	if rec := f.post("/statements/1", tok, v); rec.Code != http.StatusSeeOther {
		t.Fatalf("save: got %d", rec.Code)
	}
	body := f.get("/statements/1", tok).Body.String()
	if f.checks != before+1 {
		t.Errorf("the page after the save ran %d checks, want 1", f.checks-before)
	}
	if strings.Contains(block(body, "p2-i0"), placeholderMessage) || !strings.Contains(body, "得分90") {
		t.Error("the page after the save shows the old findings")
	}
}

func TestItemSaveReturnsFreshFindings(t *testing.T) {
	f := newFixture(t)
	tok := f.session(t, "organizer")
	v := editForm(t, f, tok)
	v.Set("p0-s0-i0-body", "全年学习研讨不少于XX次。")
	req := httptest.NewRequest(http.MethodPost, "/statements/1/items/p0-s0-i0", strings.NewReader(v.Encode()))
	req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
	req.Header.Set("HX-Request", "true")
	body := f.do(req, tok).Body.String()
	if !strings.Contains(block(body, "p0-s0-i0"), placeholderMessage) {
		t.Errorf("the saved item's fragment lacks its fresh finding: %s", body)
	}
	report := body[max(strings.Index(body, `<section id="check-report"`), 0):]
	if !strings.Contains(report, `id="check-report" class="check-report" aria-labelledby="check-heading" hx-swap-oob="true"`) ||
		!strings.Contains(report, "得分70") || !strings.Contains(report, "错误3处") {
		t.Errorf("the fragment does not swap in the new score: %s", body)
	}
}

func TestReviewerSeesTheSameFindings(t *testing.T) {
	f := newFixture(t)
	editor := f.get("/statements/1", f.session(t, "organizer")).Body.String()
	f.submitStatement(1)
	view := f.get("/statements/1", f.session(t, "reviewer")).Body.String()
	if strings.Contains(view, `action="/statements/1"`) {
		t.Fatal("the reviewer got the editor")
	}
	a, b := findingItemPattern.FindAllString(editor, -1), findingItemPattern.FindAllString(view, -1)
	if len(a) != 2 || strings.Join(a, "\n") != strings.Join(b, "\n") {
		t.Errorf("editor findings %q, reviewer's %q", a, b)
	}
	if !strings.Contains(block(view, "p2-i0"), placeholderMessage) || !strings.Contains(view, `class="grade grade-fail">不达标<`) {
		t.Error("the reviewer does not see the finding beside the item or the grade")
	}
}

func TestEditorWorksWithoutCheck(t *testing.T) {
	tests := []struct {
		name string
		svc  func(f *fixture) jingzi.CheckService
	}{
		{"not wired", func(f *fixture) jingzi.CheckService { return nil }},
		{"failing", func(f *fixture) jingzi.CheckService {
			f.check.CheckStatementFn = func(ctx context.Context, id int64) (*jingzi.CheckReport, error) {
				return nil, errors.New("simcheck index unavailable")
			}
			return f.check
		}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			f := newFixture(t)
			f.s.CheckService = tt.svc(f)
			tok := f.session(t, "organizer")
			rec := f.get("/statements/1", tok)
			body := rec.Body.String()
			if rec.Code != http.StatusOK || !strings.Contains(body, "暂时无法完成材料质量检查") || strings.Contains(body, "check-grade") {
				t.Errorf("got %d without the notice", rec.Code)
			}
			v := formOf(t, body, "/statements/1")
			v.Set("action", "save")
			if rec := f.post("/statements/1", tok, v); rec.Code != http.StatusSeeOther || len(f.store.saved) != 1 {
				t.Errorf("save: got %d", rec.Code)
			}
			if list := f.get("/meetings/7/statements", tok).Body.String(); !strings.Contains(list, "暂时无法检查") {
				t.Error("the statements list does not say the check is unavailable")
			}
		})
	}
}

func TestFailedSaveShowsNoStaleFindings(t *testing.T) {
	f := newFixture(t)
	tok := f.session(t, "organizer")
	v := editForm(t, f, tok)
	v.Set("title", "")
	before := f.checks
	body := f.post("/statements/1", tok, v).Body.String()
	if !strings.Contains(body, "请填写材料标题。") || strings.Contains(body, `id="check-report"`) || f.checks != before {
		t.Error("a form shown again with the user's unsaved text should not carry the stored text's findings")
	}
}
