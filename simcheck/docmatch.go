package simcheck

import (
	"cmp"
	"slices"
)

// candidateSlack lowers the thresholds for estimates, so that documents whose
// estimate falls a little short are still verified exactly.
const candidateSlack = 0.15

// docMatches verifies the documents that LSH or shared fingerprints suggest,
// by exact Jaccard and containment on shingle sets.
func (st *queryState) docMatches(sig []uint32, shared map[uint32]int) []DocMatch {
	x := st.x
	cands := map[uint32]bool{}
	for b, k := range bandKeys(sig, x.opts.Rows) {
		for _, d := range x.bands[b][k] {
			if !cands[d] && st.allowed(d) && estimateJaccard(sig, x.docs[d].sk.Signature) >= st.opts.MinJaccard-candidateSlack {
				cands[d] = true
			}
		}
	}
	for d, n := range shared {
		qc := float64(n) / float64(max(1, len(st.fps)))
		dc := float64(n) / float64(max(1, x.docs[d].fingerprints))
		if max(qc, dc) >= st.opts.MinContainment-candidateSlack {
			cands[d] = true
		}
	}
	var out []DocMatch
	for d := range cands {
		if m, ok := st.verify(d); ok {
			out = append(out, m)
		}
	}
	slices.SortFunc(out, func(a, b DocMatch) int {
		if c := cmp.Compare(b.Jaccard, a.Jaccard); c != 0 {
			return c
		}
		return cmp.Compare(a.DocID, b.DocID)
	})
	return out
}

// verify computes exact Jaccard and containments against document d.
func (st *queryState) verify(d uint32) (DocMatch, bool) {
	if st.qset == nil {
		st.qset = distinctSorted(st.hashes)
	}
	e := st.x.docs[d]
	dset := distinctSorted(kgramHashes(Normalize(e.text).Runes, st.x.opts.Shingle))
	inter := intersectSorted(st.qset, dset)
	union := len(st.qset) + len(dset) - inter
	if union == 0 {
		return DocMatch{}, false
	}
	m := DocMatch{DocID: e.id, Corpus: e.meta.Corpus, Title: e.meta.Title,
		Jaccard:     float64(inter) / float64(union),
		Containment: float64(inter) / float64(max(1, len(st.qset))),
		Covered:     float64(inter) / float64(max(1, len(dset)))}
	ok := m.Jaccard >= st.opts.MinJaccard || max(m.Containment, m.Covered) >= st.opts.MinContainment
	return m, ok
}

func distinctSorted(h []uint64) []uint64 {
	s := slices.Clone(h)
	slices.Sort(s)
	return slices.Compact(s)
}

func intersectSorted(a, b []uint64) int {
	n, i, j := 0, 0, 0
	for i < len(a) && j < len(b) {
		switch {
		case a[i] < b[j]:
			i++
		case a[i] > b[j]:
			j++
		default:
			n++
			i++
			j++
		}
	}
	return n
}
