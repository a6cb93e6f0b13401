package check

import (
	"math/rand"
	"reflect"
	"strings"
	"testing"
)

// TestMatcherAgainstIndex compares the automaton with strings.Index on random
// texts over a small alphabet, where words overlap and nest often.
func TestMatcherAgainstIndex(t *testing.T) {
	alphabet := []string{"一", "是", "X", "不", "少", "于", "a"}
	rng := rand.New(rand.NewSource(1))
	word := func(n int) string {
		var b strings.Builder
		for range n {
			b.WriteString(alphabet[rng.Intn(len(alphabet))])
		}
		return b.String()
	}
	for round := range 200 {
		words := []string{word(1 + rng.Intn(3)), word(1 + rng.Intn(3)), word(2 + rng.Intn(4)), word(1)}
		text := word(40)
		type m struct{ id, start, end int }
		var got, want []m
		newMatcher(words).scan(text, func(id, start, end int) { got = append(got, m{id, start, end}) })
		for end := 1; end <= len(text); end++ {
			for id, w := range words {
				if strings.HasSuffix(text[:end], w) {
					want = append(want, m{id, end - len(w), end})
				}
			}
		}
		if !sameSet(got, want) {
			t.Fatalf("round %d: words %q text %q\ngot  %v\nwant %v", round, words, text, got, want)
		}
	}
}

func sameSet[T comparable](a, b []T) bool {
	count := map[T]int{}
	for _, x := range a {
		count[x]++
	}
	for _, x := range b {
		count[x]--
	}
	for _, n := range count {
		if n != 0 {
			return false
		}
	}
	return len(a) == len(b) || reflect.DeepEqual(a, b)
}
