package outline

import (
	"strings"
	"unicode/utf8"

	"jingzi"
)

// line is one paragraph classified for Parse.
type line struct {
	full     string // the paragraph as a reader sees it, Word's list label included
	rest     string // text after the ordinal label
	m        marker // style "" when the paragraph has no label
	bold     bool
	boldLead string
	level    int // outline level
}

// Longest heading lines, in runes, that Parse accepts as bold or part headings.
const (
	maxTitleRunes   = 80
	maxPartRunes    = 30
	maxBoldRunes    = 40
	maxClosingRunes = 60
)

// sentenceEnds are the marks that end the lead sentence of an item.
const sentenceEnds = "。；！？;!?"

// closingQuotes may follow a sentence end and still belong to the sentence.
const closingQuotes = "”’\"'」』）)】"

func classify(paras []jingzi.Paragraph) []line {
	out := make([]line, 0, len(paras))
	for _, p := range paras {
		text := trimSpace(strings.ToValidUTF8(p.Text, "\uFFFD"))
		l := line{full: text, rest: text, bold: p.Bold, level: p.OutlineLevel, boldLead: trimSpace(p.BoldLead)}
		if num := trimSpace(p.Number); num != "" {
			if m, _, ok := parseMarker(num); ok {
				l.m, l.full = m, num+text
			} else {
				l.m = marker{style: styleBullet, label: num}
			}
		} else if m, rest, ok := parseMarker(text); ok {
			l.m, l.rest = m, rest
		}
		if l.m.style == styleNone && l.isBoldHeading() {
			l.m = marker{style: styleBoldTitle}
		}
		if l.full != "" {
			out = append(out, l)
		}
	}
	return out
}

// isBoldHeading reports whether an unnumbered paragraph reads as a bold-run heading.
func (l line) isBoldHeading() bool {
	if l.bold {
		return utf8.RuneCountInString(l.rest) <= maxBoldRunes && headingOnly(l.rest)
	}
	return l.boldLead != "" && utf8.RuneCountInString(l.boldLead) <= maxBoldRunes && strings.HasPrefix(l.rest, l.boldLead)
}

func (l line) numbered() bool { return l.m.style != styleNone }

// split returns the heading (the lead sentence, or the bold lead) and the rest.
func (l line) split() (head, tail string) {
	if lead := l.boldLead; lead != "" {
		if _, r, ok := parseMarker(lead); ok {
			lead = r
		}
		if lead != "" && strings.HasPrefix(l.rest, lead) {
			return lead, trimSpace(l.rest[len(lead):])
		}
	}
	return splitSentence(l.rest)
}

// splitSentence cuts s after its first sentence end (and any closing quotes).
func splitSentence(s string) (head, tail string) { return cutAfter(s, sentenceEnds) }

// cutAfter cuts s after the first of the marks ends and any closing quotes after it.
func cutAfter(s, ends string) (head, tail string) {
	i := strings.IndexAny(s, ends)
	if i < 0 {
		return s, ""
	}
	_, size := utf8.DecodeRuneInString(s[i:])
	end := i + size
	for end < len(s) {
		r, n := utf8.DecodeRuneInString(s[end:])
		if !strings.ContainsRune(closingQuotes, r) {
			break
		}
		end += n
	}
	return s[:end], trimSpace(s[end:])
}

// headingOnly reports whether s is one sentence (or no full sentence at all).
func headingOnly(s string) bool {
	_, tail := splitSentence(s)
	return tail == ""
}

// endsSentence reports whether s ends with a sentence end, closing quotes aside.
func endsSentence(s string) bool {
	s = strings.TrimRight(s, closingQuotes)
	r, _ := utf8.DecodeLastRuneInString(s)
	return r != utf8.RuneError && strings.ContainsRune(sentenceEnds, r)
}

func runeLen(s string) int { return utf8.RuneCountInString(s) }
