package check_test

import (
	"reflect"
	"strings"
	"testing"

	"jingzi/check"
)

// spans returns the text each finding of the rule points at.
func spans(text string, opts check.Options, rule string) []string {
	r := check.CheckText(text, opts)
	var out []string
	for _, f := range r.Findings {
		if f.Rule == rule {
			out = append(out, spanText(text, f))
		}
	}
	return out
}

type textCase struct {
	name string
	text string
	want []string // the spans found, in order; nil when the rule must stay silent
}

func runTextCases(t *testing.T, rule string, opts check.Options, cases []textCase) {
	t.Helper()
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			if got := spans(c.text, opts, rule); !reflect.DeepEqual(got, c.want) {
				t.Errorf("%s on %q = %q, want %q", rule, c.text, got, c.want)
			}
		})
	}
}

func TestPlaceholders(t *testing.T) {
	runTextCases(t, check.RulePlaceholder, check.Options{}, []textCase{
		{"XX before a count", "谈心谈话XX人次，征求意见XX条。", []string{"XX", "XX"}},
		{"lower case and full width", "根据xx局和ＸＸ单位安排。", []string{"xx", "ＸＸ"}},
		{"times sign", "××局党组：", []string{"××"}},
		{"three X are one placeholder", "XXX同志", []string{"XXX"}},
		{"X中X会", "党的十九届五中、X中X会精神", []string{"X中X会"}},
		{"single X between Han", "第X次会议", []string{"X"}},
		{"asterisks", "**同志和***同志", []string{"**", "***"}},
		{"date with asterisks", "于*月*日召开", []string{"*月*日"}},
		{"full date", "XX年XX月XX日", []string{"XX年XX月XX日"}},
		{"circles", "○○单位", []string{"○○"}},
		{"某某", "某某同志", []string{"某某"}},
		{"empty brackets", "由【】负责", []string{"【】"}},
		{"prompt in brackets", "【单位名称】党委", []string{"【单位名称】"}},
		{"blank line", "参加人员：______", []string{"______"}},
		{"unrendered token", "谈心谈话{{talks}}人次", []string{"{{talks}}"}},
		{"Latin word", "XXL号和MAXX型号", nil},
		{"arithmetic", "面积3×4米", nil},
		{"X-ray", "X光机和X射线", nil},
		{"one 某", "某单位某同志", nil},
		{"Markdown bold line", "**一、存在问题及表现**", nil},
		{"Chinese zero", "二〇二一年", nil},
		{"real numbers", "谈心谈话36人次", nil},
	})
}

func TestTypos(t *testing.T) {
	runTextCases(t, check.RuleTypo, check.Options{}, []textCase{
		{"seed typo", "入户走访，雪中送碳少了", []string{"雪中送碳"}},
		{"再接再励", "再接再励，再创佳绩", []string{"再接再励"}},
		{"two in a line", "契而不舍，按步就班", []string{"契而不舍", "按步就班"}},
		{"missing 实", "在贯彻落为基层减负的规定上", []string{"贯彻落为"}},
		{"correct forms", "再接再厉，雪中送炭，锲而不舍，贯彻落实为基层减负", nil},
		{"份 in 省份内", "全省份内的单位", nil},
	})
}

func TestTyposNeverFireOnCorrectForms(t *testing.T) {
	for _, e := range check.Typos() {
		if got := spans(e.Right, check.Options{}, check.RuleTypo); got != nil {
			t.Errorf("correct form %q reported as %q", e.Right, got)
		}
		if got := spans(e.Wrong, check.Options{}, check.RuleTypo); len(got) == 0 {
			t.Errorf("wrong form %q not reported", e.Wrong)
		}
	}
}

