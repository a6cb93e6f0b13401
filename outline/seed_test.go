package outline_test

import (
	"strings"
	"testing"

	"jingzi"
)

// TestSeed checks the structure the seed statement must parse to.
func TestSeed(t *testing.T) {
	s, rep := parseFile(t, "seed.txt")
	if want := "民政局党委书记2021年专题民主生活会对照检查材料（五个带头）"; s.Title != want {
		t.Errorf("title = %q, want %q", s.Title, want)
	}
	if s.Year != 2021 || rep.Framework != "2021" {
		t.Errorf("year %d, framework %q; want 2021", s.Year, rep.Framework)
	}
	for _, k := range []jingzi.CountKey{jingzi.CountTalks, jingzi.CountUnits, jingzi.CountOpinions} {
		if strings.Count(s.Preface, k.Token()) != 1 {
			t.Errorf("preface lacks token %s", k.Token())
		}
		if c := s.Count(k); c == nil || c.Value != nil || c.Source != jingzi.CountManual {
			t.Errorf("count %s = %+v, want manual with unknown value", k, c)
		}
	}
	if len(s.Counts) != 3 || strings.Contains(s.Preface, "谈心谈话XX") {
		t.Errorf("counts %+v; preface %q", s.Counts, s.Preface)
	}
	if !strings.HasPrefix(s.Preface, "按照市纪委") || !strings.HasSuffix(s.Preface, "现对照检查如下：") {
		t.Errorf("preface = %q", s.Preface)
	}
	kinds := []jingzi.PartKind{jingzi.PartProblems, jingzi.PartCauses, jingzi.PartMeasures}
	if len(s.Parts) != len(kinds) {
		t.Fatalf("%d parts, want %d", len(s.Parts), len(kinds))
	}
	for i, k := range kinds {
		if s.Parts[i].Kind != k {
			t.Errorf("part %d kind %s, want %s", i, s.Parts[i].Kind, k)
		}
	}
	problems := s.Parts[0]
	if len(problems.Sections) != 5 || len(problems.Items) != 0 {
		t.Fatalf("problems: %d sections, %d loose items; want 5 and 0", len(problems.Sections), len(problems.Items))
	}
	for i, sec := range problems.Sections {
		if sec.AspectIndex != i || sec.AspectScore < 0.9 || len(sec.Items) != 3 {
			t.Errorf("section %d %q: aspect %d score %.2f, %d items", i, sec.Heading, sec.AspectIndex, sec.AspectScore, len(sec.Items))
		}
	}
	first := problems.Sections[0].Items[0]
	if first.Heading != "理论学习不系统。" || !strings.HasPrefix(first.Body, "平时忙于日常工作多") {
		t.Errorf("first problem = %q / %.30q", first.Heading, first.Body)
	}
	if ex := problems.Sections[0].Items[1].Examples; len(ex) != 1 || !strings.HasPrefix(ex[0], "比如对习近平总书记") {
		t.Errorf("examples of 学思践悟不透彻 = %q", ex)
	}
	if n := len(s.Parts[1].Items); n != 4 || s.Parts[1].Items[0].Heading != "理论学习有所放松。" {
		t.Errorf("causes: %d items", n)
	}
	measures := s.Parts[2]
	if len(measures.Items) != 3 {
		t.Fatalf("measures: %d items, want 3", len(measures.Items))
	}
	var got []string
	for _, it := range measures.Items {
		for _, tg := range it.Targets {
			if tg.Quantity != nil {
				t.Errorf("target %q has quantity %d, want nil for XX", tg.Text, *tg.Quantity)
			}
			got = append(got, tg.Text+"|"+tg.Unit+"|"+tg.Period)
		}
	}
	want := []string{
		"全年深入基层企业宣讲调研不少于XX家|家|全年",
		"全年撰写心得体会不少XX篇|篇|全年",
		"通读书籍不少于XX本|本|全年",
		"全年参加支部活动不少于XX次|次|全年",
	}
	if strings.Join(got, "\n") != strings.Join(want, "\n") {
		t.Errorf("targets:\n%s\nwant:\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
	if len(rep.Warnings) != 0 {
		t.Errorf("warnings on the seed: %q", rep.Warnings)
	}
}
