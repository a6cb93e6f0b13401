package web

import (
	"bytes"
	"context"
	"mime/multipart"
	"net/http"
	"net/http/httptest"
	"net/url"
	"strings"
	"testing"
	"time"

	"jingzi"
	"jingzi/mock"
)

// corpusStore is the fixture's 查重语料库: templates kept in memory, listed for
// an org with its superiors' and changed only by organisers over their org.
type corpusStore struct {
	svc     *mock.CorpusService
	docs    []*jingzi.CorpusDoc
	added   []*jingzi.CorpusDoc
	deleted []int64
}

func (f *fixture) wireCorpus() {
	c := &corpusStore{svc: &mock.CorpusService{}}
	f.corpus = c
	orgPath := func(id int64) string {
		for _, o := range f.orgs {
			if o.ID == id {
				return o.Path
			}
		}
		return "/none/"
	}
	c.docs = []*jingzi.CorpusDoc{
		{ID: 1, OrgID: 1, Title: "组织部下发范本.docx", Text: "范本", CreatedAt: time.Date(2024, 1, 5, 9, 0, 0, 0, time.UTC), CreatedBy: "组织部（zzb）"},
		{ID: 2, OrgID: 2, Title: "去年范文.txt", Text: "范文", CreatedAt: time.Date(2024, 2, 1, 9, 0, 0, 0, time.UTC), CreatedBy: "王organizer（organizer）"},
		{ID: 3, OrgID: 4, Title: "财政局范文.txt", Text: "范文"},
	}
	c.svc.FindCorpusDocsFn = func(ctx context.Context, filter jingzi.CorpusFilter) ([]*jingzi.CorpusDoc, int, error) {
		var out []*jingzi.CorpusDoc
		for _, d := range c.docs {
			if filter.ForOrg == nil || strings.HasPrefix(orgPath(*filter.ForOrg), orgPath(d.OrgID)) {
				out = append(out, d)
			}
		}
		return out, len(out), nil
	}
	c.svc.AddCorpusDocFn = func(ctx context.Context, d *jingzi.CorpusDoc) error {
		if !jingzi.CanManageMeeting(ctx, orgPath(d.OrgID)) {
			return jingzi.Errorf(jingzi.EFORBIDDEN, "只有党办组织者可以导入查重模板。")
		} else if strings.TrimSpace(d.Text) == "" {
			return jingzi.Errorf(jingzi.EINVALID, "模板“%s”没有文字内容。", d.Title)
		}
		d.ID, d.CreatedAt, d.CreatedBy = int64(100+len(c.docs)), f.s.Now(), jingzi.ActorFromContext(ctx).Name()
		c.docs, c.added = append(c.docs, d), append(c.added, d)
		return nil
	}
	c.svc.DeleteCorpusDocFn = func(ctx context.Context, id int64) error {
		for i, d := range c.docs {
			if d.ID == id {
				if !jingzi.CanManageMeeting(ctx, orgPath(d.OrgID)) {
					return jingzi.Errorf(jingzi.EFORBIDDEN, "只有党办组织者可以删除查重模板。")
				}
				c.docs = append(c.docs[:i], c.docs[i+1:]...)
				c.deleted = append(c.deleted, id)
				return nil
			}
		}
		return jingzi.Errorf(jingzi.ENOTFOUND, "查重模板不存在。")
	}
}

type corpusFile struct {
	name string
	data []byte
}

func (f *fixture) postCorpus(t *testing.T, tok string, files ...corpusFile) *httptest.ResponseRecorder {
	t.Helper()
	var buf bytes.Buffer
	mw := multipart.NewWriter(&buf)
	for _, cf := range files {
		w, err := mw.CreateFormFile("files", cf.name)
		if err != nil {
			t.Fatal(err)
		}
		w.Write(cf.data)
	}
	mw.Close()
	req := httptest.NewRequest(http.MethodPost, "/corpus", &buf)
	req.Header.Set("Content-Type", mw.FormDataContentType())
	return f.do(req, tok)
}

