package docx

import "testing"

func TestFormatNumber(t *testing.T) {
	tests := []struct {
		n      int
		format string
		want   string
	}{
		{1, "chineseCounting", "一"}, {10, "chineseCounting", "十"}, {11, "chineseCounting", "十一"},
		{20, "chineseCountingThousand", "二十"}, {99, "chineseCountingThousand", "九十九"},
		{100, "chineseCountingThousand", "一百"}, {101, "chineseCountingThousand", "一百零一"},
		{110, "chineseCountingThousand", "一百一十"}, {1001, "chineseCountingThousand", "一千零一"},
		{10, "chineseLegalSimplified", "壹拾"}, {12, "chineseLegalSimplified", "壹拾贰"},
		{10, "ideographDigital", "一〇"}, {3, "ideographTraditional", "丙"}, {11, "ideographTraditional", "11"},
		{2, "ideographZodiac", "丑"}, {1, "decimalEnclosedCircle", "①"}, {20, "decimalEnclosedCircleChinese", "⑳"},
		{21, "decimalEnclosedCircle", "21"}, {3, "decimalEnclosedParen", "⑶"}, {2, "decimalEnclosedFullstop", "⒉"},
		{1, "ideographEnclosedCircle", "㊀"}, {4, "ideographParenthesized", "㈣"},
		{12, "decimalFullWidth", "１２"}, {7, "decimalZero", "07"}, {27, "lowerLetter", "aa"}, {2, "upperLetter", "B"},
		{14, "lowerRoman", "xiv"}, {1999, "upperRoman", "MCMXCIX"}, {5, "decimal", "5"}, {5, "madeUp", "5"},
		{0, "chineseCounting", "0"}, {-1, "upperRoman", "-1"},
	}
	for _, tc := range tests {
		if got := formatNumber(tc.n, tc.format); got != tc.want {
			t.Errorf("formatNumber(%d, %s) = %q, want %q", tc.n, tc.format, got, tc.want)
		}
	}
}
