package check

import (
	"fmt"
	"regexp"
	"strconv"

	"jingzi"
)

// countPhrases find each preface number in the rendered text; group 1 is the number.
var countPhrases = map[jingzi.CountKey]*regexp.Regexp{
	jingzi.CountStudies:  regexp.MustCompile(`学习研讨(\d+)次`),
	jingzi.CountTalks:    regexp.MustCompile(`谈心谈话(\d+)人次`),
	jingzi.CountUnits:    regexp.MustCompile(`(\d+)个单位`),
	jingzi.CountOpinions: regexp.MustCompile(`意见建议(\d+)条`),
}

// checkCounts reports a number entered by hand that disagrees with jingzi's
// records (Options.RecordCounts), at the number in the preface.
func (d *doc) checkCounts() {
	if d.stmt == nil || len(d.opts.RecordCounts) == 0 {
		return
	}
	for _, k := range d.stmt.CountMismatches(d.opts.RecordCounts) {
		entered, recorded := *d.stmt.Count(k).Value, d.opts.RecordCounts[k]
		msg := fmt.Sprintf("%s手工填写为%d，而系统记录统计为%d，两者不一致。", k.Label(), entered, recorded)
		start, end := d.countSpan(k, entered)
		if start < 0 {
			d.addLine(RuleCountMismatch, 0, msg, "核对后改用系统统计数，或补录缺少的记录。")
			continue
		}
		d.add(RuleCountMismatch, start, end, msg, "改为"+strconv.Itoa(recorded)+"，或补录缺少的记录后再核对。")
	}
}

// countSpan finds the entered number in the preface lines, or -1.
func (d *doc) countSpan(k jingzi.CountKey, value int) (int, int) {
	for _, l := range d.lines {
		if l.part >= 0 {
			break
		}
		for _, m := range countPhrases[k].FindAllStringSubmatchIndex(d.text[l.start:l.end], -1) {
			if d.text[l.start+m[2]:l.start+m[3]] == strconv.Itoa(value) {
				return l.start + m[2], l.start + m[3]
			}
		}
	}
	return -1, -1
}
