package docx_test

import (
	"archive/zip"
	"bytes"
	"flag"
	"io"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"jingzi"
	"jingzi/docx"
)

var update = flag.Bool("update", false, "rewrite golden files under testdata/golden")

func writeDoc(t testing.TB, d *jingzi.Document, meta docx.Meta) []byte {
	t.Helper()
	var buf bytes.Buffer
	if err := docx.Write(&buf, d, meta); err != nil {
		t.Fatalf("Write: %v", err)
	}
	return buf.Bytes()
}

// unzipped returns the parts of a written file by name.
func unzipped(t testing.TB, data []byte) map[string]string {
	t.Helper()
	zr, err := zip.NewReader(bytes.NewReader(data), int64(len(data)))
	if err != nil {
		t.Fatal(err)
	}
	out := map[string]string{}
	for _, f := range zr.File {
		rc, err := f.Open()
		if err != nil {
			t.Fatal(err)
		}
		b, err := io.ReadAll(rc)
		if err != nil {
			t.Fatalf("%s: %v", f.Name, err)
		}
		out[f.Name] = string(b)
	}
	return out
}

func golden(t *testing.T, name, got string) {
	t.Helper()
	path := filepath.Join("testdata", "golden", name)
	if *update {
		if err := os.WriteFile(path, []byte(got), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	want, err := os.ReadFile(path)
	if err != nil {
		t.Fatalf("%v (run go test -update to create it)", err)
	}
	if got != string(want) {
		t.Errorf("%s differs from the golden file (run go test -update after checking the change)", name)
	}
}

func TestWriteGolden(t *testing.T) {
	parts := unzipped(t, writeDoc(t, seedDocument(t), docx.Meta{Author: "某市民政局"}))
	golden(t, "seed-document.xml", parts["word/document.xml"])
	golden(t, "styles.xml", parts["word/styles.xml"])
	golden(t, "footer1.xml", parts["word/footer1.xml"])
	golden(t, "footer2.xml", parts["word/footer2.xml"])
	golden(t, "settings.xml", parts["word/settings.xml"])
}

// The package holds exactly the parts Word, LibreOffice and python-docx need.
func TestWritePackageParts(t *testing.T) {
	parts := unzipped(t, writeDoc(t, seedDocument(t), docx.Meta{}))
	for _, name := range []string{"[Content_Types].xml", "_rels/.rels", "word/document.xml", "word/styles.xml",
		"word/settings.xml", "word/footer1.xml", "word/footer2.xml", "word/_rels/document.xml.rels",
		"docProps/core.xml", "docProps/app.xml"} {
		if _, ok := parts[name]; !ok {
			t.Errorf("missing part %s", name)
		}
	}
	if len(parts) != 10 {
		t.Errorf("%d parts, want 10", len(parts))
	}
}

// The GB/T 9704 layout as a typesetter would check it in the XML.
func TestWriteLayout(t *testing.T) {
	parts := unzipped(t, writeDoc(t, seedDocument(t), docx.Meta{}))
	doc, styles := parts["word/document.xml"], parts["word/styles.xml"]
	for _, want := range []string{
		`<w:pgSz w:w="11906" w:h="16838"/>`,
		`w:top="2098" w:right="1474" w:bottom="1984" w:left="1587"`, // 37, 26, 35, 28 mm
		`<w:footerReference w:type="even" r:id="rId4"/>`,
		`<w:footerReference w:type="default" r:id="rId3"/>`,
		`<w:pStyle w:val="Title"/></w:pPr><w:r><w:t xml:space="preserve">民政局党委书记2021年专题民主生活会对照检查材料（五个带头）`,
		`<w:rFonts w:ascii="Times New Roman" w:hAnsi="Times New Roman" w:eastAsia="仿宋_GB2312" w:cs="Times New Roman"/><w:b/><w:bCs/></w:rPr><w:t xml:space="preserve">一是理论学习不系统。</w:t>`,
	} {
		if !strings.Contains(doc, want) {
			t.Errorf("document.xml lacks %s", want)
		}
	}
	for _, want := range []string{
		`<w:spacing w:before="0" w:after="0" w:line="579" w:lineRule="exact"/><w:ind w:firstLineChars="200" w:firstLine="640"/>`,
		`w:eastAsia="方正小标宋简体" w:cs="Times New Roman"/><w:b w:val="0"/><w:bCs w:val="0"/><w:sz w:val="44"/>`,
		`w:eastAsia="黑体"`, `w:eastAsia="楷体_GB2312"`, `<w:outlineLvl w:val="0"/>`,
	} {
		if !strings.Contains(styles, want) {
			t.Errorf("styles.xml lacks %s", want)
		}
	}
	if !strings.Contains(parts["word/settings.xml"], "<w:evenAndOddHeaders/>") {
		t.Error("settings.xml does not separate odd and even footers")
	}
	odd, even := parts["word/footer1.xml"], parts["word/footer2.xml"]
	if !strings.Contains(odd, `<w:jc w:val="right"/>`) || !strings.Contains(even, `<w:jc w:val="left"/>`) {
		t.Error("odd page numbers must be right-aligned, even ones left-aligned")
	}
	for _, f := range []string{odd, even} {
		if !strings.Contains(f, "PAGE") || !strings.Contains(f, "— ") || !strings.Contains(f, `<w:sz w:val="28"/>`) || !strings.Contains(f, `w:eastAsia="宋体"`) {
			t.Errorf("footer is not a 宋体 四号 \"— PAGE —\" field: %s", f)
		}
	}
	if strings.Contains(doc+styles, "embed") {
		t.Error("fonts must be named, never embedded")
	}
}

func TestWriteDeterministic(t *testing.T) {
	a := writeDoc(t, seedDocument(t), docx.Meta{Author: "某市民政局"})
	b := writeDoc(t, seedDocument(t), docx.Meta{Author: "某市民政局"})
	if !bytes.Equal(a, b) {
		t.Error("the same document gave different bytes")
	}
}

// core.xml carries the title and the caller's neutral author, never the
// server's user or host name.
func TestWriteCoreProperties(t *testing.T) {
	created := time.Date(2022, 1, 10, 9, 0, 0, 0, time.FixedZone("CST", 8*3600))
	core := unzipped(t, writeDoc(t, seedDocument(t), docx.Meta{Created: created}))["docProps/core.xml"]
	for _, want := range []string{
		"<dc:title>民政局党委书记2021年专题民主生活会对照检查材料（五个带头）</dc:title>",
		"<dc:creator></dc:creator>", "<cp:lastModifiedBy></cp:lastModifiedBy>",
		`<dcterms:created xsi:type="dcterms:W3CDTF">2022-01-10T01:00:00Z</dcterms:created>`,
	} {
		if !strings.Contains(core, want) {
			t.Errorf("core.xml lacks %s:\n%s", want, core)
		}
	}
	host, _ := os.Hostname()
	for _, leak := range []string{host, os.Getenv("USER"), os.Getenv("LOGNAME")} {
		if leak != "" && strings.Contains(core, leak) {
			t.Errorf("core.xml leaks %q", leak)
		}
	}
	core = unzipped(t, writeDoc(t, seedDocument(t), docx.Meta{Title: "标题<&>", Author: "某市民政局"}))["docProps/core.xml"]
	if !strings.Contains(core, "<dc:title>标题&lt;&amp;&gt;</dc:title><dc:creator>某市民政局</dc:creator>") {
		t.Errorf("core.xml: %s", core)
	}
}

// What is written reads back as the same paragraphs: text, soft breaks,
// headings as outline levels, run-in headings as bold leads.
func TestWriteReadRoundTrip(t *testing.T) {
	d := seedDocument(t)
	d.Blocks = append(d.Blocks,
		jingzi.Block{Kind: jingzi.BlockSubtitle, Text: "某市民政局党委书记\n张三"},
		jingzi.Block{Kind: jingzi.BlockBody, Text: "特殊字符 <a> & \"引号\"\t制表\x01控制符"},
	)
	ps := readBytes(t, writeDoc(t, d, docx.Meta{}))
	var want []string
	for _, b := range d.Blocks {
		want = append(want, strings.ReplaceAll(b.Lead+b.Text, "\x01", ""))
	}
	assertTexts(t, texts(ps), want)
	for i, b := range d.Blocks {
		if i >= len(ps) {
			break
		}
		level := map[jingzi.BlockKind]int{jingzi.BlockHeading1: 1, jingzi.BlockHeading2: 2, jingzi.BlockHeading3: 3}[b.Kind]
		if ps[i].OutlineLevel != level {
			t.Errorf("%q: OutlineLevel %d, want %d", b.Text, ps[i].OutlineLevel, level)
		}
		if b.Lead != "" && b.LeadKind == jingzi.BlockHeading3 && ps[i].BoldLead != b.Lead {
			t.Errorf("%q: BoldLead %q, want %q", b.Text, ps[i].BoldLead, b.Lead)
		}
	}
}

func TestWriteEmptyAndNil(t *testing.T) {
	ps := readBytes(t, writeDoc(t, &jingzi.Document{}, docx.Meta{}))
	if len(ps) != 0 {
		t.Errorf("empty document read back as %v", ps)
	}
	err := docx.Write(io.Discard, nil, docx.Meta{})
	if jingzi.ErrorCode(err) != jingzi.EINVALID {
		t.Errorf("Write(nil) = %v, want EINVALID", err)
	}
}

// A lead's font follows its LeadKind; an unset LeadKind (the zero value,
// BlockTitle) gives the level-3 bold 仿宋 lead, never the title font.
func TestWriteLeadFonts(t *testing.T) {
	tests := []struct {
		kind jingzi.BlockKind
		want string
	}{
		{jingzi.BlockHeading1, `w:eastAsia="黑体" w:cs="Times New Roman"/></w:rPr><w:t xml:space="preserve">引领</w:t>`},
		{jingzi.BlockHeading2, `w:eastAsia="楷体_GB2312" w:cs="Times New Roman"/></w:rPr><w:t xml:space="preserve">引领</w:t>`},
		{jingzi.BlockHeading3, `w:eastAsia="仿宋_GB2312" w:cs="Times New Roman"/><w:b/><w:bCs/></w:rPr><w:t xml:space="preserve">引领</w:t>`},
		{jingzi.BlockTitle, `w:eastAsia="仿宋_GB2312" w:cs="Times New Roman"/><w:b/><w:bCs/></w:rPr><w:t xml:space="preserve">引领</w:t>`},
	}
	for _, tc := range tests {
		d := &jingzi.Document{Blocks: []jingzi.Block{{Kind: jingzi.BlockBody, Lead: "引领", LeadKind: tc.kind, Text: "正文"}}}
		doc := unzipped(t, writeDoc(t, d, docx.Meta{}))["word/document.xml"]
		if !strings.Contains(doc, tc.want) {
			t.Errorf("LeadKind %d: document.xml lacks %s", tc.kind, tc.want)
		}
	}
}
