package simcheck_test

import (
	"testing"

	"jingzi/simcheck"
	"jingzi/simcheck/gen"
)

// BenchmarkQuerySmall queries one host statement against 300 statements.
func BenchmarkQuerySmall(b *testing.B) {
	c := gen.Generate(gen.Config{Seed: 7, Docs: 300, Chars: 3000, Plants: 150})
	x, err := indexCorpus(c)
	if err != nil {
		b.Fatal(err)
	}
	q := c.Docs[len(c.Docs)-1]
	b.ResetTimer()
	for b.Loop() {
		x.Query(q.Text, simcheck.QueryOptions{ExcludeIDs: []string{q.ID}})
	}
}

// BenchmarkIndex indexes 500 statements of about 15,000 characters.
func BenchmarkIndex(b *testing.B) {
	c := gen.Generate(gen.Config{Seed: 3, Docs: 500, Chars: 15000})
	b.ResetTimer()
	for b.Loop() {
		if _, err := indexCorpus(c); err != nil {
			b.Fatal(err)
		}
	}
}
