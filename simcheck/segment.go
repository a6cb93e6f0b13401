package simcheck

import (
	"math/bits"
	"slices"
)

// posting is one occurrence of a fingerprint: document and normalised position.
type posting struct {
	key, doc, pos uint32
}

// segment is an immutable part of the fingerprint index: postings grouped by
// the top bits of their key into buckets (a CSR layout: one offsets array, one
// postings array), sorted by key inside a bucket. A lookup scans one short
// bucket; there is no per-key allocation, so ten thousand statements fit in a
// few hundred megabytes. New documents make new segments, and segments of
// similar size are merged, so adding one document costs amortised O(log n).
type segment struct {
	shift   uint     // key >> shift is the bucket
	start   []uint32 // bucket b holds post[start[b]:start[b+1]]
	post    []posting
	stopped map[uint32]struct{} // keys dropped for occurring more than the cap
}

// buildSegment buckets the postings and drops keys that occur more than limit
// times, or that stop lists from earlier segments name. It reorders post.
func buildSegment(post []posting, limit int, stop ...map[uint32]struct{}) *segment {
	b := max(4, min(26, bits.Len(uint(len(post)/4))))
	s := &segment{shift: uint(32 - b), start: make([]uint32, (1<<b)+1), stopped: map[uint32]struct{}{}}
	for _, m := range stop {
		for k := range m {
			s.stopped[k] = struct{}{}
		}
	}
	for _, p := range post {
		s.start[(p.key>>s.shift)+1]++
	}
	for i := 1; i < len(s.start); i++ {
		s.start[i] += s.start[i-1]
	}
	s.post = make([]posting, len(post))
	next := slices.Clone(s.start[:len(s.start)-1])
	for _, p := range post {
		bk := p.key >> s.shift
		s.post[next[bk]] = p
		next[bk]++
	}
	s.sortAndStop(limit)
	return s
}

// sortAndStop sorts every bucket by key, then document and position, and
// removes the postings of over-frequent or stopped keys, compacting in place.
func (s *segment) sortAndStop(limit int) {
	w := uint32(0)
	for bk := 0; bk+1 < len(s.start); bk++ {
		lo, hi := s.start[bk], s.start[bk+1]
		s.start[bk] = w
		run := s.post[lo:hi]
		slices.SortFunc(run, comparePosting)
		for i := 0; i < len(run); {
			j := i + 1
			for j < len(run) && run[j].key == run[i].key {
				j++
			}
			_, stop := s.stopped[run[i].key]
			if j-i > limit {
				s.stopped[run[i].key] = struct{}{}
				stop = true
			}
			if !stop {
				w += uint32(copy(s.post[w:], run[i:j]))
			}
			i = j
		}
	}
	s.start[len(s.start)-1] = w
	s.post = slices.Clip(s.post[:w])
}

func comparePosting(a, b posting) int {
	switch {
	case a.key != b.key:
		return cmpU32(a.key, b.key)
	case a.doc != b.doc:
		return cmpU32(a.doc, b.doc)
	}
	return cmpU32(a.pos, b.pos)
}

func cmpU32(a, b uint32) int {
	switch {
	case a < b:
		return -1
	case a > b:
		return 1
	}
	return 0
}

// lookup returns the postings of key, and whether the key is stopped.
func (s *segment) lookup(key uint32) ([]posting, bool) {
	if _, ok := s.stopped[key]; ok {
		return nil, true
	}
	bk := key >> s.shift
	run := s.post[s.start[bk]:s.start[bk+1]]
	i := 0
	for i < len(run) && run[i].key < key {
		i++
	}
	j := i
	for j < len(run) && run[j].key == key {
		j++
	}
	return run[i:j], false
}

// mergeSegments merges segments into one, leaving out the postings of
// documents for which dead reports true.
func mergeSegments(segs []*segment, limit int, dead func(doc uint32) bool) *segment {
	total := 0
	stops := make([]map[uint32]struct{}, 0, len(segs))
	for _, s := range segs {
		total += len(s.post)
		stops = append(stops, s.stopped)
	}
	post := make([]posting, 0, total)
	for _, s := range segs {
		for _, p := range s.post {
			if !dead(p.doc) {
				post = append(post, p)
			}
		}
	}
	return buildSegment(post, limit, stops...)
}
