package simcheck

import (
	"unicode"
	"unicode/utf8"
)

// Normalized 规范化文本 is a text reduced to the characters that carry content,
// with a map from each kept character back to the original text.
type Normalized struct {
	Runes []rune
	// RuneOff[i] is the rune offset in the original text of Runes[i];
	// ByteOff[i] its byte offset.
	RuneOff []int32
	ByteOff []int32
}

// Normalize strips whitespace, punctuation, symbols and control characters,
// folds full-width ASCII to half-width and lower-cases Latin letters.
func Normalize(text string) *Normalized {
	n := &Normalized{
		Runes:   make([]rune, 0, len(text)/3+8),
		RuneOff: make([]int32, 0, len(text)/3+8),
		ByteOff: make([]int32, 0, len(text)/3+8),
	}
	ri := int32(0)
	for bi, r := range text {
		if c, ok := foldRune(r); ok {
			n.Runes = append(n.Runes, c)
			n.RuneOff = append(n.RuneOff, ri)
			n.ByteOff = append(n.ByteOff, int32(bi))
		}
		ri++
	}
	return n
}

// foldRune maps r to its normalised form, or reports false when r carries no
// content for 查重.
func foldRune(r rune) (rune, bool) {
	if r >= 0x4E00 && r <= 0x9FFF { // the common case: a CJK ideograph
		return r, true
	}
	if r >= 0xFF01 && r <= 0xFF5E { // full-width ASCII
		r -= 0xFEE0
	}
	switch {
	case r == utf8.RuneError:
		return 0, false
	case r < 0x80:
		switch {
		case r >= 'A' && r <= 'Z':
			return r + ('a' - 'A'), true
		case r >= 'a' && r <= 'z', r >= '0' && r <= '9':
			return r, true
		}
		return 0, false
	case unicode.IsSpace(r), unicode.IsPunct(r), unicode.IsSymbol(r), unicode.IsControl(r), unicode.Is(unicode.Cf, r):
		return 0, false
	}
	return r, true
}

// Len is the number of normalised characters.
func (n *Normalized) Len() int { return len(n.Runes) }

// origSpan returns the original rune span [start, end) covering normalised
// characters [i, j).
func (n *Normalized) origSpan(i, j int) (start, end int) {
	if i >= j {
		return 0, 0
	}
	return int(n.RuneOff[i]), int(n.RuneOff[j-1]) + 1
}

// origBytes returns the original byte span [start, end) covering normalised
// characters [i, j) of text.
func (n *Normalized) origBytes(text string, i, j int) (start, end int) {
	if i >= j {
		return 0, 0
	}
	b := int(n.ByteOff[j-1])
	_, size := utf8.DecodeRuneInString(text[b:])
	return int(n.ByteOff[i]), b + size
}
