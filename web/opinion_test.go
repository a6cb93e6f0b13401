package web

import (
	"bytes"
	"context"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"net/url"
	"strings"
	"testing"

	"github.com/xuri/excelize/v2"

	"jingzi"
)

func TestSolicitationPages(t *testing.T) {
	f := newFixture(t)
	org, li := f.session(t, "organizer"), f.session(t, "li")
	tests := []struct {
		name, path, token string
		want, not         []string
	}{
		{"phase page", "/meetings/7/opinions", org, []string{`id="opinion-counts"`, "<strong>7</strong> 条", "<strong>3</strong> 个单位",
			`href="/solicitations/5"`, `id="solicitation-create"`}, []string{`id="feedback-link"`}},
		{"participant's phase page", "/meetings/7/opinions", li, []string{`id="feedback-link"`}, []string{`id="solicitation-create"`}},
		{"triage", "/solicitations/5", org, []string{`id="codes-form"`, `id="unit-form"`, "/u/0123456789abcdef0123456789abcdef",
			`id="manual-form"`, `id="merge-form"`, `id="target-aspect-table"`, "李副局长下基层少。", "养老服务科", `id="export-xlsx"`},
			[]string{`id="threshold-notice"`}},
		{"participant reads no triage", "/solicitations/5", li, []string{`id="target-aspect-table"`},
			[]string{`id="codes-form"`, `id="manual-form"`, "李副局长下基层少。"}},
	}
	for _, tt := range tests {
		rec := f.get(tt.path, tt.token)
		body := rec.Body.String()
		if rec.Code != http.StatusOK {
			t.Errorf("%s: status %d", tt.name, rec.Code)
		}
		for _, w := range tt.want {
			if !strings.Contains(body, w) {
				t.Errorf("%s lacks %q", tt.name, w)
			}
		}
		for _, n := range tt.not {
			if strings.Contains(body, n) {
				t.Errorf("%s shows %q", tt.name, n)
			}
		}
	}
	// target × aspect: 张书记 has one opinion on aspect 0, 李副局长 one on aspect 2.
	body := f.get("/solicitations/5", org).Body.String()
	if !strings.Contains(body, `<th scope="row">张书记</th><td>1</td>`) {
		t.Error("the table does not count 张书记's opinion under the first aspect")
	}
	if rec := f.post("/solicitations/5/codes", li, url.Values{"count": {"10"}}); rec.Code != http.StatusForbidden {
		t.Errorf("a participant generates codes: %d", rec.Code)
	}
}

// The slips: 12 codes make two A4 pages of ten and two, each with URL and QR code.
func TestGenerateCodesPrintsSlips(t *testing.T) {
	f := newFixture(t)
	rec := f.post("/solicitations/5/codes", f.session(t, "organizer"), url.Values{"count": {"12"}, "unit": {"社会救助科"}})
	body := rec.Body.String()
	if rec.Code != http.StatusOK || rec.Header().Get("Cache-Control") != "no-store" {
		t.Fatalf("status %d, cache %q", rec.Code, rec.Header().Get("Cache-Control"))
	}
	if n := strings.Count(body, `<div class="slip">`); n != 12 {
		t.Errorf("%d slips, want 12", n)
	}
	if n := strings.Count(body, `<div class="slip-page">`); n != 2 {
		t.Errorf("%d pages, want 2", n)
	}
	if n := strings.Count(body, `src="data:image/png;base64,`); n != 12 {
		t.Errorf("%d QR images, want 12", n)
	}
	if !strings.Contains(body, "http://example.com/o?code=") {
		t.Error("the slips carry no URL")
	}
	if m := inlineCode.FindString(body); m != "" {
		t.Errorf("slips render inline code %q", m)
	}
	for _, bad := range []string{"0", "501", "十"} {
		if rec := f.post("/solicitations/5/codes", f.session(t, "organizer"), url.Values{"count": {bad}}); rec.Code != http.StatusBadRequest {
			t.Errorf("count %q: %d", bad, rec.Code)
		}
	}
}

