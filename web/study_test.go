package web

import (
	"bytes"
	"mime/multipart"
	"net/http"
	"net/http/httptest"
	"net/url"
	"strings"
	"testing"
	"time"

	"jingzi"
)

// The list shows each session's date, topic, attendance n/m and notes; the
// count of sessions held so far; the new-session form to organisers only.
func TestStudyList(t *testing.T) {
	tests := []struct {
		login     string
		status    int
		canCreate bool
	}{
		{"organizer", http.StatusOK, true},
		{"li", http.StatusOK, false},
		{"reviewer", http.StatusOK, false},
		{"admin", http.StatusNotFound, false},
	}
	for _, tt := range tests {
		t.Run(tt.login, func(t *testing.T) {
			f := newFixture(t)
			rec := f.get("/meetings/7/study", f.session(t, tt.login))
			body := rec.Body.String()
			if rec.Code != tt.status {
				t.Fatalf("status %d, want %d", rec.Code, tt.status)
			} else if tt.status != http.StatusOK {
				return
			}
			for _, want := range []string{`id="study-list"`, `<tr class="study-row" id="study-1">`, "2024-02-20",
				`href="/studies/1"`, "专题学习党的二十大精神", "集中学习", `<td class="study-attendance">1/2</td>`,
				`<td class="study-notes">1篇</td>`, `<tr class="study-row study-planned" id="study-2">`, "（尚未举行）",
				`<strong id="study-held">1</strong>次`} {
				if !strings.Contains(body, want) {
					t.Errorf("list lacks %q", want)
				}
			}
			if got := strings.Contains(body, `id="study-new"`); got != tt.canCreate {
				t.Errorf("new-session form shown: %v, want %v", got, tt.canCreate)
			}
		})
	}
}

func TestCreateStudy(t *testing.T) {
	f := newFixture(t)
	org := f.session(t, "organizer")
	form := url.Values{"date": {"2024-03-05"}, "topic": {" 专题研讨：践行初心使命 "}, "form": {"seminar"}, "materials": {"第一议题"}}
	rec := f.post("/meetings/7/study", org, form)
	if rec.Code != http.StatusSeeOther || rec.Header().Get("Location") != "/studies/101" {
		t.Fatalf("create: %d → %q", rec.Code, rec.Header().Get("Location"))
	}
	st := f.studies.byID(101)
	if st == nil || st.Topic != "专题研讨：践行初心使命" || st.Form != jingzi.StudySeminar ||
		!st.Date.Equal(time.Date(2024, 3, 5, 0, 0, 0, 0, time.UTC)) || st.Materials != "第一议题" {
		t.Fatalf("stored %+v", st)
	}
	if flash := cookie(rec, flashCookie); flash == nil || !strings.Contains(flash.Value, url.QueryEscape("已登记学习研讨")) {
		t.Errorf("no confirmation: %v", flash)
	}
	bad := []struct {
		name string
		form url.Values
		want string
	}{
		{"bad date", url.Values{"date": {"三月五日"}, "topic": {"我的主题"}, "form": {"seminar"}}, "日期“三月五日”无法识别"},
		{"no topic", url.Values{"date": {"2024年3月5日"}, "topic": {" "}, "form": {"seminar"}}, "请填写学习研讨的主题"},
		{"unknown form", url.Values{"date": {"2024/3/5"}, "topic": {"我的主题"}, "form": {"party"}}, "请选择学习形式"},
	}
	for _, tt := range bad {
		rec := f.post("/meetings/7/study", org, tt.form)
		body := rec.Body.String()
		if rec.Code != http.StatusBadRequest || !strings.Contains(body, tt.want) {
			t.Errorf("%s: %d, body lacks %q", tt.name, rec.Code, tt.want)
		}
		if tt.form.Get("topic") == "我的主题" && !strings.Contains(body, `value="我的主题"`) {
			t.Errorf("%s: the typed topic is lost", tt.name)
		}
	}
	if rec := f.post("/meetings/7/study", f.session(t, "li"), form); rec.Code != http.StatusForbidden {
		t.Errorf("a participant creates: %d, want 403", rec.Code)
	}
	if n := len(f.studies.studies); n != 3 {
		t.Errorf("%d sessions after refused posts, want 3", n)
	}
}

