package web

import (
	"bytes"
	"context"
	"io"
	"mime/multipart"
	"net/http"
	"net/http/httptest"
	"net/url"
	"strings"
	"testing"

	"jingzi"
)

// upload builds the import form's multipart body.
func upload(t *testing.T, owner, filename string, data []byte) (*bytes.Buffer, string) {
	t.Helper()
	var buf bytes.Buffer
	mw := multipart.NewWriter(&buf)
	mw.WriteField("owner", owner)
	fw, err := mw.CreateFormFile("file", filename)
	if err != nil {
		t.Fatal(err)
	}
	fw.Write(data)
	mw.Close()
	return &buf, mw.FormDataContentType()
}

func (f *fixture) postUpload(t *testing.T, tok, owner, filename string, data []byte, chunked bool) *httptest.ResponseRecorder {
	body, ct := upload(t, owner, filename, data)
	var r io.Reader = body
	if chunked {
		r = io.MultiReader(body) // hides the length: no Content-Length
	}
	req := httptest.NewRequest(http.MethodPost, "/meetings/7/statements/import", r)
	req.Header.Set("Content-Type", ct)
	return f.do(req, tok)
}

func TestImportCreatesStatementAndShowsReport(t *testing.T) {
	f := newFixture(t)
	var gotName string
	var gotData []byte
	imp := f.store.doc.ImportStatementFn
	f.store.doc.ImportStatementFn = func(ctx context.Context, name string, data []byte, fw *jingzi.Framework) (*jingzi.Statement, *jingzi.ImportReport, error) {
		gotName, gotData = name, data
		st, rep, err := imp(ctx, name, data, fw)
		rep.Aspects[1].Score, rep.Aspects[2].AspectIndex = 0.3, -1
		return st, rep, err
	}
	data := []byte("李副局长同志2022年度专题民主生活会对照检查材料")
	rec := f.postUpload(t, f.session(t, "organizer"), "2", `C:\材料\李副局长.docx`, data, false)
	body := rec.Body.String()
	if rec.Code != http.StatusOK {
		t.Fatalf("import: got %d: %s", rec.Code, body)
	}
	if gotName != "李副局长.docx" || !bytes.Equal(gotData, data) {
		t.Errorf("document service got %q and %d bytes", gotName, len(gotData))
	}
	if len(f.store.created) != 1 || f.store.created[0].st.ParticipantID != 2 || f.store.created[0].note != "导入自 李副局长.docx" {
		t.Fatalf("created = %+v", f.store.created)
	}
	for _, want := range []string{"已将“李副局长.docx”导入为新材料", "（二）" + f.meeting.Framework.Aspects[1].Wording, "把握较大", "待确认", "未能对应，请手工选择",
		"前言中的谈心谈话人次为“XX”，请补填。", `href="/statements/2"`} {
		if !strings.Contains(body, want) {
			t.Errorf("the report lacks %q", want)
		}
	}
}

func TestImportOverExistingSavesNewVersion(t *testing.T) {
	f := newFixture(t)
	rec := f.postUpload(t, f.session(t, "organizer"), "0", "班子材料.md", []byte("班子材料"), false)
	if rec.Code != http.StatusOK || !strings.Contains(rec.Body.String(), "的第3版") {
		t.Fatalf("import: got %d", rec.Code)
	}
	if len(f.store.created) != 0 || len(f.store.saved) != 1 {
		t.Fatalf("created %d, saved %d", len(f.store.created), len(f.store.saved))
	}
	if s := f.store.saved[0]; s.st.ID != 1 || s.fromVersion != 2 || s.note != "导入自 班子材料.md" {
		t.Errorf("saved %d from %d with %q", s.st.ID, s.fromVersion, s.note)
	}
}

