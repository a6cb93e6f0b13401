package gen

import (
	"fmt"
	"math/rand/v2"
	"strings"
)

// writer composes one statement from the vocabulary and the phrase bank.
type writer struct {
	rng  *rand.Rand
	b    strings.Builder
	year int
}

func (w *writer) pick(list []string) string { return list[w.rng.IntN(len(list))] }

func (w *writer) num(lo, hi int) int { return lo + w.rng.IntN(hi-lo+1) }

// noun is mostly a content word, sometimes an official compound (党建台账).
func (w *writer) noun() string {
	if w.rng.IntN(5) == 0 {
		return w.pick(fields) + w.pick(works)
	}
	return w.pick(vocab.nouns)
}

func (w *writer) verb() string { return w.pick(vocab.verbs) }

func (w *writer) place() string { return w.pick(directions) + w.pick(landforms) + w.pick(levels) }

// statement writes a statement of about chars characters in the usual shape:
// preface, problems by aspect, causes, measures.
func (w *writer) statement(id string, chars int) Doc {
	w.year = w.num(2019, 2025)
	title := fmt.Sprintf("%s%s%d年度民主生活会对照检查材料", w.place(), w.pick(subjects), w.year)
	w.b.Grow(chars * 3)
	w.b.WriteString(title + "\n")
	fmt.Fprintf(&w.b, "%s%s%s的部署，%s%s%s，%s，%s%s%s，%s%s：\n", w.pick(openers), w.place(), w.noun(), w.pick(adverbials),
		w.verb(), w.noun(), w.counts(), w.verb(), w.noun(), w.pick(vocab.verbNouns), w.pick(results), w.pick(closers))
	w.b.WriteString("一、存在问题及表现\n")
	for s := 0; w.runes() < chars*6/10; s++ {
		fmt.Fprintf(&w.b, "（%s）%s。\n", numeral(s+1), w.pick(aspects))
		for it := 0; it < 3 && w.runes() < chars*6/10; it++ {
			fmt.Fprintf(&w.b, "%s是%s%s。", numeral(it+1), w.noun(), w.pick(lapses))
			w.paragraph(4 + w.rng.IntN(4))
		}
	}
	w.b.WriteString("二、原因剖析\n")
	for s := 0; w.runes() < chars*8/10; s++ {
		fmt.Fprintf(&w.b, "（%s）%s。", numeral(s+1), w.pick(causeHeads))
		w.paragraph(3 + w.rng.IntN(3))
	}
	w.b.WriteString("三、努力方向和整改措施\n")
	for s := 0; w.runes() < chars; s++ {
		fmt.Fprintf(&w.b, "%s是%s%s。", numeral(s+1), w.verb(), w.noun())
		for range 2 + w.rng.IntN(3) {
			w.measure()
		}
		w.b.WriteString("\n")
	}
	return Doc{ID: id, Title: title, Text: w.b.String()}
}

// counts writes the preface's numbers in one of several phrasings.
func (w *writer) counts() string {
	talks, opinions := w.num(10, 60), w.num(10, 90)
	switch w.rng.IntN(3) {
	case 0:
		return fmt.Sprintf("谈心谈话%d人次、收集意见%d条", talks, opinions)
	case 1:
		return fmt.Sprintf("征求到意见建议%d条，开展谈心%d人次", opinions, talks)
	}
	return fmt.Sprintf("与%d名同志谈心，梳理意见%d条", talks, opinions)
}

func (w *writer) runes() int { return w.b.Len() / 3 } // nearly all characters are 3 bytes

// paragraph writes n sentences and a line break. About one sentence in
// sixteen is a stock sentence (套话) that many statements share.
func (w *writer) paragraph(n int) {
	for range n {
		if w.rng.IntN(16) == 0 {
			w.b.WriteString(stockSentences[w.rng.IntN(len(stockSentences))])
			continue
		}
		w.sentence()
	}
	w.b.WriteString("\n")
}

// sentence writes one sentence in a structure found in real statements, its
// content words drawn from the vocabulary.
func (w *writer) sentence() {
	v := &vocab
	switch w.rng.IntN(7) {
	case 0:
		fmt.Fprintf(&w.b, "%s，%s%s%s%s%s，%s%s的%s%s。", w.pick(adverbials), w.pick(subjects), w.pick(adverbs), w.verb(), w.noun(), w.pick(lapses), w.verb(), w.noun(), w.pick(v.verbNouns), w.pick(lapses))
	case 1:
		fmt.Fprintf(&w.b, "比如%d年%d月，%s到%s%s%s，发现%s方面问题%d个，%s%s%s。", w.year, w.num(1, 12), w.pick(subjects), w.place(), w.verb(), w.noun(), w.noun(), w.num(2, 40), w.verb(), w.noun(), w.pick(lapses))
	case 2:
		fmt.Fprintf(&w.b, "%s在%s、%s上%s%s，%s，%s。", w.pick(subjects), w.noun(), w.noun(), w.pick(v.adverbs), w.pick(v.adjectives), w.pick(v.idioms), w.pick(results))
	case 3:
		fmt.Fprintf(&w.b, "对%s%s的%s，%s%s%s得不够%s，%s%s、%s%s还有差距。", w.noun(), w.pick(v.verbNouns), w.noun(), w.pick(subjects), w.pick(v.adverbs), w.verb(), w.pick(v.adjectives), w.verb(), w.noun(), w.verb(), w.noun())
	case 4:
		fmt.Fprintf(&w.b, "%s，%s%s%s%s%s，%s。", w.pick(causeHeads), w.pick(adverbials), w.verb(), w.noun(), w.noun(), w.pick(lapses), w.pick(results))
	case 5:
		fmt.Fprintf(&w.b, "%s%s方面，%s%s%s，%s，没有%s%s的%s。", w.noun(), w.pick(v.verbNouns), w.pick(v.adverbs), w.verb(), w.noun(), w.pick(v.idioms), w.verb(), w.noun(), w.noun())
	default:
		fmt.Fprintf(&w.b, "%s%s%s%s，%s%s，%s%s。", w.pick(subjects), w.pick(adverbs), w.verb(), w.noun(), w.pick(adverbials), w.pick(results), w.place(), w.pick(lapses))
	}
}

func (w *writer) measure() {
	fmt.Fprintf(&w.b, "%s%s%s%s，%s%s%s不少于%d%s。", w.pick(periods), w.verb(), w.noun(), w.pick(vocab.verbNouns), w.place(), w.verb(), w.noun(), w.num(2, 50), w.pick(units))
}

// stockSentences are 套话: sentences written once, with a fixed seed, and
// shared by many statements, as stock sentences are in real ones.
var stockSentences = func() []string {
	w := writer{rng: rand.New(rand.NewPCG(1921, 7)), year: 2021}
	out := make([]string, 120)
	for i := range out {
		w.b.Reset()
		w.sentence()
		out[i] = w.b.String()
	}
	return out
}()

var numerals = strings.Fields("一 二 三 四 五 六 七 八 九 十")

func numeral(n int) string {
	if n >= 1 && n <= len(numerals) {
		return numerals[n-1]
	}
	return fmt.Sprint(n)
}
