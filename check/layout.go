package check

import (
	"sort"
	"strings"
	"unicode/utf8"

	"jingzi"
)

// role of a line in the document.
type role int

const (
	roleTitle role = iota
	rolePreface
	roleHeading1
	roleHeading2
	roleItem // first line of an item: ordinal, heading, first paragraph
	roleBody // further paragraph of an item, an intro or the closing
)

// line is one block of the rendered document: text[start:end] in the plain
// text, char its character offset, and the statement element it belongs to.
type line struct {
	start, end int
	char       int
	role       role
	kind       jingzi.PartKind // "" outside a part
	part       int
	section    int
	item       int
}

// owner is where a block sits in the statement.
type owner struct {
	role                role
	kind                jingzi.PartKind
	part, section, item int
}

// statementOwners lists, block by block, the owners of what s.Document()
// renders, following its layout: title, preface, then for each part its
// heading, intro, sections (heading, intro, items) and items, then the closing.
func statementOwners(s *jingzi.Statement) []owner {
	none := owner{role: rolePreface, part: -1, section: -1, item: -1}
	out := []owner{{role: roleTitle, part: -1, section: -1, item: -1}}
	out = appendParas(out, s.Preface, none)
	for i, p := range s.Parts {
		at := owner{role: roleHeading1, kind: p.Kind, part: i, section: -1, item: -1}
		out = append(out, at)
		at.role = roleBody
		out = appendParas(out, p.Intro, at)
		for j, sec := range p.Sections {
			at := owner{role: roleHeading2, kind: p.Kind, part: i, section: j, item: -1}
			out = append(out, at)
			at.role = roleBody
			out = appendParas(out, sec.Intro, at)
			out = appendItems(out, sec.Items, at)
		}
		out = appendItems(out, p.Items, at)
	}
	none.role = roleBody
	return appendParas(out, s.Closing, none)
}

func appendItems(out []owner, items []*jingzi.Item, at owner) []owner {
	for k, it := range items {
		at.item, at.role = k, roleItem
		out = append(out, at)
		at.role = roleBody
		if n := len(paragraphs(it.Body)); n > 1 {
			for range n - 1 {
				out = append(out, at)
			}
		}
	}
	return out
}

func appendParas(out []owner, text string, at owner) []owner {
	for range paragraphs(text) {
		out = append(out, at)
	}
	return out
}

// paragraphs splits as the document layout does: lines, trimmed, non-empty.
func paragraphs(text string) []string {
	var out []string
	for _, l := range strings.Split(text, "\n") {
		if l = strings.TrimSpace(l); l != "" {
			out = append(out, l)
		}
	}
	return out
}

// statementLines renders s and returns its plain text and lines.
func statementLines(s *jingzi.Statement) (string, []line) {
	d := s.Document()
	owners := statementOwners(s)
	var b strings.Builder
	lines := make([]line, 0, len(d.Blocks))
	char := 0
	for i, bl := range d.Blocks {
		o := owner{role: roleBody, part: -1, section: -1, item: -1}
		if i < len(owners) {
			o = owners[i]
		}
		l := line{start: b.Len(), char: char, role: o.role, kind: o.kind, part: o.part, section: o.section, item: o.item}
		b.WriteString(bl.Lead)
		b.WriteString(bl.Text)
		l.end = b.Len()
		char += utf8.RuneCountInString(bl.Lead) + utf8.RuneCountInString(bl.Text) + 1
		b.WriteByte('\n')
		lines = append(lines, l)
	}
	return b.String(), lines
}

// textLines splits a plain text into lines and guesses the part each line is
// in from headings such as “一、存在问题及表现”.
func textLines(text string) []line {
	var lines []line
	kind := jingzi.PartKind("")
	char, start := 0, 0
	first := true
	for start <= len(text) {
		end := strings.IndexByte(text[start:], '\n')
		if end < 0 {
			end = len(text)
		} else {
			end += start
		}
		body := strings.TrimRight(text[start:end], "\r")
		l := line{start: start, end: start + len(body), char: char, role: roleBody, part: -1, section: -1, item: -1}
		if k, ok := headingKind(body); ok {
			kind, l.role = k, roleHeading1
		} else if first && strings.TrimSpace(body) != "" {
			l.role, first = roleTitle, false
		}
		l.kind = kind
		lines = append(lines, l)
		char += utf8.RuneCountInString(text[start:end]) + 1
		start = end + 1
	}
	return lines
}

// headingKind recognises a level-1 heading of a plain text by its ordinal and words.
func headingKind(s string) (jingzi.PartKind, bool) {
	s = strings.Trim(s, " \t#*　")
	n := leadingNumeral(s)
	if n == 0 || !strings.HasPrefix(s[n:], "、") && !strings.HasPrefix(s[n:], ".") && !strings.HasPrefix(s[n:], "．") {
		return "", false
	}
	if utf8.RuneCountInString(s) > 30 {
		return "", false
	}
	switch {
	case strings.Contains(s, "案例"):
		return jingzi.PartCase, true
	case strings.Contains(s, "原因"):
		return jingzi.PartCauses, true
	case strings.Contains(s, "措施") || strings.Contains(s, "努力方向"):
		return jingzi.PartMeasures, true
	case strings.Contains(s, "问题"):
		return jingzi.PartProblems, true
	}
	return jingzi.PartOther, true
}

// lineAt returns the index of the line holding byte offset off.
func lineAt(lines []line, off int) int {
	i := sort.Search(len(lines), func(i int) bool { return lines[i].start > off })
	return max(i-1, 0)
}
