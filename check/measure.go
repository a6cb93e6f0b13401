package check

import (
	"strings"

	"jingzi"
)

// Words that make a measure's target or deadline explicit without a number.
var (
	coverageWords = []string{"全覆盖", "100%", "百分之百"}
	quotaLeads    = []string{"不少于", "不低于", "至少", "达到", "每年", "每季度", "每季", "每月", "每周"}
	deadlineWords = []string{"全年", "年底", "年内", "年前", "月底", "月前", "季度", "每周", "每月", "每年", "每半年", "上半年", "下半年",
		"之前", "以前", "前完成", "以内", "立行立改", "限期", "长期坚持", "截至", "截止", "今年", "明年", "本年"}
	timeUnits = []string{"年", "月", "日", "周", "天"}
)

// hasTarget: a number with a 量词, a quota (不少于N, 每月N), or full coverage.
func hasTarget(text string) bool {
	if containsAny(text, coverageWords) || numberFollowedBy(text, measureWords) {
		return true
	}
	for _, q := range quotaLeads {
		for i := 0; ; {
			k := strings.Index(text[i:], q)
			if k < 0 {
				break
			}
			i += k + len(q)
			if quantityLen(text[i:]) > 0 || leadingNumeral(text[i:]) > 0 || strings.HasPrefix(text[i:], "两") {
				return true
			}
		}
	}
	return false
}

// hasDeadline: a period word or a number of years, months, days.
func hasDeadline(text string) bool {
	return containsAny(text, deadlineWords) || numberFollowedBy(text, timeUnits)
}

// numberFollowedBy reports whether some run of digits (half or full width) in
// text is followed by one of the words.
func numberFollowedBy(text string, words []string) bool {
	for i := 0; i < len(text); {
		n := digitRunLen(text[i:])
		if n == 0 {
			i++
			continue
		}
		i += n
		if startsWithAny(strings.TrimLeft(text[i:], " "), words) {
			return true
		}
	}
	return false
}

// digitRunLen returns the byte length of the digits opening s.
func digitRunLen(s string) int {
	n := 0
	for n < len(s) {
		switch {
		case s[n] >= '0' && s[n] <= '9':
			n++
		case n+2 < len(s) && s[n] == 0xEF && s[n+1] == 0xBC && s[n+2] >= 0x90 && s[n+2] <= 0x99: // ０-９
			n += 3
		default:
			return n
		}
	}
	return n
}

// checkMeasures looks at every measure for a target, a deadline and empty pledges.
func (d *doc) checkMeasures() {
	for _, it := range d.items(jingzi.PartMeasures) {
		if len(it.lines) == 0 {
			continue
		}
		text := d.itemText(it)
		head := clip(it.item.Heading, 20)
		if len(it.item.Targets) == 0 && !hasTarget(text) {
			d.addLine(RuleTarget, it.lines[0], "整改措施“"+head+"”没有量化目标。", "写明做到什么程度，如“全年深入基层调研不少于20家”。")
		}
		if !hasDeadline(text) {
			d.addLine(RuleDeadline, it.lines[0], "整改措施“"+head+"”没有完成时限。", "写明时限，如“6月底前”“立行立改”“长期坚持”。")
		}
	}
}

// checkPledges reports each empty pledge in the measures part.
func (d *doc) checkPledges() {
	for _, h := range d.hits[listPledge] {
		if d.lines[lineAt(d.lines, h.start)].kind != jingzi.PartMeasures {
			continue
		}
		word := d.text[h.start:h.end]
		if strings.TrimSpace(word) == "" {
			continue
		}
		d.add(RulePledge, h.start, h.end, "“"+word+"”只是表态，没有说明做什么、做到什么程度。", "换成具体举措、量化目标和时限。")
	}
}
