package outline_test

import (
	"bytes"
	"encoding/json"
	"flag"
	"fmt"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"

	"jingzi"
	"jingzi/outline"
)

var update = flag.Bool("update", false, "rewrite the golden files under testdata/golden")

// parseFile decodes a fixture and parses it as text or, for .md, as Markdown.
func parseFile(t testing.TB, name string) (*jingzi.Statement, *outline.Report) {
	t.Helper()
	data, err := os.ReadFile(filepath.Join("testdata", name))
	if err != nil {
		t.Fatal(err)
	}
	text, err := outline.Decode(data)
	if err != nil {
		t.Fatalf("Decode(%s): %v", name, err)
	}
	paras := outline.ParagraphsFromText(text)
	if strings.HasSuffix(name, ".md") {
		paras = outline.ParagraphsFromMarkdown(text)
	}
	s, rep, err := outline.Parse(paras, nil)
	if err != nil {
		t.Fatalf("Parse(%s): %v", name, err)
	}
	return s, rep
}

// shape writes the structure a reader checks at a glance: each part's kind with the
// item count of each section (and the aspect it maps to) or of the part itself.
func shape(s *jingzi.Statement) string {
	var parts []string
	for _, p := range s.Parts {
		if len(p.Sections) == 0 {
			parts = append(parts, fmt.Sprintf("%s(%d)", p.Kind, len(p.Items)))
			continue
		}
		var secs []string
		for _, sec := range p.Sections {
			secs = append(secs, fmt.Sprintf("%d@%d", len(sec.Items), sec.AspectIndex))
		}
		parts = append(parts, fmt.Sprintf("%s[%s]", p.Kind, strings.Join(secs, " ")))
	}
	return strings.Join(parts, " ")
}

func countsOf(s *jingzi.Statement) string {
	var out []string
	for _, c := range s.Counts {
		v := "nil"
		if c.Value != nil {
			v = fmt.Sprint(*c.Value)
		}
		out = append(out, string(c.Key)+"="+v)
	}
	return strings.Join(out, " ")
}

var fixtures = []struct {
	file, shape, counts string
	year                int
	closing             string
}{
	{"seed.txt", "problems[3@0 3@1 3@2 3@3 3@4] causes(4) measures(3)", "talks=nil units=nil opinions=nil", 2021, ""},
	{"arabic.txt", "problems[2@0 2@3 1@5] causes(3) measures(3)", "studies=5 talks=12 units=8 opinions=26", 2022, ""},
	{"circled.txt", "problems[2@0 2@1 1@2 1@3] case(0) causes(3) measures(2)", "studies=4 talks=36 units=6 opinions=18", 2024,
		"以上，请各位领导和同志们批评指正。"},
	{"halfwidth.txt", "problems[2@0 1@1 1@2 1@3 1@4] case(0) causes(2) measures(2)", "studies=3 talks=nil opinions=nil", 2025,
		"以上发言，不妥之处，请同志们批评指正。\n李某某\n2026年1月15日"},
	{"missing.txt", "problems(3) causes(2) measures(2)", "talks=15 opinions=9", 2021, ""},
	{"case2023.md", "problems[2@0 1@1 1@2 1@3 1@4 1@5] case(0) causes(2) measures(2)", "studies=6 talks=40 opinions=52", 2023,
		"以上，请批评指正。"},
	{"gbk.txt", "problems[2@0 1@1 1@2] case(0) causes(2) measures(2)", "talks=28 units=7 opinions=31", 2023, ""},
}

func TestFixtures(t *testing.T) {
	for _, fx := range fixtures {
		t.Run(fx.file, func(t *testing.T) {
			s, rep := parseFile(t, fx.file)
			if got := shape(s); got != fx.shape {
				t.Errorf("shape:\n got %s\nwant %s", got, fx.shape)
			}
			if got := countsOf(s); got != fx.counts {
				t.Errorf("counts: got %q, want %q", got, fx.counts)
			}
			if s.Year != fx.year || s.Closing != fx.closing {
				t.Errorf("year %d closing %q; want %d %q", s.Year, s.Closing, fx.year, fx.closing)
			}
			golden(t, strings.TrimSuffix(fx.file, filepath.Ext(fx.file))+".json", outline.Result{Statement: s, Report: rep})
		})
	}
}

// golden compares v as indented JSON with testdata/golden/name.
func golden(t *testing.T, name string, v any) {
	t.Helper()
	got, err := json.MarshalIndent(v, "", "  ")
	if err != nil {
		t.Fatal(err)
	}
	path := filepath.Join("testdata", "golden", name)
	if *update {
		if err := os.WriteFile(path, append(got, '\n'), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	want, err := os.ReadFile(path)
	if err != nil {
		t.Fatalf("%v (run go test -update to create it)", err)
	}
	if !bytes.Equal(append(got, '\n'), want) {
		t.Errorf("%s differs from the golden file; run go test -update and review the diff", name)
	}
}

// TestRoundTrip renders each fixture's statement as text and Markdown and parses it
// back: the structure must come back unchanged.
func TestRoundTrip(t *testing.T) {
	for _, fx := range fixtures {
		t.Run(fx.file, func(t *testing.T) {
			s, _ := parseFile(t, fx.file)
			text := outline.Text(s.Document())
			again, _, err := outline.Parse(outline.ParagraphsFromText(text), nil)
			if err != nil {
				t.Fatal(err)
			}
			if !reflect.DeepEqual(s, again) {
				a, _ := json.MarshalIndent(s, "", " ")
				b, _ := json.MarshalIndent(again, "", " ")
				t.Errorf("Parse(Text(Document())) differs:\n%s\n----\n%s\ntext:\n%s", a, b, text)
			}
			fromMD, _, err := outline.Parse(outline.ParagraphsFromMarkdown(outline.Markdown(s.Document())), nil)
			if err != nil {
				t.Fatal(err)
			}
			if !reflect.DeepEqual(s, fromMD) {
				t.Errorf("Parse(Markdown(Document())) differs from the statement")
			}
		})
	}
}