// A logged-in person submits a canary with a code through the public page: the
// service runs without their account, nothing reaches the log or the audit
// entries, the confirmation echoes nothing, and the code works once.
func TestPublicSubmissionIsAnonymous(t *testing.T) {
	f := newFixture(t)
	var logs bytes.Buffer
	f.s.Logger = slog.New(slog.NewTextHandler(&logs, &slog.HandlerOptions{Level: slog.LevelDebug}))
	tok := f.session(t, "li")
	const canary = "金丝雀：某同志办事拖拉9K2P"
	rec := f.get("/o?code="+url.QueryEscape(strings.ToLower(validCode)), tok)
	if rec.Code != http.StatusOK || !strings.Contains(rec.Body.String(), "对李副局长（党委委员、副局长）同志的意见建议") ||
		!strings.Contains(rec.Body.String(), `id="ballot-form"`) {
		t.Fatalf("ballot: %d", rec.Code)
	}
	form := url.Values{"code": {validCode}, "text_0": {canary}, "aspect_0": {"1"}, "text_2": {"  "}, "aspect_2": {"-1"}}
	rec = f.post("/o", tok, form)
	if rec.Code != http.StatusSeeOther || rec.Header().Get("Location") != "/o/done" {
		t.Fatalf("submit: %d %q", rec.Code, rec.Header().Get("Location"))
	}
	done := f.get("/o/done", "").Body.String()
	if !strings.Contains(done, "提交成功") || strings.Contains(done, canary) || strings.Contains(done, validCode) {
		t.Error("the confirmation echoes the submission or lacks its notice")
	}
	st := f.opin
	got := st.opinions[len(st.opinions)-1]
	if got.Text != canary || got.AspectIndex != 1 || got.ParticipantID != 0 || len(st.submitted) != 1 {
		t.Errorf("stored %+v (%d submissions): the empty box must be skipped", got, len(st.submitted))
	}
	if a := jingzi.ActorFromContext(st.submitted[0]); a != nil {
		t.Errorf("the submission ran as %v", a.Name())
	}
	again := f.post("/o", tok, form)
	unknown := f.post("/o", tok, url.Values{"code": {"ZZZZ-ZZZZ-ZZZZ"}, "text_0": {"猜"}})
	if again.Code != http.StatusNotFound || unknown.Code != http.StatusNotFound ||
		errorText(again.Body.String()) != errorText(unknown.Body.String()) || errorText(again.Body.String()) == "" {
		t.Errorf("second use %d and unknown code %d answer differently", again.Code, unknown.Code)
	}
	all := logs.String()
	for _, e := range f.audits {
		all += e.Detail + e.Action + e.IP
	}
	for _, secret := range []string{canary, validCode, jingzi.NormalizeCode(validCode), "192.0.2.1"} {
		if strings.Contains(all, secret) {
			t.Errorf("logs or audit entries hold %q", secret)
		}
	}
}

func errorText(body string) string {
	_, after, ok := strings.Cut(body, `role="alert"`)
	if !ok {
		return ""
	}
	before, _, _ := strings.Cut(after, "</p>")
	return before
}

// Ten wrong codes a minute from one address, then a Chinese 429 even for a good one;
// another address is not affected.
func TestPublicCodeRateLimit(t *testing.T) {
	f := newFixture(t)
	try := func(code, addr string) *httptest.ResponseRecorder {
		req := httptest.NewRequest(http.MethodGet, "/o?code="+url.QueryEscape(code), nil)
		req.RemoteAddr = addr
		return f.do(req, "")
	}
	for i := 0; i < tryBurst; i++ {
		if rec := try("AAAA-AAAA-AAA"+string(rune('A'+i)), "198.51.100.1:4000"); rec.Code != http.StatusNotFound {
			t.Fatalf("wrong code %d: %d", i, rec.Code)
		}
	}
	rec := try(validCode, "198.51.100.1:4001")
	if rec.Code != http.StatusTooManyRequests || !strings.Contains(rec.Body.String(), tooManyTries) {
		t.Errorf("after %d wrong codes: %d", tryBurst, rec.Code)
	}
	if rec := try(validCode, "198.51.100.2:4000"); rec.Code != http.StatusOK {
		t.Errorf("another address: %d", rec.Code)
	}
}

