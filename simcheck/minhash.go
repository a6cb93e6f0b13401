package simcheck

import "math"

// minhashSignature computes a one-permutation MinHash signature with
// rotation densification (Shrivastava, ICML 2017): each shingle hash falls in
// one of len(sig) bins and each bin keeps its minimum, so the cost is one pass
// over the shingles instead of one pass per hash function. Empty bins borrow
// from the next non-empty bin, offset so that borrowed values stay distinct.
func minhashSignature(hashes []uint64, size int) []uint32 {
	sig := make([]uint32, size)
	for i := range sig {
		sig[i] = math.MaxUint32
	}
	filled := make([]bool, size)
	for _, h := range hashes {
		g := fmix64(h ^ 0x9E3779B97F4A7C15)
		bin := int((g >> 32) * uint64(size) >> 32)
		v := uint32(g)
		if v <= sig[bin] {
			sig[bin] = v
			filled[bin] = true
		}
	}
	densify(sig, filled)
	return sig
}

// densify fills each empty bin from the nearest non-empty bin to its right,
// circularly; a signature with no filled bin stays all MaxUint32.
func densify(sig []uint32, filled []bool) {
	size := len(sig)
	for b := range sig {
		if filled[b] {
			continue
		}
		for t := 1; t < size; t++ {
			if j := (b + t) % size; filled[j] {
				sig[b] = sig[j] + uint32(t)*0x9E3779B1
				break
			}
		}
	}
}

// estimateJaccard is the share of equal positions in two signatures.
func estimateJaccard(a, b []uint32) float64 {
	if len(a) == 0 || len(a) != len(b) {
		return 0
	}
	eq := 0
	for i := range a {
		if a[i] == b[i] {
			eq++
		}
	}
	return float64(eq) / float64(len(a))
}

// bandKeys returns one key per LSH band of rows consecutive signature values.
func bandKeys(sig []uint32, rows int) []uint64 {
	if rows <= 0 {
		return nil
	}
	keys := make([]uint64, 0, len(sig)/rows)
	for b := 0; b+rows <= len(sig); b += rows {
		h := uint64(b + 1)
		for _, v := range sig[b : b+rows] {
			h = fmix64(h*polyBase + uint64(v))
		}
		keys = append(keys, h)
	}
	return keys
}
