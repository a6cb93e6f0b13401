package docx_test

import (
	"archive/zip"
	"bytes"
	"testing"
)

const wNS = `xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main" ` +
	`xmlns:mc="http://schemas.openxmlformats.org/markup-compatibility/2006" ` +
	`xmlns:wps="http://schemas.microsoft.com/office/word/2010/wordprocessingShape" ` +
	`xmlns:v="urn:schemas-microsoft-com:vml" ` +
	`xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"`

// part is one file of a hand-made .docx.
type part struct{ name, body string }

// zipParts packs parts into a zip in the given order.
func zipParts(t testing.TB, parts ...part) []byte {
	t.Helper()
	var buf bytes.Buffer
	zw := zip.NewWriter(&buf)
	for _, p := range parts {
		w, err := zw.Create(p.name)
		if err != nil {
			t.Fatal(err)
		}
		w.Write([]byte(p.body))
	}
	if err := zw.Close(); err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}

// docxWith builds a minimal .docx whose body is body, plus optional styles.xml
// and numbering.xml (found by their conventional names).
func docxWith(t testing.TB, body, styles, numbering string) []byte {
	t.Helper()
	parts := []part{
		{"[Content_Types].xml", `<?xml version="1.0"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"/>`},
		{"word/document.xml", `<?xml version="1.0" encoding="UTF-8"?><w:document ` + wNS + `><w:body>` + body + `</w:body></w:document>`},
	}
	if styles != "" {
		parts = append(parts, part{"word/styles.xml", `<w:styles ` + wNS + `>` + styles + `</w:styles>`})
	}
	if numbering != "" {
		parts = append(parts, part{"word/numbering.xml", `<w:numbering ` + wNS + `>` + numbering + `</w:numbering>`})
	}
	return zipParts(t, parts...)
}
