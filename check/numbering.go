package check

import (
	"strconv"
	"strings"
	"unicode/utf8"

	"jingzi"
)

// ordinal levels of the house numbering: 一、 （一） 1. （1） and the run-in 一是.
const (
	levelPart = iota
	levelSection
	levelArabic
	levelArabicParen
	levelShi
	numLevels
)

// ordinal is a numbering mark found in the text.
type ordinal struct {
	level      int
	n          int
	start, end int // byte offsets within the line
	wrongStyle string
	suggestion string
}

// checkNumbering checks that ordinals run in order (一是、二是、四是 is a gap)
// and follow the house style (一、 not 一.). A higher level restarts the lower
// ones; 一 always starts a new run.
func (d *doc) checkNumbering() {
	var last [numLevels]int
	for _, l := range d.lines {
		s := d.text[l.start:l.end]
		ords := lineOrdinals(s)
		for _, o := range ords {
			if o.n == 0 {
				continue
			}
			if o.wrongStyle != "" {
				d.add(RulePunctOrdinal, l.start+o.start, l.start+o.end, "序号“"+s[o.start:o.end]+"”不合公文格式，应写作“"+o.suggestion+"”。", o.suggestion)
			}
			if o.n != 1 && o.n != last[o.level]+1 {
				d.add(RuleNumbering, l.start+o.start, l.start+o.end, numberingMessage(s[o.start:o.end], last[o.level], o), "")
			}
			last[o.level] = o.n
			for k := o.level + 1; k < numLevels; k++ {
				last[k] = 0
			}
		}
		if l.role == roleHeading1 || l.role == roleHeading2 {
			last[levelShi] = 0
		}
	}
}

func numberingMessage(mark string, prev int, o ordinal) string {
	if prev == 0 {
		return "序号“" + mark + "”前面没有从“一”开始的序号。"
	}
	if o.n <= prev {
		return "序号“" + mark + "”重复或倒序，上一个序号是第" + strconv.Itoa(prev) + "个。"
	}
	return "序号不连续：第" + strconv.Itoa(prev) + "个之后是“" + mark + "”。"
}

// lineOrdinals returns the ordinal opening the line (if any) and the run-in
// 一是/二是 marks after it.
func lineOrdinals(s string) []ordinal {
	var out []ordinal
	lead := len(s) - len(strings.TrimLeft(s, " \t　#*"))
	if o, ok := headingOrdinal(s[lead:]); ok {
		o.start += lead
		o.end += lead
		out = append(out, o)
	}
	return append(out, shiOrdinals(s)...)
}

// headingOrdinal recognises 一、 （一） 1. （1） and their out-of-style forms
// at the start of s.
func headingOrdinal(s string) (ordinal, bool) {
	if n := leadingNumeral(s); n > 0 {
		v := numeralValue(s[:n])
		switch r, size := utf8.DecodeRuneInString(s[n:]); r {
		case '、':
			return ordinal{level: levelPart, n: v, end: n + size}, true
		case '.', '．', ',', '，':
			return ordinal{level: levelPart, n: v, end: n + size, wrongStyle: "dot", suggestion: s[:n] + "、"}, true
		}
		return ordinal{}, false
	}
	if d := leadingDigits(s); d > 0 {
		v, _ := strconv.Atoi(s[:d])
		switch r, size := utf8.DecodeRuneInString(s[d:]); r {
		case '.', '．':
			return ordinal{level: levelArabic, n: v, end: d + size}, true
		case '、':
			return ordinal{level: levelArabic, n: v, end: d + size, wrongStyle: "comma", suggestion: s[:d] + "."}, true
		}
		return ordinal{}, false
	}
	return bracketOrdinal(s)
}

// bracketOrdinal recognises （一） （1） and the half-width (一) (1).
func bracketOrdinal(s string) (ordinal, bool) {
	open, size := utf8.DecodeRuneInString(s)
	if open != '（' && open != '(' {
		return ordinal{}, false
	}
	inner := s[size:]
	o := ordinal{level: levelSection}
	n := leadingNumeral(inner)
	if n > 0 {
		o.n = numeralValue(inner[:n])
	} else if n = leadingDigits(inner); n > 0 {
		o.level = levelArabicParen
		o.n, _ = strconv.Atoi(inner[:n])
	} else {
		return ordinal{}, false
	}
	closing, csize := utf8.DecodeRuneInString(inner[n:])
	if closing != '）' && closing != ')' {
		return ordinal{}, false
	}
	o.end = size + n + csize
	if open == '(' || closing == ')' {
		o.wrongStyle, o.suggestion = "halfwidth", "（"+inner[:n]+"）"
	} else if strings.HasPrefix(s[o.end:], "、") || strings.HasPrefix(s[o.end:], "．") || strings.HasPrefix(s[o.end:], ".") {
		_, extra := utf8.DecodeRuneInString(s[o.end:])
		o.end += extra
		o.wrongStyle, o.suggestion = "extra", "（"+inner[:n]+"）"
	}
	return o, true
}

// shiOrdinals finds run-in 一是、二是 … at the start of the line or after a
// punctuation mark (so that 统一是 is not one).
func shiOrdinals(s string) []ordinal {
	var out []ordinal
	for i := 0; ; {
		k := strings.Index(s[i:], "是")
		if k < 0 {
			return out
		}
		k += i
		a := k
		for a > 0 {
			r, size := utf8.DecodeLastRuneInString(s[:a])
			if !strings.ContainsRune(numeralRunes, r) || r == '零' || r == '两' {
				break
			}
			a -= size
		}
		before := runeBefore(s, a)
		if a < k && k-a <= 6 && (a == 0 || before == 0 || strings.ContainsRune("，。；：！？、“\"（ 　#*", before)) {
			out = append(out, ordinal{level: levelShi, n: numeralValue(s[a:k]), start: a, end: k + len("是")})
		}
		i = k + len("是")
	}
}

const numeralRunes = "零一二三四五六七八九十两"

// leadingNumeral returns the byte length of the Chinese numeral opening s.
func leadingNumeral(s string) int {
	n := 0
	for _, r := range s {
		if !strings.ContainsRune(numeralRunes, r) || r == '零' || r == '两' {
			break
		}
		n += utf8.RuneLen(r)
	}
	return n
}

func leadingDigits(s string) int {
	n := 0
	for n < len(s) && s[n] >= '0' && s[n] <= '9' {
		n++
	}
	return n
}

// numeralValue reads 一…九十九 as jingzi.ChineseNumeral writes them.
func numeralValue(s string) int {
	for n := 1; n < 100; n++ {
		if jingzi.ChineseNumeral(n) == s {
			return n
		}
	}
	return 0
}
