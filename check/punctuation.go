package check

import (
	"strings"
	"unicode/utf8"
)

// checkPunctuation looks at each line for half-width punctuation in Chinese
// text, unbalanced pairs and doubled marks.
func (d *doc) checkPunctuation() {
	for _, l := range d.lines {
		s := d.text[l.start:l.end]
		if hasASCIIPunct(s) {
			d.checkHalfwidth(l.start, s)
		}
		d.checkMarks(l.start, s)
	}
}

func hasASCIIPunct(s string) bool {
	for i := 0; i < len(s); i++ {
		switch s[i] {
		case ',', ';', ':', '?', '!', '"', '(', ')':
			return true
		}
	}
	return false
}

var fullwidthOf = map[byte]string{',': "，", ';': "；", ':': "：", '?': "？", '!': "！"}

// checkHalfwidth reports , ; : ? ! next to Chinese text, and half-width
// quotes and brackets around or beside it, one finding per pair.
func (d *doc) checkHalfwidth(base int, s string) {
	openQuote, openParen := -1, -1
	for i := 0; i < len(s); i++ {
		c := s[i]
		switch c {
		case ',', ';', ':', '?', '!':
			prev, next := runeBefore(s, i), runeAfter(s, i+1)
			if (isCJK(prev) || isCJK(next)) && !(isDigit(prev) && isDigit(next)) {
				d.add(RulePunctHalfwidth, base+i, base+i+1, "中文行文中使用了半角“"+string(c)+"”，应使用全角“"+fullwidthOf[c]+"”。", fullwidthOf[c])
			}
		case '"':
			if openQuote < 0 {
				openQuote = i
				continue
			}
			if chineseAround(s, openQuote, i+1) {
				d.add(RulePunctHalfwidth, base+openQuote, base+i+1, "使用了半角引号，应使用全角引号“”。", "“"+s[openQuote+1:i]+"”")
			}
			openQuote = -1
		case '(':
			openParen = i
		case ')':
			if openParen >= 0 && chineseAround(s, openParen, i+1) && !isLineOrdinal(s, openParen) {
				d.add(RulePunctHalfwidth, base+openParen, base+i+1, "使用了半角括号，应使用全角括号（）。", "（"+s[openParen+1:i]+"）")
			}
			openParen = -1
		}
	}
	if openQuote >= 0 {
		d.add(RulePunctUnbalanced, base+openQuote, base+openQuote+1, "引号不成对。", "")
	}
}

// chineseAround reports whether s[a:b] holds or touches a Chinese character.
func chineseAround(s string, a, b int) bool {
	if isCJK(runeBefore(s, a)) || isCJK(runeAfter(s, b)) {
		return true
	}
	for _, r := range s[a:b] {
		if isCJK(r) {
			return true
		}
	}
	return false
}

// isLineOrdinal: “(一)” at the start of a line is reported by the ordinal rule.
func isLineOrdinal(s string, i int) bool {
	return strings.TrimSpace(s[:i]) == "" && leadingNumeral(s[i+1:]) > 0
}

// opener returns the closing mark of an opening one, or 0.
func opener(r rune) rune {
	switch r {
	case '“':
		return '”'
	case '‘':
		return '’'
	case '（':
		return '）'
	case '《':
		return '》'
	case '【':
		return '】'
	case '「':
		return '」'
	case '〔':
		return '〕'
	case '(':
		return ')'
	}
	return 0
}

// closer returns the opening mark of a closing one, or 0.
func closer(r rune) rune {
	switch r {
	case '”':
		return '“'
	case '’':
		return '‘'
	case '）':
		return '（'
	case '》':
		return '《'
	case '】':
		return '【'
	case '」':
		return '「'
	case '〕':
		return '〔'
	case ')':
		return '('
	}
	return 0
}

func isSentenceMark(r rune) bool {
	switch r {
	case '，', '。', '、', '；', '：', '？', '！':
		return true
	}
	return false
}

type openMark struct {
	r   rune
	pos int
}

// checkMarks reports, in one pass over a paragraph, openers without closers,
// closers without openers and runs of two or more marks such as “，，” or
// “，。”. Han characters (lead bytes E4–E9) are skipped without decoding.
func (d *doc) checkMarks(base int, s string) {
	var stack []openMark
	run := -1 // start of the current run of sentence marks
	for i := 0; i < len(s); {
		c := s[i]
		if c >= 0xE4 && c <= 0xE9 && i+2 < len(s) {
			d.flushMarks(base, s, run, i)
			run, i = -1, i+3
			continue
		}
		r, size := rune(c), 1
		if c >= utf8.RuneSelf {
			r, size = utf8.DecodeRuneInString(s[i:])
		}
		if isSentenceMark(r) {
			if run < 0 {
				run = i
			}
			i += size
			continue
		}
		d.flushMarks(base, s, run, i)
		run = -1
		if opener(r) != 0 {
			stack = append(stack, openMark{r, i})
		} else if o := closer(r); o != 0 {
			if n := len(stack); n > 0 && stack[n-1].r == o {
				stack = stack[:n-1]
			} else {
				d.add(RulePunctUnbalanced, base+i, base+i+size, "“"+string(r)+"”没有与之配对的“"+string(o)+"”。", "")
			}
		}
		i += size
	}
	d.flushMarks(base, s, run, len(s))
	for _, o := range stack {
		d.add(RulePunctUnbalanced, base+o.pos, base+o.pos+utf8.RuneLen(o.r), "“"+string(o.r)+"”没有与之配对的“"+string(opener(o.r))+"”。", "")
	}
}

// flushMarks reports the run of marks s[start:end] when it has two or more.
func (d *doc) flushMarks(base int, s string, start, end int) {
	if start < 0 {
		return
	}
	run := s[start:end]
	if utf8.RuneCountInString(run) > 1 && run != "？！" && run != "！？" {
		d.add(RulePunctDoubled, base+start, base+end, "标点“"+run+"”重复。", "")
	}
}

func runeBefore(s string, i int) rune {
	for i > 0 {
		r, size := utf8.DecodeLastRuneInString(s[:i])
		if r != ' ' {
			return r
		}
		i -= size
	}
	return 0
}

func runeAfter(s string, i int) rune {
	for i < len(s) {
		r, size := utf8.DecodeRuneInString(s[i:])
		if r != ' ' {
			return r
		}
		i += size
	}
	return 0
}

// isCJK: a Han character or full-width punctuation.
func isCJK(r rune) bool {
	return r >= 0x3000 && r <= 0x303F || r >= 0xFF00 && r <= 0xFFEF || r == '“' || r == '”' || isHan(r)
}

func isDigit(r rune) bool { return r >= '0' && r <= '9' }
