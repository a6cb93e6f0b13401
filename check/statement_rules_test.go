package check_test

import (
	"reflect"
	"slices"
	"strings"
	"testing"

	"jingzi"
	"jingzi/check"
)

const (
	concrete = "理论学习时间少。比如2021年只参加集中学习4次，个人自学不足，学习笔记少。"
	measure  = "加强理论学习。全年撰写心得体会不少于6篇，每月参加集中学习1次。"
	cause    = "理论学习有所放松，对学习的重要性认识不足，满足于完成规定动作。"
)

// statement builds a 2021 statement with one problem per aspect.
func statement() *jingzi.Statement {
	probs := &jingzi.Part{Kind: jingzi.PartProblems, Heading: "存在问题及表现"}
	for a := range 5 {
		probs.Sections = append(probs.Sections, &jingzi.Section{Heading: "方面", AspectIndex: a,
			Items: []*jingzi.Item{{Heading: "理论学习时间少。", Body: strings.TrimPrefix(concrete, "理论学习时间少。")}}})
	}
	var measures []*jingzi.Item
	for range 5 {
		measures = append(measures, &jingzi.Item{Heading: "加强理论学习。", Body: strings.TrimPrefix(measure, "加强理论学习。")})
	}
	return &jingzi.Statement{Year: 2021, Title: "2021年度民主生活会对照检查材料", Preface: "现对照检查如下：", Parts: []*jingzi.Part{
		probs,
		{Kind: jingzi.PartCauses, Heading: "原因剖析", Items: []*jingzi.Item{{Heading: "理论学习有所放松。", Body: cause}}},
		{Kind: jingzi.PartMeasures, Heading: "努力方向和整改措施", Items: measures},
	}}
}

// rulesFound lists the rules that fired, sorted, each once.
func rulesFound(r *check.Report) []string {
	var out []string
	for _, f := range r.Findings {
		if !slices.Contains(out, f.Rule) {
			out = append(out, f.Rule)
		}
	}
	slices.Sort(out)
	return out
}

func TestStatementRules(t *testing.T) {
	cases := []struct {
		name   string
		edit   func(s *jingzi.Statement) check.Options
		want   []string
		reason string
	}{
		{"clean statement", func(s *jingzi.Statement) check.Options { return check.Options{} }, nil, ""},
		{"aspect without problems", func(s *jingzi.Statement) check.Options {
			s.Parts[0].Sections[2].Items = nil
			return check.Options{}
		}, []string{check.RuleAspect}, "第3个方面"},
		{"case analysis required from 2023", func(s *jingzi.Statement) check.Options {
			s.Year = 2023
			s.Title = "2023年度民主生活会对照检查材料"
			for i, sec := range s.Parts[0].Sections {
				sec.AspectIndex = i
			}
			s.Parts[0].Sections = append(s.Parts[0].Sections, &jingzi.Section{AspectIndex: 5, Items: []*jingzi.Item{{Heading: "廉洁自律有差距。", Body: concrete}}})
			s.Parts[2].Items = append(s.Parts[2].Items, s.Parts[2].Items[0])
			return check.Options{}
		}, []string{check.RulePart}, "典型案例剖析"},
		{"empty causes", func(s *jingzi.Statement) check.Options {
			s.Parts[1].Items = nil
			return check.Options{}
		}, []string{check.RuleEmpty}, "原因剖析"},
		{"problems too short", func(s *jingzi.Statement) check.Options {
			s.Closing = strings.Repeat("以上是我的对照检查，不妥之处请批评指正。", 40)
			return check.Options{}
		}, []string{check.RuleShare}, "低于50%"},
		{"share configurable", func(s *jingzi.Statement) check.Options {
			return check.Options{ProblemShare: 0.9}
		}, []string{check.RuleShare}, "低于90%"},
		{"fewer measures than aspects", func(s *jingzi.Statement) check.Options {
			s.Parts[2].Items = s.Parts[2].Items[:3]
			return check.Options{}
		}, []string{check.RuleCorrespond}, "3条"},
		{"problem without example", func(s *jingzi.Statement) check.Options {
			s.Parts[0].Sections[0].Items[0].Body = "平时忙于日常工作，个人专门自学少，学习时间被挤占。"
			return check.Options{}
		}, []string{check.RuleExample}, "理论学习时间少"},
		{"stock phrases", func(s *jingzi.Statement) check.Options {
			s.Parts[0].Sections[0].Items[0].Body += "思想认识不到位，服务意识不强，还有差距。"
			return check.Options{}
		}, []string{check.RuleVague}, "共3处"},
		{"achievement as a problem", func(s *jingzi.Statement) check.Options {
			s.Parts[0].Sections[1].Items[0] = &jingzi.Item{Heading: "理论学习成效显著。", Body: "比如2021年取得了优异成绩，获得上级好评。"}
			return check.Options{}
		}, []string{check.RuleAchievement}, "成绩"},
		{"plan as a problem", func(s *jingzi.Statement) check.Options {
			s.Parts[0].Sections[1].Items[0] = &jingzi.Item{Heading: "要加强理论学习。", Body: "比如2022年每月集中学习2次。"}
			return check.Options{}
		}, []string{check.RulePlan}, "工作计划"},
		{"measure without target or deadline", func(s *jingzi.Statement) check.Options {
			s.Parts[2].Items[0] = &jingzi.Item{Heading: "加强理论学习。", Body: "认真学习党的创新理论，学深悟透。"}
			return check.Options{}
		}, []string{check.RuleDeadline, check.RuleTarget}, "加强理论学习"},
		{"empty pledge", func(s *jingzi.Statement) check.Options {
			s.Parts[2].Items[0].Body += "对以上问题，今后一定改正。"
			return check.Options{}
		}, []string{check.RulePledge}, "今后一定改正"},
		{"unknown quantity", func(s *jingzi.Statement) check.Options {
			s.Parts[2].Items[0].Body = "全年深入基层调研不少于XX家。"
			return check.Options{}
		}, []string{check.RuleQuantity, check.RulePlaceholder}, "XX"},
		{"unanswered opinion", func(s *jingzi.Statement) check.Options {
			s.Parts[0].Sections[0].Items[0].OpinionIDs = []string{"a1"}
			return check.Options{Opinions: []check.OpinionRef{{ID: "a1", Text: "学习不系统"}, {ID: "b2", Text: "调研少"}}}
		}, []string{check.RuleOpinionUnanswered}, "b2"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			s := statement()
			opts := c.edit(s)
			r := check.Check(s, opts)
			if got := rulesFound(r); !reflect.DeepEqual(got, c.want) {
				t.Fatalf("rules %v, want %v\n%+v", got, c.want, r.Findings)
			}
			if c.reason != "" && !strings.Contains(r.Findings[0].Message+r.Findings[0].Excerpt, c.reason) {
				t.Errorf("message %q lacks %q", r.Findings[0].Message, c.reason)
			}
		})
	}
}