// The organiser sees every editor; a participant sees the session, the
// attendance as text and an editor for their own note only.
func TestStudyPage(t *testing.T) {
	f := newFixture(t)
	org := f.get("/studies/1", f.session(t, "organizer")).Body.String()
	for _, want := range []string{`id="study-edit"`, `id="study-attendance"`, `id="study-upload"`, `id="study-delete"`,
		`name="present" value="1" aria-label="张书记出席" checked`, `name="reason-2" value="公务出差"`,
		`<article class="study-note" id="note-1">`, `<article class="study-note" id="note-2">`,
		`href="/studies/1/files/1" download>学习提纲.pdf</a>`, `action="/studies/1/files/1/delete"`} {
		if !strings.Contains(org, want) {
			t.Errorf("organiser's page lacks %q", want)
		}
	}
	if n := strings.Count(org, `class="study-note-form"`); n != 2 {
		t.Errorf("organiser has %d note editors, want 2", n)
	}
	li := f.get("/studies/1", f.session(t, "li")).Body.String()
	for _, want := range []string{"请假（公务出差）", "<td>出席</td>", "通过学习，深刻认识到……</textarea>", `href="/studies/1/files/1"`} {
		if !strings.Contains(li, want) {
			t.Errorf("participant's page lacks %q", want)
		}
	}
	for _, not := range []string{`id="study-edit"`, `id="study-upload"`, `id="study-delete"`, `name="present"`, "/files/1/delete"} {
		if strings.Contains(li, not) {
			t.Errorf("participant's page shows %q", not)
		}
	}
	if n := strings.Count(li, `class="study-note-form"`); n != 1 || !strings.Contains(li, `name="participant_id" value="2"`) {
		t.Errorf("participant has %d note editors, want only their own", n)
	}
	if rec := f.get("/studies/1", f.session(t, "admin")); rec.Code != http.StatusNotFound {
		t.Errorf("admin: %d, want 404", rec.Code)
	}
}

func TestUpdateAndDeleteStudy(t *testing.T) {
	f := newFixture(t)
	org := f.session(t, "organizer")
	rec := f.post("/studies/1", org, url.Values{"date": {"2024-02-21"}, "topic": {"改后的主题"}, "form": {"self"}, "materials": {""}})
	if rec.Code != http.StatusSeeOther || f.studies.byID(1).Topic != "改后的主题" || f.studies.byID(1).Form != jingzi.StudySelf {
		t.Fatalf("update: %d, %+v", rec.Code, f.studies.byID(1))
	}
	rec = f.post("/studies/1", org, url.Values{"date": {"2024-02-21"}, "topic": {""}, "form": {"self"}, "materials": {"保留的文字"}})
	if rec.Code != http.StatusBadRequest || !strings.Contains(rec.Body.String(), "保留的文字</textarea>") {
		t.Errorf("invalid update: %d, typed materials lost", rec.Code)
	}
	if rec := f.post("/studies/1", f.session(t, "li"), url.Values{"date": {"2024-02-21"}, "topic": {"x"}, "form": {"self"}}); rec.Code != http.StatusForbidden {
		t.Errorf("participant updates: %d", rec.Code)
	}
	rec = f.post("/studies/1/delete", org, url.Values{})
	if rec.Code != http.StatusBadRequest || f.studies.byID(1) == nil || !strings.Contains(rec.Body.String(), "请先勾选“确认删除”") {
		t.Errorf("delete without confirmation: %d", rec.Code)
	}
	rec = f.post("/studies/1/delete", org, url.Values{"confirm": {"1"}})
	if rec.Code != http.StatusSeeOther || rec.Header().Get("Location") != "/meetings/7/study" || f.studies.byID(1) != nil {
		t.Errorf("delete: %d → %q", rec.Code, rec.Header().Get("Location"))
	}
}

