package check

import (
	"slices"
	"sort"
	"strconv"
	"strings"

	"jingzi"
)

// exampleMarkers introduce a concrete instance of a problem.
// A relative date (去年没有对一项分管工作进行通报) also makes a problem concrete.
var exampleMarkers = []string{"比如", "例如", "譬如", "举例", "如：", "例：", "为例", "今年", "去年", "前年", "上半年", "下半年", "年初", "年底"}

// negativeMarkers are what a problem's text says when it is a problem.
var negativeMarkers = []string{"不", "没", "未", "无", "缺", "欠", "差距", "弱", "少", "低", "偏", "淡", "松", "懈", "滞后", "短板", "问题", "薄弱", "失", "误", "乏", "难", "慢", "浅", "虚", "空"}

// achievementMarkers and planLeads tell a 成绩 or a 计划 written as a problem.
var (
	achievementMarkers = []string{"取得", "成效显著", "成绩", "圆满完成", "荣获", "获得", "好评", "表彰", "显著提升", "实现了", "提升了"}
	planLeads          = []string{"要", "将", "下一步", "今后", "计划", "拟", "力争", "着力", "坚持"}
)

// checkProblems runs the specificity rules on every problem.
func (d *doc) checkProblems() {
	for _, it := range d.items(jingzi.PartProblems) {
		if len(it.lines) == 0 {
			continue
		}
		text := d.itemText(it)
		d.checkExample(it, text)
		d.checkVague(it)
		d.checkReadsAsProblem(it, text)
	}
}

// itemText is the rendered text of an item, its ordinal included.
func (d *doc) itemText(it itemRef) string {
	var b strings.Builder
	for _, li := range it.lines {
		l := d.lines[li]
		b.WriteString(d.text[l.start:l.end])
		b.WriteByte('\n')
	}
	return b.String()
}

// checkExample reports a problem with no example, number, date or named work.
func (d *doc) checkExample(it itemRef, text string) {
	if len(it.item.Examples) > 0 || containsAny(text, exampleMarkers) || strings.ContainsAny(text, "0123456789０１２３４５６７８９《") {
		return
	}
	d.addLine(RuleExample, it.lines[0], "问题“"+clip(it.item.Heading, 20)+"”没有具体事例、数字、时间或具体工作。", "用“比如……”写明一件具体的事：何时、何事、什么后果。")
}

// checkVague reports a problem that leans on two or more stock phrases.
func (d *doc) checkVague(it itemRef) {
	first, end := d.lines[it.lines[0]].start, d.lines[it.lines[len(it.lines)-1]].end
	var found []hit
	hits := d.hits[listVague] // sorted by start, without overlaps
	k := sort.Search(len(hits), func(i int) bool { return hits[i].start >= first })
	for ; k < len(hits) && hits[k].end <= end; k++ {
		found = append(found, hits[k])
	}
	if len(found) < 2 {
		return
	}
	var words []string
	for _, h := range found {
		if w := "“" + d.text[h.start:h.end] + "”"; len(words) < 3 && !slices.Contains(words, w) {
			words = append(words, w)
		}
	}
	msg := "问题表述多用套话（" + strings.Join(words, "") + "等，共" + strconv.Itoa(len(found)) + "处），看不出具体表现。"
	d.add(RuleVague, found[0].start, found[0].end, msg, "换成具体的表现和事例。")
}

// checkReadsAsProblem reports a “problem” with no negative word that reads
// like an achievement or a work plan.
func (d *doc) checkReadsAsProblem(it itemRef, text string) {
	body := strings.TrimLeft(it.item.Heading+it.item.Body, " 　")
	if containsAny(body, negativeMarkers) {
		return
	}
	switch {
	case startsWithAny(body, planLeads):
		d.addLine(RulePlan, it.lines[0], "“"+clip(it.item.Heading, 20)+"”读来是工作计划，不是存在的问题。", "写明现在存在什么差距、造成了什么影响。")
	case containsAny(body, achievementMarkers):
		d.addLine(RuleAchievement, it.lines[0], "“"+clip(it.item.Heading, 20)+"”读来是工作成绩，不是存在的问题。", "写明工作中的不足，而不是成绩。")
	}
}

func containsAny(s string, words []string) bool {
	for _, w := range words {
		if strings.Contains(s, w) {
			return true
		}
	}
	return false
}
