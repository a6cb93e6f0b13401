package simcheck

import (
	"runtime"
	"slices"
	"sync"
	"sync/atomic"

	"jingzi"
)

// Index 查重索引 holds the sketches and texts of a corpus and answers queries.
// Queries may run concurrently with each other; Add, AddSketch and Remove take
// the write lock.
type Index struct {
	mu    sync.RWMutex
	opts  Options
	docs  []*entry // by internal number; nil once removed
	byID  map[string]uint32
	segs  []*segment
	bands []map[uint64][]uint32 // LSH: band key → documents
	dead  int                   // postings of removed documents still in segments
}

// entry is one indexed document.
type entry struct {
	id    string
	meta  DocMeta
	text  string
	sk    *DocSketch // without its fingerprints once indexed
	bands []uint64
	// fingerprints is how many fingerprints the document has.
	fingerprints int
}

// NewIndex returns an empty index; zero fields of opts take their defaults.
func NewIndex(opts Options) *Index {
	opts = opts.withDefaults()
	return &Index{opts: opts, byID: map[string]uint32{}, bands: make([]map[uint64][]uint32, opts.Hashes/opts.Rows)}
}

// Options returns the index parameters.
func (x *Index) Options() Options { return x.opts }

// Len is the number of documents in the index.
func (x *Index) Len() int {
	x.mu.RLock()
	defer x.mu.RUnlock()
	return len(x.byID)
}

// Add indexes one document, replacing any document with the same ID.
func (x *Index) Add(doc Doc) error { return x.AddBatch([]Doc{doc}) }

// AddBatch sketches the documents in parallel and indexes them together,
// replacing documents with the same IDs. Nothing is added if one is invalid.
func (x *Index) AddBatch(docs []Doc) error {
	for _, d := range docs {
		if err := validateMeta(d.ID, DocMeta{Corpus: d.Corpus}); err != nil {
			return err
		}
	}
	sketches := x.sketchAll(docs)
	es := make([]*entry, len(docs))
	for i, d := range docs {
		es[i] = &entry{id: d.ID, meta: DocMeta{Corpus: d.Corpus, Title: d.Title}, text: d.Text, sk: sketches[i]}
	}
	x.insert(es)
	return nil
}

// sketchAll sketches texts on the index's workers, each reusing its buffers.
func (x *Index) sketchAll(docs []Doc) []*DocSketch {
	out := make([]*DocSketch, len(docs))
	workers := x.workers()
	sks := make([]sketcher, workers)
	var next atomic.Int64
	parallel(workers, workers, func(w int) {
		for i := int(next.Add(1)) - 1; i < len(docs); i = int(next.Add(1)) - 1 {
			out[i] = sks[w].sketch(x.opts, docs[i].Text)
		}
	})
	return out
}

// workers is how many goroutines indexing uses.
func (x *Index) workers() int {
	if x.opts.Workers > 0 {
		return x.opts.Workers
	}
	return runtime.GOMAXPROCS(0)
}

// parallel calls f(0) … f(n-1) on at most workers goroutines.
func parallel(n, workers int, f func(i int)) {
	if n == 1 || workers <= 1 {
		for i := range n {
			f(i)
		}
		return
	}
	var wg sync.WaitGroup
	var next atomic.Int64
	for range min(workers, n) {
		wg.Go(func() {
			for i := int(next.Add(1)) - 1; i < n; i = int(next.Add(1)) - 1 {
				f(i)
			}
		})
	}
	wg.Wait()
}

// AddSketch indexes a document from a stored sketch and its text, without
// hashing the text again. The sketch must have been made from this very text
// with the index's options.
func (x *Index) AddSketch(id string, meta DocMeta, sk *DocSketch, text string) error {
	if err := validateMeta(id, meta); err != nil {
		return err
	}
	if sk == nil {
		return jingzi.Errorf(jingzi.EINVALID, "文档“%s”缺少查重指纹。", id)
	}
	if err := sk.matches(x.opts, text); err != nil {
		return err
	}
	x.insert([]*entry{{id: id, meta: meta, text: text, sk: sk}})
	return nil
}