// Ticked is 出席, unticked with a reason 请假, neither 未登记.
func TestStudyAttendanceForm(t *testing.T) {
	f := newFixture(t)
	org := f.session(t, "organizer")
	rec := f.post("/studies/2/attendance", org, url.Values{"present": {"2"}, "reason-1": {"参加市委会议"}, "reason-2": {"ignored"}})
	if rec.Code != http.StatusSeeOther {
		t.Fatalf("attendance: %d", rec.Code)
	}
	st := f.studies.byID(2)
	if a := st.Attendee(1); a == nil || a.Status != jingzi.AttendLeave || a.Reason != "参加市委会议" {
		t.Errorf("张书记: %+v", a)
	}
	if a := st.Attendee(2); a == nil || a.Status != jingzi.AttendPresent || a.Reason != "" {
		t.Errorf("李副局长: %+v", a)
	}
	rec = f.post("/studies/2/attendance", org, url.Values{})
	if rec.Code != http.StatusSeeOther || len(f.studies.byID(2).Attendance) != 0 {
		t.Errorf("nothing ticked: %d, %+v", rec.Code, f.studies.byID(2).Attendance)
	}
	rec = f.post("/studies/2/attendance", org, url.Values{"reason-1": {strings.Repeat("长", 201)}})
	if rec.Code != http.StatusBadRequest || !strings.Contains(rec.Body.String(), "请假事由不能超过200个字") {
		t.Errorf("overlong reason: %d", rec.Code)
	}
	if rec := f.post("/studies/2/attendance", f.session(t, "li"), url.Values{"present": {"2"}}); rec.Code != http.StatusForbidden {
		t.Errorf("participant records attendance: %d", rec.Code)
	}
}

func TestStudyNoteForm(t *testing.T) {
	f := newFixture(t)
	li := f.session(t, "li")
	rec := f.post("/studies/2/notes", li, url.Values{"participant_id": {"2"}, "text": {"我的研讨发言"}})
	if rec.Code != http.StatusSeeOther || rec.Header().Get("Location") != "/studies/2#note-2" {
		t.Fatalf("own note: %d → %q", rec.Code, rec.Header().Get("Location"))
	}
	if n := f.studies.byID(2).Note(2); n == nil || n.Text != "我的研讨发言" {
		t.Errorf("note: %+v", n)
	}
	if rec := f.post("/studies/2/notes", li, url.Values{"participant_id": {"1"}, "text": {"代写"}}); rec.Code != http.StatusForbidden {
		t.Errorf("a colleague's note: %d, want 403", rec.Code)
	}
	long := strings.Repeat("学", jingzi.MaxStudyNote+1)
	rec = f.post("/studies/2/notes", li, url.Values{"participant_id": {"2"}, "text": {long}})
	if rec.Code != http.StatusBadRequest || !strings.Contains(rec.Body.String(), long+"</textarea>") {
		t.Errorf("overlong note: %d; the typed text must come back", rec.Code)
	}
	rec = f.post("/studies/2/notes", f.session(t, "organizer"), url.Values{"participant_id": {"1"}, "text": {"据记录整理"}})
	if rec.Code != http.StatusSeeOther || f.studies.byID(2).Note(1) == nil {
		t.Errorf("organiser enters a note: %d", rec.Code)
	}
}

// multipartFile builds an upload of one file in the "file" field.
func multipartFile(t *testing.T, name string, content []byte) (*bytes.Buffer, string) {
	t.Helper()
	var buf bytes.Buffer
	mw := multipart.NewWriter(&buf)
	fw, err := mw.CreateFormFile("file", name)
	if err != nil {
		t.Fatal(err)
	}
	fw.Write(content)
	mw.Close()
	return &buf, mw.FormDataContentType()
}

func (f *fixture) upload(t *testing.T, path, token, name string, content []byte) *httptest.ResponseRecorder {
	body, ctype := multipartFile(t, name, content)
	req := httptest.NewRequest(http.MethodPost, path, body)
	req.Header.Set("Content-Type", ctype)
	return f.do(req, token)
}

