package check

import (
	"sort"
	"strings"
	"unicode"
	"unicode/utf8"
)

// placeholder character classes.
const (
	phNone      = iota
	phX         // X x Ｘ ｘ ×
	phStar      // * ＊
	phCircle    // ○ □
	phMou       // 某
	phUnderline // _ ＿
)

func phClass(r rune) int {
	switch r {
	case 'X', 'x', 'Ｘ', 'ｘ', '×':
		return phX
	case '*', '＊':
		return phStar
	case '○', '□':
		return phCircle
	case '某':
		return phMou
	case '_', '＿':
		return phUnderline
	}
	return phNone
}

// span is a byte range of the text.
type span struct{ start, end int }

// checkPlaceholders reports every placeholder left from a template. Runs of
// placeholder characters joined by one of 中年月日届 form one placeholder
// (X中X会, *月*日, XX年XX月XX日).
func (d *doc) checkPlaceholders() {
	toks := placeholderTokens(d.text)
	toks = append(toks, bracketTokens(d.text)...)
	sortSpans(toks)
	for _, s := range mergePlaceholders(d.text, toks) {
		word := d.text[s.start:s.end]
		d.add(RulePlaceholder, s.start, s.end, "模板占位符“"+word+"”尚未替换为实际内容。", placeholderHint(d.text, s))
	}
}

// placeholderTokens finds runs of placeholder characters that stand for
// missing content, leaving Latin words (XXL), arithmetic (3×4) and Markdown alone.
func placeholderTokens(text string) []span {
	var out []span
	prev := rune(0)
	for i := 0; i < len(text); {
		c0 := text[i]
		if c0 >= 0xE4 && c0 <= 0xE9 && c0 != 0xE6 && i+2 < len(text) {
			prev, i = '一', i+3 // a Han character, and not 某 (E6 9F 90)
			continue
		}
		r, size := rune(c0), 1
		if r >= utf8.RuneSelf {
			r, size = utf8.DecodeRuneInString(text[i:])
		}
		c := phClass(r)
		if c == phNone {
			prev, i = r, i+size
			continue
		}
		j, n := i+size, 1
		for j < len(text) {
			r2, s2 := utf8.DecodeRuneInString(text[j:])
			if phClass(r2) != c {
				break
			}
			j, n = j+s2, n+1
		}
		next := rune(0)
		if j < len(text) {
			next, _ = utf8.DecodeRuneInString(text[j:])
		}
		if isPlaceholderRun(c, n, prev, next, text[j:]) && !isEmphasis(text, i, j) {
			out = append(out, span{i, j})
		}
		prev, _ = utf8.DecodeLastRuneInString(text[:j])
		i = j
	}
	return out
}

func isPlaceholderRun(c, n int, prev, next rune, after string) bool {
	if isASCIIAlnum(prev) || isASCIIAlnum(next) {
		return false
	}
	switch c {
	case phMou:
		return n >= 2
	case phUnderline:
		return n >= 3
	}
	if n >= 2 {
		return true
	}
	if c == phX && (strings.HasPrefix(after, "光") || strings.HasPrefix(after, "射线") || strings.HasPrefix(after, "线")) {
		return false
	}
	return isHan(prev) || isHan(next)
}

// isEmphasis reports whether the ** at text[i:j] opens or closes Markdown
// emphasis around the whole line: **一、存在问题及表现**.
func isEmphasis(text string, i, j int) bool {
	if text[i:j] != "**" {
		return false
	}
	lineStart := strings.LastIndexByte(text[:i], '\n') + 1
	lineEnd := strings.IndexByte(text[j:], '\n')
	if lineEnd < 0 {
		lineEnd = len(text)
	} else {
		lineEnd += j
	}
	before, after := text[lineStart:i], strings.TrimRight(text[j:lineEnd], "\r")
	return before == "" && strings.HasSuffix(after, "**") || after == "" && strings.HasPrefix(before, "**")
}

// bracketTokens finds template prompts in 【】 (up to 16 characters inside)
// and unrendered {{tokens}}.
func bracketTokens(text string) []span {
	var out []span
	for _, p := range [][2]string{{"【", "】"}, {"{{", "}}"}} {
		for i := 0; ; {
			a := strings.Index(text[i:], p[0])
			if a < 0 {
				break
			}
			a += i
			b := strings.Index(text[a:], p[1])
			inner := ""
			if b >= 0 {
				inner = text[a+len(p[0]) : a+b]
			}
			if b >= 0 && utf8.RuneCountInString(inner) <= 16 && !strings.ContainsAny(inner, "\n"+p[0]) {
				out = append(out, span{a, a + b + len(p[1])})
				i = a + b + len(p[1])
			} else {
				i = a + len(p[0])
			}
		}
	}
	return out
}

const placeholderJoiners = "中年月日届"

// mergePlaceholders joins tokens separated by one joiner character, and then
// takes a closing 会/日/号 into the placeholder.
func mergePlaceholders(text string, toks []span) []span {
	var out []span
	for k := 0; k < len(toks); k++ {
		cur, joined := toks[k], false
		for k+1 < len(toks) {
			r, size := utf8.DecodeRuneInString(text[cur.end:])
			if !strings.ContainsRune(placeholderJoiners, r) || cur.end+size != toks[k+1].start {
				break
			}
			cur.end, joined = toks[k+1].end, true
			k++
		}
		if r, size := utf8.DecodeRuneInString(text[cur.end:]); joined && strings.ContainsRune("会日号", r) {
			cur.end += size
		}
		out = append(out, cur)
	}
	return out
}

// placeholderHint says what to write instead.
func placeholderHint(text string, s span) string {
	word := text[s.start:s.end]
	after := text[s.end:]
	switch {
	case strings.Contains(word, "中") && strings.HasSuffix(word, "会"):
		return "写明是第几次全会，如“六中全会”。"
	case strings.ContainsAny(word, "年月日"):
		return "写明具体日期。"
	case startsWithAny(after, measureWords):
		return "填写实际数字；谈心谈话、征求意见等数字可由 jingzi 的记录自动统计。"
	case strings.HasPrefix(word, "【") || strings.HasPrefix(word, "{{"):
		return "按提示填写实际内容并删去括号。"
	}
	return "填写实际的名称或内容。"
}

// measureWords are the 量词 after a count.
var measureWords = []string{"人次", "条", "个", "家", "篇", "本", "次", "项", "人", "场", "期", "天", "件", "户", "名", "万", "%", "％", "小时", "学时", "课时", "余"}

func startsWithAny(s string, prefixes []string) bool {
	for _, p := range prefixes {
		if strings.HasPrefix(s, p) {
			return true
		}
	}
	return false
}

func isASCIIAlnum(r rune) bool {
	return r < utf8.RuneSelf && (r >= '0' && r <= '9' || r >= 'a' && r <= 'z' || r >= 'A' && r <= 'Z')
}

func isHan(r rune) bool { return r >= 0x2E80 && unicode.Is(unicode.Han, r) }

func sortSpans(s []span) {
	sort.Slice(s, func(i, j int) bool { return s[i].start < s[j].start })
}