// insert adds entries as one new segment, then merges segments of similar
// size. The index keeps of each sketch all but its fingerprints, which live
// on in the postings.
func (x *Index) insert(es []*entry) {
	for _, e := range es {
		e.bands = bandKeys(e.sk.Signature, x.opts.Rows)
	}
	x.mu.Lock()
	defer x.mu.Unlock()
	total := 0
	for _, e := range es {
		x.removeLocked(e.id)
		total += len(e.sk.Fingerprints)
	}
	first := uint32(len(x.docs))
	for _, e := range es {
		doc := uint32(len(x.docs))
		x.docs = append(x.docs, e)
		x.byID[e.id] = doc
		for b, k := range e.bands {
			if x.bands[b] == nil {
				x.bands[b] = map[uint64][]uint32{}
			}
			x.bands[b][k] = append(x.bands[b][k], doc)
		}
	}
	workers := x.workers()
	n := max(1, min(2*workers, len(es)))
	parts := make([]postingSource, n)
	for i := range parts {
		lo, hi := len(es)*i/n, len(es)*(i+1)/n
		parts[i] = func(yield func(posting)) {
			for j, e := range es[lo:hi] {
				doc := first + uint32(lo+j)
				for _, f := range e.sk.Fingerprints {
					yield(posting{key: f.Key, doc: doc, pos: f.Pos})
				}
			}
		}
	}
	x.segs = append(x.segs, buildSegment(parts, total, x.opts.MaxPostings, workers))
	for _, e := range es {
		e.fingerprints = len(e.sk.Fingerprints)
		sk := *e.sk
		sk.Fingerprints = nil
		e.sk = &sk
	}
	x.compactLocked()
}

// compactLocked merges the last segments while the newer is at least a quarter
// of the older, and everything when removed documents fill half the postings.
func (x *Index) compactLocked() {
	for len(x.segs) >= 2 {
		a, b := x.segs[len(x.segs)-2], x.segs[len(x.segs)-1]
		if 4*len(b.post) < len(a.post) {
			break
		}
		x.segs = append(x.segs[:len(x.segs)-2], mergeSegments([]*segment{a, b}, x.opts.MaxPostings, x.workers(), x.isDead))
	}
	total := 0
	for _, s := range x.segs {
		total += len(s.post)
	}
	if x.dead > 0 && 2*x.dead >= total {
		x.segs = []*segment{mergeSegments(x.segs, x.opts.MaxPostings, x.workers(), x.isDead)}
		x.dead = 0
	}
}

func (x *Index) isDead(doc uint32) bool { return x.docs[doc] == nil }

// Remove takes a document out of the index; removing an unknown ID is an error.
func (x *Index) Remove(id string) error {
	x.mu.Lock()
	defer x.mu.Unlock()
	if !x.removeLocked(id) {
		return jingzi.Errorf(jingzi.ENOTFOUND, "查重索引中没有文档“%s”。", id)
	}
	x.compactLocked()
	return nil
}

func (x *Index) removeLocked(id string) bool {
	doc, ok := x.byID[id]
	if !ok {
		return false
	}
	e := x.docs[doc]
	for b, k := range e.bands {
		list := slices.DeleteFunc(x.bands[b][k], func(d uint32) bool { return d == doc })
		if len(list) == 0 {
			delete(x.bands[b], k)
		} else {
			x.bands[b][k] = list
		}
	}
	x.docs[doc] = nil
	delete(x.byID, id)
	x.dead += e.fingerprints
	return true
}

// postingCap is how many postings a fingerprint may have before a query
// treats it as stock text: a hundredth of the documents (at least 8), at most
// MaxPostings. Text in more statements than that is 套话, not copying.
func (x *Index) postingCap() int {
	return min(x.opts.MaxPostings, max(8, len(x.byID)/100))
}
