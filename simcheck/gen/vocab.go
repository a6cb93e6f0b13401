package gen

import (
	_ "embed"
	"strings"
)

// words.txt holds a few thousand frequent words of jieba's dictionary (MIT
// licence; see its header and words.py) by part of speech. Drawing content
// words from pools this large makes runs of more than a few words as rare
// between unrelated synthetic statements as between real ones, while the
// small official phrase bank (phrases.go) supplies the stock phrasing that
// real statements share.
//
//go:embed words.txt
var wordsFile string

// vocabulary is the parsed word list.
type vocabulary struct {
	nouns, verbs, verbNouns, adjectives, adverbs, idioms []string
}

var vocab = parseVocabulary(wordsFile)

func parseVocabulary(s string) vocabulary {
	var v vocabulary
	pools := map[string]*[]string{"n": &v.nouns, "v": &v.verbs, "vn": &v.verbNouns, "a": &v.adjectives, "d": &v.adverbs, "i": &v.idioms}
	for _, line := range strings.Split(s, "\n") {
		pos, word, ok := strings.Cut(strings.TrimSpace(line), " ")
		if !ok || strings.HasPrefix(pos, "#") {
			continue
		}
		if p := pools[pos]; p != nil {
			*p = append(*p, word)
		}
	}
	return v
}
