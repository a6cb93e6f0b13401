package docx_test

import (
	"bytes"
	"fmt"
	"os"
	"reflect"
	"strings"
	"sync"
	"testing"

	"jingzi"
	"jingzi/docx"
)

func readBytes(t testing.TB, data []byte) []jingzi.Paragraph {
	t.Helper()
	ps, err := docx.Read(bytes.NewReader(data), int64(len(data)))
	if err != nil {
		t.Fatalf("Read: %v", err)
	}
	return ps
}

func texts(ps []jingzi.Paragraph) []string {
	out := make([]string, len(ps))
	for i, p := range ps {
		out[i] = p.Text
	}
	return out
}

func assertTexts(t *testing.T, got, want []string) {
	t.Helper()
	if len(got) != len(want) {
		t.Errorf("got %d paragraphs, want %d", len(got), len(want))
	}
	for i := range min(len(got), len(want)) {
		if got[i] != want[i] {
			t.Errorf("paragraph %d:\n got %q\nwant %q", i, got[i], want[i])
		}
	}
}

// The seed converted by LibreOffice from .txt keeps every line, literally,
// including the ** markers (the importer strips them, not the reader).
func TestReadLibreOfficeSeed(t *testing.T) {
	ps, err := docx.ReadFile("testdata/seed-libreoffice.docx")
	if err != nil {
		t.Fatal(err)
	}
	assertTexts(t, texts(ps), seedLines(t))
}

// The python-docx fixture is shaped like a document typed in Word: soft line
// break in the title, bold part headings, a numbered list for （一）…（五）,
// bold item leads and tracked changes.
func TestReadPythonDocxSeed(t *testing.T) {
	ps, err := docx.ReadFile("testdata/seed-python-docx.docx")
	if err != nil {
		t.Fatal(err)
	}
	lines := seedLines(t)
	if len(ps) != len(lines) {
		t.Fatalf("got %d paragraphs, want %d", len(ps), len(lines))
	}
	wantTitle := "民政局党委书记\n2021年专题民主生活会对照检查材料（五个带头）"
	if ps[0].Text != wantTitle {
		t.Errorf("title = %q, want %q (soft line break kept)", ps[0].Text, wantTitle)
	}
	var numbers []string
	for i, p := range ps[1:] {
		line := lines[i+1]
		want := strings.Trim(line, "*")
		if p.Number != "" {
			numbers = append(numbers, p.Number)
			want = strings.TrimPrefix(want, p.Number)
		}
		if p.Text != want {
			t.Errorf("paragraph %d:\n got %q\nwant %q", i+1, p.Text, want)
		}
		if isPart := strings.HasPrefix(line, "**"); p.Bold != isPart {
			t.Errorf("paragraph %d %q: Bold = %v, want %v", i+1, want[:12], p.Bold, isPart)
		}
	}
	if got := strings.Join(numbers, " "); got != "（一） （二） （三） （四） （五）" {
		t.Errorf("list labels = %q", got)
	}
	if ps[4].BoldLead != "一是理论学习不系统。" {
		t.Errorf("BoldLead = %q", ps[4].BoldLead)
	}
	if strings.Contains(ps[1].Text, "草稿") {
		t.Errorf("deleted text kept: %q", ps[1].Text)
	}
}

