package outline

import (
	"regexp"
	"strings"

	"jingzi"
)

// Parse recognises the structure of a statement's paragraphs: title, preface (with
// its counts turned into tokens), parts with their sections and items, and the
// closing. fw gives the aspects the problem sections are mapped to; when it is nil
// the year is read from the title and the matching built-in framework is used. The
// Report tells how sections were mapped and what could not be recognised.
func Parse(paras []jingzi.Paragraph, fw *jingzi.Framework) (*jingzi.Statement, *Report, error) {
	lines := classify(stripMarkup(paras))
	if len(lines) == 0 {
		return nil, nil, jingzi.Errorf(jingzi.EINVALID, "文件中没有可识别的文字内容。")
	}
	s, rep := &jingzi.Statement{}, &Report{Aspects: []AspectMatch{}, Warnings: []string{}}
	if isTitle(lines[0]) {
		s.Title, lines = lines[0].full, lines[1:]
		// A title set on two lines ("单位\n姓名 职务", or "某某同志" above "…对照检查材料")
		// arrives as two paragraphs from text: join the second when it too reads as a title.
		if len(lines) > 0 && !strings.Contains(s.Title, "\n") && titleContinues(lines[0]) {
			s.Title, lines = s.Title+"\n"+lines[0].full, lines[1:]
		}
	} else {
		rep.warn("未能识别标题：第一段不像材料标题。")
	}
	fw, err := chooseFramework(fw, s, lines, rep)
	if err != nil {
		return nil, nil, err
	}
	lines, closing := splitClosing(lines)
	s.Closing = joinLines(closing)
	top, heads := partHeadings(lines, fw)
	if len(heads) == 0 {
		s.Preface = joinLines(lines)
		rep.warn("未能识别材料的层次结构：没有找到“一、存在问题”等部分标题。")
	} else {
		s.Preface = joinLines(lines[:heads[0]])
	}
	s.Preface, s.Counts = extractCounts(s.Preface)
	for i, h := range heads {
		end := len(lines)
		if i+1 < len(heads) {
			end = heads[i+1]
		}
		s.Parts = append(s.Parts, buildPart(lines[h], lines[h+1:end], top, fw, rep))
	}
	for _, p := range s.Parts {
		finishItems(p)
	}
	mapAspects(s, fw, rep)
	return s, rep, nil
}

// isTitle reports whether the first paragraph reads as a title: short, no part heading.
func isTitle(l line) bool {
	if runeLen(l.full) > maxTitleRunes || l.numbered() && l.m.style != styleBoldTitle || strings.HasSuffix(l.full, "：") {
		return false
	}
	return titleRe.MatchString(l.full) || partKindOf(l.rest, nil) == jingzi.PartOther
}

// titleContinues reports whether the paragraph after the title is the title's
// second line: short, unnumbered, no sentence punctuation, and naming the document.
func titleContinues(l line) bool {
	return !l.numbered() && runeLen(l.full) <= maxTitleRunes && titleRe.MatchString(l.full) &&
		!strings.ContainsAny(l.full, "。；，：！？") && partKindOf(l.rest, nil) == jingzi.PartOther
}

// stripMarkup removes Markdown habits that reach us inside any file — a .docx
// converted from a .txt keeps "# 标题" and "**一、…**" literally — so that every
// source is read alike.
func stripMarkup(paras []jingzi.Paragraph) []jingzi.Paragraph {
	out := make([]jingzi.Paragraph, len(paras))
	for i, p := range paras {
		if lvl, rest := atxHeading(p.Text); lvl > 0 {
			p.Text = rest
			if p.OutlineLevel == 0 {
				p.OutlineLevel = lvl
			}
		}
		if t, bold := wholeBold(p.Text); bold {
			p.Text, p.Bold = trimSpace(t), true
		}
		out[i] = p
	}
	return out
}

var titleRe = regexp.MustCompile(`材料|提纲|发言|生活会|报告`)

var closingRe = regexp.MustCompile(`^(以上|上述发言|恳请|敬请|不妥之处|不当之处|请.{0,12}批评)|批评指正|帮助指正`)

// splitClosing cuts off the closing (以上，请批评指正。) and what follows it, such as a
// signature and date: the first short, unnumbered closing line after the last label.
func splitClosing(lines []line) (body, closing []line) {
	last := -1
	for i, l := range lines {
		if l.numbered() {
			last = i
		}
	}
	for j := last + 1; j < len(lines); j++ {
		if runeLen(lines[j].full) <= maxClosingRunes && closingRe.MatchString(lines[j].full) {
			return lines[:j], lines[j:]
		}
	}
	return lines, nil
}

// partHeadings returns the style of the part labels and the indexes of the part
// headings: the first short labelled line whose heading names a part kind fixes
// the style, and every later line of that style starts a part.
func partHeadings(lines []line, fw *jingzi.Framework) (string, []int) {
	top, start := "", -1
	for i, l := range lines {
		if l.numbered() && l.m.style != styleBullet && isPartHeading(l, fw) {
			top, start = l.m.style, i
			break
		}
	}
	if start < 0 {
		return "", nil
	}
	heads := []int{start}
	for i := start + 1; i < len(lines); i++ {
		l := lines[i]
		if l.m.style == top && (top != styleBoldTitle || isPartHeading(l, fw)) {
			heads = append(heads, i)
		}
	}
	return top, heads
}

func isPartHeading(l line, fw *jingzi.Framework) bool {
	head, _ := l.split()
	return runeLen(head) <= maxPartRunes && partKindOf(head, fw) != jingzi.PartOther
}

// joinLines joins the paragraphs' text with "\n".
func joinLines(lines []line) string {
	texts := make([]string, len(lines))
	for i, l := range lines {
		texts[i] = l.full
	}
	return strings.Join(texts, "\n")
}
