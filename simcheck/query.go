package simcheck

import (
	"slices"
)

// QueryOptions 查重条件 filter and tune one query; zero fields take defaults.
type QueryOptions struct {
	ExcludeIDs []string // documents to leave out, e.g. the statement itself
	Corpora    []string // only these corpora; empty means all
	// A document is reported when its Jaccard similarity reaches MinJaccard or
	// either containment reaches MinContainment (defaults 0.5 and 0.5).
	MinJaccard     float64
	MinContainment float64
	// A passage is reported when both sides have at least MinPassage
	// normalised characters (default 30) and its similarity reaches
	// MinSimilarity (default 0.85).
	MinPassage    int
	MinSimilarity float64
	// MinNovel is how many normalised characters of a passage must lie
	// outside stock text (套话: text whose fingerprints occur in too many
	// documents to mean copying) for it to be reported; default 20. A shared
	// stock sentence is thus not reported, while a copy that runs through one
	// still is, as a whole.
	MinNovel int
}

func (q QueryOptions) withDefaults() QueryOptions {
	if q.MinJaccard <= 0 {
		q.MinJaccard = 0.5
	}
	if q.MinContainment <= 0 {
		q.MinContainment = 0.5
	}
	if q.MinPassage <= 0 {
		q.MinPassage = 30
	}
	if q.MinSimilarity <= 0 {
		q.MinSimilarity = 0.85
	}
	if q.MinNovel <= 0 {
		q.MinNovel = 20
	}
	return q
}

// DocMatch 相似文档 is an indexed document similar to the query as a whole.
// Containment is the share of the query's shingles found in the document,
// Covered the share of the document's shingles found in the query (a template
// reused whole inside a longer statement has Covered near 1).
type DocMatch struct {
	DocID       string
	Corpus      string
	Title       string
	Jaccard     float64
	Containment float64
	Covered     float64
}

// Result 查重结果 is the answer to a query. Copied is the share of the query's
// normalised characters inside reported passages (查重率).
type Result struct {
	Docs       []DocMatch
	Passages   []Passage
	QueryChars int
	Copied     float64
}

// seedPostings is the most postings a fingerprint may have to seed passage
// alignment; commoner fingerprints still count towards document containment.
// A copied passage almost always holds a rarer fingerprint than this, and
// aligning from every common one would cost a query hundreds of windows.
const seedPostings = 16

// loneSeedPostings is the most postings a fingerprint may have to seed an
// alignment on its own, when no other shared fingerprint lies near it. Chance
// matches of one k-gram are common in stock phrasing and each costs a look at
// the document; a copy shared by a handful of statements still seeds.
const loneSeedPostings = 4

// hit is a shared fingerprint: query position, document and document position.
type hit struct {
	doc        uint32
	qpos, dpos int32
	rare       bool // the fingerprint has at most loneSeedPostings postings
}

// queryState is the per-query working data.
type queryState struct {
	x       *Index
	opts    QueryOptions
	n       *Normalized
	text    string
	hashes  []uint64
	fps     []Fingerprint
	qset    []uint64 // sorted distinct shingle hashes, computed on demand
	exclude map[uint32]bool
	corpora []string
	stock   []bool // stock[i]: normalised query character i lies in a stock fingerprint
	scratch []rune // document characters around a seed
}

// Query finds indexed documents similar to text as a whole, and passages of
// text copied from indexed documents.
func (x *Index) Query(text string, q QueryOptions) Result {
	st := &queryState{x: x, opts: q.withDefaults(), text: text, corpora: q.Corpora}
	st.n = Normalize(text)
	st.hashes = kgramHashes(st.n.Runes, x.opts.Shingle)
	st.fps = winnow(st.hashes, x.opts.Window)
	sig := minhashSignature(st.hashes, x.opts.Hashes)

	x.mu.RLock()
	defer x.mu.RUnlock()
	st.exclude = map[uint32]bool{}
	for _, id := range q.ExcludeIDs {
		if d, ok := x.byID[id]; ok {
			st.exclude[d] = true
		}
	}
	hits, shared := st.collectHits()
	res := Result{QueryChars: st.n.Len()}
	res.Docs = st.docMatches(sig, shared)
	res.Passages = st.passages(hits)
	res.Copied = copiedShare(res.Passages, st.n)
	return res
}

// allowed reports whether document doc may appear in this query's results.
func (st *queryState) allowed(doc uint32) bool {
	e := st.x.docs[doc]
	if e == nil || st.exclude[doc] {
		return false
	}
	return len(st.corpora) == 0 || slices.Contains(st.corpora, e.meta.Corpus)
}

// collectHits looks up every query fingerprint and returns the hits, sorted
// by document, and per document the number of query fingerprints it shares.
func (st *queryState) collectHits() ([]hit, map[uint32]int) {
	hits := make([]hit, 0, 4*len(st.fps))
	shared := map[uint32]int{}
	limit := st.x.postingCap()
	lists := make([][]posting, len(st.x.segs))
	prevStock := -1 // position of the previous fingerprint when it was stock
	for _, f := range st.fps {
		total, stopped := 0, false
		for i, s := range st.x.segs {
			lists[i], stopped = s.lookup(f.Key)
			total += len(lists[i])
			if stopped {
				break
			}
		}
		if stopped || total > limit {
			from := int(f.Pos)
			if prevStock >= 0 {
				from = prevStock
			}
			st.markStock(from, int(f.Pos))
			prevStock = int(f.Pos)
			continue
		}
		prevStock = -1
		for _, list := range lists {
			last := uint32(1<<32 - 1)
			for _, p := range list {
				if !st.allowed(p.doc) {
					continue
				}
				if total <= seedPostings {
					hits = append(hits, hit{doc: p.doc, qpos: int32(f.Pos), dpos: int32(p.pos), rare: total <= loneSeedPostings})
				}
				if p.doc != last {
					shared[p.doc]++
					last = p.doc
				}
			}
		}
	}
	slices.SortFunc(hits, func(a, b hit) int {
		if a.doc != b.doc {
			return cmpU32(a.doc, b.doc)
		}
		if da, db := a.dpos-a.qpos, b.dpos-b.qpos; da != db {
			return int(da - db)
		}
		return int(a.qpos - b.qpos)
	})
	return hits, shared
}

// markStock marks as stock text the k-gram at pos and, when the fingerprint
// before it was stock too, the characters from that one on: winnowing keeps
// one k-gram in every window, so two neighbouring stock fingerprints bracket
// stock text.
func (st *queryState) markStock(from, pos int) {
	if st.stock == nil {
		st.stock = make([]bool, st.n.Len())
	}
	for i := from; i < min(pos+st.x.opts.Shingle, len(st.stock)); i++ {
		st.stock[i] = true
	}
}

// novel counts the characters of the query span [qs, qe) outside stock text.
func (st *queryState) novel(qs, qe int) int {
	if st.stock == nil {
		return qe - qs
	}
	n := 0
	for _, s := range st.stock[qs:qe] {
		if !s {
			n++
		}
	}
	return n
}

// copiedShare is the share of normalised query characters inside passages.
func copiedShare(ps []Passage, n *Normalized) float64 {
	if n.Len() == 0 || len(ps) == 0 {
		return 0
	}
	covered := make([]bool, n.Len())
	count := 0
	for _, p := range ps {
		for i := p.qs; i < p.qe; i++ {
			if !covered[i] {
				covered[i] = true
				count++
			}
		}
	}
	return float64(count) / float64(n.Len())
}