func TestReadStructures(t *testing.T) {
	run := func(s string) string { return `<w:r><w:t xml:space="preserve">` + s + `</w:t></w:r>` }
	p := func(inner string) string { return `<w:p>` + inner + `</w:p>` }
	tests := []struct {
		name, body string
		want       []string
	}{
		{"soft breaks and tabs", p(`<w:r><w:t>单位</w:t><w:br/><w:t>姓名</w:t><w:tab/><w:t>职务</w:t><w:cr/><w:t>日期</w:t></w:r>`),
			[]string{"单位\n姓名\t职务\n日期"}},
		{"page break is not a line break", p(run("前") + `<w:r><w:br w:type="page"/></w:r>` + run("后")), []string{"前后"}},
		{"empty paragraphs dropped", p("") + p(run("　　")) + p(run("正文")), []string{"正文"}},
		{"full-width indent trimmed", p(run("　　一是学习不够。")), []string{"一是学习不够。"}},
		{"tracked insertion kept, deletion dropped",
			p(run("学习") + `<w:ins w:id="1" w:author="a">` + run("不够") + `</w:ins><w:del w:id="2" w:author="a"><w:r><w:delText>很好</w:delText></w:r></w:del>` + run("。")),
			[]string{"学习不够。"}},
		{"moved text read once", p(`<w:moveFrom w:id="1"><w:r><w:t>甲</w:t></w:r></w:moveFrom>` + run("乙") + `<w:moveTo w:id="2"><w:r><w:t>甲</w:t></w:r></w:moveTo>`),
			[]string{"乙甲"}},
		{"complex field keeps the result", p(run("共") + `<w:r><w:fldChar w:fldCharType="begin"/></w:r><w:r><w:instrText> MERGEFIELD 人数 </w:instrText></w:r><w:r><w:fldChar w:fldCharType="separate"/></w:r>` + run("12") + `<w:r><w:fldChar w:fldCharType="end"/></w:r>` + run("人")),
			[]string{"共12人"}},
		{"simple field keeps the result", p(run("第") + `<w:fldSimple w:instr=" PAGE ">` + run("3") + `</w:fldSimple>` + run("页")), []string{"第3页"}},
		{"hyperlink, smart tag and content control", p(`<w:hyperlink r:id="rId9">` + run("链接") + `</w:hyperlink><w:smartTag w:element="place">` + run("北京") + `</w:smartTag><w:sdt><w:sdtPr><w:alias w:val="日期"/></w:sdtPr><w:sdtContent>` + run("2022年1月") + `</w:sdtContent></w:sdt>`),
			[]string{"链接北京2022年1月"}},
		{"block content control", `<w:sdt><w:sdtPr/><w:sdtContent>` + p(run("控件内段落")) + `</w:sdtContent></w:sdt>`, []string{"控件内段落"}},
		{"alternate content: fallback replaces choice", p(run("前") + `<mc:AlternateContent><mc:Choice Requires="wps">` + run("图中文字") + `</mc:Choice><mc:Fallback>` + run("图中文字") + `</mc:Fallback></mc:AlternateContent>` + run("后")),
			[]string{"前图中文字后"}},
		{"alternate content: choice alone read once", p(`<mc:AlternateContent><mc:Choice Requires="w14">` + run("甲") + `</mc:Choice><mc:Choice Requires="w15">` + run("乙") + `</mc:Choice></mc:AlternateContent>`),
			[]string{"甲"}},
		{"text box in a drawing with fallback", p(run("正文") + `<w:r><mc:AlternateContent><mc:Choice Requires="wps"><w:drawing><wps:txbx><w:txbxContent>` + p(run("文本框")) + `</w:txbxContent></wps:txbx></w:drawing></mc:Choice><mc:Fallback><w:pict><v:textbox><w:txbxContent>` + p(run("文本框")) + `</w:txbxContent></v:textbox></w:pict></mc:Fallback></mc:AlternateContent></w:r>`),
			[]string{"文本框", "正文"}},
		{"property changes ignored", p(`<w:pPr><w:pPrChange w:id="1"><w:pPr/></w:pPrChange></w:pPr><w:r><w:rPr><w:rPrChange w:id="2"><w:rPr><w:b/></w:rPr></w:rPrChange></w:rPr><w:t>正文</w:t></w:r>`),
			[]string{"正文"}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			assertTexts(t, texts(readBytes(t, docxWith(t, tc.body, "", ""))), tc.want)
		})
	}
}

func TestReadTables(t *testing.T) {
	cell := func(s string) string { return `<w:tc><w:tcPr/><w:p><w:r><w:t>` + s + `</w:t></w:r></w:p></w:tc>` }
	body := `<w:p><w:r><w:t>表前</w:t></w:r></w:p><w:tbl><w:tblPr/><w:tblGrid/><w:tr>` + cell("问题") + cell("措施") + `</w:tr>` +
		`<w:tr><w:tc><w:tbl><w:tr>` + cell("嵌套") + `</w:tr></w:tbl><w:p/></w:tc></w:tr></w:tbl><w:p><w:r><w:t>表后</w:t></w:r></w:p>`
	ps := readBytes(t, docxWith(t, body, "", ""))
	assertTexts(t, texts(ps), []string{"表前", "问题", "措施", "嵌套", "表后"})
	for i, want := range []bool{false, true, true, true, false} {
		if ps[i].InTable != want {
			t.Errorf("%q InTable = %v, want %v", ps[i].Text, ps[i].InTable, want)
		}
	}
}

