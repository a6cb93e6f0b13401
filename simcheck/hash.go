package simcheck

// polyBase is the multiplier of the rolling polynomial hash over runes.
const polyBase = 0x100000001B3

// fmix64 is MurmurHash3's finaliser: it spreads every input bit over the output.
func fmix64(h uint64) uint64 {
	h ^= h >> 33
	h *= 0xff51afd7ed558ccd
	h ^= h >> 33
	h *= 0xc4ceb9fe1a85ec53
	h ^= h >> 33
	return h
}

// kgramHashes returns one 64-bit hash per k-gram of runes: out[i] hashes
// runes[i:i+k]. It returns nil when there are fewer than k runes.
func kgramHashes(runes []rune, k int) []uint64 {
	return appendKgramHashes(make([]uint64, 0, max(len(runes)-k+1, 0)), runes, k)
}

// appendKgramHashes appends the k-gram hashes of runes to dst.
func appendKgramHashes(dst []uint64, runes []rune, k int) []uint64 {
	n := len(runes) - k + 1
	if n <= 0 || k <= 0 {
		return dst
	}
	var top uint64 = 1 // polyBase^(k-1)
	for i := 1; i < k; i++ {
		top *= polyBase
	}
	var h uint64
	for i := 0; i < k; i++ {
		h = h*polyBase + uint64(runes[i])
	}
	dst = append(dst, fmix64(h))
	for i := 1; i < n; i++ {
		h = (h-uint64(runes[i-1])*top)*polyBase + uint64(runes[i+k-1])
		dst = append(dst, fmix64(h))
	}
	return dst
}

// fingerprintKey is the 32-bit key a k-gram hash is indexed under.
func fingerprintKey(h uint64) uint32 { return uint32(h >> 32) }
