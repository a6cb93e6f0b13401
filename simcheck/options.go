package simcheck

import "jingzi"

// Corpus kinds 语料类别: where an indexed document comes from.
const (
	CorpusTemplate  = "template"  // 模板范文：组织者导入的模板
	CorpusLastYear  = "last-year" // 上年度材料
	CorpusColleague = "colleague" // 同次会议其他同志的材料（千人一面）
)

// Options 查重参数 are the index parameters. Sketches made with different
// Shingle, Window or Hashes cannot be mixed in one index.
type Options struct {
	Shingle int // characters per shingle (k-gram), default 5
	Window  int // winnowing window in k-grams, default 12; runs of Window+Shingle-1 characters are always seen
	Hashes  int // MinHash signature size, default 128
	Rows    int // signature values per LSH band, default 4 (32 bands of 4)
	// MaxPostings drops a fingerprint that occurs more often than this in the
	// index: stock phrases (套话) shared by hundreds of statements say nothing
	// about copying and would only slow queries. Default 400.
	MaxPostings int
	// Workers sketches a batch on this many goroutines; default GOMAXPROCS.
	Workers int
}

// DefaultOptions returns the parameters documented in docs/simcheck.md.
func DefaultOptions() Options {
	return Options{Shingle: 8, Window: 9, Hashes: 128, Rows: 4, MaxPostings: 400}
}

// withDefaults fills zero fields from DefaultOptions.
func (o Options) withDefaults() Options {
	d := DefaultOptions()
	if o.Shingle <= 0 {
		o.Shingle = d.Shingle
	}
	if o.Window <= 0 {
		o.Window = d.Window
	}
	if o.Hashes <= 0 {
		o.Hashes = d.Hashes
	}
	if o.Rows <= 0 || o.Rows > o.Hashes {
		o.Rows = d.Rows
	}
	if o.MaxPostings <= 0 {
		o.MaxPostings = d.MaxPostings
	}
	return o
}

// Doc 查重文档 is a document to index: a template, last year's statement or a
// colleague's statement.
type Doc struct {
	ID     string
	Corpus string // CorpusTemplate, CorpusLastYear or CorpusColleague
	Title  string
	Text   string
}

// DocMeta is a Doc without its text, as stored beside a sketch.
type DocMeta struct {
	Corpus string
	Title  string
}

func validateMeta(id string, m DocMeta) error {
	if id == "" {
		return jingzi.Errorf(jingzi.EINVALID, "查重文档编号不能为空。")
	}
	switch m.Corpus {
	case CorpusTemplate, CorpusLastYear, CorpusColleague:
		return nil
	}
	return jingzi.Errorf(jingzi.EINVALID, "文档“%s”的语料类别“%s”无效，应为模板（template）、上年度材料（last-year）或同事材料（colleague）。", id, m.Corpus)
}
