package outline

import (
	"bytes"
	_ "embed"
	"fmt"
	"html/template"

	"jingzi"
)

// The print view is a downloaded, self-contained file rather than a page served under
// the application's CSP, so its CSS lives in the page's own <style>.
//
//go:embed print.html
var printHTML string

var printTemplate = template.Must(template.New("print").Funcs(template.FuncMap{
	"class": blockClass,
}).Parse(printHTML))

// HTML renders a generated document as a self-contained HTML page that a browser
// prints on A4 with the GB/T 9704 margins and fonts.
func HTML(d *jingzi.Document) ([]byte, error) {
	var buf bytes.Buffer
	if err := printTemplate.Execute(&buf, d); err != nil {
		return nil, fmt.Errorf("render print view: %w", err)
	}
	return buf.Bytes(), nil
}

// blockClass is the CSS class of a block kind.
func blockClass(k jingzi.BlockKind) string {
	switch k {
	case jingzi.BlockTitle:
		return "title"
	case jingzi.BlockSubtitle:
		return "subtitle"
	case jingzi.BlockHeading1:
		return "h1"
	case jingzi.BlockHeading2:
		return "h2"
	case jingzi.BlockHeading3:
		return "h3"
	}
	return "body"
}
