package simcheck

import (
	"math/rand/v2"
	"reflect"
	"slices"
	"testing"
)

// TestSegmentBuild checks that a segment built in parallel from several parts
// answers every key with the postings given, in document and position order,
// whatever the number of workers, and stops keys over the limit.
func TestSegmentBuild(t *testing.T) {
	rng := rand.New(rand.NewPCG(3, 4))
	const docs, perDoc, limit = 200, 300, 50
	fps := make([][]Fingerprint, docs)
	want := map[uint32][]posting{}
	for d := range fps {
		for p := range perDoc {
			k := rng.Uint32N(1 << 14) // repeated keys, a few over the limit
			if p%40 == 0 {
				k = 7 // one key in every document: stopped
			}
			fps[d] = append(fps[d], Fingerprint{Key: k, Pos: uint32(p)})
			want[k] = append(want[k], posting{key: k, doc: uint32(d), pos: uint32(p)})
		}
	}
	source := func(n int) []postingSource {
		parts := make([]postingSource, n)
		for i := range parts {
			lo, hi := docs*i/n, docs*(i+1)/n
			parts[i] = func(yield func(posting)) {
				for d := lo; d < hi; d++ {
					for _, f := range fps[d] {
						yield(posting{key: f.Key, doc: uint32(d), pos: f.Pos})
					}
				}
			}
		}
		return parts
	}
	var first *segment
	for _, tt := range []struct{ parts, workers int }{{1, 1}, {4, 2}, {7, 3}} {
		s := buildSegment(source(tt.parts), docs*perDoc, limit, tt.workers)
		for k, list := range want {
			got, stopped := s.lookup(k)
			if stopped != (len(list) > limit) {
				t.Fatalf("%d parts: key %d with %d postings stopped=%v", tt.parts, k, len(list), stopped)
			}
			if !stopped && !slices.Equal(got, list) {
				t.Fatalf("%d parts: key %d: postings differ", tt.parts, k)
			}
		}
		if first == nil {
			first = s
		} else if !reflect.DeepEqual(first, s) {
			t.Errorf("%d parts on %d workers built another segment", tt.parts, tt.workers)
		}
	}
}
