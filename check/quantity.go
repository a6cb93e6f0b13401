package check

import (
	"strings"
	"unicode/utf8"

	"jingzi"
)

// quantifiers that open a quantified target.
var quantifiers = []string{"不少于", "不低于", "不超过", "至少", "达到", "超过", "不少"}

// checkQuantities reports “不少XX篇”/“不少20篇” (于 missing) anywhere, and, in
// the measures part, targets whose quantity is still a placeholder.
func (d *doc) checkQuantities() {
	for _, l := range d.lines {
		s := d.text[l.start:l.end]
		for i := 0; ; {
			k := strings.Index(s[i:], "不少")
			if k < 0 {
				break
			}
			k += i
			rest := s[k+len("不少"):]
			if n := quantityLen(rest); n > 0 {
				end := k + len("不少") + n + measureWordLen(rest[n:])
				d.add(RuleYu, l.start+k, l.start+end, "“"+s[k:end]+"”缺少“于”，应为“不少于"+s[k+len("不少"):end]+"”。", "不少于"+s[k+len("不少"):end])
			}
			i = k + len("不少")
		}
		if l.kind == jingzi.PartMeasures || l.kind == "" && d.stmt == nil {
			d.checkUnknownQuantities(l, s)
		}
	}
}

// checkUnknownQuantities reports quantifier + placeholder + 量词 (“不少于XX家”).
func (d *doc) checkUnknownQuantities(l line, s string) {
	for _, q := range quantifiers {
		for i := 0; ; {
			k := strings.Index(s[i:], q)
			if k < 0 {
				break
			}
			k += i
			i = k + len(q)
			rest := s[i:]
			p := placeholderLen(rest)
			m := measureWordLen(rest[p:])
			if p > 0 && m > 0 {
				end := i + p + m
				d.add(RuleQuantity, l.start+k, l.start+end, "量化目标“"+s[k:end]+"”的数量尚未填写。", "根据实际工作量填写具体数字。")
			}
		}
	}
}

// quantityLen returns the byte length of the number or placeholder opening s.
func quantityLen(s string) int {
	if n := leadingDigits(s); n > 0 {
		return n
	}
	return placeholderLen(s)
}

// placeholderLen returns the byte length of a run of X-like or * characters
// opening s.
func placeholderLen(s string) int {
	n := 0
	for _, r := range s {
		if c := phClass(r); c != phX && c != phStar && c != phCircle {
			break
		}
		n += utf8.RuneLen(r)
	}
	return n
}

func measureWordLen(s string) int {
	for _, w := range measureWords {
		if strings.HasPrefix(s, w) {
			return len(w)
		}
	}
	return 0
}