func TestImportRefused(t *testing.T) {
	big := bytes.Repeat([]byte("问"), maxUploadBytes/3+1) // just over 20 MB
	huge := bytes.Repeat([]byte("a"), maxUploadBytes+2<<20)
	tests := []struct {
		name, login, owner, file string
		data                     []byte
		chunked                  bool
		serviceErr               error
		status                   int
		message                  string
	}{
		{"just over the limit", "organizer", "2", "a.txt", big, false, nil, http.StatusRequestEntityTooLarge, "上传的文件超过20 MB"},
		{"body over the limit", "organizer", "2", "a.txt", huge, false, nil, http.StatusRequestEntityTooLarge, "上传的文件超过20 MB"},
		{"body over the limit, no length", "organizer", "2", "a.txt", huge, true, nil, http.StatusRequestEntityTooLarge, "上传的文件超过20 MB"},
		{"unreadable", "organizer", "2", "a.docx", []byte("PK"), false,
			jingzi.Errorf(jingzi.EINVALID, "无法读取该文件：不是有效的 Word 文档（.docx）。"), http.StatusBadRequest, "导入未成功：无法读取该文件：不是有效的 Word 文档（.docx）。"},
		{"wrong type", "organizer", "2", "a.pdf", []byte("%PDF"), false, nil, http.StatusBadRequest, "仅支持导入 .docx、.txt、.md 格式的文件"},
		{"empty", "organizer", "2", "a.txt", nil, false, nil, http.StatusBadRequest, "是空文件"},
		{"colleague's statement", "li", "1", "a.txt", []byte("x"), false, nil, http.StatusForbidden, "您不能为张书记导入对照检查材料"},
		{"organiser over an author's statement", "organizer", "0", "a.txt", []byte("x"), false, nil, 0, ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			f := newFixture(t)
			called := false
			imp := f.store.doc.ImportStatementFn
			f.store.doc.ImportStatementFn = func(ctx context.Context, name string, data []byte, fw *jingzi.Framework) (*jingzi.Statement, *jingzi.ImportReport, error) {
				called = true
				if tt.serviceErr != nil {
					return nil, nil, tt.serviceErr
				}
				return imp(ctx, name, data, fw)
			}
			if tt.status == 0 {
				// The organiser may import the team's statement, but not a new version of
				// a participant's own: only its author edits it.
				f.post("/meetings/7/statements", f.session(t, "li"), map[string][]string{"participant_id": {"2"}})
				f.store.created = nil
				tt.owner, tt.status, tt.message = "2", http.StatusForbidden, "李副局长已有对照检查材料，只有材料本人可以导入新版本。"
			}
			rec := f.postUpload(t, f.session(t, tt.login), tt.owner, tt.file, tt.data, tt.chunked)
			if rec.Code != tt.status || !strings.Contains(rec.Body.String(), tt.message) {
				t.Errorf("got %d, want %d with %q", rec.Code, tt.status, tt.message)
			}
			if len(f.store.created)+len(f.store.saved) != 0 {
				t.Error("a refused import changed a statement")
			}
			if called && tt.serviceErr == nil {
				t.Error("the document service read a refused file")
			}
		})
	}
}

// TestPostedPagesHaveNoInlineCode scans the pages that only a POST shows (the
// crawler follows links only) with the crawler's Content-Security-Policy rule.
func TestPostedPagesHaveNoInlineCode(t *testing.T) {
	f := newFixture(t)
	tok := f.session(t, "organizer")
	pages := map[string]string{
		"import report": f.postUpload(t, tok, "2", "李副局长.txt", []byte("标题"), false).Body.String(),
		"import error":  f.postUpload(t, tok, "2", "a.pdf", []byte("x"), false).Body.String(),
		"editor error":  f.post("/statements/1", tok, url.Values{"version": {"2"}, "title": {""}, "p0-kind": {"problems"}}).Body.String(),
	}
	for name, body := range pages {
		if m := inlineCode.FindString(body); m != "" {
			t.Errorf("%s renders inline code %q", name, m)
		}
		if !strings.Contains(body, "</html>") {
			t.Errorf("%s is not a whole page", name)
		}
	}
}
