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
// postings array), sorted by key inside a bucket and by document and position
// for each key. A lookup scans one short bucket; there is no per-key
// allocation, so ten thousand statements fit in a few hundred megabytes. New
// documents make new segments, and segments of similar size are merged, so
// adding one document costs amortised O(log n).
type segment struct {
	shift   uint     // key >> shift is the bucket
	start   []uint32 // bucket b holds post[start[b]:start[b+1]]
	post    []posting
	stopped map[uint32]struct{} // keys dropped for occurring more than the cap
}

// postingSource yields the postings of one part of a new segment. For every
// key, documents and positions ascend within a part and from one part to the
// next, so that a stable sort by key leaves each key's postings in order.
type postingSource func(yield func(posting))

// bucketLoad is the average number of postings per bucket: buckets of a few
// cache lines keep lookups cheap and the offsets array small.
const bucketLoad = 8

// buildSegment builds a segment from total postings given in parts, on
// workers goroutines: each part counts its postings per bucket, then scatters
// them to their places (bucket-major, part-minor, so no two parts write the
// same slot), then ranges of buckets are sorted and compacted in parallel.
// Keys occurring more than limit times, or named by stop lists of earlier
// segments, are dropped and remembered as stopped.
func buildSegment(parts []postingSource, total, limit, workers int, stop ...map[uint32]struct{}) *segment {
	b := max(4, min(26, bits.Len(uint(total/bucketLoad))))
	nb := 1 << b
	s := &segment{shift: uint(32 - b), stopped: map[uint32]struct{}{}}
	for _, m := range stop {
		for k := range m {
			s.stopped[k] = struct{}{}
		}
	}
	next := make([][]uint32, len(parts))
	parallel(len(parts), workers, func(i int) {
		c := make([]uint32, nb)
		parts[i](func(p posting) { c[p.key>>s.shift]++ })
		next[i] = c
	})
	s.start = make([]uint32, nb+1)
	off := uint32(0)
	for bk := range nb {
		s.start[bk] = off
		for _, c := range next {
			c[bk], off = off, off+c[bk]
		}
	}
	s.start[nb] = off
	s.post = make([]posting, off)
	parallel(len(parts), workers, func(i int) {
		c := next[i]
		parts[i](func(p posting) {
			bk := p.key >> s.shift
			s.post[c[bk]] = p
			c[bk]++
		})
	})
	s.sortAndStop(limit, workers)
	return s
}

// sortAndStop sorts every bucket by key and removes the postings of
// over-frequent or stopped keys: ranges of buckets are compacted in parallel,
// each inside its own stretch, then the stretches are closed up.
func (s *segment) sortAndStop(limit, workers int) {
	nb := len(s.start) - 1
	nr := max(1, min(nb, 8*workers))
	bound := make([]uint32, nr+1) // original start of each range
	for r := range bound {
		bound[r] = s.start[nb*r/nr]
	}
	kept := make([]uint32, nr)
	stops := make([][]uint32, nr)
	parallel(nr, workers, func(r int) {
		b0, b1 := nb*r/nr, nb*(r+1)/nr
		w := bound[r]
		for bk := b0; bk < b1; bk++ {
			lo, hi := s.start[bk], bound[r+1]
			if bk+1 < b1 {
				hi = s.start[bk+1]
			}
			s.start[bk] = w
			run := s.post[lo:hi]
			sortByKey(run)
			for i := 0; i < len(run); {
				j := i + 1
				for j < len(run) && run[j].key == run[i].key {
					j++
				}
				_, stop := s.stopped[run[i].key]
				if !stop && j-i > limit {
					stops[r] = append(stops[r], run[i].key)
					stop = true
				}
				if !stop {
					w += uint32(copy(s.post[w:], run[i:j]))
				}
				i = j
			}
		}
		kept[r] = w - bound[r]
	})
	dst := uint32(0)
	for r := range nr {
		copy(s.post[dst:], s.post[bound[r]:bound[r]+kept[r]])
		for bk := nb * r / nr; bk < nb*(r+1)/nr; bk++ {
			s.start[bk] = s.start[bk] - bound[r] + dst
		}
		dst += kept[r]
		for _, k := range stops[r] {
			s.stopped[k] = struct{}{}
		}
	}
	s.start[nb] = dst
	s.post = slices.Clip(s.post[:dst])
}

// sortByKey sorts a bucket by key, keeping the order of equal keys; buckets
// are short, so insertion sort does.
func sortByKey(run []posting) {
	if len(run) > 64 {
		slices.SortStableFunc(run, func(a, b posting) int { return cmpU32(a.key, b.key) })
		return
	}
	for i := 1; i < len(run); i++ {
		p := run[i]
		j := i
		for j > 0 && run[j-1].key > p.key {
			run[j] = run[j-1]
			j--
		}
		run[j] = p
	}
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
// documents for which dead reports true. Segments are given oldest first.
func mergeSegments(segs []*segment, limit, workers int, dead func(doc uint32) bool) *segment {
	var parts []postingSource
	stops := make([]map[uint32]struct{}, 0, len(segs))
	total := 0
	for _, s := range segs {
		stops = append(stops, s.stopped)
		total += len(s.post)
		n := max(1, min(2*workers, len(s.post)/4096))
		for i := range n {
			chunk := s.post[len(s.post)*i/n : len(s.post)*(i+1)/n]
			parts = append(parts, func(yield func(posting)) {
				for _, p := range chunk {
					if !dead(p.doc) {
						yield(p)
					}
				}
			})
		}
	}
	return buildSegment(parts, total, limit, workers, stops...)
}
