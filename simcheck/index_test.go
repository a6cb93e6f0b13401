package simcheck_test

import (
	"errors"
	"strings"
	"testing"

	"jingzi"
	"jingzi/simcheck"
	"jingzi/simcheck/gen"
)

// statements returns n generated statements of about chars characters.
func statements(seed uint64, n, chars int) []gen.Doc {
	return gen.Generate(gen.Config{Seed: seed, Docs: n, Chars: chars}).Docs
}

// passageOf returns the passage of res from doc, or fails.
func passageOf(t *testing.T, res simcheck.Result, doc string) simcheck.Passage {
	t.Helper()
	for _, p := range res.Passages {
		if p.DocID == doc {
			return p
		}
	}
	t.Fatalf("no passage from %s among %d passages", doc, len(res.Passages))
	return simcheck.Passage{}
}

func TestCopiedPassageFoundWithPositions(t *testing.T) {
	docs := statements(11, 20, 3000)
	src := []rune(docs[0].Text)
	host := []rune(docs[1].Text)
	const s0, n, at = 1000, 80, 1500
	copied := string(src[s0 : s0+n])
	tests := []struct {
		name   string
		edit   func(string) string
		minSim float64
	}{
		{"exact copy", func(s string) string { return s }, 1},
		{"punctuation changed", func(s string) string { return strings.NewReplacer("，", ",", "。", ";").Replace(s) }, 1},
		{"characters changed, inserted and deleted", func(s string) string {
			r := []rune(s)
			r[10] = '甲'
			r = append(r[:40], append([]rune("乙"), r[40:]...)...)
			return string(append(r[:60], r[61:]...))
		}, 0.9},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			planted := []rune(tt.edit(copied))
			text := string(host[:at]) + string(planted) + string(host[at:])
			x := simcheck.NewIndex(simcheck.Options{})
			for _, d := range docs {
				if err := x.Add(simcheck.Doc{ID: d.ID, Corpus: simcheck.CorpusColleague, Text: d.Text}); err != nil {
					t.Fatal(err)
				}
			}
			p := passageOf(t, x.Query(text, simcheck.QueryOptions{ExcludeIDs: []string{docs[1].ID}}), docs[0].ID)
			if overlap(p.QueryStart, p.QueryEnd, at, at+len(planted)) < len(planted)*9/10 {
				t.Errorf("query span [%d,%d), planted at [%d,%d)", p.QueryStart, p.QueryEnd, at, at+len(planted))
			}
			if overlap(p.DocStart, p.DocEnd, s0, s0+n) < n*9/10 {
				t.Errorf("document span [%d,%d), copied from [%d,%d)", p.DocStart, p.DocEnd, s0, s0+n)
			}
			if p.QueryText != string([]rune(text)[p.QueryStart:p.QueryEnd]) || p.DocText != string(src[p.DocStart:p.DocEnd]) {
				t.Errorf("passage texts do not match their positions")
			}
			if p.Similarity < tt.minSim {
				t.Errorf("similarity %.3f, want at least %.2f", p.Similarity, tt.minSim)
			}
		})
	}
}

func TestUnrelatedTextsNotMatched(t *testing.T) {
	docs := statements(12, 30, 3000)
	x := simcheck.NewIndex(simcheck.Options{})
	for _, d := range docs[:20] {
		if err := x.Add(simcheck.Doc{ID: d.ID, Corpus: simcheck.CorpusLastYear, Text: d.Text}); err != nil {
			t.Fatal(err)
		}
	}
	for _, d := range docs[20:] {
		res := x.Query(d.Text, simcheck.QueryOptions{})
		if len(res.Docs) > 0 {
			t.Errorf("%s: unrelated statement matched as a whole: %+v", d.ID, res.Docs[0])
		}
		if res.Copied > 0.05 {
			t.Errorf("%s: %.0f%% reported as copied from unrelated statements", d.ID, 100*res.Copied)
		}
	}
}