func TestPunctuation(t *testing.T) {
	runTextCases(t, check.RulePunctHalfwidth, check.Options{}, []textCase{
		{"comma", "学习不够,理解不深", []string{","}},
		{"colon and question", "问题:是什么?", []string{":", "?"}},
		{"quotes pair", `坚决做到"两个维护"`, []string{`"两个维护"`}},
		{"brackets pair", "党章(修订版)", []string{"(修订版)"}},
		{"numbers", "共1,000人，9:30开会", nil},
		{"English", `He said "yes", (maybe)!`, nil},
		{"full width", "学习不够，理解“不深”（待改）", nil},
	})
	runTextCases(t, check.RulePunctUnbalanced, check.Options{}, []textCase{
		{"open quote", "坚决做到“两个维护，", []string{"“"}},
		{"close bracket", "党章）修订", []string{"）"}},
		{"odd ASCII quote", `做到"两个维护`, []string{`"`}},
		{"nested fine", "《关于“三会一课”（试行）的意见》", nil},
	})
	runTextCases(t, check.RulePunctDoubled, check.Options{}, []textCase{
		{"two commas", "学习不够，，理解不深。。", []string{"，，", "。。"}},
		{"comma period", "学习不够，。", []string{"，。"}},
		{"question exclamation", "这是为什么？！", nil},
		{"ellipsis", "等等……", nil},
	})
	runTextCases(t, check.RulePunctOrdinal, check.Options{}, []textCase{
		{"dot after 一", "一.存在问题", []string{"一."}},
		{"half-width brackets", "(一)理论学习", []string{"(一)"}},
		{"comma after digit", "1、学习不够", []string{"1、"}},
		{"extra mark", "（二）、理论学习", []string{"（二）、"}},
		{"house style", "一、存在问题\n（一）理论学习\n1.学习\n（1）原文", nil},
	})
}

func TestNumbering(t *testing.T) {
	runTextCases(t, check.RuleNumbering, check.Options{}, []textCase{
		{"gap inline", "一是学习不够；二是理解不深；四是运用不够。", []string{"四是"}},
		{"gap across lines", "一是学习不够。\n二是理解不深。\n四是运用不够。", []string{"四是"}},
		{"repeated", "一、问题\n二、原因\n二、措施", []string{"二、"}},
		{"sections restart under parts", "一、问题\n（一）甲\n（二）乙\n二、原因\n（一）丙\n（三）丁", []string{"（三）"}},
		{"in order", "一、问题\n（一）甲\n一是学；二是用。\n（二）乙\n一是学。\n二、原因", nil},
		{"统一是 is no ordinal", "思想统一是前提。", nil},
		{"starts at 二", "学习不够；二是理解不深。", []string{"二是"}},
	})
}

func TestQuantities(t *testing.T) {
	runTextCases(t, check.RuleYu, check.Options{}, []textCase{
		{"placeholder", "全年撰写心得体会不少XX篇", []string{"不少XX篇"}},
		{"number", "全年撰写心得体会不少20篇", []string{"不少20篇"}},
		{"with 于", "不少于20篇，不少于XX本", nil},
		{"不少 as words", "不少同志反映", nil},
	})
	runTextCases(t, check.RuleQuantity, check.Options{}, []textCase{
		{"unknown targets", "三、整改措施\n全年调研不少于XX家，参加活动至少**次。", []string{"不少于XX家", "至少**次"}},
		{"known target", "三、整改措施\n全年调研不少于20家。", nil},
	})
}

func TestPledges(t *testing.T) {
	runTextCases(t, check.RulePledge, check.Options{}, []textCase{
		{"in measures", "三、努力方向和整改措施\n对以上问题，今后一定改正，坚决改正。", []string{"今后一定改正", "坚决改正"}},
		{"outside measures", "一、存在问题\n我表示今后一定改正。", nil},
	})
}

func TestEventYears(t *testing.T) {
	y2021 := check.Options{Year: 2021}
	runTextCases(t, check.RuleYear, y2021, []textCase{
		{"outbreak was 2020", "但今年突发新冠肺炎疫情，", []string{"今年突发新冠肺炎疫情"}},
		{"theme education was 2019", "针对去年主题教育列出的问题", []string{"去年主题教育"}},
		{"plenum was 2022", "去年党的二十大召开", []string{"去年党的二十大"}},
		{"plenum next year", "明年党的二十大召开", nil},
		{"epidemic went on in 2021", "今年新冠肺炎疫情防控常态化", nil},
		{"right year", "今年党史学习教育中", nil},
		{"another clause", "今年，我们回顾了主题教育", nil},
	})
	runTextCases(t, check.RuleYear, check.Options{Year: 2020}, []textCase{
		{"2020 statement", "去年主题教育列出的问题，今年突发新冠肺炎疫情", nil},
	})
	runTextCases(t, check.RuleYear, check.Options{}, []textCase{
		{"year from the title", "2021年民主生活会对照检查材料\n今年突发新冠肺炎疫情", []string{"今年突发新冠肺炎疫情"}},
		{"no year known", "对照检查材料\n今年突发新冠肺炎疫情", nil},
	})
	runTextCases(t, check.RuleTitleYear, check.Options{Year: 2022}, []textCase{
		{"title says 2021", "2021年民主生活会对照检查材料", []string{"2021"}},
	})
	runTextCases(t, check.RuleTitleYear, check.Options{Year: 2021}, []textCase{
		{"title agrees", "2021年民主生活会对照检查材料", nil},
	})
}

