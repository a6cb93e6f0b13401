package outline

import (
	"strings"
	"unicode/utf8"
)

// Numbering styles of an ordinal label. Full- and half-width forms of a label share
// a style, so that "（一）" and "(一)" sit at the same level.
const (
	styleNone      = ""
	styleCN        = "cn"        // 一、
	styleCNParen   = "cn-paren"  // （一） (一)
	styleCNShi     = "cn-shi"    // 一是
	styleCNDi      = "cn-di"     // 第一，
	styleNum       = "num"       // 1. 1、 1．
	styleNumParen  = "num-paren" // （1） (1) ⑴ 1)
	styleCircled   = "circled"   // ① … ⑳
	styleBullet    = "bullet"    // a list label that is no ordinal (•, -)
	styleBoldTitle = "bold"      // an unnumbered bold heading
)

// marker is the ordinal label found at the start of a paragraph (or in its Number).
type marker struct {
	style   string
	ordinal int
	label   string // the label as written, e.g. "（一）"
}

const cnNumerals = "零〇一二三四五六七八九十两百"

// cnValue parses a Chinese numeral of 1..99 (一, 十一, 二十三); 0 if it is none.
func cnValue(s string) int {
	digit := func(r rune) int {
		switch r {
		case '一':
			return 1
		case '二', '两':
			return 2
		case '三':
			return 3
		case '四':
			return 4
		case '五':
			return 5
		case '六':
			return 6
		case '七':
			return 7
		case '八':
			return 8
		case '九':
			return 9
		}
		return -1
	}
	rs := []rune(s)
	switch {
	case len(rs) == 1 && rs[0] == '十':
		return 10
	case len(rs) == 1:
		return max(digit(rs[0]), 0)
	case len(rs) == 2 && rs[0] == '十':
		return max(10+digit(rs[1]), 0)
	case len(rs) == 2 && rs[1] == '十' && digit(rs[0]) > 0:
		return digit(rs[0]) * 10
	case len(rs) == 3 && rs[1] == '十' && digit(rs[0]) > 0 && digit(rs[2]) > 0:
		return digit(rs[0])*10 + digit(rs[2])
	}
	return 0
}

// leadingRun returns the longest prefix of s made of runes in set.
func leadingRun(s, set string) string {
	for i, r := range s {
		if !strings.ContainsRune(set, r) {
			return s[:i]
		}
	}
	return s
}

func isOpenParen(r rune) bool  { return r == '（' || r == '(' }
func isCloseParen(r rune) bool { return r == '）' || r == ')' }

// parseMarker reads an ordinal label at the start of s and returns it with the rest
// of s (label and following spaces removed). ok is false when s starts with none.
func parseMarker(s string) (m marker, rest string, ok bool) {
	if s == "" {
		return m, s, false
	}
	first, size := utf8.DecodeRuneInString(s)
	switch {
	case first >= '①' && first <= '⑳':
		return finish(styleCircled, int(first-'①')+1, s, size)
	case first >= '⑴' && first <= '⒇':
		return finish(styleNumParen, int(first-'⑴')+1, s, size)
	case first >= '⒈' && first <= '⒛':
		return finish(styleNum, int(first-'⒈')+1, s, size)
	case isOpenParen(first):
		return parseParen(s, size)
	case first >= '0' && first <= '9', first >= '０' && first <= '９':
		return parseArabic(s)
	case first == '第':
		return parseDi(s, size)
	}
	return parseChinese(s)
}

// finish builds the marker of the first n bytes of s, swallowing a following "、"
// or space as in "（一）、".
func finish(style string, ordinal int, s string, n int) (marker, string, bool) {
	if ordinal <= 0 {
		return marker{}, s, false
	}
	rest := s[n:]
	if strings.HasPrefix(rest, "、") && style != styleCN && style != styleNum {
		rest = rest[len("、"):]
		n += len("、")
	}
	return marker{style: style, ordinal: ordinal, label: s[:n]}, trimSpace(rest), true
}

func parseParen(s string, open int) (marker, string, bool) {
	inner := s[open:]
	if cn := leadingRun(inner, cnNumerals); cn != "" {
		if r, size := utf8.DecodeRuneInString(inner[len(cn):]); isCloseParen(r) {
			return finish(styleCNParen, cnValue(cn), s, open+len(cn)+size)
		}
	}
	if d := leadingRun(inner, "0123456789０１２３４５６７８９"); d != "" && utf8.RuneCountInString(d) <= 2 {
		if r, size := utf8.DecodeRuneInString(inner[len(d):]); isCloseParen(r) {
			return finish(styleNumParen, arabicValue(d), s, open+len(d)+size)
		}
	}
	return marker{}, s, false
}

func arabicValue(d string) int {
	n := 0
	for _, r := range d {
		if r >= '０' && r <= '９' {
			r = r - '０' + '0'
		}
		n = n*10 + int(r-'0')
	}
	return n
}

// parseArabic reads "1." "1、" "1．" and "1)"; "1.5亿元" and "2021年" are no labels.
func parseArabic(s string) (marker, string, bool) {
	d := leadingRun(s, "0123456789０１２３４５６７８９")
	if utf8.RuneCountInString(d) > 2 {
		return marker{}, s, false
	}
	after := s[len(d):]
	for _, sep := range []string{".", "．", "、"} {
		if !strings.HasPrefix(after, sep) {
			continue
		}
		next, _ := utf8.DecodeRuneInString(after[len(sep):])
		if next >= '0' && next <= '9' || next >= '０' && next <= '９' {
			return marker{}, s, false
		}
		return finish(styleNum, arabicValue(d), s, len(d)+len(sep))
	}
	for _, sep := range []string{")", "）"} {
		if strings.HasPrefix(after, sep) {
			return finish(styleNumParen, arabicValue(d), s, len(d)+len(sep))
		}
	}
	return marker{}, s, false
}

// parseDi reads "第一，" "第二、".
func parseDi(s string, size int) (marker, string, bool) {
	cn := leadingRun(s[size:], cnNumerals)
	if cn == "" {
		return marker{}, s, false
	}
	n := size + len(cn)
	r, rs := utf8.DecodeRuneInString(s[n:])
	if r != '，' && r != '、' && r != ',' && r != '：' {
		return marker{}, s, false
	}
	return finish(styleCNDi, cnValue(cn), s, n+rs)
}

// parseChinese reads "一、" (also "一，" "一．") and "一是".
func parseChinese(s string) (marker, string, bool) {
	cn := leadingRun(s, cnNumerals)
	if cn == "" || utf8.RuneCountInString(cn) > 3 {
		return marker{}, s, false
	}
	after := s[len(cn):]
	if strings.HasPrefix(after, "是") {
		return finish(styleCNShi, cnValue(cn), s, len(cn)+len("是"))
	}
	for _, sep := range []string{"、", "．", ".", "，"} {
		if strings.HasPrefix(after, sep) {
			return finish(styleCN, cnValue(cn), s, len(cn)+len(sep))
		}
	}
	return marker{}, s, false
}

// trimSpace trims ASCII and full-width spaces.
func trimSpace(s string) string {
	return strings.TrimFunc(s, func(r rune) bool {
		return r == ' ' || r == '\t' || r == '\u3000' || r == '\u00a0' || r == '\ufeff' || r == '\n' || r == '\r'
	})
}
