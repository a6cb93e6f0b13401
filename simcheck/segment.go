package simcheck

import (
	"math/bits"
	"slices"
	"sync/atomic"
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

// partitionLoad is the average number of postings per partition, a run of
// buckets built by one worker at a time: about a megabyte, so that placing
// postings into buckets stays in cache.
const partitionLoad = 1 << 16

// buildSegment builds a segment from total postings given in parts, on
// workers goroutines, in two radix passes so that no pass writes at random
// over the whole array: the parts first scatter their postings into
// partitions (bucket ranges; each part counts first, so parts write disjoint
// slots in part order), then each partition is placed into its buckets
// through a small buffer, sorted by key and compacted. Keys occurring more
// than limit times, or named by stop lists of earlier segments, are dropped
// and remembered as stopped.
func buildSegment(parts []postingSource, total, limit, workers int, stop ...map[uint32]struct{}) *segment {
	b := max(4, min(26, bits.Len(uint(total/bucketLoad))))
	pb := max(0, min(b, bits.Len(uint(total/partitionLoad))))
	s := &segment{shift: uint(32 - b), start: make([]uint32, 1<<b+1), stopped: map[uint32]struct{}{}}
	for _, m := range stop {
		for k := range m {
			s.stopped[k] = struct{}{}
		}
	}
	np, pshift := 1<<pb, uint(32-pb)
	if pb == 0 {
		pshift = 31 // every key in partition 0 (a shift by 32 would not be)
	}
	next := make([][]uint32, len(parts))
	parallel(len(parts), workers, func(i int) {
		c := make([]uint32, np)
		parts[i](func(p posting) { c[uint64(p.key)>>pshift&uint64(np-1)]++ })
		next[i] = c
	})
	pstart := make([]uint32, np+1)
	off := uint32(0)
	for pt := range np {
		pstart[pt] = off
		for _, c := range next {
			c[pt], off = off, off+c[pt]
		}
	}
	pstart[np] = off
	s.post = make([]posting, off)
	parallel(len(parts), workers, func(i int) {
		c, post := next[i], s.post
		parts[i](func(p posting) {
			pt := uint64(p.key) >> pshift & uint64(np-1)
			post[c[pt]] = p
			c[pt]++
		})
	})
	kept := make([]uint32, np)
	stops := make([][]uint32, np)
	bufs := make([][]posting, workers)
	var worker atomic.Int64
	parallel(workers, workers, func(w int) {
		for pt := int(worker.Add(1)) - 1; pt < np; pt = int(worker.Add(1)) - 1 {
			kept[pt], stops[pt], bufs[w] = s.placePartition(pt, np, pstart, limit, bufs[w])
		}
	})
	s.closeUp(np, pstart, kept, stops)
	return s
}

// placePartition puts the postings of partition pt (still in arrival order in
// its stretch of s.post) into their buckets through buf, sorts each bucket by
// key and writes back the postings of keys that are not stopped. It returns
// how many it kept, the keys it stopped, and the buffer for reuse.
func (s *segment) placePartition(pt, np int, pstart []uint32, limit int, buf []posting) (uint32, []uint32, []posting) {
	nb := len(s.start) - 1
	b0, b1 := nb*pt/np, nb*(pt+1)/np
	src := s.post[pstart[pt]:pstart[pt+1]]
	buf = slices.Grow(buf[:0], len(src))[:len(src)]
	cnt := s.start[b0:b1] // counts, then local starts
	for _, p := range src {
		cnt[int(p.key>>s.shift)-b0]++
	}
	off := uint32(0)
	for i, c := range cnt {
		cnt[i], off = off, off+c
	}
	for _, p := range src {
		i := int(p.key>>s.shift) - b0
		buf[cnt[i]] = p
		cnt[i]++
	}
	// cnt[i] is now the end of bucket i in buf.
	var stops []uint32
	w, lo := pstart[pt], uint32(0)
	for i := range cnt {
		hi := cnt[i]
		cnt[i] = w
		run := buf[lo:hi]
		sortByKey(run)
		for a := 0; a < len(run); {
			z := a + 1
			for z < len(run) && run[z].key == run[a].key {
				z++
			}
			_, stop := s.stopped[run[a].key]
			if !stop && z-a > limit {
				stops = append(stops, run[a].key)
				stop = true
			}
			if !stop {
				w += uint32(copy(s.post[w:], run[a:z]))
			}
			a = z
		}
		lo = hi
	}
	return w - pstart[pt], stops, buf
}

// closeUp moves the partitions' kept postings together and fixes the bucket
// offsets and the stop list.
func (s *segment) closeUp(np int, pstart, kept []uint32, stops [][]uint32) {
	nb := len(s.start) - 1
	dst := uint32(0)
	for pt := range np {
		copy(s.post[dst:], s.post[pstart[pt]:pstart[pt]+kept[pt]])
		for bk := nb * pt / np; bk < nb*(pt+1)/np; bk++ {
			s.start[bk] = s.start[bk] - pstart[pt] + dst
		}
		dst += kept[pt]
		for _, k := range stops[pt] {
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
