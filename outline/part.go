package outline

import (
	"strings"

	"jingzi"
)

// partKeywords classify a part by its heading, tried in order: "存在问题的原因剖析"
// names problems but is the causes part, "反面典型案例剖析" names 剖析 but is the case.
var partKeywords = []struct {
	kind  jingzi.PartKind
	words []string
}{
	{jingzi.PartOther, []string{"落实情况", "整改情况", "情况报告"}},
	{jingzi.PartCase, []string{"案例", "典型"}},
	{jingzi.PartCauses, []string{"原因", "根源", "根子", "症结"}},
	{jingzi.PartMeasures, []string{"措施", "努力方向", "整改方向", "方向", "努力", "整改", "打算"}},
	{jingzi.PartProblems, []string{"问题", "表现", "查摆", "不足", "差距", "检视"}},
	{jingzi.PartCauses, []string{"剖析"}},
}

// partKindOf classifies a part heading; with a framework, a heading that names no
// kind is compared with the framework's part headings.
func partKindOf(heading string, fw *jingzi.Framework) jingzi.PartKind {
	for _, k := range partKeywords {
		for _, w := range k.words {
			if strings.Contains(heading, w) {
				return k.kind
			}
		}
	}
	if fw != nil {
		for _, p := range fw.Parts {
			if similarity(heading, p.Heading) >= 0.6 {
				return p.Kind
			}
		}
	}
	return jingzi.PartOther
}

// buildPart builds one part from its heading line and the lines up to the next part.
func buildPart(head line, body []line, top string, fw *jingzi.Framework, rep *Report) *jingzi.Part {
	heading, intro := head.split()
	p := &jingzi.Part{Kind: partKindOf(heading, fw), Heading: heading, Intro: intro}
	secStyle, itemStyle := levels(p.Kind, body, top)
	var sec *jingzi.Section
	var item *jingzi.Item
	text := &paragraphs{}
	text.into(&p.Intro)
	for _, l := range body {
		switch {
		case secStyle != "" && l.m.style == secStyle:
			h, rest := l.split()
			sec = &jingzi.Section{Heading: h, Intro: rest, AspectIndex: -1}
			p.Sections, item = append(p.Sections, sec), nil
			text.into(&sec.Intro)
		case itemStyle != "" && l.m.style == itemStyle && (sec != nil || secStyle == ""):
			h, rest := l.split()
			item = &jingzi.Item{Heading: h, Body: rest}
			if sec != nil {
				sec.Items = append(sec.Items, item)
			} else {
				p.Items = append(p.Items, item)
			}
			text.into(&item.Body)
		default:
			text.add(l.full)
		}
	}
	text.flush()
	return p
}

// levels picks the label styles of the part's sections and items from the styles in
// order of first use: two or more give sections and items (deeper labels stay body
// text); one gives items, or sections in a problems part whose labelled lines are
// bare headings (（一）在…方面。) under which the problems are written as plain text.
func levels(kind jingzi.PartKind, body []line, top string) (sec, item string) {
	var styles []string
	bare := map[string]bool{}
	for _, l := range body {
		st := l.m.style
		if st == styleNone || st == top {
			continue
		}
		if _, seen := bare[st]; !seen {
			styles = append(styles, st)
			bare[st] = true
		}
		bare[st] = bare[st] && headingOnly(l.rest)
	}
	switch {
	case len(styles) == 0:
		return "", ""
	case len(styles) >= 2 && (bare[styles[0]] || kind == jingzi.PartProblems):
		return styles[0], styles[1]
	case len(styles) == 1 && kind == jingzi.PartProblems && bare[styles[0]] && sectionStyle(styles[0]):
		return styles[0], ""
	}
	return "", styles[0]
}

// sectionStyle reports whether a label style may number sections: 一是 and ① never do.
func sectionStyle(st string) bool {
	return st != styleCNShi && st != styleCNDi && st != styleCircled && st != styleBullet
}

// paragraphs collects the plain paragraphs of the innermost open part, section or
// item and joins them with "\n" once it closes, so that long texts cost linear time.
type paragraphs struct {
	dst   *string
	paras []string
}

// into flushes the text collected so far and starts collecting for dst.
func (t *paragraphs) into(dst *string) {
	t.flush()
	t.dst = dst
	if *dst != "" {
		t.paras = append(t.paras, *dst)
	}
}

func (t *paragraphs) add(para string) {
	if para != "" {
		t.paras = append(t.paras, para)
	}
}

func (t *paragraphs) flush() {
	if t.dst != nil {
		*t.dst = strings.Join(t.paras, "\n")
	}
	t.dst, t.paras = nil, nil
}