func TestUnitVocabulary(t *testing.T) {
	union := "民政局党委书记对照检查材料\n关心职工，走访困难职工，推进集体协商和集体合同，弘扬劳模精神，职工满意。"
	runTextCases(t, check.RuleUnit, check.Options{}, []textCase{
		{"民政局 title over a union's text", union, []string{"民政局"}},
		{"民政局 with its own words", "民政局党委书记对照检查材料\n做好低保、特困救助和养老服务，规范婚姻登记和殡葬管理，职工满意。", nil},
		{"union title over a union's text", "市总工会党组书记对照检查材料\n关心职工，推进集体协商和集体合同，弘扬劳模精神。", nil},
		{"no unit in the title", "对照检查材料\n关心职工，走访困难职工，推进集体协商和集体合同，弘扬劳模精神。", nil},
	})
}

func TestCheckTextReport(t *testing.T) {
	r := check.CheckText("对照检查材料\n学习认真，理解深入。", check.Options{})
	if len(r.Findings) != 0 || r.Score != 100 || r.Grade != check.GradePass || r.HasErrors() {
		t.Errorf("clean text: %+v", r)
	}
	r = check.CheckText("对照检查材料\n谈心谈话XX人次。", check.Options{})
	if !r.HasErrors() || r.Grade != check.GradeFail || r.Score >= 100 {
		t.Errorf("placeholder: score %d grade %s", r.Score, r.Grade)
	}
	if f := r.Findings[0]; f.Line != 2 || f.Col != 5 || f.Offset != 11 || f.Part != -1 || f.Item != -1 {
		t.Errorf("position %+v", f)
	}
}

// A passage 查重 found copied is reported where it stands, with its source.
func TestCopies(t *testing.T) {
	text := "标题\n一是理论学习不系统。平时忙于日常工作多，个人专门自学少。"
	r := check.CheckText(text, check.Options{Year: 2021, Copies: []check.Copy{{Start: 13, End: 27, Source: "模板《对照检查材料范文》", Similarity: 0.96,
		SourceStart: 100, SourceEnd: 114, SourceText: "平时忙于日常工作多，个人专门自学少"}}})
	var got []check.Finding
	for _, f := range r.Findings {
		if f.Rule == check.RuleCopy {
			got = append(got, f)
		}
	}
	if len(got) != 1 || got[0].Line != 2 || got[0].Col != 11 || got[0].Length != 14 || !strings.Contains(got[0].Message, "模板《对照检查材料范文》") || !strings.Contains(got[0].Message, "96%") ||
		!strings.Contains(got[0].Message, "对方第101至114字：“平时忙于日常工作多，个人专门自学少”") {
		t.Fatalf("copy findings: %+v", got)
	}
	if r := check.CheckText(text, check.Options{Year: 2021, Copies: []check.Copy{{Start: 500, End: 510, Source: "x"}}}); len(r.Findings) > 0 {
		for _, f := range r.Findings {
			if f.Rule == check.RuleCopy {
				t.Errorf("a copy outside the text was reported: %+v", f)
			}
		}
	}
}

// A copy that runs past the end of its line is reported up to the line's end.
func TestCopyAcrossLines(t *testing.T) {
	text := "标题\n一是理论学习不系统。\n二是学思践悟不透彻。"
	r := check.CheckText(text, check.Options{Year: 2021, Copies: []check.Copy{{Start: 5, End: 20, Source: "模板《范文》", Similarity: 1}}})
	n := 0
	for _, f := range r.Findings {
		if f.Rule == check.RuleCopy {
			n++
			if f.Line != 2 || f.Length != 8 {
				t.Errorf("copy finding %+v, want line 2 and 8 characters", f)
			}
		}
	}
	if n != 1 {
		t.Errorf("%d copy findings, want 1", n)
	}
}
