package docx_test

import (
	"bytes"
	"math/rand/v2"
	"strings"
	"testing"

	"jingzi"
	"jingzi/docx"
)

// docXML packs a whole word/document.xml, for tests that need its prologue
// or root element to differ from docxWith's.
func docXML(t testing.TB, xml string) []byte {
	return zipParts(t, part{"word/document.xml", xml})
}

// The reader's own XML tokenizer reads what Word, WPS and LibreOffice write:
// references, line ends, CDATA, comments, namespaces under any prefix.
func TestReadXMLSyntax(t *testing.T) {
	const main = `xmlns:x="http://schemas.openxmlformats.org/wordprocessingml/2006/main"`
	p := func(text string) string { return `<w:p><w:r><w:t>` + text + `</w:t></w:r></w:p>` }
	tests := []struct {
		name string
		data []byte
		want []string
	}{
		{"predefined entities and character references",
			docxWith(t, p(`&lt;&gt;&amp;&quot;&apos;&#x4E2D;&#25991;`), "", ""), []string{`<>&"'中文`}},
		{"CR LF becomes LF", docxWith(t, p("甲\r\n乙\r丙"), "", ""), []string{"甲\n乙\n丙"}},
		{"CDATA kept literally", docxWith(t, p(`<![CDATA[a<b&c]]>`), "", ""), []string{"a<b&c"}},
		{"comments and instructions passed over", docxWith(t, `<!-- 注释 --><?mso-application progid="Word.Document"?>`+p(`甲<!-- x -->乙`), "", ""), []string{"甲乙"}},
		{"single-quoted attributes", docxWith(t, `<w:p><w:r><w:br w:type='page'/><w:t xml:space='preserve'>正文</w:t></w:r></w:p>`, "", ""), []string{"正文"}},
		{"'>' inside attribute values", docxWith(t, `<w:p w:rsidR="a>b"><w:pPr><w:sectPr w:x="c>d"><w:y z='e>"f'/></w:sectPr></w:pPr>`+`<w:r><w:t>正文</w:t></w:r></w:p>`, "", ""), []string{"正文"}},
		{"another prefix for the main namespace", docXML(t, `<?xml version="1.0" encoding="utf-8"?><x:document `+main+`><x:body><x:p><x:r><x:t>前缀</x:t></x:r></x:p></x:body></x:document>`), []string{"前缀"}},
		{"default namespace", docXML(t, `<document xmlns="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><body><p><r><t>默认</t></r></p></body></document>`), []string{"默认"}},
		{"strict OOXML namespace", docXML(t, `<w:document xmlns:w="http://purl.oclc.org/ooxml/wordprocessingml/main"><w:body><w:p><w:r><w:t>严格</w:t></w:r></w:p></w:body></w:document>`), []string{"严格"}},
		{"unbound prefix is not WordprocessingML", docXML(t, `<w:document><w:body><w:p><w:r><w:t>无</w:t></w:r></w:p></w:body></w:document>`), nil},
		{"long attribute value", docxWith(t, `<w:p w:x="`+strings.Repeat("a", 200<<10)+`"><w:r><w:t>长属性</w:t></w:r></w:p>`, "", ""), []string{"长属性"}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			assertTexts(t, texts(readBytes(t, tc.data)), tc.want)
		})
	}
}

// A text of several megabytes is handed out in pieces; no piece may split a
// character, a reference or a CR LF.
func TestReadLongText(t *testing.T) {
	// About 3 MB of varied characters (so that the zip ratio guard lets it
	// through), with references and CR LF scattered among them.
	r := rand.New(rand.NewPCG(1, 2))
	var raw, want strings.Builder
	for range 1 << 20 {
		switch n := r.IntN(100); {
		case n == 0:
			raw.WriteString("&amp;")
			want.WriteString("&")
		case n == 1:
			raw.WriteString("\r\n")
			want.WriteString("\n")
		default:
			c := string(rune(0x4E00 + r.IntN(2000)))
			raw.WriteString(c)
			want.WriteString(c)
		}
	}
	for _, shift := range []string{"", "a", "ab"} { // move the piece boundaries
		body := `<w:p><w:r><w:t>` + shift + raw.String() + `</w:t></w:r></w:p>`
		ps := readBytes(t, docxWith(t, body, "", ""))
		if len(ps) != 1 || ps[0].Text != strings.TrimSpace(shift+want.String()) {
			t.Fatalf("shift %q: text differs (%d paragraphs)", shift, len(ps))
		}
	}
}

