package check_test

import (
	"bytes"
	"encoding/json"
	"regexp"
	"strings"
	"testing"

	"jingzi/check"
)

func TestWriteText(t *testing.T) {
	r := check.CheckText("对照检查材料\n谈心谈话XX人次,雪中送碳。", check.Options{})
	var b bytes.Buffer
	if err := check.WriteText(&b, "a.txt", r); err != nil {
		t.Fatal(err)
	}
	lines := strings.Split(strings.TrimSuffix(b.String(), "\n"), "\n")
	head := regexp.MustCompile(`^a\.txt:\d+:\d+: (error|warning|hint) [a-z.-]+: \S`)
	heads := 0
	for _, l := range lines[:len(lines)-1] {
		if head.MatchString(l) {
			heads++
		} else if !strings.HasPrefix(l, "\t") {
			t.Errorf("line %q is neither a finding nor indented", l)
		}
	}
	if heads != len(r.Findings) || heads != 3 {
		t.Errorf("%d finding lines for %d findings, want 3:\n%s", heads, len(r.Findings), b.String())
	}
	if !strings.HasPrefix(lines[0], "a.txt:2:5: error placeholder:") {
		t.Errorf("first finding %q", lines[0])
	}
	if want := "a.txt: 得分"; !strings.HasPrefix(lines[len(lines)-1], want) || !strings.Contains(lines[len(lines)-1], "不达标（错误1处，警告2处，提示0处）") {
		t.Errorf("summary %q", lines[len(lines)-1])
	}
}

func TestWriteJSON(t *testing.T) {
	r := check.Check(parseSeed(t), check.Options{})
	var b bytes.Buffer
	if err := check.WriteJSON(&b, "seed.txt", r); err != nil {
		t.Fatal(err)
	}
	if n := strings.Count(b.String(), "\n"); n != 1 {
		t.Errorf("JSON spans %d lines, want one object on one line", n)
	}
	var got struct {
		File     string          `json:"file"`
		Score    int             `json:"score"`
		Grade    string          `json:"grade"`
		Errors   int             `json:"errors"`
		Warnings int             `json:"warnings"`
		Hints    int             `json:"hints"`
		Findings []check.Finding `json:"findings"`
	}
	if err := json.Unmarshal(b.Bytes(), &got); err != nil {
		t.Fatal(err)
	}
	if got.File != "seed.txt" || got.Score != r.Score || got.Grade != r.Grade || got.Errors != r.Count(check.SeverityError) ||
		got.Errors+got.Warnings+got.Hints != len(r.Findings) || len(got.Findings) != len(r.Findings) {
		t.Errorf("decoded %s %d %s %d/%d/%d with %d findings", got.File, got.Score, got.Grade, got.Errors, got.Warnings, got.Hints, len(got.Findings))
	}
	if got.Findings[0] != r.Findings[0] {
		t.Errorf("first finding %+v, want %+v", got.Findings[0], r.Findings[0])
	}
	empty := check.CheckText("", check.Options{})
	b.Reset()
	check.WriteJSON(&b, "empty.txt", empty)
	if !strings.Contains(b.String(), `"findings":[]`) || !strings.Contains(b.String(), `"grade":"达标"`) {
		t.Errorf("empty report %s", b.String())
	}
}

func TestRulesCatalogue(t *testing.T) {
	seen := map[string]bool{}
	for _, r := range check.Rules() {
		if seen[r.ID] || r.Description == "" || (r.Severity != check.SeverityError && r.Severity != check.SeverityWarning && r.Severity != check.SeverityHint) {
			t.Errorf("rule %+v duplicated or incomplete", r)
		}
		seen[r.ID] = true
	}
	for _, f := range check.Check(parseSeed(t), check.Options{}).Findings {
		if !seen[f.Rule] {
			t.Errorf("finding of unlisted rule %s", f.Rule)
		}
	}
}
