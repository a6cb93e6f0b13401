package docx_test

import (
	"bytes"
	"fmt"
	"os"
	"path/filepath"
	"testing"
	"unicode/utf8"

	"jingzi"
	"jingzi/docx"
)

// fuzzSeeds are small whole files: the writer's output, hand-made documents
// and the small hostile files.
func fuzzSeeds(t testing.TB) [][]byte {
	short := &jingzi.Document{Title: "标题", Blocks: []jingzi.Block{
		{Kind: jingzi.BlockTitle, Text: "标题\n副行"}, {Kind: jingzi.BlockHeading1, Text: "一、问题"},
		{Kind: jingzi.BlockBody, Lead: "一是学习不够。", LeadKind: jingzi.BlockHeading3, Text: "正文\t内容"},
	}}
	seeds := [][]byte{
		writeDoc(t, short, docx.Meta{}),
		docxWith(t, numbered("1", 0, "问题")+numbered("1", 1, "甲"), "", houseList),
		docxWith(t, `<w:p><w:r><w:t>前</w:t></w:r><mc:AlternateContent><mc:Choice Requires="wps"><w:r><w:t>甲</w:t></w:r></mc:Choice><mc:Fallback><w:r><w:t>乙</w:t></w:r></mc:Fallback></mc:AlternateContent></w:p>`, "", ""),
	}
	for _, c := range smallHostileCases(t) {
		if len(c.data) < 4096 {
			seeds = append(seeds, c.data)
		}
	}
	return seeds
}

// FuzzRead: no input makes Read panic, and every refusal is EINVALID.
func FuzzRead(f *testing.F) {
	for _, s := range fuzzSeeds(f) {
		f.Add(s)
	}
	for _, name := range []string{"testdata/seed-python-docx.docx", "testdata/seed-libreoffice.docx"} {
		if data, err := os.ReadFile(name); err == nil {
			f.Add(data)
		}
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		ps, err := docx.Read(bytes.NewReader(data), int64(len(data)))
		checkReadResult(t, ps, err)
	})
}

// FuzzReadParts fuzzes the XML parts themselves inside a well-formed zip, which
// FuzzRead rarely reaches past the checksums.
func FuzzReadParts(f *testing.F) {
	f.Add(`<w:p><w:pPr><w:numPr><w:ilvl w:val="1"/><w:numId w:val="1"/></w:numPr></w:pPr><w:r><w:rPr><w:b/></w:rPr><w:t>甲</w:t><w:br/></w:r></w:p>`,
		`<w:style w:type="paragraph" w:styleId="1"><w:name w:val="heading 1"/><w:basedOn w:val="1"/></w:style>`, houseList)
	f.Add(`<w:tbl><w:tr><w:tc><w:p><w:fldSimple><w:r><w:t>1</w:t></w:r></w:fldSimple></w:p></w:tc></w:tr></w:tbl>`, "", "")
	f.Fuzz(func(t *testing.T, body, styles, numbering string) {
		data := docxWith(t, body, styles, numbering)
		ps, err := docx.Read(bytes.NewReader(data), int64(len(data)))
		checkReadResult(t, ps, err)
	})
}

func checkReadResult(t *testing.T, ps []jingzi.Paragraph, err error) {
	if err != nil {
		if jingzi.ErrorCode(err) != jingzi.EINVALID {
			t.Fatalf("error %v is not EINVALID", err)
		}
		return
	}
	for _, p := range ps {
		if p.Text == "" || !utf8.ValidString(p.Text) {
			t.Fatalf("paragraph text %q", p.Text)
		}
		if p.Bold && p.BoldLead != "" {
			t.Fatalf("both Bold and BoldLead: %+v", p)
		}
	}
}

// TestFuzzCorpus rewrites the committed seed corpus with -update.
func TestFuzzCorpus(t *testing.T) {
	dir := filepath.Join("testdata", "fuzz", "FuzzRead")
	if !*update {
		entries, err := os.ReadDir(dir)
		if err != nil || len(entries) == 0 {
			t.Fatalf("no committed fuzz corpus in %s (run go test -update)", dir)
		}
		return
	}
	os.MkdirAll(dir, 0o755)
	for i, s := range fuzzSeeds(t) {
		body := fmt.Sprintf("go test fuzz v1\n[]byte(%q)\n", s)
		if err := os.WriteFile(filepath.Join(dir, fmt.Sprintf("seed%02d", i)), []byte(body), 0o644); err != nil {
			t.Fatal(err)
		}
	}
}
