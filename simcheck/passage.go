package simcheck

import (
	"slices"
	"unicode/utf8"
)

// Passage 雷同段落 is a stretch of the query that matches a stretch of an
// indexed document. Start and End are rune offsets [Start, End) in the
// original texts; QueryText and DocText are the aligned original texts;
// Similarity is 1 − edit distance / longer length on the normalised pair.
type Passage struct {
	DocID      string
	Corpus     string
	QueryStart int
	QueryEnd   int
	DocStart   int
	DocEnd     int
	QueryText  string
	DocText    string
	Similarity float64
	qs, qe     int // normalised query span
}

const (
	clusterBand = 16  // hits whose diagonals differ by at most this belong together
	clusterGap  = 64  // … unless they lie further apart in the query
	extendMax   = 256 // normalised characters an alignment may grow beyond its hits
	// seedRun is how long an exact match around a lone shared fingerprint must
	// be before it is aligned: stock phrases rarely run this long.
	seedRun = 12
)

// cluster is a group of hits on nearly one diagonal.
type cluster struct {
	doc            uint32
	q0, q1, d0, d1 int // first and last hit positions
	n              int
	rare           bool // a hit of the cluster may seed alone
}

// passages turns hits (sorted by document, diagonal, query position) into
// aligned passages, sorted by query position.
func (st *queryState) passages(hits []hit) []Passage {
	var out []Passage
	for len(hits) > 0 {
		end := 1
		for end < len(hits) && hits[end].doc == hits[0].doc {
			end++
		}
		out = append(out, st.docPassages(hits[:end])...)
		hits = hits[end:]
	}
	slices.SortFunc(out, func(a, b Passage) int {
		if a.QueryStart != b.QueryStart {
			return a.QueryStart - b.QueryStart
		}
		return int(b.Similarity*1e6) - int(a.Similarity*1e6)
	})
	return out
}

// docPassages aligns the clusters of one document's hits.
func (st *queryState) docPassages(hits []hit) []Passage {
	cs := clusters(hits)
	slices.SortFunc(cs, func(a, b cluster) int { return a.q0 - b.q0 })
	e := st.x.docs[hits[0].doc]
	var out []Passage
	k := st.x.opts.Shingle
	for _, c := range cs {
		if covered(out, c, k) {
			continue
		}
		if p, ok := st.align(e, c); ok {
			out = append(out, p)
		}
	}
	return out
}

// clusters groups hits of one document by diagonal, then splits groups at
// gaps in the query.
func clusters(hits []hit) []cluster {
	var out []cluster
	for i := 0; i < len(hits); {
		diag := hits[i].dpos - hits[i].qpos
		j := i + 1
		for j < len(hits) && hits[j].dpos-hits[j].qpos-diag <= clusterBand {
			j++
		}
		group := slices.Clone(hits[i:j])
		slices.SortFunc(group, func(a, b hit) int { return int(a.qpos - b.qpos) })
		c := newCluster(group[0])
		for _, h := range group[1:] {
			if int(h.qpos)-c.q1 > clusterGap {
				out = append(out, c)
				c = newCluster(h)
				continue
			}
			c.q1, c.n, c.rare = int(h.qpos), c.n+1, c.rare || h.rare
			c.d0, c.d1 = min(c.d0, int(h.dpos)), max(c.d1, int(h.dpos))
		}
		out = append(out, c)
		i = j
	}
	return out
}

func newCluster(h hit) cluster {
	return cluster{doc: h.doc, q0: int(h.qpos), q1: int(h.qpos), d0: int(h.dpos), d1: int(h.dpos), n: 1, rare: h.rare}
}

// covered reports whether a passage already found spans the cluster.
func covered(ps []Passage, c cluster, k int) bool {
	for _, p := range ps {
		if c.q0 >= p.qs && c.q1+k <= p.qe {
			return true
		}
	}
	return false
}

// align extends a cluster into a passage on both sides and checks it against
// the length and similarity thresholds. A lone hit must be rare and first
// show an exact run of seedRun characters, checked on a small window.
func (st *queryState) align(e *entry, c cluster) (Passage, bool) {
	k := st.x.opts.Shingle
	if c.q1+k > len(st.n.Runes) {
		return Passage{}, false
	}
	if c.n == 1 {
		if !c.rare {
			return Passage{}, false
		}
		lo := max(0, c.d0-seedRun)
		st.scratch = e.runes(lo, c.d0+k+seedRun, st.scratch[:0])
		if exactRun(st.n.Runes, st.scratch, c.q0, c.d0-lo, k) < seedRun {
			return Passage{}, false
		}
	}
	for margin := 48; ; margin = extendMax {
		p, edge, ok := st.alignWithin(e, c, margin)
		if !edge || margin == extendMax {
			return p, ok
		}
	}
}

