package gen

import (
	"reflect"
	"slices"
	"strings"
	"testing"
	"unicode"
)

func TestGenerateIsDeterministic(t *testing.T) {
	cfg := Config{Seed: 9, Docs: 20, Chars: 2000, Plants: 10}
	a, b := Generate(cfg), Generate(cfg)
	if !reflect.DeepEqual(a, b) {
		t.Fatal("the same seed gave two corpora")
	}
	cfg.Seed = 10
	if reflect.DeepEqual(a.Docs, Generate(cfg).Docs) {
		t.Error("another seed gave the same corpus")
	}
}

// TestPlantsAreLightlyEditedCopies checks each plant against its source: the
// host span differs from the source span by at most the recorded edits.
func TestPlantsAreLightlyEditedCopies(t *testing.T) {
	c := Generate(Config{Seed: 9, Docs: 40, Chars: 3000, Plants: 30})
	text := map[string][]rune{}
	for _, d := range c.Docs {
		text[d.ID] = []rune(d.Text)
	}
	if len(c.Plants) < 25 {
		t.Fatalf("%d plants, want nearly 30", len(c.Plants))
	}
	for _, p := range c.Plants {
		src := text[p.Source][p.SourceStart:p.SourceEnd]
		host := text[p.Host][p.HostStart:p.HostEnd]
		if n := len(src); n < 50 || n > 200 {
			t.Errorf("plant of %d characters, want 50–200", n)
		}
		if d := editDistance(src, host); d > p.Edits || d == 0 && p.Edits > 1 {
			t.Errorf("plant %s→%s: %d edits recorded, distance %d", p.Source, p.Host, p.Edits, d)
		}
	}
}

// TestUnrelatedStatementsShareLittle checks the property the vocabulary is
// there for: outside stock sentences and headings, few runs of 16 ideographs
// (what a passage needs to be seen) occur in two unrelated statements. The
// few that do join two official stock phrases (在急难险重任务面前 +
// 群众满意度不高), as in real statements.
func TestUnrelatedStatementsShareLittle(t *testing.T) {
	c := Generate(Config{Seed: 9, Docs: 60, Chars: 5000})
	const k = 16
	seen := map[string]int{} // 16-gram → first document holding it
	shared, total := 0, 0
	var stock []string // stock sentences and headings, shared on purpose
	stock = append(stock, stockSentences...)
	stock = append(stock, aspects...)
	stock = append(stock, causeHeads...)
	cut := strings.NewReplacer(slices.Concat(slices.Collect(func(yield func(string) bool) {
		for _, s := range stock {
			if !yield(s) || !yield("\n") {
				return
			}
		}
	}))...)
	for i, d := range c.Docs {
		r := []rune(cut.Replace(d.Text))
		for j := 0; j+k <= len(r); j++ {
			g := string(r[j : j+k])
			if !allIdeographs(g) {
				continue
			}
			total++
			if first, ok := seen[g]; !ok {
				seen[g] = i
			} else if first != i {
				shared++
			}
		}
	}
	if share := float64(shared) / float64(total); share > 0.10 {
		t.Errorf("%.1f%% of 16-character runs also occur in another statement, want under 10%%", 100*share)
	} else {
		t.Logf("%.1f%% of 16-character runs also occur in another statement", 100*share)
	}
	if len(vocab.nouns) < 2000 || len(vocab.verbs) < 1000 {
		t.Errorf("vocabulary of %d nouns and %d verbs, want the word list loaded", len(vocab.nouns), len(vocab.verbs))
	}
}

func allIdeographs(s string) bool {
	for _, r := range s {
		if !unicode.Is(unicode.Han, r) {
			return false
		}
	}
	return true
}

func editDistance(a, b []rune) int {
	prev := make([]int, len(b)+1)
	for j := range prev {
		prev[j] = j
	}
	for i := 1; i <= len(a); i++ {
		cur := make([]int, len(b)+1)
		cur[0] = i
		for j := 1; j <= len(b); j++ {
			c := prev[j-1]
			if a[i-1] != b[j-1] {
				c++
			}
			cur[j] = min(c, prev[j]+1, cur[j-1]+1)
		}
		prev = cur
	}
	return prev[len(b)]
}
