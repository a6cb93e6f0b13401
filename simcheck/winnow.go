package simcheck

import "slices"

// Fingerprint 指纹 is a winnowed k-gram: its 32-bit key and the position of the
// k-gram's first character in the normalised text.
type Fingerprint struct {
	Key uint32
	Pos uint32
}

// winnow selects fingerprints from k-gram hashes (Schleimer, Wilkerson and
// Aiken, SIGMOD 2003): in every window of w consecutive hashes the minimum is
// kept (the rightmost on ties), and each selected k-gram is recorded once. Any
// shared run of at least w+k-1 normalised characters therefore shares at least
// one fingerprint. Texts with fewer than w k-grams keep their minimum.
func winnow(hashes []uint64, w int) []Fingerprint {
	var k sketcher
	return k.winnow(hashes, w)
}

// winnow is the function winnow with the sketcher's buffers.
func (k *sketcher) winnow(hashes []uint64, w int) []Fingerprint {
	n := len(hashes)
	if n == 0 {
		return nil
	}
	if w < 1 {
		w = 1
	}
	keys := slices.Grow(k.keys[:0], n)[:n]
	k.keys = keys
	for i, h := range hashes {
		keys[i] = fingerprintKey(h)
	}
	out := make([]Fingerprint, 0, 2*n/(w+1)+1)
	// deque holds indexes of increasing keys; the front is the window minimum.
	deque := k.deque[:0]
	defer func() { k.deque = deque[:0] }()
	head := 0
	last := -1
	for i := 0; i < n; i++ {
		for len(deque) > head && keys[deque[len(deque)-1]] >= keys[i] {
			deque = deque[:len(deque)-1]
		}
		deque = append(deque, i)
		if deque[head] <= i-w {
			head++
		}
		if i >= w-1 || i == n-1 {
			if m := deque[head]; m != last {
				out = append(out, Fingerprint{Key: keys[m], Pos: uint32(m)})
				last = m
			}
		}
		if head > w && head*2 > len(deque) {
			deque = append(deque[:0], deque[head:]...)
			head = 0
		}
	}
	return out
}
