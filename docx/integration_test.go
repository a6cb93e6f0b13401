package docx_test

import (
	"context"
	"encoding/json"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"testing"

	"jingzi"
	"jingzi/docx"
)

const systemPython = "/usr/bin/python3"

// needTool skips the test when an external program is missing.
func needTool(t *testing.T, name string) string {
	t.Helper()
	if testing.Short() {
		t.Skip("integration test skipped in -short mode")
	}
	path, err := exec.LookPath(name)
	if err != nil {
		t.Skipf("%s not installed: skipping the check with it", name)
	}
	return path
}

// sofficeRun runs LibreOffice with a private profile so that tests do not
// collide with another instance.
func sofficeRun(t *testing.T, args ...string) {
	t.Helper()
	profile := t.TempDir()
	full := append([]string{"--headless", "--norestore", "-env:UserInstallation=file://" + profile}, args...)
	cmd := exec.Command(needTool(t, "soffice"), full...)
	cmd.Env = append(os.Environ(), "HOME="+profile)
	if out, err := cmd.CombinedOutput(); err != nil {
		t.Fatalf("soffice %v: %v\n%s", args, err, out)
	}
}

const pythonCheck = `
import json, sys
import docx
from docx.oxml.ns import qn
d = docx.Document(sys.argv[1])
def east(el):
    rpr = el.rPr if el is not None else None
    f = rpr.rFonts if rpr is not None else None
    return f.get(qn("w:eastAsia")) if f is not None else None
s = d.sections[0]
print(json.dumps({
  "texts": [p.text for p in d.paragraphs],
  "styles": [p.style.name for p in d.paragraphs],
  "fonts": {n: east(d.styles[n].element) for n in ["Normal", "Title", "Heading 1", "Heading 2", "Heading 3"]},
  "lead": [[east(r._r), bool(r.bold)] for r in d.paragraphs[4].runs],
  "page": [s.page_width.mm, s.page_height.mm, s.top_margin.mm, s.bottom_margin.mm, s.left_margin.mm, s.right_margin.mm],
  "oddeven": d.settings.odd_and_even_pages_header_footer,
  "author": d.core_properties.author, "title": d.core_properties.title,
}, ensure_ascii=False))
`

// python-docx opens the written file and sees the texts, styles, fonts and
// page setup jingzi meant.
func TestIntegrationPythonDocx(t *testing.T) {
	if testing.Short() {
		t.Skip("integration test skipped in -short mode")
	}
	if _, err := os.Stat(systemPython); err != nil {
		t.Skip("/usr/bin/python3 not installed")
	}
	if err := exec.Command(systemPython, "-c", "import docx").Run(); err != nil {
		t.Skip("python-docx not installed for /usr/bin/python3")
	}
	d := seedDocument(t)
	path := filepath.Join(t.TempDir(), "seed.docx")
	os.WriteFile(path, writeDoc(t, d, docx.Meta{}), 0o644)
	out, err := exec.Command(systemPython, "-c", pythonCheck, path).Output()
	if err != nil {
		t.Fatalf("python-docx: %v", err)
	}
	var got struct {
		Texts, Styles []string
		Fonts         map[string]string
		Lead          [][2]any
		Page          []float64
		Oddeven       bool
		Author, Title string
	}
	if err := json.Unmarshal(out, &got); err != nil {
		t.Fatalf("%v: %s", err, out)
	}
	var want []string
	for _, b := range d.Blocks {
		want = append(want, b.Lead+b.Text)
	}
	assertTexts(t, got.Texts, want)
	if got.Styles[0] != "Title" || got.Styles[2] != "Heading 1" || got.Styles[3] != "Heading 2" {
		t.Errorf("styles = %v", got.Styles[:4])
	}
	wantFonts := map[string]string{"Normal": "仿宋_GB2312", "Title": "方正小标宋简体", "Heading 1": "黑体", "Heading 2": "楷体_GB2312", "Heading 3": "仿宋_GB2312"}
	for k, v := range wantFonts {
		if got.Fonts[k] != v {
			t.Errorf("style %s east Asian font = %q, want %q", k, got.Fonts[k], v)
		}
	}
	if len(got.Lead) != 2 || got.Lead[0][0] != "仿宋_GB2312" || got.Lead[0][1] != true || got.Lead[1][1] != false {
		t.Errorf("item paragraph runs = %v, want a bold 仿宋_GB2312 lead then plain text", got.Lead)
	}
	for i, mm := range []float64{210, 297, 37, 35, 28, 26} {
		if d := got.Page[i] - mm; d > 0.1 || d < -0.1 {
			t.Errorf("page setup %d = %.2f mm, want %.0f mm", i, got.Page[i], mm)
		}
	}
	if !got.Oddeven || got.Author != "" || got.Title != d.Title {
		t.Errorf("odd/even footers %v, author %q, title %q", got.Oddeven, got.Author, got.Title)
	}
}