// importText is the text the corpus should store for a file read by the
// fixture's importer: the statement's plain text.
func importText(t *testing.T, f *fixture, name string, data []byte) string {
	st, _, err := f.store.doc.ImportStatement(context.Background(), name, data, nil)
	if err != nil {
		t.Fatal(err)
	}
	return st.Document().PlainText()
}

// corpusImporter reads any file into a statement titled with its first line,
// and refuses a file named broken.docx the way the real importer refuses a
// damaged document.
func (f *fixture) corpusImporter() {
	f.store.doc.ImportStatementFn = func(ctx context.Context, name string, data []byte, fw *jingzi.Framework) (*jingzi.Statement, *jingzi.ImportReport, error) {
		if name == "broken.docx" {
			return nil, nil, jingzi.Errorf(jingzi.EINVALID, "文件“%s”已损坏或不是 Word 文档，无法读取。", name)
		}
		title, body, _ := strings.Cut(string(data), "\n")
		return &jingzi.Statement{Title: title, Preface: body}, &jingzi.ImportReport{}, nil
	}
}

func TestCorpusUploadImportsEachFile(t *testing.T) {
	f := newFixture(t)
	f.corpusImporter()
	tok := f.session(t, "organizer")
	files := []corpusFile{
		{"模板一.txt", []byte("某局领导班子对照检查材料\n按照上级部署，认真开展学习。")},
		{"broken.docx", []byte("PK\x03\x04not really")},
		{`C:\范文\模板二.md`, []byte("# 某同志对照检查材料\n在带头方面存在差距。")},
		{"通知.pdf", []byte("%PDF-1.4")},
		{"模板一.txt", []byte("重复上传")},
		{"空.txt", nil},
	}
	rec := f.postCorpus(t, tok, files...)
	body := rec.Body.String()
	if rec.Code != http.StatusOK {
		t.Fatalf("upload: got %d", rec.Code)
	}
	want := []struct {
		name, text string
	}{{"模板一.txt", importText(t, f, "模板一.txt", files[0].data)}, {"模板二.md", importText(t, f, "模板二.md", files[2].data)}}
	if len(f.corpus.added) != len(want) {
		t.Fatalf("AddCorpusDoc called %d times, want %d", len(f.corpus.added), len(want))
	}
	for i, w := range want {
		got := f.corpus.added[i]
		if got.Title != w.name || got.Text != w.text || got.OrgID != 2 {
			t.Errorf("added %q for org %d with text %q", got.Title, got.OrgID, got.Text)
		}
	}
	results := block(body, "corpus-results-heading")
	for _, line := range []string{
		"<td>模板一.txt</td>\n        <td><span class=\"certain\">已导入</span>",
		"<td>broken.docx</td>\n        <td><span class=\"uncertain\">未导入：</span>文件“broken.docx”已损坏或不是 Word 文档，无法读取。",
		"<td>模板二.md</td>\n        <td><span class=\"certain\">已导入</span>",
		"<td>通知.pdf</td>\n        <td><span class=\"uncertain\">未导入：</span>仅支持 .docx、.txt、.md 格式的文件。",
		"<td>模板一.txt</td>\n        <td><span class=\"uncertain\">未导入：</span>已有同名的查重模板",
		"<td>空.txt</td>\n        <td><span class=\"uncertain\">未导入：</span>这是一个空文件。",
		"共上传6个文件，已导入2个，4个未导入，原因见下表。",
	} {
		if !strings.Contains(results, line) {
			t.Errorf("the report lacks %q", line)
		}
	}
	if !strings.Contains(block(body, "corpus-list-heading"), "模板二.md") {
		t.Error("the new template is not listed")
	}
	if m := inlineCode.FindString(body); m != "" || !strings.Contains(body, "</html>") {
		t.Errorf("the upload report renders inline code %q or is not a whole page", m)
	}
}

func TestCorpusFileOverLimitIsSkipped(t *testing.T) {
	f := newFixture(t)
	f.corpusImporter()
	big := bytes.Repeat([]byte("字"), maxUploadBytes/3+1)
	rec := f.postCorpus(t, f.session(t, "organizer"), corpusFile{"大文件.txt", big}, corpusFile{"小文件.txt", []byte("标题\n正文")})
	body := rec.Body.String()
	if rec.Code != http.StatusOK || !strings.Contains(body, "文件超过20 MB，未导入。") {
		t.Errorf("got %d without the size message", rec.Code)
	}
	if len(f.corpus.added) != 1 || f.corpus.added[0].Title != "小文件.txt" {
		t.Errorf("added %d templates, want only the small file", len(f.corpus.added))
	}
}