func TestStudyUpload(t *testing.T) {
	f := newFixture(t)
	org := f.session(t, "organizer")
	rec := f.upload(t, "/studies/2/files", org, "辅导报告.pdf", []byte("%PDF-1.7 辅导报告"))
	if rec.Code != http.StatusSeeOther || rec.Header().Get("Location") != "/studies/2#study-files" {
		t.Fatalf("upload: %d → %q", rec.Code, rec.Header().Get("Location"))
	}
	if files := f.studies.byID(2).Files; len(files) != 1 || files[0].Name != "辅导报告.pdf" || string(f.studies.content[files[0].ID]) != "%PDF-1.7 辅导报告" {
		t.Fatalf("stored files: %+v", files)
	}
	rec = f.upload(t, "/studies/2/files", org, "page.pdf", []byte("<html><script>"))
	if rec.Code != http.StatusBadRequest || !strings.Contains(rec.Body.String(), "仅支持 PDF") || len(f.studies.byID(2).Files) != 1 {
		t.Errorf("wrong type: %d", rec.Code)
	}
	rec = f.upload(t, "/studies/2/files", org, "", nil)
	if rec.Code != http.StatusBadRequest || !strings.Contains(rec.Body.String(), "请选择要上传的学习材料") {
		t.Errorf("no file: %d", rec.Code)
	}
	if rec := f.upload(t, "/studies/2/files", f.session(t, "li"), "x.pdf", []byte("%PDF")); rec.Code != http.StatusForbidden || len(f.studies.byID(2).Files) != 1 {
		t.Errorf("participant uploads: %d", rec.Code)
	}
	big := bytes.Repeat([]byte("a"), maxStudyUploadBytes+1<<20+1)
	rec = f.upload(t, "/studies/2/files", org, "big.txt", big)
	if rec.Code != http.StatusRequestEntityTooLarge || !strings.Contains(rec.Body.String(), "超过20 MB") || len(f.studies.byID(2).Files) != 1 {
		t.Errorf("oversized upload: %d", rec.Code)
	}
}

func TestStudyDownload(t *testing.T) {
	f := newFixture(t)
	for _, login := range []string{"organizer", "li", "reviewer"} {
		rec := f.get("/studies/1/files/1", f.session(t, login))
		if rec.Code != http.StatusOK || rec.Body.String() != studyPDF {
			t.Fatalf("%s downloads: %d", login, rec.Code)
		}
		h := rec.Header()
		if h.Get("Content-Type") != "application/pdf" || h.Get("X-Content-Type-Options") != "nosniff" ||
			h.Get("Content-Disposition") != `attachment; filename="material.pdf"; filename*=UTF-8''`+url.PathEscape("学习提纲.pdf") {
			t.Errorf("%s: headers %v", login, h)
		}
	}
	for path, token := range map[string]string{"/studies/1/files/1": f.session(t, "admin"), "/studies/2/files/1": f.session(t, "li"),
		"/studies/1/files/x": f.session(t, "li"), "/studies/1/files/99": f.session(t, "li")} {
		if rec := f.get(path, token); rec.Code != http.StatusNotFound {
			t.Errorf("%s: %d, want 404", path, rec.Code)
		}
	}
	if rec := f.get("/studies/1/files/1", ""); rec.Code == http.StatusOK {
		t.Error("download without a session")
	}
	org := f.session(t, "organizer")
	if rec := f.post("/studies/1/files/1/delete", f.session(t, "li"), url.Values{}); rec.Code != http.StatusForbidden {
		t.Errorf("participant deletes a file: %d", rec.Code)
	}
	if rec := f.post("/studies/1/files/1/delete", org, url.Values{}); rec.Code != http.StatusSeeOther || len(f.studies.byID(1).Files) != 0 {
		t.Errorf("delete file: %d", rec.Code)
	}
	if rec := f.get("/studies/1/files/1", org); rec.Code != http.StatusNotFound {
		t.Errorf("deleted file downloads: %d", rec.Code)
	}
}
