package outline

import "testing"

func TestParseMarker(t *testing.T) {
	cases := []struct {
		in, style string
		ordinal   int
		rest      string
	}{
		{"一、存在问题及表现", styleCN, 1, "存在问题及表现"},
		{"十二、其他", styleCN, 12, "其他"},
		{"（三）在带头方面。", styleCNParen, 3, "在带头方面。"},
		{"(三)在带头方面", styleCNParen, 3, "在带头方面"},
		{"（十一）、原因", styleCNParen, 11, "原因"},
		{"二是学思践悟不透彻。", styleCNShi, 2, "学思践悟不透彻。"},
		{"第三，改进作风。", styleCNDi, 3, "改进作风。"},
		{"1. 强化理论武装", styleNum, 1, "强化理论武装"},
		{"2、强化理论武装", styleNum, 2, "强化理论武装"},
		{"10．强化理论武装", styleNum, 10, "强化理论武装"},
		{"３．全角数字", styleNum, 3, "全角数字"},
		{"（2）政治判断力", styleNumParen, 2, "政治判断力"},
		{"(12)政治判断力", styleNumParen, 12, "政治判断力"},
		{"⑵政治判断力", styleNumParen, 2, "政治判断力"},
		{"3)政治判断力", styleNumParen, 3, "政治判断力"},
		{"③干事创业", styleCircled, 3, "干事创业"},
		{"⑳最后一项", styleCircled, 20, "最后一项"},
	}
	for _, c := range cases {
		m, rest, ok := parseMarker(c.in)
		if !ok || m.style != c.style || m.ordinal != c.ordinal || rest != c.rest {
			t.Errorf("parseMarker(%q) = %+v %q %v; want %s %d %q", c.in, m, rest, ok, c.style, c.ordinal, c.rest)
		}
	}
}

func TestParseMarkerRejects(t *testing.T) {
	for _, in := range []string{
		"1.5亿元专项资金", "2021年以来", "一以贯之地抓好", "两个确立", "第一书记", "（注：略）", "(a)", "", "是一个问题",
	} {
		if m, _, ok := parseMarker(in); ok {
			t.Errorf("parseMarker(%q) = %+v; want no label", in, m)
		}
	}
}

func TestSimilarity(t *testing.T) {
	const seed = `在对照深刻感悟"两个确立"方面`
	const official2022 = `带头深刻领悟"两个确立"的决定性意义，增强"四个意识"、坚定"四个自信"、做到"两个维护"`
	const other2022 = "带头践行以人民为中心的发展思想，切实解决群众急难愁盼问题"
	if s := similarity(seed, official2022); s < minAspectScore {
		t.Errorf("similarity(seed, 2022 aspect 1) = %.2f, want at least %.2f", s, minAspectScore)
	}
	if a, b := similarity(seed, official2022), similarity(seed, other2022); a <= b {
		t.Errorf("seed heading is closer to %q (%.2f) than to the 两个确立 aspect (%.2f)", other2022, b, a)
	}
	if s := similarity("在工作作风方面", "在理论学习方面"); s != 0 {
		t.Errorf("unrelated aspects score %.2f; the shared 在…方面 must not count", s)
	}
}