func TestStatementFindingIndexes(t *testing.T) {
	s := statement()
	s.Parts[2].Items[1].Body = "全年深入基层调研不少XX家。"
	r := check.Check(s, check.Options{})
	for _, f := range r.Findings {
		if f.Rule == check.RuleYu && (f.Part != 2 || f.Section != -1 || f.Item != 1) {
			t.Errorf("finding in measure 2 has indexes %d/%d/%d", f.Part, f.Section, f.Item)
		}
	}
	if len(r.Findings) == 0 {
		t.Fatal("no finding")
	}
}

func TestFrameworkFromOptions(t *testing.T) {
	s := statement()
	s.Year = 0
	fw, err := jingzi.BuiltinFramework("2023")
	if err != nil {
		t.Fatal(err)
	}
	r := check.Check(s, check.Options{Framework: fw})
	if got := rulesFound(r); !slices.Contains(got, check.RulePart) || !slices.Contains(got, check.RuleAspect) {
		t.Errorf("2023 framework on a 2021-shaped statement: %v", got)
	}
}

// A hand-entered preface number that disagrees with the records is reported at
// the number; one that agrees, or that came from the records, is not.
func TestCountMismatch(t *testing.T) {
	fw, _ := jingzi.BuiltinFramework("2021")
	s := jingzi.NewStatementFromFramework(fw, "王建国同志2021年度专题民主生活会对照检查材料")
	twelve, four := 12, 4
	s.Count(jingzi.CountTalks).Value = &twelve
	s.Count(jingzi.CountStudies).Value = &four
	rc := jingzi.RecordCounts{jingzi.CountTalks: 14, jingzi.CountStudies: 4}
	r := check.Check(s, check.Options{RecordCounts: rc})
	var got []jingzi.Finding
	for _, f := range r.Findings {
		if f.Rule == check.RuleCountMismatch {
			got = append(got, f)
		}
	}
	if len(got) != 1 || !strings.Contains(got[0].Message, "手工填写为12") || !strings.Contains(got[0].Message, "统计为14") ||
		got[0].Line != 2 || got[0].Length != 2 {
		t.Fatalf("count findings: %+v", got)
	}
	if r := check.Check(s, check.Options{}); hasRule(r, check.RuleCountMismatch) {
		t.Error("reported without records")
	}
}

func hasRule(r *check.Report, rule string) bool {
	for _, f := range r.Findings {
		if f.Rule == rule {
			return true
		}
	}
	return false
}
