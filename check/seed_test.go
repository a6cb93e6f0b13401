package check_test

import (
	"bytes"
	"flag"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"jingzi"
	"jingzi/check"
	"jingzi/outline"
)

var update = flag.Bool("update", false, "rewrite golden files")

// parseSeed imports testdata/seed.txt as a user's file would be imported.
func parseSeed(t testing.TB) *jingzi.Statement {
	t.Helper()
	data, err := os.ReadFile(filepath.Join("testdata", "seed.txt"))
	if err != nil {
		t.Fatal(err)
	}
	text, err := outline.Decode(data)
	if err != nil {
		t.Fatal(err)
	}
	s, _, err := outline.Parse(outline.ParagraphsFromText(text), nil)
	if err != nil {
		t.Fatal(err)
	}
	return s
}

// golden compares got with testdata/name, or rewrites it with -update.
func golden(t *testing.T, name string, got []byte) {
	t.Helper()
	path := filepath.Join("testdata", name)
	if *update {
		if err := os.WriteFile(path, got, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	want, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(got, want) {
		t.Errorf("%s differs from the golden file; rerun with -update and review the diff:\n%s", name, got)
	}
}

// TestSeedGolden lists everything the rules find in the seed.
func TestSeedGolden(t *testing.T) {
	r := check.Check(parseSeed(t), check.Options{})
	var b bytes.Buffer
	if err := check.WriteText(&b, "seed.txt", r); err != nil {
		t.Fatal(err)
	}
	golden(t, "seed.golden", b.Bytes())
}

// TestSeedMustFind checks what issue 4 requires the seed to yield.
func TestSeedMustFind(t *testing.T) {
	s := parseSeed(t)
	r := check.Check(s, check.Options{})
	plain := s.Document().PlainText()
	if n := strings.Count(plain, "XX"); n != 25 {
		t.Fatalf("rendered seed has %d XX, want 25 (preface counts render back to XX)", n)
	}
	found := map[string]int{}
	for _, f := range r.Findings {
		if f.Rule == check.RulePlaceholder {
			found[spanText(plain, f)]++
		}
	}
	if found["XX"] != 25 || found["X中X会"] != 2 || len(found) != 2 {
		t.Errorf("placeholders found %v, want 25 XX and 2 X中X会", found)
	}
	for _, want := range []struct{ rule, text string }{
		{check.RuleYu, "不少XX篇"},
		{check.RuleYear, "今年突发新冠肺炎疫情"},
		{check.RuleYear, "去年主题教育"},
		{check.RuleUnit, "民政局"},
		{check.RuleTypo, "雪中送碳"},
		{check.RuleQuantity, "不少于XX家"},
	} {
		if n := countSpan(plain, r, want.rule, want.text); n != 1 {
			t.Errorf("%s on %q found %d times, want once", want.rule, want.text, n)
		}
	}
	if !r.HasErrors() || r.Grade != check.GradeFail {
		t.Errorf("seed graded %s (%d), want 不达标", r.Grade, r.Score)
	}
}

// TestSeedPositions checks that each finding's line, column and offset point
// at the same character of the rendered document.
func TestSeedPositions(t *testing.T) {
	s := parseSeed(t)
	r := check.Check(s, check.Options{})
	lines := strings.Split(s.Document().PlainText(), "\n")
	plain := []rune(s.Document().PlainText())
	for _, f := range r.Findings {
		line := []rune(lines[f.Line-1])
		if f.Col < 1 || f.Col-1+f.Length > len(line) {
			t.Errorf("%s at %d:%d outside its line", f.Rule, f.Line, f.Col)
			continue
		}
		if line[f.Col-1] != plain[f.Offset] {
			t.Errorf("%s: line:col %d:%d is %q, offset %d is %q", f.Rule, f.Line, f.Col, line[f.Col-1], f.Offset, plain[f.Offset])
		}
		if f.Part >= len(s.Parts) || f.Part < 0 && f.Item >= 0 {
			t.Errorf("%s: bad indexes part %d item %d", f.Rule, f.Part, f.Item)
		}
	}
}

// TestSeedOpinions: opinions aimed at the owner that no problem answers.
func TestSeedOpinions(t *testing.T) {
	s := parseSeed(t)
	s.Parts[0].Sections[0].Items[0].OpinionIDs = []string{"7"}
	opts := check.Options{Opinions: []check.OpinionRef{{ID: "7", Text: "理论学习不够系统"}, {ID: "9", Text: "深入基层调研少，对职工困难了解不够"}}}
	r := check.Check(s, opts)
	var got []string
	for _, f := range r.Findings {
		if f.Rule == check.RuleOpinionUnanswered {
			got = append(got, f.Message)
		}
	}
	if len(got) != 1 || !strings.Contains(got[0], "编号9") {
		t.Errorf("unanswered opinions %q, want only 9", got)
	}
}

func spanText(plain string, f check.Finding) string {
	rs := []rune(plain)
	return string(rs[f.Offset:min(len(rs), f.Offset+f.Length)])
}

func countSpan(plain string, r *check.Report, rule, text string) int {
	n := 0
	for _, f := range r.Findings {
		if f.Rule == rule && spanText(plain, f) == text {
			n++
		}
	}
	return n
}