var spaces = regexp.MustCompile(`\s+`)

// LibreOffice lays the file out as a PDF in which the title and the body are
// found, on a sane number of A4 pages.
func TestIntegrationPDF(t *testing.T) {
	needTool(t, "pdftotext")
	pdfinfo := needTool(t, "pdfinfo")
	dir := t.TempDir()
	d := seedDocument(t)
	os.WriteFile(filepath.Join(dir, "seed.docx"), writeDoc(t, d, docx.Meta{}), 0o644)
	sofficeRun(t, "--convert-to", "pdf", "--outdir", dir, filepath.Join(dir, "seed.docx"))
	pdf := filepath.Join(dir, "seed.pdf")
	text, err := exec.Command("pdftotext", pdf, "-").Output()
	if err != nil {
		t.Fatal(err)
	}
	flat := spaces.ReplaceAllString(string(text), "")
	// Short pieces: page numbers interrupt long paragraphs, and pdftotext
	// drops some punctuation hanging at a line end.
	last := []rune(d.Blocks[len(d.Blocks)-1].Text)
	for _, want := range []string{d.Title, "一、存在问题及表现", "一是理论学习不系统。", string(last[:12]), string(last[len(last)-8:]), "—1—", "—2—"} {
		if !strings.Contains(flat, spaces.ReplaceAllString(want, "")) {
			t.Errorf("PDF text lacks %q", want)
		}
	}
	info, err := exec.Command(pdfinfo, pdf).Output()
	if err != nil {
		t.Fatal(err)
	}
	m := regexp.MustCompile(`Pages:\s+(\d+)`).FindSubmatch(info)
	if m == nil {
		t.Fatalf("pdfinfo: %s", info)
	}
	// About 7,900 characters at 22 × 28 a page: 10 pages plus headings.
	if pages, _ := strconv.Atoi(string(m[1])); pages < 8 || pages > 14 {
		t.Errorf("%d pages, want 8–14", pages)
	}
	if !strings.Contains(string(info), "595.") || !strings.Contains(string(info), "841.") {
		t.Errorf("page size is not A4: %s", info)
	}
}

// A .doc saved by an old Word is converted and then read like any .docx.
func TestConvertLegacy(t *testing.T) {
	needTool(t, "soffice")
	dir := t.TempDir()
	data, _ := os.ReadFile("testdata/seed.txt")
	os.WriteFile(filepath.Join(dir, "seed.txt"), data, 0o644)
	sofficeRun(t, "--infilter=Text (encoded):UTF8,LF,,,", "--convert-to", "doc", "--outdir", dir, filepath.Join(dir, "seed.txt"))
	doc := filepath.Join(dir, "seed.doc")
	if _, err := docx.ReadFile(doc); jingzi.ErrorMessage(err) != wantLegacy {
		t.Fatalf("reading the .doc directly: %v, want the legacy-format message", err)
	}
	outDir := t.TempDir()
	got, err := docx.ConvertLegacy(context.Background(), doc, outDir)
	if err != nil {
		t.Fatal(err)
	}
	ps, err := docx.ReadFile(got)
	if err != nil {
		t.Fatal(err)
	}
	assertTexts(t, texts(ps), seedLines(t))
}

func TestConvertLegacyWithoutSoffice(t *testing.T) {
	t.Setenv("PATH", t.TempDir())
	_, err := docx.ConvertLegacy(context.Background(), "x.doc", t.TempDir())
	if jingzi.ErrorCode(err) != jingzi.EINVALID || !strings.Contains(jingzi.ErrorMessage(err), "另存为.docx") {
		t.Errorf("got %v, want EINVALID asking to save as .docx", err)
	}
}
