package docx

import (
	"strconv"
	"strings"
)

// formatNumber writes n in a w:numFmt number format, the way Word shows the
// list label. Unknown formats fall back to Arabic digits.
func formatNumber(n int, format string) string {
	switch format {
	case "chineseCounting", "chineseCountingThousand", "japaneseCounting", "taiwaneseCounting",
		"taiwaneseCountingThousand", "ideographLegalTraditional":
		return chineseCounting(n, cnLower)
	case "chineseLegalSimplified":
		return chineseCounting(n, cnUpper)
	case "ideographDigital", "taiwaneseDigital", "japaneseDigitalTenThousand":
		return digitwise(n, []rune("〇一二三四五六七八九"))
	case "ideographTraditional":
		return fromTable(n, []rune("甲乙丙丁戊己庚辛壬癸"))
	case "ideographZodiac":
		return fromTable(n, []rune("子丑寅卯辰巳午未申酉戌亥"))
	case "decimalEnclosedCircle", "decimalEnclosedCircleChinese":
		return fromRange(n, '①', 20)
	case "decimalEnclosedParen":
		return fromRange(n, '⑴', 20)
	case "decimalEnclosedFullstop":
		return fromRange(n, '⒈', 20)
	case "ideographEnclosedCircle":
		return fromRange(n, '㊀', 10)
	case "ideographParenthesized":
		return fromRange(n, '㈠', 10)
	case "decimalFullWidth", "decimalFullWidth2":
		return digitwise(n, []rune("０１２３４５６７８９"))
	case "decimalZero":
		if n >= 0 && n < 10 {
			return "0" + strconv.Itoa(n)
		}
	case "lowerLetter":
		return letters(n, 'a')
	case "upperLetter":
		return letters(n, 'A')
	case "lowerRoman":
		return strings.ToLower(roman(n))
	case "upperRoman":
		return roman(n)
	}
	return strconv.Itoa(n)
}

var (
	cnLower = [2][]string{
		{"零", "一", "二", "三", "四", "五", "六", "七", "八", "九"},
		{"", "十", "百", "千"},
	}
	cnUpper = [2][]string{
		{"零", "壹", "贰", "叁", "肆", "伍", "陆", "柒", "捌", "玖"},
		{"", "拾", "佰", "仟"},
	}
)

// chineseCounting writes 1..9999 in counting form: 十, 十一, 二十, 一百零一,
// 一千零一十. Larger numbers are written in Arabic digits.
func chineseCounting(n int, t [2][]string) string {
	if n <= 0 || n > 9999 {
		return strconv.Itoa(n)
	}
	digits := []int{n / 1000, n / 100 % 10, n / 10 % 10, n % 10}
	var b strings.Builder
	zero := false
	for i, d := range digits {
		unit := 3 - i
		switch {
		case d == 0:
			zero = b.Len() > 0
		default:
			if zero {
				b.WriteString(t[0][0])
				zero = false
			}
			// 十一 rather than 一十一 when ten is the leading unit.
			if !(d == 1 && unit == 1 && b.Len() == 0 && t[1][1] == "十") {
				b.WriteString(t[0][d])
			}
			b.WriteString(t[1][unit])
		}
	}
	return b.String()
}

func digitwise(n int, digits []rune) string {
	s := []rune(strconv.Itoa(n))
	for i, c := range s {
		if c >= '0' && c <= '9' {
			s[i] = digits[c-'0']
		}
	}
	return string(s)
}

func fromTable(n int, table []rune) string {
	if n < 1 || n > len(table) {
		return strconv.Itoa(n)
	}
	return string(table[n-1])
}

func fromRange(n int, first rune, count int) string {
	if n < 1 || n > count {
		return strconv.Itoa(n)
	}
	return string(first + rune(n-1))
}

// letters writes a, b, … z, aa, bb, … as Word does.
func letters(n int, base rune) string {
	if n < 1 || n > 780 {
		return strconv.Itoa(n)
	}
	return strings.Repeat(string(base+rune((n-1)%26)), (n-1)/26+1)
}

func roman(n int) string {
	if n < 1 || n > 3999 {
		return strconv.Itoa(n)
	}
	vals := []int{1000, 900, 500, 400, 100, 90, 50, 40, 10, 9, 5, 4, 1}
	syms := []string{"M", "CM", "D", "CD", "C", "XC", "L", "XL", "X", "IX", "V", "IV", "I"}
	var b strings.Builder
	for i, v := range vals {
		for n >= v {
			b.WriteString(syms[i])
			n -= v
		}
	}
	return b.String()
}
