package docx

import (
	"bufio"
	"strings"
	"unicode/utf8"

	"jingzi"
)

// blockStyle is the paragraph style of each block kind.
var blockStyle = map[jingzi.BlockKind]string{
	jingzi.BlockTitle:    "Title",
	jingzi.BlockSubtitle: "Subtitle",
	jingzi.BlockHeading1: "Heading1",
	jingzi.BlockHeading2: "Heading2",
	jingzi.BlockHeading3: "Heading3",
}

// leadRPr is the run formatting of a Block.Lead, by the heading level it
// follows. A title font is never wanted inside a paragraph, and BlockTitle is
// the zero value of LeadKind, so a lead whose kind was left unset (or set to a
// title) is typeset as a level-3 run-in heading.
var leadRPr = map[jingzi.BlockKind]string{
	jingzi.BlockTitle:    `<w:rPr>` + rFonts(fontFangSong) + bold + `</w:rPr>`,
	jingzi.BlockSubtitle: `<w:rPr>` + rFonts(fontKai) + `</w:rPr>`,
	jingzi.BlockHeading1: `<w:rPr>` + rFonts(fontHei) + `</w:rPr>`,
	jingzi.BlockHeading2: `<w:rPr>` + rFonts(fontKai) + `</w:rPr>`,
	jingzi.BlockHeading3: `<w:rPr>` + rFonts(fontFangSong) + bold + `</w:rPr>`,
	jingzi.BlockBody:     `<w:rPr>` + rFonts(fontFangSong) + `</w:rPr>`,
}

// writeDocumentXML writes word/document.xml: one paragraph per block.
func writeDocumentXML(w *bufio.Writer, d *jingzi.Document) {
	w.WriteString(xmlHeader)
	w.WriteString(`<w:document ` + nsDecl + `><w:body>`)
	for i := range d.Blocks {
		writeBlock(w, &d.Blocks[i])
	}
	if len(d.Blocks) == 0 {
		w.WriteString(`<w:p/>`)
	}
	w.WriteString(sectPrXML)
	w.WriteString(`</w:body></w:document>`)
}

func writeBlock(w *bufio.Writer, b *jingzi.Block) {
	w.WriteString(`<w:p>`)
	if id, ok := blockStyle[b.Kind]; ok {
		w.WriteString(`<w:pPr><w:pStyle w:val="`)
		w.WriteString(id)
		w.WriteString(`"/></w:pPr>`)
	}
	if b.Lead != "" {
		rpr, ok := leadRPr[b.LeadKind]
		if !ok {
			rpr = leadRPr[jingzi.BlockHeading3]
		}
		writeRun(w, rpr, b.Lead)
	}
	if b.Text != "" {
		writeRun(w, "", b.Text)
	}
	w.WriteString(`</w:p>`)
}

// writeRun writes text as one run: "\n" becomes a soft line break (w:br) and
// "\t" a tab, so that the reader gives the same text back.
func writeRun(w *bufio.Writer, rpr, text string) {
	w.WriteString(`<w:r>`)
	w.WriteString(rpr)
	for text != "" {
		i := strings.IndexAny(text, "\n\t")
		seg := text
		if i >= 0 {
			seg = text[:i]
		}
		if seg != "" {
			w.WriteString(`<w:t xml:space="preserve">`)
			escapeText(w, seg)
			w.WriteString(`</w:t>`)
		}
		if i < 0 {
			break
		}
		if text[i] == '\n' {
			w.WriteString(`<w:br/>`)
		} else {
			w.WriteString(`<w:tab/>`)
		}
		text = text[i+1:]
	}
	w.WriteString(`</w:r>`)
}

// escapeText writes s as XML character data, dropping characters XML 1.0
// forbids (control characters, invalid UTF-8), which Word refuses to open.
func escapeText(w *bufio.Writer, s string) {
	start := 0
	for i := 0; i < len(s); {
		c, n := utf8.DecodeRuneInString(s[i:])
		var repl string
		switch {
		case c == '<':
			repl = "&lt;"
		case c == '>':
			repl = "&gt;"
		case c == '&':
			repl = "&amp;"
		case c == '"':
			repl = "&quot;"
		case c < 0x20 || (c == utf8.RuneError && n == 1) || c == 0xFFFE || c == 0xFFFF:
			repl = ""
		default:
			i += n
			continue
		}
		w.WriteString(s[start:i])
		w.WriteString(repl)
		i += n
		start = i
	}
	w.WriteString(s[start:])
}
