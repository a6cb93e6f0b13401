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
		d.checkHalfwidth(l.start, s)
		d.checkPairs(l.start, s)
		d.checkDoubled(l.start, s)
	}
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

var pairs = map[rune]rune{'“': '”', '‘': '’', '（': '）', '《': '》', '【': '】', '「': '」', '〔': '〕', '(': ')'}
var closers = map[rune]rune{'”': '“', '’': '‘', '）': '（', '》': '《', '】': '【', '」': '「', '〕': '〔', ')': '('}

// checkPairs reports openers without closers and closers without openers
// within a paragraph.
func (d *doc) checkPairs(base int, s string) {
	type open struct {
		r   rune
		pos int
	}
	var stack []open
	for i, r := range s {
		if _, ok := pairs[r]; ok {
			stack = append(stack, open{r, i})
			continue
		}
		o, ok := closers[r]
		if !ok {
			continue
		}
		if n := len(stack); n > 0 && stack[n-1].r == o {
			stack = stack[:n-1]
			continue
		}
		d.add(RulePunctUnbalanced, base+i, base+i+utf8.RuneLen(r), "“"+string(r)+"”没有与之配对的“"+string(o)+"”。", "")
	}
	for _, o := range stack {
		d.add(RulePunctUnbalanced, base+o.pos, base+o.pos+utf8.RuneLen(o.r), "“"+string(o.r)+"”没有与之配对的“"+string(pairs[o.r])+"”。", "")
	}
}

const sentenceMarks = "，。、；：？！"

// checkDoubled reports two or more adjacent marks such as “，，” or “，。”.
func (d *doc) checkDoubled(base int, s string) {
	for i := 0; i < len(s); {
		r, size := utf8.DecodeRuneInString(s[i:])
		if r < utf8.RuneSelf || !strings.ContainsRune(sentenceMarks, r) {
			i += size
			continue
		}
		j := i + size
		for j < len(s) {
			r2, s2 := utf8.DecodeRuneInString(s[j:])
			if !strings.ContainsRune(sentenceMarks, r2) {
				break
			}
			j += s2
		}
		if run := s[i:j]; j > i+size && run != "？！" && run != "！？" {
			d.add(RulePunctDoubled, base+i, base+j, "标点“"+run+"”重复。", "")
		}
		i = j
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