// alignWithin aligns the cluster with at most margin characters of extension
// on each side; edge reports that an extension reached the margin.
func (st *queryState) alignWithin(e *entry, c cluster, margin int) (p Passage, edge, ok bool) {
	k := st.x.opts.Shingle
	q := st.n.Runes
	lo := max(0, c.d0-margin)
	win := e.window(lo, min(e.sk.Runes, c.d1+k+margin))
	d := win.Runes
	d0, d1 := c.d0-lo, c.d1+k-lo // core span in the window
	if d1 > len(d) {
		return Passage{}, false, false // a stale sketch; never for a consistent index
	}
	qr := q[c.q1+k : min(len(q), c.q1+k+margin)]
	ql := q[max(0, c.q0-margin):c.q0]
	ri, rj := extend(qr, d[d1:])
	li, lj := extend(reversed(ql), reversed(d[:d0]))
	edge = (ri == len(qr) && len(qr) == margin) || rj == len(d)-d1 && lo+len(d) < e.sk.Runes ||
		(li == len(ql) && len(ql) == margin) || lj == d0 && lo > 0
	qs, qe, ds, de := c.q0-li, c.q1+k+ri, d0-lj, d1+rj
	if min(qe-qs, de-ds) < st.opts.MinPassage || st.novel(qs, qe) < st.opts.MinNovel {
		return Passage{}, edge, false
	}
	sim := editSimilarity(q[qs:qe], d[ds:de])
	if sim < st.opts.MinSimilarity {
		return Passage{}, edge, false
	}
	return st.passage(e, win, qs, qe, ds, de, sim), edge, true
}

// passage maps normalised spans back to the original texts.
func (st *queryState) passage(e *entry, win *Normalized, qs, qe, ds, de int, sim float64) Passage {
	p := Passage{DocID: e.id, Corpus: e.meta.Corpus, Similarity: sim, qs: qs, qe: qe}
	p.QueryStart, p.QueryEnd = st.n.origSpan(qs, qe)
	b0, b1 := st.n.origBytes(st.text, qs, qe)
	p.QueryText = st.text[b0:b1]
	b0, b1 = win.origBytes(e.text, ds, de)
	p.DocText = e.text[b0:b1]
	p.DocStart = utf8.RuneCountInString(e.text[:b0])
	p.DocEnd = p.DocStart + utf8.RuneCountInString(p.DocText)
	return p
}

// exactRun is the length of the exact match through q[qi:qi+k] and d[di:di+k].
func exactRun(q, d []rune, qi, di, k int) int {
	if qi+k > len(q) || di+k > len(d) || !slices.Equal(q[qi:qi+k], d[di:di+k]) {
		return 0
	}
	l := 0
	for qi-l > 0 && di-l > 0 && q[qi-l-1] == d[di-l-1] {
		l++
	}
	r := k
	for qi+r < len(q) && di+r < len(d) && q[qi+r] == d[di+r] {
		r++
	}
	return l + r
}

// runes appends the document's normalised characters [lo, hi) to buf: the
// cheap form of window, for checking a seed.
func (e *entry) runes(lo, hi int, buf []rune) []rune {
	cp := lo / checkpointEvery
	if cp >= len(e.sk.Checkpoints) || lo >= hi {
		return buf
	}
	i := cp * checkpointEvery
	for b := int(e.sk.Checkpoints[cp]); b < len(e.text) && i < hi; {
		r, size := rune(e.text[b]), 1
		if r >= utf8.RuneSelf {
			r, size = utf8.DecodeRuneInString(e.text[b:])
		}
		if c, ok := foldRune(r); ok {
			if i >= lo {
				buf = append(buf, c)
			}
			i++
		}
		b += size
	}
	return buf
}

// window normalises the document's characters [lo, hi) again, starting from
// the nearest checkpoint; ByteOff are offsets into the whole text, RuneOff
// are unused.
func (e *entry) window(lo, hi int) *Normalized {
	cp := lo / checkpointEvery
	w := &Normalized{}
	if cp >= len(e.sk.Checkpoints) || lo >= hi {
		return w
	}
	w.Runes, w.ByteOff = make([]rune, 0, hi-lo), make([]int32, 0, hi-lo)
	i := cp * checkpointEvery
	for b := int(e.sk.Checkpoints[cp]); b < len(e.text) && i < hi; {
		r, size := utf8.DecodeRuneInString(e.text[b:])
		if c, ok := foldRune(r); ok {
			if i >= lo {
				w.Runes = append(w.Runes, c)
				w.ByteOff = append(w.ByteOff, int32(b))
			}
			i++
		}
		b += size
	}
	return w
}