func TestReadBoldAndHeadings(t *testing.T) {
	styles := `<w:style w:type="paragraph" w:default="1" w:styleId="a"><w:name w:val="Normal"/></w:style>` +
		`<w:style w:type="paragraph" w:styleId="1"><w:name w:val="heading 1"/><w:basedOn w:val="a"/><w:rPr><w:b/></w:rPr></w:style>` +
		`<w:style w:type="paragraph" w:styleId="my2"><w:name w:val="我的二级"/><w:pPr><w:outlineLvl w:val="1"/></w:pPr></w:style>` +
		`<w:style w:type="paragraph" w:styleId="my3"><w:name w:val="子标题"/><w:basedOn w:val="my2"/></w:style>` +
		`<w:style w:type="character" w:styleId="strong"><w:name w:val="Strong"/><w:rPr><w:b/></w:rPr></w:style>`
	body := `<w:p><w:pPr><w:pStyle w:val="1"/></w:pPr><w:r><w:t>一、存在问题</w:t></w:r></w:p>` +
		`<w:p><w:pPr><w:pStyle w:val="my3"/></w:pPr><w:r><w:t>（一）理论学习</w:t></w:r></w:p>` +
		`<w:p><w:pPr><w:outlineLvl w:val="2"/></w:pPr><w:r><w:t>直接大纲级别</w:t></w:r></w:p>` +
		`<w:p><w:pPr><w:pStyle w:val="1"/><w:outlineLvl w:val="9"/></w:pPr><w:r><w:rPr><w:b w:val="0"/></w:rPr><w:t>正文级别</w:t></w:r></w:p>` +
		`<w:p><w:r><w:rPr><w:rStyle w:val="strong"/></w:rPr><w:t>一是学习不够。</w:t></w:r><w:r><w:t> </w:t></w:r><w:r><w:t>表现为……</w:t></w:r></w:p>` +
		`<w:p><w:r><w:rPr><w:b/></w:rPr><w:t>全部</w:t></w:r><w:r><w:t xml:space="preserve">  </w:t></w:r><w:r><w:rPr><w:b w:val="true"/></w:rPr><w:t>加粗</w:t></w:r></w:p>`
	ps := readBytes(t, docxWith(t, body, styles, ""))
	want := []jingzi.Paragraph{
		{Text: "一、存在问题", Bold: true, OutlineLevel: 1},
		{Text: "（一）理论学习", OutlineLevel: 2},
		{Text: "直接大纲级别", OutlineLevel: 3},
		{Text: "正文级别"},
		{Text: "一是学习不够。 表现为……", BoldLead: "一是学习不够。"},
		{Text: "全部  加粗", Bold: true},
	}
	if len(ps) != len(want) {
		t.Fatalf("got %d paragraphs: %+v", len(ps), ps)
	}
	for i := range want {
		if ps[i] != want[i] {
			t.Errorf("paragraph %d:\n got %+v\nwant %+v", i, ps[i], want[i])
		}
	}
}

// Uploads are read concurrently by the web server; the pooled windows and
// decompressors must never mix two files.
func TestReadConcurrent(t *testing.T) {
	var files [][]byte
	var want [][]jingzi.Paragraph
	for _, name := range []string{"testdata/seed-python-docx.docx", "testdata/seed-libreoffice.docx"} {
		data, err := os.ReadFile(name)
		if err != nil {
			t.Fatal(err)
		}
		files = append(files, data)
		want = append(want, readBytes(t, data))
	}
	var wg sync.WaitGroup
	errs := make(chan string, 64)
	for g := range 8 {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := range 20 {
				k := (g + i) % len(files)
				got, err := docx.Read(bytes.NewReader(files[k]), int64(len(files[k])))
				if err != nil || !reflect.DeepEqual(got, want[k]) {
					errs <- fmt.Sprintf("goroutine %d, read %d of file %d: %v", g, i, k, err)
					return
				}
			}
		}()
	}
	wg.Wait()
	close(errs)
	for e := range errs {
		t.Error(e)
	}
}
