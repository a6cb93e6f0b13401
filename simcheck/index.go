package simcheck

import (
	"runtime"
	"slices"
	"sync"

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
	sk    *DocSketch
	bands []uint64
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

// sketchAll sketches texts on Workers goroutines.
func (x *Index) sketchAll(docs []Doc) []*DocSketch {
	out := make([]*DocSketch, len(docs))
	workers := x.opts.Workers
	if workers <= 0 {
		workers = runtime.GOMAXPROCS(0)
	}
	var wg sync.WaitGroup
	next := make(chan int)
	for range min(workers, len(docs)) {
		wg.Go(func() {
			for i := range next {
				out[i] = x.opts.Sketch(docs[i].Text)
			}
		})
	}
	for i := range docs {
		next <- i
	}
	close(next)
	wg.Wait()
	return out
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

// insert adds entries as one new segment, then merges segments of similar size.
func (x *Index) insert(es []*entry) {
	for _, e := range es {
		e.bands = bandKeys(e.sk.Signature, x.opts.Rows)
	}
	x.mu.Lock()
	defer x.mu.Unlock()
	n := 0
	for _, e := range es {
		x.removeLocked(e.id)
		n += len(e.sk.Fingerprints)
	}
	post := make([]posting, 0, n)
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
		for _, f := range e.sk.Fingerprints {
			post = append(post, posting{key: f.Key, doc: doc, pos: f.Pos})
		}
	}
	x.segs = append(x.segs, buildSegment(post, x.opts.MaxPostings))
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
		x.segs = append(x.segs[:len(x.segs)-2], mergeSegments([]*segment{a, b}, x.opts.MaxPostings, x.isDead))
	}
	total := 0
	for _, s := range x.segs {
		total += len(s.post)
	}
	if x.dead > 0 && 2*x.dead >= total {
		x.segs = []*segment{mergeSegments(x.segs, x.opts.MaxPostings, x.isDead)}
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
	x.dead += len(e.sk.Fingerprints)
	return true
}

// postingCap is how many postings a fingerprint may have before a query
// ignores it: a twentieth of the documents (at least 8), at most MaxPostings.
// Text in more statements than that is stock phrasing, not copying.
func (x *Index) postingCap() int {
	return min(x.opts.MaxPostings, max(8, len(x.byID)/20))
}
