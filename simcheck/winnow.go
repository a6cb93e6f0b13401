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

// winnow is the function winnow with the sketcher's buffers. The window
// minimum is rescanned only when it leaves the window, which on random keys
// happens about once per window: cheaper than keeping a deque.
func (k *sketcher) winnow(hashes []uint64, w int) []Fingerprint {
	n := len(hashes)
	if n == 0 {
		return nil
	}
	w = max(w, 1)
	keys := slices.Grow(k.keys[:0], n)[:n]
	k.keys = keys
	for i, h := range hashes {
		keys[i] = fingerprintKey(h)
	}
	out := make([]Fingerprint, 0, 2*n/(w+1)+1)
	m, last := -1, -1
	for i := range n {
		if lo := i - w + 1; m < 0 || m < lo {
			m = max(lo, 0)
			for j := m + 1; j <= i; j++ {
				if keys[j] <= keys[m] {
					m = j
				}
			}
		} else if keys[i] <= keys[m] {
			m = i
		}
		if (i >= w-1 || i == n-1) && m != last {
			out = append(out, Fingerprint{Key: keys[m], Pos: uint32(m)})
			last = m
		}
	}
	return out
}
