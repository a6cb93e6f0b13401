package check

import (
	"embed"
	"fmt"
	"sort"
	"strconv"
	"strings"
)

//go:embed data/*.txt
var dataFiles embed.FS

// listKind names a word list; every list is compiled into one automaton.
type listKind int

const (
	listTypo listKind = iota
	listVague
	listPledge
	listVocab
	listEvent
	listRelative
	numLists
)

// typo is one entry of data/typos.txt.
type typo struct{ wrong, right, note string }

// unitVocab is one line of data/vocab.txt.
type unitVocab struct {
	name    string
	aliases []string // name first
	words   []string
}

// event is one line of data/events.txt.
type event struct {
	phrase string
	years  []int
}

// relative time words and their offset from the statement's year.
var relativeWords = []struct {
	word   string
	offset int
}{{"今年", 0}, {"本年", 0}, {"去年", -1}, {"上年", -1}, {"前年", -2}, {"明年", 1}, {"后年", 2}}

// entryRef points at an entry of one list.
type entryRef struct {
	list listKind
	idx  int32
}

// lexicon holds the word lists and the automaton that finds them all in one pass.
type lexicon struct {
	typos   []typo
	vague   []string
	pledges []string
	units   []unitVocab
	vocab   []string // every unit word, once
	vocabOf [][]int  // vocab index → units using the word
	events  []event
	m       *matcher
	refs    [][]entryRef // word id → entries
}

// hit is one occurrence of a list entry in the text (byte offsets).
type hit struct {
	start, end int
	idx        int
}

var lex = mustLoadLexicon()

func mustLoadLexicon() *lexicon {
	l, err := loadLexicon()
	if err != nil {
		panic("check: embedded word list: " + err.Error())
	}
	return l
}

func loadLexicon() (*lexicon, error) {
	l := &lexicon{}
	steps := []struct {
		file  string
		parse func(fields []string) error
	}{
		{"typos.txt", l.addTypo},
		{"vague.txt", func(f []string) error { l.vague = append(l.vague, strings.Join(f, "")); return nil }},
		{"pledges.txt", func(f []string) error { l.pledges = append(l.pledges, strings.Join(f, "")); return nil }},
		{"vocab.txt", l.addUnit},
		{"events.txt", l.addEvent},
	}
	for _, st := range steps {
		if err := eachDataLine(st.file, st.parse); err != nil {
			return nil, err
		}
	}
	l.compile()
	return l, nil
}

// eachDataLine calls parse with the whitespace-separated fields of every
// non-empty, non-comment line of a data file.
func eachDataLine(file string, parse func([]string) error) error {
	data, err := dataFiles.ReadFile("data/" + file)
	if err != nil {
		return err
	}
	for n, line := range strings.Split(string(data), "\n") {
		if i := strings.Index(line, "#"); i >= 0 {
			line = line[:i]
		}
		if f := strings.Fields(line); len(f) > 0 {
			if err := parse(f); err != nil {
				return fmt.Errorf("%s:%d: %w", file, n+1, err)
			}
		}
	}
	return nil
}

func (l *lexicon) addTypo(f []string) error {
	if len(f) < 2 {
		return fmt.Errorf("need a wrong and a right form")
	}
	l.typos = append(l.typos, typo{wrong: f[0], right: f[1], note: strings.Join(f[2:], " ")})
	return nil
}

func (l *lexicon) addUnit(f []string) error {
	head, words, ok := strings.Cut(strings.Join(f, " "), ":")
	if !ok {
		return fmt.Errorf("need “单位|别名: 用语”")
	}
	aliases := strings.Split(strings.TrimSpace(head), "|")
	l.units = append(l.units, unitVocab{name: aliases[0], aliases: aliases, words: strings.Fields(words)})
	return nil
}

func (l *lexicon) addEvent(f []string) error {
	if len(f) < 2 {
		return fmt.Errorf("need a phrase and a year")
	}
	e := event{phrase: f[0]}
	for _, y := range f[1:] {
		from, to, isRange := strings.Cut(y, "-")
		a, err1 := strconv.Atoi(from)
		b, err2 := a, error(nil)
		if isRange {
			b, err2 = strconv.Atoi(to)
		}
		if err1 != nil || err2 != nil || b < a {
			return fmt.Errorf("bad year %q", y)
		}
		for ; a <= b; a++ {
			e.years = append(e.years, a)
		}
	}
	l.events = append(l.events, e)
	return nil
}

// compile builds the automaton over the words of every list.
func (l *lexicon) compile() {
	ids := map[string]int{}
	var words []string
	add := func(w string, ref entryRef) {
		id, ok := ids[w]
		if !ok {
			id = len(words)
			ids[w] = id
			words = append(words, w)
			l.refs = append(l.refs, nil)
		}
		l.refs[id] = append(l.refs[id], ref)
	}
	for i, t := range l.typos {
		add(t.wrong, entryRef{listTypo, int32(i)})
	}
	for i, w := range l.vague {
		add(w, entryRef{listVague, int32(i)})
	}
	for i, w := range l.pledges {
		add(w, entryRef{listPledge, int32(i)})
	}
	l.compileVocab(add)
	for i, e := range l.events {
		add(e.phrase, entryRef{listEvent, int32(i)})
	}
	for i, r := range relativeWords {
		add(r.word, entryRef{listRelative, int32(i)})
	}
	l.m = newMatcher(words)
}

func (l *lexicon) compileVocab(add func(string, entryRef)) {
	index := map[string]int{}
	for u, unit := range l.units {
		for _, w := range unit.words {
			i, ok := index[w]
			if !ok {
				i = len(l.vocab)
				index[w] = i
				l.vocab = append(l.vocab, w)
				l.vocabOf = append(l.vocabOf, nil)
				add(w, entryRef{listVocab, int32(i)})
			}
			l.vocabOf[i] = append(l.vocabOf[i], u)
		}
	}
}

// find returns the hits of every list in text, grouped by list.
func (l *lexicon) find(text string) [numLists][]hit {
	var out [numLists][]hit
	l.m.scan(text, func(id, start, end int) {
		for _, r := range l.refs[id] {
			out[r.list] = append(out[r.list], hit{start, end, int(r.idx)})
		}
	})
	return out
}

// TypoEntry 易错词 is one entry of data/typos.txt.
type TypoEntry struct{ Wrong, Right, Note string }

// Typos returns the typo list, for documentation and tests.
func Typos() []TypoEntry {
	out := make([]TypoEntry, len(lex.typos))
	for i, t := range lex.typos {
		out[i] = TypoEntry{t.wrong, t.right, t.note}
	}
	return out
}

// longest keeps, of overlapping hits, the one that starts first and, among
// those, the longest: “今后一定改正” rather than also “一定改正”.
func longest(hits []hit) []hit {
	sorted := append([]hit(nil), hits...)
	sort.Slice(sorted, func(i, j int) bool {
		if sorted[i].start != sorted[j].start {
			return sorted[i].start < sorted[j].start
		}
		return sorted[i].end > sorted[j].end
	})
	out := sorted[:0]
	for _, h := range sorted {
		if len(out) == 0 || h.start >= out[len(out)-1].end {
			out = append(out, h)
		}
	}
	return out
}