func TestTriageMergeAndRelease(t *testing.T) {
	f := newFixture(t)
	org := f.session(t, "organizer")
	rec := f.post("/opinions/m2opinionteam", org, url.Values{"participant_id": {"2"}, "aspect": {"3"}, "status": {"adopted"}})
	if rec.Code != http.StatusSeeOther {
		t.Fatalf("triage: %d", rec.Code)
	}
	o := f.opin.opinions[0]
	if o.ParticipantID != 2 || o.AspectIndex != 3 || o.Status != jingzi.StatusAdopted {
		t.Errorf("after triage: %+v", o)
	}
	if rec := f.post("/opinions/m2opinionteam", org, url.Values{"participant_id": {"x"}}); rec.Code != http.StatusBadRequest {
		t.Errorf("bad target: %d", rec.Code)
	}
	rec = f.post("/solicitations/5/merge", org, url.Values{"into": {"k7opinionli"}, "ids": {"m2opinionteam"}})
	if rec.Code != http.StatusSeeOther || f.opin.opinions[0].MergedInto != "k7opinionli" {
		t.Errorf("merge: %d, %+v", rec.Code, f.opin.opinions[0])
	}
	body := f.get("/solicitations/5", org).Body.String()
	if !strings.Contains(body, "班子调研基层不够。") || !strings.Contains(body, `href="#opinion-k7opinionli"`) {
		t.Error("the merged original is not shown linked to the opinion it repeats")
	}
	rec = f.post("/solicitations/5/opinions", org, url.Values{"channel": {"interview"}, "unit": {"办公室"}, "participant_id": {"1"}, "aspect": {"-1"}, "text": {"访谈意见。"}})
	if rec.Code != http.StatusSeeOther || f.opin.opinions[len(f.opin.opinions)-1].Channel != jingzi.ChannelInterview {
		t.Errorf("manual entry: %d", rec.Code)
	}
	if rec := f.post("/solicitations/5/release", org, url.Values{"released": {"1"}}); rec.Code != http.StatusSeeOther || !f.opin.sol.Released {
		t.Errorf("release: %d", rec.Code)
	}
}

// After release 李副局长 reads the opinions aimed at him and links one to a
// problem of his statement: the item's OpinionIDs gain its id, saved from the version read.
func TestFeedbackLinksOpinionToProblem(t *testing.T) {
	f := newFixture(t)
	li := f.session(t, "li")
	if body := f.get("/meetings/7/feedback", li).Body.String(); !strings.Contains(body, `id="no-feedback"`) {
		t.Error("opinions shown before release")
	}
	f.opin.sol.Released = true
	mine := f.store.statements[0]
	own := cloneStatement(mine)
	own.ID, own.ParticipantID = 0, 2
	if err := f.store.stmt.CreateStatement(jingzi.SystemContext(t.Context(), "测试"), own, "新建"); err != nil {
		t.Fatal(err)
	}
	body := f.get("/meetings/7/feedback", li).Body.String()
	if !strings.Contains(body, "李副局长下基层少。") || !strings.Contains(body, "班子调研基层不够。") || strings.Contains(body, "张书记开会多。") {
		t.Errorf("feedback shows the wrong opinions")
	}
	item := "2:p0-s0-i0"
	if !strings.Contains(body, `value="`+item+`"`) || strings.Contains(body, `value="1:p0-s0-i0"`) {
		t.Fatalf("the link choices are not the participant's own problems")
	}
	rec := f.post("/opinions/k7opinionli/link", li, url.Values{"item": {item}})
	if rec.Code != http.StatusSeeOther {
		t.Fatalf("link: %d", rec.Code)
	}
	saved := f.store.saved[len(f.store.saved)-1]
	if got := saved.st.Parts[0].Sections[0].Items[0].OpinionIDs; len(got) != 1 || got[0] != "k7opinionli" || saved.fromVersion != 1 {
		t.Errorf("saved OpinionIDs %v from version %d", got, saved.fromVersion)
	}
	if body := f.get("/meetings/7/feedback", li).Body.String(); !strings.Contains(body, "已对应：") {
		t.Error("the link is not shown")
	}
	for name, form := range map[string]url.Values{"team statement": {"item": {"1:p0-s0-i0"}}, "bad key": {"item": {"2:zz"}}} {
		if rec := f.post("/opinions/k7opinionli/link", li, form); rec.Code < 400 {
			t.Errorf("%s: %d", name, rec.Code)
		}
	}
	if rec := f.post("/opinions/a1opinionforum/link", li, url.Values{"item": {item}}); rec.Code != http.StatusNotFound {
		t.Errorf("linking a colleague's opinion: %d", rec.Code)
	}
}

