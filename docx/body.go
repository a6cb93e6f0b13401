package docx

import (
	"io"
	"strconv"
	"strings"
	"unicode"

	"jingzi"
)

// bodyReader walks word/document.xml and collects its paragraphs in reading
// order: body paragraphs, table cells and text boxes.
type bodyReader struct {
	x          *xmlReader
	st         *styleSheet
	nb         *numbering
	out        []jingzi.Paragraph
	tableDepth int
	fields     []bool // open complex fields; true while in the field's instruction
	text       []byte // reused for the text of each w:t
}

// paragraph collects one w:p.
type paragraph struct {
	styleID string
	num     numRef
	outline int // -1 when the paragraph sets no outline level
	runs    []piece
}

// piece is text of one run with its resolved boldness.
type piece struct {
	text string
	bold bool
}

func (b *bodyReader) read() error {
	for {
		k, err := b.x.next()
		if err == io.EOF {
			return nil
		} else if err != nil {
			return err
		}
		if k == tokStart && b.x.el.isW("body") {
			if err := b.block(); err != nil {
				return err
			}
		}
	}
}

// block reads the children of a block container (body, cell, text box, sdt).
func (b *bodyReader) block() error {
	return b.x.each(b.blockElement)
}

func (b *bodyReader) blockElement(se *element) error {
	switch {
	case se.isW("p"):
		return b.paragraph()
	case se.isW("tbl"):
		b.tableDepth++
		err := b.block()
		b.tableDepth--
		return err
	case isAlternate(se):
		return b.alternate(nil, b.blockElement)
	case skipped(se):
		return b.x.skip()
	}
	return b.block()
}

func (b *bodyReader) paragraph() error {
	p := &paragraph{outline: -1}
	err := b.x.each(func(se *element) error { return b.inline(p, se) })
	if err != nil {
		return err
	}
	b.finish(p)
	return nil
}

// inline reads a child of a paragraph or of an inline container (insertion,
// hyperlink, smart tag, content control, simple field…).
func (b *bodyReader) inline(p *paragraph, se *element) error {
	switch {
	case se.isW("pPr"):
		return readPPr(b.x, &p.outline, &p.num, &p.styleID)
	case se.isW("r"):
		return b.run(p)
	case se.isW("p"), se.isW("tbl"):
		return b.blockElement(se)
	case isAlternate(se):
		return b.alternate(p, func(c *element) error { return b.inline(p, c) })
	case skipped(se):
		return b.x.skip()
	}
	return b.x.each(func(c *element) error { return b.inline(p, c) })
}

// run reads a w:r. Its w:rPr comes first, so the boldness is known before the
// text; each text piece is appended to the paragraph at once so that
// alternate content can be rolled back.
func (b *bodyReader) run(p *paragraph) error {
	var direct *bool
	charStyle := ""
	add := func(s string) {
		if len(b.fields) > 0 && b.fields[len(b.fields)-1] {
			return // inside a field instruction
		}
		p.runs = append(p.runs, piece{text: s, bold: b.bold(p, direct, charStyle)})
	}
	var handle func(se *element) error
	handle = func(se *element) error {
		switch {
		case se.isW("rPr"):
			return readRPr(b.x, &direct, &charStyle)
		case se.isW("t"):
			b.text = b.text[:0]
			if err := b.x.readText(&b.text); err != nil {
				return err
			}
			add(string(b.text))
			return nil
		case se.isW("tab"), se.isW("ptab"):
			add("\t")
		case se.isW("br"):
			if t := se.attr("type"); t != "page" && t != "column" {
				add("\n")
			}
		case se.isW("cr"):
			add("\n")
		case se.isW("noBreakHyphen"):
			add("-")
		case se.isW("fldChar"):
			b.fieldChar(se.attr("fldCharType"))
		case isAlternate(se):
			return b.alternate(p, handle)
		case skipped(se), se.isW("instrText"), se.isW("delText"), se.isW("delInstrText"):
		default:
			// Drawings, VML pictures and embedded objects may hold text boxes,
			// whose paragraphs are read as paragraphs of their own.
			return b.block()
		}
		return b.x.skip()
	}
	return b.x.each(handle)
}