func TestWholeDocumentMatches(t *testing.T) {
	docs := statements(13, 10, 3000)
	x := simcheck.NewIndex(simcheck.Options{})
	for _, d := range docs {
		if err := x.Add(simcheck.Doc{ID: d.ID, Corpus: simcheck.CorpusColleague, Text: d.Text}); err != nil {
			t.Fatal(err)
		}
	}
	t.Run("identical text has Jaccard 1", func(t *testing.T) {
		res := x.Query(docs[3].Text, simcheck.QueryOptions{})
		if len(res.Docs) != 1 || res.Docs[0].DocID != docs[3].ID || res.Docs[0].Jaccard != 1 || res.Docs[0].Containment != 1 {
			t.Fatalf("docs %+v, want only %s with Jaccard 1", res.Docs, docs[3].ID)
		}
		if res.Copied < 0.99 {
			t.Errorf("copied share %.3f, want the whole text", res.Copied)
		}
	})
	t.Run("last year's text with a new paragraph", func(t *testing.T) {
		text := docs[4].Text + statements(99, 1, 600)[0].Text
		res := x.Query(text, simcheck.QueryOptions{})
		if len(res.Docs) != 1 || res.Docs[0].DocID != docs[4].ID || res.Docs[0].Covered < 0.99 || res.Docs[0].Jaccard > 0.95 {
			t.Fatalf("docs %+v, want %s fully covered and Jaccard below 1", res.Docs, docs[4].ID)
		}
	})
	t.Run("a template reused inside a longer statement", func(t *testing.T) {
		text := docs[5].Text + docs[6].Text[:len(docs[6].Text)/2]
		res := x.Query(text, simcheck.QueryOptions{ExcludeIDs: []string{docs[6].ID}})
		if len(res.Docs) != 1 || res.Docs[0].DocID != docs[5].ID || res.Docs[0].Covered < 0.99 {
			t.Fatalf("docs %+v, want %s covered", res.Docs, docs[5].ID)
		}
	})
}

func TestRemoveAndReplace(t *testing.T) {
	docs := statements(14, 5, 2000)
	x := simcheck.NewIndex(simcheck.Options{})
	for _, d := range docs {
		if err := x.Add(simcheck.Doc{ID: d.ID, Corpus: simcheck.CorpusColleague, Text: d.Text}); err != nil {
			t.Fatal(err)
		}
	}
	if err := x.Remove(docs[2].ID); err != nil {
		t.Fatal(err)
	}
	if res := x.Query(docs[2].Text, simcheck.QueryOptions{}); len(res.Docs)+len(res.Passages) != 0 {
		t.Errorf("removed statement still matched: %d docs, %d passages", len(res.Docs), len(res.Passages))
	}
	if err := x.Remove(docs[2].ID); jingzi.ErrorCode(err) != jingzi.ENOTFOUND {
		t.Errorf("second removal: %v, want not found", err)
	}
	if err := x.Add(simcheck.Doc{ID: docs[0].ID, Corpus: simcheck.CorpusColleague, Text: docs[3].Text}); err != nil {
		t.Fatal(err)
	}
	res := x.Query(docs[0].Text, simcheck.QueryOptions{})
	if len(res.Docs) != 0 {
		t.Errorf("replaced text still matched: %+v", res.Docs)
	}
	if x.Len() != 4 {
		t.Errorf("Len = %d, want 4", x.Len())
	}
}

func TestInvalidDocuments(t *testing.T) {
	x := simcheck.NewIndex(simcheck.Options{})
	tests := []struct {
		name string
		doc  simcheck.Doc
		want string
	}{
		{"no id", simcheck.Doc{Corpus: simcheck.CorpusTemplate, Text: "模板"}, "编号不能为空"},
		{"unknown corpus", simcheck.Doc{ID: "a", Corpus: "web", Text: "模板"}, "语料类别"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			err := x.Add(tt.doc)
			var e *jingzi.Error
			if !errors.As(err, &e) || e.Code != jingzi.EINVALID || !strings.Contains(e.Message, tt.want) {
				t.Errorf("Add: %v, want invalid with %q", err, tt.want)
			}
		})
	}
}