func TestExportOpinionsXLSX(t *testing.T) {
	f := newFixture(t)
	f.post("/solicitations/5/merge", f.session(t, "organizer"), url.Values{"into": {"k7opinionli"}, "ids": {"m2opinionteam"}})
	rec := f.get("/solicitations/5/export.xlsx", f.session(t, "organizer"))
	if rec.Code != http.StatusOK || !strings.Contains(rec.Header().Get("Content-Disposition"), ".xlsx") {
		t.Fatalf("export: %d", rec.Code)
	}
	x, err := excelize.OpenReader(bytes.NewReader(rec.Body.Bytes()))
	if err != nil {
		t.Fatal(err)
	}
	rows, err := x.GetRows("意见建议清单")
	if err != nil {
		t.Fatal(err)
	}
	want := [][]string{
		{"序号", "意见对象", "检视方面", "意见建议内容", "征求渠道", "单位", "处理情况", "合并至序号"},
		{"1", "张书记", f.meeting.Framework.Aspects[0].Label, "张书记开会多。", "座谈会", "养老服务科", "待处理"},
		{"2", "李副局长", f.meeting.Framework.Aspects[2].Label, "李副局长下基层少。", "匿名码", "", "待处理"},
		{"3", "领导班子", "未分类", "班子调研基层不够。", "匿名码", "", "待处理", "2"},
	}
	if len(rows) != len(want)+1 {
		t.Fatalf("%d rows: %v", len(rows), rows)
	}
	for i, w := range want {
		if strings.Join(rows[i+1], "|") != strings.Join(w, "|") {
			t.Errorf("row %d = %v, want %v", i+1, rows[i+1], w)
		}
	}
}

// The .docx 意见建议清单 groups the opinions by whom they are aimed at, counts
// each group without the merged duplicates, and notes channel, unit and status.
func TestExportOpinionsDocx(t *testing.T) {
	f := newFixture(t)
	var got *jingzi.Document
	f.store.doc.ExportDocumentFn = func(ctx context.Context, d *jingzi.Document, format string) ([]byte, string, error) {
		got = d
		return []byte("PK docx"), "application/vnd.openxmlformats-officedocument.wordprocessingml.document", nil
	}
	rec := f.get("/solicitations/5/export.docx", f.session(t, "organizer"))
	if rec.Code != http.StatusOK || !strings.Contains(rec.Header().Get("Content-Disposition"), ".docx") || got == nil {
		t.Fatalf("export: %d", rec.Code)
	}
	text := got.PlainText()
	for _, want := range []string{"2022年度民主生活会征求意见意见建议清单", "对领导班子的意见建议（1条）", "班子调研基层不够。（匿名码",
		"对张书记的意见建议（1条）", "张书记开会多。（座谈会；养老服务科"} {
		if !strings.Contains(text, want) {
			t.Errorf("document lacks %q:\n%s", want, text)
		}
	}
	if rec := f.get("/solicitations/5/export.docx", f.session(t, "admin")); rec.Code != http.StatusNotFound && rec.Code != http.StatusForbidden {
		t.Errorf("admin downloads the list: %d", rec.Code)
	}
}