func (b *bodyReader) fieldChar(kind string) {
	n := len(b.fields)
	switch {
	case kind == "begin":
		b.fields = append(b.fields, true)
	case kind == "separate" && n > 0:
		b.fields[n-1] = false
	case kind == "end" && n > 0:
		b.fields = b.fields[:n-1]
	}
}

func (b *bodyReader) bold(p *paragraph, direct *bool, charStyle string) bool {
	if direct != nil {
		return *direct
	}
	if v, ok := b.st.bold(charStyle); ok {
		return v
	}
	if v, ok := b.st.bold(b.paraStyle(p)); ok {
		return v
	}
	return b.st.defaultBold
}

func (b *bodyReader) paraStyle(p *paragraph) string {
	if p.styleID != "" {
		return p.styleID
	}
	return b.st.defaultPara
}

// alternate reads mc:AlternateContent: the first mc:Choice, unless an
// mc:Fallback follows, which then replaces what the Choice produced. The text
// is thus taken once, never twice.
func (b *bodyReader) alternate(p *paragraph, handle func(*element) error) error {
	nOut, nRuns := len(b.out), 0
	if p != nil {
		nRuns = len(p.runs)
	}
	choiceDone := false
	return b.x.each(func(se *element) error {
		switch {
		case se.is(spaceMC, "Choice") && !choiceDone:
			choiceDone = true
			return b.x.each(handle)
		case se.is(spaceMC, "Fallback"):
			b.out = b.out[:nOut]
			if p != nil {
				p.runs = p.runs[:nRuns]
			}
			return b.x.each(handle)
		}
		return b.x.skip()
	})
}

func isAlternate(e *element) bool {
	return e.is(spaceMC, "AlternateContent")
}

// skipped lists elements whose content is not text of the document: deleted
// and moved-away text, property changes, control properties, section settings.
func skipped(e *element) bool {
	if e.space != spaceW && e.space != spaceWStrict {
		return false
	}
	switch string(e.name()) {
	case "del", "moveFrom", "pPrChange", "rPrChange", "sdtPr", "sdtEndPr", "sectPr",
		"tblPr", "tblGrid", "trPr", "tcPr", "rPr", "footnoteReference", "endnoteReference",
		"commentReference", "annotationRef", "instrText", "delText":
		return true
	}
	return false
}

// finish turns a collected paragraph into a jingzi.Paragraph; paragraphs with
// no visible text are dropped.
func (b *bodyReader) finish(p *paragraph) {
	style := b.paraStyle(p)
	ref := p.num
	if ref.numID == "" {
		ref = b.st.numbering(style, ref)
	}
	number := ""
	if ref.numID != "" && ref.numID != "0" {
		ilvl, _ := strconv.Atoi(ref.ilvl)
		number = b.nb.label(ref.numID, ilvl)
	}
	text, bold, lead := joinPieces(p.runs)
	if text == "" {
		return
	}
	outline := p.outline
	if outline < 0 {
		outline = b.st.outline(style)
	}
	b.out = append(b.out, jingzi.Paragraph{
		Text: text, Bold: bold, BoldLead: lead, Number: number,
		OutlineLevel: outline, InTable: b.tableDepth > 0,
	})
}

// joinPieces returns the trimmed text, whether all its visible characters are
// bold, and otherwise its leading bold text.
func joinPieces(runs []piece) (text string, bold bool, lead string) {
	var all, leadB strings.Builder
	allBold, inLead, visible := true, true, false
	for _, r := range runs {
		all.WriteString(r.text)
		if strings.TrimFunc(r.text, unicode.IsSpace) == "" {
			if inLead && visible {
				leadB.WriteString(r.text)
			}
			continue
		}
		visible = true
		if !r.bold {
			allBold, inLead = false, false
		}
		if inLead {
			leadB.WriteString(r.text)
		}
	}
	text = strings.TrimFunc(all.String(), unicode.IsSpace)
	if text == "" {
		return "", false, ""
	}
	if allBold {
		return text, true, ""
	}
	return text, false, strings.TrimFunc(leadB.String(), unicode.IsSpace)
}
