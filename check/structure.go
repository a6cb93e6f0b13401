package check

import (
	"fmt"
	"unicode/utf8"

	"jingzi"
)

// itemKey identifies an item of a statement.
type itemKey struct{ part, section, item int }

// itemRef is an item with the lines it is rendered on.
type itemRef struct {
	key   itemKey
	item  *jingzi.Item
	kind  jingzi.PartKind
	lines []int
}

// items lists the items of the parts of a kind with their lines.
func (d *doc) items(kind jingzi.PartKind) []itemRef {
	at := map[itemKey][]int{}
	for i, l := range d.lines {
		if l.item >= 0 {
			k := itemKey{l.part, l.section, l.item}
			at[k] = append(at[k], i)
		}
	}
	var out []itemRef
	for pi, p := range d.stmt.Parts {
		if p.Kind != kind {
			continue
		}
		for si, sec := range p.Sections {
			for k, it := range sec.Items {
				key := itemKey{pi, si, k}
				out = append(out, itemRef{key, it, kind, at[key]})
			}
		}
		for k, it := range p.Items {
			key := itemKey{pi, -1, k}
			out = append(out, itemRef{key, it, kind, at[key]})
		}
	}
	return out
}

// headingLine returns the line of the part's (section < 0) or section's
// heading, or the title line.
func (d *doc) headingLine(part, section int) int {
	for i, l := range d.lines {
		if l.part == part && l.section == section && (l.role == roleHeading1 || l.role == roleHeading2) {
			return i
		}
	}
	return max(d.titleLine(), 0)
}

// checkStatement runs the rules that need the statement's structure.
func (d *doc) checkStatement() {
	d.checkParts()
	d.checkAspects()
	d.checkShare()
	d.checkCorrespond()
	d.checkProblems()
	d.checkMeasures()
	d.checkOpinions()
}

// requiredParts are the framework's parts, or the three every statement has.
func (d *doc) requiredParts() []jingzi.PartSpec {
	if d.fw != nil {
		return d.fw.Parts
	}
	return []jingzi.PartSpec{{Kind: jingzi.PartProblems}, {Kind: jingzi.PartCauses}, {Kind: jingzi.PartMeasures}}
}

// checkParts reports parts the framework requires that are missing, and
// parts without content.
func (d *doc) checkParts() {
	for _, ps := range d.requiredParts() {
		if ps.Kind == jingzi.PartOther || d.stmt.Part(ps.Kind) != nil {
			continue
		}
		msg := "缺少“" + ps.Kind.Label() + "”部分。"
		if d.fw != nil {
			msg = fmt.Sprintf("缺少“%s”部分：%s要求材料包含这一部分。", ps.Kind.Label(), d.fw.Name)
		}
		d.addLine(RulePart, max(d.titleLine(), 0), msg, "按“"+ps.Kind.Label()+"”补写相应内容。")
	}
	for i, p := range d.stmt.Parts {
		if p.Kind != jingzi.PartOther && len(p.AllItems()) == 0 && len(paragraphs(p.Intro)) == 0 && !sectionsHaveText(p) {
			d.addLine(RuleEmpty, d.headingLine(i, -1), "“"+p.Heading+"”部分没有内容。", "")
		}
	}
}

func sectionsHaveText(p *jingzi.Part) bool {
	for _, s := range p.Sections {
		if len(s.Items) > 0 || len(paragraphs(s.Intro)) > 0 {
			return true
		}
	}
	return false
}

// checkAspects reports framework aspects no section of the problems part
// covers with at least one problem.
func (d *doc) checkAspects() {
	pi, p := d.partIndex(jingzi.PartProblems)
	if d.fw == nil || p == nil || len(p.Sections) == 0 {
		return
	}
	covered := make([]bool, len(d.fw.Aspects))
	for _, s := range p.Sections {
		if s.AspectIndex >= 0 && s.AspectIndex < len(covered) && (len(s.Items) > 0 || len(paragraphs(s.Intro)) > 0) {
			covered[s.AspectIndex] = true
		}
	}
	for a, ok := range covered {
		if !ok {
			msg := fmt.Sprintf("检视框架第%d个方面“%s”没有查摆问题。", a+1, d.fw.Aspects[a].Wording)
			d.addLine(RuleAspect, d.headingLine(pi, -1), msg, "补写“"+d.fw.Aspects[a].Wording+"”的问题，每个方面至少一条。")
		}
	}
}

func (d *doc) partIndex(k jingzi.PartKind) (int, *jingzi.Part) {
	for i, p := range d.stmt.Parts {
		if p.Kind == k {
			return i, p
		}
	}
	return -1, nil
}

// checkShare reports a statement whose problems, case analysis and causes
// take less than the configured share of the text.
func (d *doc) checkShare() {
	share := d.opts.ProblemShare
	if share <= 0 {
		share = DefaultProblemShare
	}
	self, total := 0, 0
	for _, l := range d.lines {
		if l.role == roleTitle {
			continue
		}
		n := utf8.RuneCountInString(d.text[l.start:l.end])
		total += n
		if l.kind == jingzi.PartProblems || l.kind == jingzi.PartCase || l.kind == jingzi.PartCauses {
			self += n
		}
	}
	if total == 0 || float64(self) >= share*float64(total) {
		return
	}
	pi, _ := d.partIndex(jingzi.PartProblems)
	msg := fmt.Sprintf("查摆问题和原因剖析约占全文的%d%%，低于%d%%，材料重心应放在查摆问题、剖析原因上。", self*100/total, int(share*100+0.5))
	d.addLine(RuleShare, d.headingLine(pi, -1), msg, "")
}

// checkCorrespond reports fewer measures than the aspects problems were found in.
func (d *doc) checkCorrespond() {
	_, p := d.partIndex(jingzi.PartProblems)
	mi, m := d.partIndex(jingzi.PartMeasures)
	if p == nil || m == nil {
		return
	}
	aspects := 0
	for _, s := range p.Sections {
		if len(s.Items) > 0 {
			aspects++
		}
	}
	if n := len(m.AllItems()); n > 0 && n < aspects {
		msg := fmt.Sprintf("整改措施%d条，少于查摆问题所涉的%d个方面，请核对每个方面的问题都有对应的整改措施。", n, aspects)
		d.addLine(RuleCorrespond, d.headingLine(mi, -1), msg, "")
	}
}

// checkOpinions reports opinions aimed at the owner that no problem answers.
func (d *doc) checkOpinions() {
	answered := map[string]bool{}
	for _, p := range d.stmt.Parts {
		for _, it := range p.AllItems() {
			for _, id := range it.OpinionIDs {
				answered[id] = true
			}
		}
	}
	pi, _ := d.partIndex(jingzi.PartProblems)
	for _, o := range d.opts.Opinions {
		if answered[o.ID] {
			continue
		}
		msg := fmt.Sprintf("意见建议“%s”（编号%s）没有在任何问题中回应。", clip(o.Text, 30), o.ID)
		d.addLine(RuleOpinionUnanswered, d.headingLine(pi, -1), msg, "在对应的问题下关联这条意见（对号入座），写明表现和整改。")
	}
}

// clip shortens s to n characters.
func clip(s string, n int) string {
	if i := nthRune(s, n); i >= 0 {
		return s[:i] + "…"
	}
	return s
}
