package jingzi

import "strings"

// DiffOp is one run of a character-level comparison.
type DiffOp struct {
	Kind byte // '=' same, '-' only in the old text, '+' only in the new text
	Text string
}

// DiffText compares two texts character by character (Myers' O(ND) algorithm on
// runes), so that a changed word inside a Chinese sentence is marked as such.
func DiffText(a, b string) []DiffOp {
	ra, rb := []rune(a), []rune(b)
	// Trim the common prefix and suffix: most edits touch a small part.
	pre := 0
	for pre < len(ra) && pre < len(rb) && ra[pre] == rb[pre] {
		pre++
	}
	suf := 0
	for suf < len(ra)-pre && suf < len(rb)-pre && ra[len(ra)-1-suf] == rb[len(rb)-1-suf] {
		suf++
	}
	var ops []DiffOp
	ops = appendOp(ops, '=', ra[:pre])
	ops = append(ops, myers(ra[pre:len(ra)-suf], rb[pre:len(rb)-suf])...)
	return appendOp(ops, '=', ra[len(ra)-suf:])
}

func appendOp(ops []DiffOp, kind byte, text []rune) []DiffOp {
	if len(text) == 0 {
		return ops
	}
	if n := len(ops); n > 0 && ops[n-1].Kind == kind {
		ops[n-1].Text += string(text)
		return ops
	}
	return append(ops, DiffOp{Kind: kind, Text: string(text)})
}

// myers returns the edit script from a to b.
func myers(a, b []rune) []DiffOp {
	n, m := len(a), len(b)
	if n == 0 || m == 0 {
		return appendOp(appendOp(nil, '-', a), '+', b)
	}
	max := n + m
	v := make([]int, 2*max+2)
	var trace [][]int
	for d := 0; d <= max; d++ {
		trace = append(trace, append([]int(nil), v...))
		for k := -d; k <= d; k += 2 {
			var x int
			if k == -d || (k != d && v[max+k-1] < v[max+k+1]) {
				x = v[max+k+1]
			} else {
				x = v[max+k-1] + 1
			}
			y := x - k
			for x < n && y < m && a[x] == b[y] {
				x, y = x+1, y+1
			}
			v[max+k] = x
			if x >= n && y >= m {
				return backtrack(a, b, trace, max)
			}
		}
	}
	return nil
}

func backtrack(a, b []rune, trace [][]int, max int) []DiffOp {
	x, y := len(a), len(b)
	var rev []DiffOp
	for d := len(trace) - 1; d > 0; d-- {
		v := trace[d]
		k := x - y
		var prevK int
		if k == -d || (k != d && v[max+k-1] < v[max+k+1]) {
			prevK = k + 1
		} else {
			prevK = k - 1
		}
		prevX := v[max+prevK]
		prevY := prevX - prevK
		for x > prevX && y > prevY {
			rev = append(rev, DiffOp{'=', string(a[x-1])})
			x, y = x-1, y-1
		}
		if x == prevX {
			rev = append(rev, DiffOp{'+', string(b[y-1])})
		} else {
			rev = append(rev, DiffOp{'-', string(a[x-1])})
		}
		x, y = prevX, prevY
	}
	for x > 0 && y > 0 {
		rev = append(rev, DiffOp{'=', string(a[x-1])})
		x, y = x-1, y-1
	}
	var ops []DiffOp
	for i := len(rev) - 1; i >= 0; i-- {
		ops = appendOp(ops, rev[i].Kind, []rune(rev[i].Text))
	}
	return ops
}

// BlockDiff compares one block (paragraph) of two versions of a document.
type BlockDiff struct {
	Old, New string   // "" when the block was added or removed
	Ops      []DiffOp // character-level marks, numbering left out; nil when unchanged
	oldKey   string
	newKey   string
}

// Changed reports whether the block differs other than in its numbering.
func (d BlockDiff) Changed() bool { return d.oldKey != d.newKey }

// DiffStatements compares two versions block by block (title, preface
// paragraphs, headings, items — as laid out by Document), pairing blocks by a
// paragraph-level diff so that an inserted item does not mark every item after it.
func DiffStatements(old, new *Statement) []BlockDiff {
	a, ak := blockTexts(old)
	b, bk := blockTexts(new)
	ia, ib := internBlocks(ak, bk)
	var out []BlockDiff
	i, j := 0, 0
	for _, op := range myers(ia, ib) {
		for range []rune(op.Text) {
			switch op.Kind {
			case '=':
				out = append(out, BlockDiff{Old: a[i], New: b[j], oldKey: ak[i], newKey: bk[j]})
				i, j = i+1, j+1
			case '-':
				out = append(out, BlockDiff{Old: a[i], oldKey: ak[i]})
				i++
			case '+':
				out = append(out, BlockDiff{New: b[j], newKey: bk[j]})
				j++
			}
		}
	}
	return pairChanges(out)
}

// pairChanges joins a removed block followed by an added one into one changed
// block with character marks: an edited paragraph reads as an edit.
func pairChanges(in []BlockDiff) []BlockDiff {
	var out []BlockDiff
	for k := 0; k < len(in); k++ {
		d := in[k]
		if d.New == "" && k+1 < len(in) && in[k+1].Old == "" && in[k+1].New != "" {
			d = BlockDiff{Old: d.Old, New: in[k+1].New, oldKey: d.oldKey, newKey: in[k+1].newKey}
			k++
		}
		if d.Changed() {
			d.Ops = DiffText(d.oldKey, d.newKey)
		}
		out = append(out, d)
	}
	return out
}

// blockTexts returns each block's text and its text without numbering.
func blockTexts(s *Statement) (texts, keys []string) {
	for _, bl := range s.Document().Blocks {
		text := bl.Lead + bl.Text
		texts, keys = append(texts, text), append(keys, strings.TrimPrefix(text, bl.Ordinal))
	}
	return texts, keys
}

// internBlocks maps each distinct block text to one rune so that myers can
// compare the block sequences.
func internBlocks(a, b []string) ([]rune, []rune) {
	ids := map[string]rune{}
	conv := func(list []string) []rune {
		out := make([]rune, len(list))
		for i, s := range list {
			id, ok := ids[s]
			if !ok {
				id = rune(0xE000 + len(ids)) // private use area, never a real block
				ids[s] = id
			}
			out[i] = id
		}
		return out
	}
	return conv(a), conv(b)
}
