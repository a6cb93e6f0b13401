package jingzi

import "strings"

// Paragraph is one paragraph read from an imported file (.txt, .md or .docx) before
// its structure is recognised.
type Paragraph struct {
	Text string `json:"text"` // soft line breaks (w:br) appear as "\n"
	// Bold is true when every visible character of the paragraph is bold; BoldLead
	// when the paragraph starts with a bold run (a bold-run heading followed by text).
	Bold     bool   `json:"bold,omitempty"`
	BoldLead string `json:"bold_lead,omitempty"`
	// Number is the list label Word computes from w:numPr ("一、", "（一）", "1."), which
	// is not part of Text; "" when the paragraph is not in a numbered list.
	Number string `json:"number,omitempty"`
	// OutlineLevel is 1..9 for a heading style or outline level, 0 otherwise.
	OutlineLevel int  `json:"outline_level,omitempty"`
	InTable      bool `json:"in_table,omitempty"`
}

// BlockKind is the role of a block in a generated document; the .docx writer maps
// each to its GB/T 9704 font and size.
type BlockKind int

const (
	BlockTitle    BlockKind = iota // 标题：方正小标宋简体 二号，居中
	BlockSubtitle                  // 署名、日期等居中副行
	BlockHeading1                  // 一、 黑体 三号
	BlockHeading2                  // （一） 楷体_GB2312 三号
	BlockHeading3                  // 1. 仿宋 三号
	BlockBody                      // 正文：仿宋_GB2312 三号，首行缩进2字
)

// Block is one paragraph of a generated document. Lead is an inline run-in
// heading ("一是理论学习不系统。") printed before Text in the same paragraph;
// LeadKind says which heading level its font follows.
type Block struct {
	Kind     BlockKind
	Lead     string
	LeadKind BlockKind
	Text     string
	// Ordinal is the numbering that starts Lead (or Text for headings), "一是",
	// "（二）", "三、"; comparisons ignore it so that renumbering is no change.
	Ordinal string
}

// Document 公文 is a generated document as a list of blocks: a statement, 会议记录,
// 情况报告 or 通报. Writers (.docx, Markdown, HTML) only lay it out.
type Document struct {
	Title  string
	Blocks []Block
}

// PlainText returns the document as plain text, one paragraph a line.
func (d *Document) PlainText() string {
	var b strings.Builder
	for _, bl := range d.Blocks {
		b.WriteString(bl.Lead)
		b.WriteString(bl.Text)
		b.WriteByte('\n')
	}
	return b.String()
}

var cnDigits = []string{"零", "一", "二", "三", "四", "五", "六", "七", "八", "九"}

// ChineseNumeral writes 1..99 as 一, 十, 十一, 二十三; other numbers in Arabic digits.
func ChineseNumeral(n int) string {
	switch {
	case n <= 0 || n >= 100:
		return itoa(n)
	case n < 10:
		return cnDigits[n]
	case n == 10:
		return "十"
	case n < 20:
		return "十" + cnDigits[n%10]
	case n%10 == 0:
		return cnDigits[n/10] + "十"
	}
	return cnDigits[n/10] + "十" + cnDigits[n%10]
}

// Document lays the statement out in the house numbering: parts 一、, sections
// （一）, items 一是 (causes （一）), so that the importer reads it back to the same
// structure.
func (s *Statement) Document() *Document {
	d := &Document{Title: s.Title}
	d.Blocks = append(d.Blocks, Block{Kind: BlockTitle, Text: s.Title})
	d.addParagraphs(s.RenderPreface())
	for i, p := range s.Parts {
		ord := ChineseNumeral(i+1) + "、"
		d.Blocks = append(d.Blocks, Block{Kind: BlockHeading1, Text: ord + p.Heading, Ordinal: ord})
		d.addParagraphs(p.Intro)
		for j, sec := range p.Sections {
			ord := "（" + ChineseNumeral(j+1) + "）"
			d.Blocks = append(d.Blocks, Block{Kind: BlockHeading2, Text: ord + sec.Heading, Ordinal: ord})
			d.addParagraphs(sec.Intro)
			d.addItems(sec.Items, false)
		}
		d.addItems(p.Items, p.Kind == PartCauses)
	}
	d.addParagraphs(s.Closing)
	return d
}

func (d *Document) addParagraphs(text string) {
	for _, para := range splitParagraphs(text) {
		d.Blocks = append(d.Blocks, Block{Kind: BlockBody, Text: para})
	}
}

// addItems writes each item as a body paragraph led by its ordinal and heading;
// further paragraphs of its body follow as plain body paragraphs.
func (d *Document) addItems(items []*Item, bracketed bool) {
	for k, it := range items {
		lead, kind := ChineseNumeral(k+1)+"是", BlockHeading3
		if bracketed {
			lead, kind = "（"+ChineseNumeral(k+1)+"）", BlockHeading2
		}
		paras := splitParagraphs(it.Body)
		first := ""
		if len(paras) > 0 {
			first, paras = paras[0], paras[1:]
		}
		d.Blocks = append(d.Blocks, Block{Kind: BlockBody, Lead: lead + it.Heading, LeadKind: kind, Text: first, Ordinal: lead})
		for _, para := range paras {
			d.Blocks = append(d.Blocks, Block{Kind: BlockBody, Text: para})
		}
	}
}

func splitParagraphs(text string) []string {
	var out []string
	for _, line := range strings.Split(text, "\n") {
		if line = strings.TrimSpace(line); line != "" {
			out = append(out, line)
		}
	}
	return out
}
