package simcheck_test

import (
	"testing"

	"jingzi/simcheck/gen"
)

// TestPlantedPassagesFound plants 150 lightly edited passages of 50–200
// characters among 300 statements and expects nearly all of them back. The
// passages no plant explains are framework headings and stock sentences that
// a few dozen statements share (see docs/perf/simcheck.md); they are bounded
// here so that a change which floods users with them fails.
func TestPlantedPassagesFound(t *testing.T) {
	c := gen.Generate(gen.Config{Seed: 7, Docs: 600, Chars: 3000, Plants: 150})
	x, err := indexCorpus(c)
	if err != nil {
		t.Fatal(err)
	}
	s := scorePlants(x, c, 50)
	t.Logf("plants %d found %d recall %.3f; passages %d true %d precision %.3f; clean queries %d noise %d",
		s.plants, s.found, s.recall(), s.passages, s.truePass, s.precision(), s.cleanQueries, s.noise)
	if s.recall() < 0.95 {
		t.Errorf("recall %.3f on planted passages, want at least 0.95", s.recall())
	}
	if s.precision() < 0.5 {
		t.Errorf("precision %.3f on host queries, want at least 0.5", s.precision())
	}
	if s.noise > s.cleanQueries {
		t.Errorf("%d passages reported for %d statements with no copy", s.noise, s.cleanQueries)
	}
}
