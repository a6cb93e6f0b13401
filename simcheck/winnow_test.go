package simcheck

import (
	"math/rand/v2"
	"slices"
	"testing"
)

// bruteWinnow is the definition: the rightmost minimum of every window of w
// keys, each position once.
func bruteWinnow(keys []uint32, w int) []Fingerprint {
	var out []Fingerprint
	last := -1
	for end := min(w, len(keys)); end <= len(keys); end++ {
		m := end - min(w, len(keys))
		for j := m; j < end; j++ {
			if keys[j] <= keys[m] {
				m = j
			}
		}
		if m != last {
			out = append(out, Fingerprint{Key: keys[m], Pos: uint32(m)})
			last = m
		}
	}
	return out
}

func TestWinnowMatchesDefinition(t *testing.T) {
	rng := rand.New(rand.NewPCG(1, 2))
	tests := []struct {
		name    string
		n, w    int
		keySpan uint32 // small spans give ties
	}{
		{"shorter than a window", 5, 9, 1 << 31},
		{"one window", 9, 9, 1 << 31},
		{"random keys", 2000, 9, 1 << 31},
		{"many ties", 2000, 9, 4},
		{"window of one", 50, 1, 100},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			hashes := make([]uint64, tt.n)
			keys := make([]uint32, tt.n)
			for i := range hashes {
				keys[i] = rng.Uint32N(tt.keySpan)
				hashes[i] = uint64(keys[i]) << 32
			}
			if got, want := winnow(hashes, tt.w), bruteWinnow(keys, tt.w); !slices.Equal(got, want) {
				t.Errorf("winnow gave %d fingerprints, the definition %d", len(got), len(want))
			}
		})
	}
}

// TestSharedRunSharesFingerprint checks the guarantee passages rely on: two
// texts sharing a run of Window+Shingle−1 characters share a fingerprint.
func TestSharedRunSharesFingerprint(t *testing.T) {
	o := DefaultOptions()
	run := []rune("查摆问题深刻剖析找准症结明确方向")[:o.Window+o.Shingle-1]
	a := append(append([]rune("理论学习不系统平时忙于日常工作"), run...), []rune("个人专门自学少")...)
	b := append(append([]rune("政治能力不够强"), run...), []rune("站在全局的高度领会部署")...)
	fa := winnow(kgramHashes(a, o.Shingle), o.Window)
	fb := winnow(kgramHashes(b, o.Shingle), o.Window)
	for _, x := range fa {
		for _, y := range fb {
			if x.Key == y.Key {
				return
			}
		}
	}
	t.Errorf("texts sharing a run of %d characters share no fingerprint", len(run))
}
