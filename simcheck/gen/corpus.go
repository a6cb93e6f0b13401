// Package gen builds synthetic corpora of Chinese statements for measuring
// 查重: texts mixed from an official-style phrase bank, with known passages
// copied between them under light edits, so that recall and precision are
// counted rather than guessed. The same seed always gives the same corpus.
package gen

import (
	"fmt"
	"math/rand/v2"
	"sort"
)

// Config says what corpus to build.
type Config struct {
	Seed   uint64
	Docs   int // number of statements
	Chars  int // approximate characters per statement
	Plants int // copied passages to plant
	MinLen int // shortest planted passage in characters (default 50)
	MaxLen int // longest planted passage in characters (default 200)
}

// Doc is one generated statement.
type Doc struct {
	ID    string `json:"id"`
	Title string `json:"title"`
	Text  string `json:"text"`
}

// Plant is one passage copied from a source statement into a host statement.
// Offsets are rune offsets [Start, End) in the final texts.
type Plant struct {
	Host        string `json:"host"`
	HostStart   int    `json:"host_start"`
	HostEnd     int    `json:"host_end"`
	Source      string `json:"source"`
	SourceStart int    `json:"source_start"`
	SourceEnd   int    `json:"source_end"`
	Edits       int    `json:"edits"`
}

// Corpus is the generated statements and the passages planted among them.
type Corpus struct {
	Docs   []Doc   `json:"docs"`
	Plants []Plant `json:"plants"`
}

// Generate builds the corpus. Sources come from the first half of the
// statements and hosts from the second, so no planted text is copied twice.
func Generate(cfg Config) *Corpus {
	if cfg.MinLen <= 0 {
		cfg.MinLen = 50
	}
	if cfg.MaxLen < cfg.MinLen {
		cfg.MaxLen = max(cfg.MinLen, 200)
	}
	rng := rand.New(rand.NewPCG(cfg.Seed, 0x6A696E677A69))
	c := &Corpus{Docs: make([]Doc, cfg.Docs)}
	for i := range c.Docs {
		w := writer{rng: rng}
		c.Docs[i] = w.statement(fmt.Sprintf("d%05d", i), cfg.Chars)
	}
	if cfg.Docs >= 2 {
		c.plant(rng, cfg)
	}
	return c
}

// pending is a passage chosen for a host before it is inserted.
type pending struct {
	at    int    // rune offset in the host's unplanted text
	text  []rune // the edited passage
	plant Plant
}

func (c *Corpus) plant(rng *rand.Rand, cfg Config) {
	half := len(c.Docs) / 2
	byHost := map[int][]pending{}
	for range cfg.Plants {
		src := rng.IntN(half)
		host := half + rng.IntN(len(c.Docs)-half)
		s := []rune(c.Docs[src].Text)
		n := cfg.MinLen + rng.IntN(cfg.MaxLen-cfg.MinLen+1)
		if len(s) <= n {
			continue
		}
		start := rng.IntN(len(s) - n)
		edited, edits := lightEdit(rng, s[start:start+n])
		h := []rune(c.Docs[host].Text)
		byHost[host] = append(byHost[host], pending{at: sentenceEnd(h, rng.IntN(len(h))), text: edited,
			plant: Plant{Host: c.Docs[host].ID, Source: c.Docs[src].ID, SourceStart: start, SourceEnd: start + n, Edits: edits}})
	}
	hosts := make([]int, 0, len(byHost))
	for h := range byHost {
		hosts = append(hosts, h)
	}
	sort.Ints(hosts)
	for _, h := range hosts {
		c.insert(h, byHost[h])
	}
}

// insert writes the host's passages into its text in order of position.
func (c *Corpus) insert(host int, ps []pending) {
	sort.SliceStable(ps, func(i, j int) bool { return ps[i].at < ps[j].at })
	old := []rune(c.Docs[host].Text)
	out := make([]rune, 0, len(old)+len(ps)*200)
	prev := 0
	for _, p := range ps {
		out = append(out, old[prev:p.at]...)
		p.plant.HostStart = len(out)
		out = append(out, p.text...)
		p.plant.HostEnd = len(out)
		prev = p.at
		c.Plants = append(c.Plants, p.plant)
	}
	out = append(out, old[prev:]...)
	c.Docs[host].Text = string(out)
}

// sentenceEnd returns the offset just after the first 。 at or after i.
func sentenceEnd(r []rune, i int) int {
	for ; i < len(r); i++ {
		if r[i] == '。' {
			return i + 1
		}
	}
	return len(r)
}

// lightEdit applies one edit per 40 characters, plus one: a character
// replaced, inserted or deleted, or a punctuation mark changed.
func lightEdit(rng *rand.Rand, s []rune) ([]rune, int) {
	out := append([]rune(nil), s...)
	edits := 1 + len(s)/40
	for range edits {
		i := rng.IntN(len(out))
		switch rng.IntN(4) {
		case 0:
			out[i] = substitutes[rng.IntN(len(substitutes))]
		case 1:
			out = append(out[:i], append([]rune{substitutes[rng.IntN(len(substitutes))]}, out[i:]...)...)
		case 2:
			out = append(out[:i], out[i+1:]...)
		default:
			out = changePunct(out, i)
		}
	}
	return out, edits
}

// changePunct swaps the punctuation mark nearest after i for another, or
// inserts a half-width comma when there is none.
func changePunct(r []rune, i int) []rune {
	swap := map[rune]rune{'，': '、', '、': '，', '。': '；', '；': '。', '：': ',', '“': '"', '”': '"'}
	for j := i; j < len(r); j++ {
		if to, ok := swap[r[j]]; ok {
			r[j] = to
			return r
		}
	}
	return append(r[:i], append([]rune{','}, r[i:]...)...)
}

// Text returns the corpus size in characters, for reports.
func (c *Corpus) Text() (docs, chars int) {
	for _, d := range c.Docs {
		chars += len([]rune(d.Text))
	}
	return len(c.Docs), chars
}
