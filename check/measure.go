package check

import (
	"regexp"
	"strings"

	"jingzi"
)

// targetPattern: a quantity with a 量词, a share, or a full-coverage promise.
var targetPattern = regexp.MustCompile(`[0-9０-９]+\s*(人次|条|个|家|篇|本|次|项|人|场|期|天|件|户|名|万|%|％|小时|学时|课时)|(不少于|不低于|至少|达到|每[年季月周])\s*([0-9０-９XxＸｘ×*＊]+|[一二三四五六七八九十两]+)|全覆盖|100%|百分之百`)

// deadlinePattern: a period or a date the measure is to be done by.
var deadlinePattern = regexp.MustCompile(`全年|年底|年内|年前|月底|月前|季度|每周|每月|每年|每半年|上半年|下半年|之前|以前|前完成|以内|立行立改|限期|长期坚持|截至|截止|今年|明年|本年|[0-9０-９]+\s*(年|月|日|周|天)`)

// checkMeasures looks at every measure for a target, a deadline and empty pledges.
func (d *doc) checkMeasures() {
	for _, it := range d.items(jingzi.PartMeasures) {
		if len(it.lines) == 0 {
			continue
		}
		text := d.itemText(it)
		head := clip(it.item.Heading, 20)
		if len(it.item.Targets) == 0 && !targetPattern.MatchString(text) {
			d.addLine(RuleTarget, it.lines[0], "整改措施“"+head+"”没有量化目标。", "写明做到什么程度，如“全年深入基层调研不少于20家”。")
		}
		if !deadlinePattern.MatchString(text) {
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