// Malformed XML, forbidden characters and declarations are refused wherever
// they are, including inside the elements the reader passes over (sectPr,
// styles it does not use).
func TestReadXMLRefused(t *testing.T) {
	sect := func(inner string) []byte {
		return docxWith(t, `<w:p><w:r><w:t>正文</w:t></w:r></w:p><w:sectPr>`+inner+`</w:sectPr>`, "", "")
	}
	tests := []struct {
		name string
		data []byte
		want string
	}{
		{"mismatched end tag", docxWith(t, `<w:p><w:r><w:t>甲</w:r></w:t></w:p>`, "", ""), wantBroken},
		{"NUL character reference", docxWith(t, `<w:p><w:r><w:t>&#0;</w:t></w:r></w:p>`, "", ""), wantBroken},
		{"surrogate character reference", docxWith(t, `<w:p><w:r><w:t>&#xD800;</w:t></w:r></w:p>`, "", ""), wantBroken},
		{"control character", docxWith(t, "<w:p><w:r><w:t>甲\x01</w:t></w:r></w:p>", "", ""), wantBroken},
		{"invalid UTF-8", docxWith(t, "<w:p><w:r><w:t>\xff\xfe</w:t></w:r></w:p>", "", ""), wantBroken},
		{"undefined entity in an attribute", docxWith(t, `<w:p><w:pPr><w:pStyle w:val="&x;"/></w:pPr></w:p>`, "", ""), wantBroken},
		{"unquoted attribute", docxWith(t, `<w:p><w:pPr><w:pStyle w:val=1/></w:pPr></w:p>`, "", ""), wantBroken},
		{"two colons in a name", docxWith(t, `<w:p><w:w:r/></w:p>`, "", ""), wantBroken},
		{"GBK declared", docXML(t, `<?xml version="1.0" encoding="GBK"?><w:document `+wNS+`/>`), wantBroken},
		{"XML 1.1 declared", docXML(t, `<?xml version="1.1"?><w:document `+wNS+`/>`), wantBroken},
		{"DOCTYPE inside a skipped element", sect(`<!DOCTYPE x [<!ENTITY e "e">]>`), wantUnsafeXML},
		{"ENTITY in lower case", docXML(t, `<!entity e "x"><w:document `+wNS+`/>`), wantUnsafeXML},
		{"deep nesting inside a skipped element", sect(strings.Repeat("<w:x>", 300) + strings.Repeat("</w:x>", 300)), wantTooDeep},
		{"deep self-closing tags do not count", sect(strings.Repeat("<w:x/>", 3000)), ""},
		{"skipped element never closed", docxWith(t, `<w:p><w:r><w:t>正文</w:t></w:r></w:p><w:sectPr><w:pgSz w:w="11906"/>`, "", ""), wantBroken},
		{"tag cut inside a quoted value", docXML(t, `<w:document `+wNS+`><w:body><w:sectPr w:x="abc`), wantBroken},
		{"attribute of a huge tag", docxWith(t, `<w:p w:x="`+randomLetters(9<<20)+`"/>`, "", ""), wantTooLarge},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			_, err := docx.Read(bytes.NewReader(tc.data), int64(len(tc.data)))
			if tc.want == "" {
				if err != nil {
					t.Fatalf("refused: %v", err)
				}
				return
			}
			if msg := jingzi.ErrorMessage(err); jingzi.ErrorCode(err) != jingzi.EINVALID || msg != tc.want {
				t.Errorf("error %v, want %q", err, tc.want)
			}
		})
	}
}

// randomLetters is text that compresses too little for the zip ratio guard.
func randomLetters(n int) string {
	r := rand.New(rand.NewPCG(3, 4))
	b := make([]byte, n)
	for i := range b {
		b[i] = byte('a' + r.IntN(26))
	}
	return string(b)
}
