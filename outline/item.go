package outline

import (
	"regexp"
	"strconv"
	"strings"

	"jingzi"
)

// finishItems fills the examples and targets of every item of the part.
func finishItems(p *jingzi.Part) {
	for _, it := range p.AllItems() {
		it.Examples = examples(it.Body)
		it.Targets = targets(it.Heading + it.Body)
	}
}

// exampleWords mark a sentence that gives a concrete instance.
var exampleWords = []string{"比如", "例如", "如：", "譬如", "比方说"}

func isExample(sentence string) bool {
	for _, w := range exampleWords {
		if strings.Contains(sentence, w) {
			return true
		}
	}
	return false
}

// examples returns the sentences of body that give a concrete instance (比如…).
func examples(body string) []string {
	var out []string
	for _, s := range sentences(body) {
		if isExample(s) {
			out = append(out, s)
		}
	}
	return out
}

// sentences splits text after each 。！？ (closing quotes stay with their sentence).
func sentences(text string) []string {
	var out []string
	for _, para := range strings.Split(text, "\n") {
		for para = trimSpace(para); para != ""; {
			var head string
			head, para = cutAfter(para, "。！？!?")
			out = append(out, head)
		}
	}
	return out
}

const (
	qtyPattern  = `(\d+|[一二两三四五六七八九十百]+|XX|xx|××|X+)`
	unitPattern = `(人次|学时|小时|万元|家|篇|本|次|个|项|条|场|期|天|人|堂|课|份|件|户|名|批|轮|%)`
)

// targetRes find quantified promises: 不少于20家, 不少XX篇 (a common slip), 至少3次,
// 10次以上. Group 1 is the quantity, group 2 the unit.
var targetRes = []*regexp.Regexp{
	regexp.MustCompile(`(?:不少于|不低于|不少|至少|最少)` + qtyPattern + unitPattern),
	regexp.MustCompile(qtyPattern + unitPattern + `以上`),
}

// periodRe finds the period or deadline of a target.
var periodRe = regexp.MustCompile(`全年|每年|年内|每半年|每季度|每个季度|每月|每个月|每周|每天|每日|年底前|年前|` +
	`\d{4}年\d{1,2}月(?:底|\d{1,2}日)?前|\d{4}年底前|\d{4}年|\d{1,2}月底前|\d{1,2}月\d{1,2}日前|近期|长期`)

// targets returns the quantified promises in text, each with the clause (the text
// between commas) it is written in. A target without its own period takes the previous one of its sentence.
func targets(text string) []jingzi.Target {
	var out []jingzi.Target
	for _, sent := range sentences(text) {
		period := ""
		for _, clause := range clauses(sent) {
			t, ok := target(clause)
			if !ok {
				continue
			}
			if t.Period == "" {
				t.Period = period
			}
			period = t.Period
			out = append(out, t)
		}
	}
	return out
}

// clauses splits a sentence at ，；、：and at its end mark.
func clauses(sent string) []string {
	return strings.FieldsFunc(sent, func(r rune) bool {
		return strings.ContainsRune("，,；;：:。！？!?", r)
	})
}

// targetWords are the words one of targetRes needs; a clause without any skips them.
var targetWords = []string{"不少", "不低于", "至少", "最少", "以上"}

func target(clause string) (jingzi.Target, bool) {
	hint := false
	for _, w := range targetWords {
		hint = hint || strings.Contains(clause, w)
	}
	if !hint {
		return jingzi.Target{}, false
	}
	for _, re := range targetRes {
		m := re.FindStringSubmatchIndex(clause)
		if m == nil {
			continue
		}
		t := jingzi.Target{Text: trimSpace(clause), Unit: clause[m[4]:m[5]]}
		t.Quantity = quantity(clause[m[2]:m[3]])
		t.Period = periodRe.FindString(clause)
		return t, true
	}
	return jingzi.Target{}, false
}

// quantity reads 20 or 二十; XX and other placeholders give nil.
func quantity(s string) *int {
	if n, err := strconv.Atoi(s); err == nil {
		return &n
	}
	if n := cnValue(s); n > 0 {
		return &n
	}
	if s == "百" {
		n := 100
		return &n
	}
	return nil
}