func TestCorpusList(t *testing.T) {
	f := newFixture(t)
	body := f.get("/corpus", f.session(t, "organizer")).Body.String()
	for _, want := range []string{"现有模板（共2篇）", "组织部下发范本.docx", "<td>上级党组织</td>", "由上级党组织管理",
		"去年范文.txt", "<td>市民政局党委</td>", "2024-02-01", "王organizer（organizer）", `action="/corpus/2/delete"`,
		`name="confirm" value="1" required`, `enctype="multipart/form-data"`, `name="files"`, "multiple"} {
		if !strings.Contains(body, want) {
			t.Errorf("the list lacks %q", want)
		}
	}
	if strings.Contains(body, "财政局范文") || strings.Contains(body, `action="/corpus/1/delete"`) {
		t.Error("the list shows another org's template or lets the superior's be deleted")
	}
}

func TestCorpusDeleteNeedsConfirmation(t *testing.T) {
	f := newFixture(t)
	tok := f.session(t, "organizer")
	rec := f.post("/corpus/2/delete", tok, url.Values{})
	if rec.Code != http.StatusBadRequest || !strings.Contains(rec.Body.String(), "请先勾选“确认删除”") || len(f.corpus.deleted) != 0 {
		t.Errorf("unconfirmed delete: got %d, deleted %v", rec.Code, f.corpus.deleted)
	}
	rec = f.post("/corpus/2/delete", tok, url.Values{"confirm": {"1"}})
	if rec.Code != http.StatusSeeOther || len(f.corpus.deleted) != 1 || f.corpus.deleted[0] != 2 {
		t.Fatalf("delete: got %d, deleted %v", rec.Code, f.corpus.deleted)
	}
	if c := cookie(rec, flashCookie); c == nil || !strings.Contains(mustUnescape(c.Value), "已删除查重模板“去年范文.txt”") {
		t.Error("no flash naming the deleted template")
	}
	if rec := f.post("/corpus/1/delete", tok, url.Values{"confirm": {"1"}}); rec.Code != http.StatusForbidden {
		t.Errorf("deleting the superior's template: got %d, want 403", rec.Code)
	}
}

func TestCorpusOnlyForOrganisers(t *testing.T) {
	for _, login := range []string{"li", "reviewer", "admin", "auditor"} {
		f := newFixture(t)
		tok := f.session(t, login)
		if rec := f.get("/corpus", tok); rec.Code != http.StatusForbidden {
			t.Errorf("%s GET /corpus: got %d, want 403", login, rec.Code)
		}
		if rec := f.postCorpus(t, tok, corpusFile{"a.txt", []byte("标题")}); rec.Code != http.StatusForbidden {
			t.Errorf("%s POST /corpus: got %d, want 403", login, rec.Code)
		}
		if rec := f.post("/corpus/2/delete", tok, url.Values{"confirm": {"1"}}); rec.Code != http.StatusForbidden {
			t.Errorf("%s delete: got %d, want 403", login, rec.Code)
		}
		if len(f.corpus.added)+len(f.corpus.deleted) != 0 {
			t.Errorf("%s changed the corpus", login)
		}
	}
}

func TestCorpusWithoutService(t *testing.T) {
	f := newFixture(t)
	f.s.CorpusService = nil
	tok := f.session(t, "organizer")
	if rec := f.get("/corpus", tok); rec.Code != http.StatusOK || !strings.Contains(rec.Body.String(), "查重模板库暂未启用") {
		t.Errorf("GET: got %d without the notice", rec.Code)
	}
	if rec := f.postCorpus(t, tok, corpusFile{"a.txt", []byte("标题")}); rec.Code != http.StatusBadRequest ||
		!strings.Contains(rec.Body.String(), "文件未导入") {
		t.Errorf("POST: got %d", rec.Code)
	}
}
