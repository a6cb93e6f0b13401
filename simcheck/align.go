package simcheck

// Alignment scores: a match earns one point, a substitution, insertion or
// deletion costs two, and extension stops once the score has fallen xDrop
// below the best seen. So a copy keeps growing through a changed character as
// long as a few matching characters follow, and stops at genuinely different text.
const (
	scoreMatch = 1
	scoreEdit  = -2
	xDrop      = 8
	alignBand  = 8 // characters of net insertion or deletion an extension tolerates
)

const negInf = -1 << 30

// extend aligns a and b from their starts and returns how many characters of
// each the best-scoring alignment covers (banded X-drop extension).
func extend(a, b []rune) (ia, ib int) {
	const width = 2*alignBand + 1
	var prev, cur [width]int
	for d := range prev {
		prev[d] = negInf
		if j := d - alignBand; j >= 0 && j <= len(b) {
			prev[d] = scoreEdit * j
		}
	}
	best := 0
	for i := 1; i <= len(a); i++ {
		rowBest := negInf
		for d := range cur {
			cur[d] = negInf
			j := i + d - alignBand
			if j < 0 || j > len(b) {
				continue
			}
			v := negInf
			if d+1 < width { // a[i-1] against a gap: from (i-1, j)
				v = prev[d+1] + scoreEdit
			}
			if j > 0 {
				s := scoreEdit
				if a[i-1] == b[j-1] {
					s = scoreMatch
				}
				v = max(v, prev[d]+s)
				if d > 0 {
					v = max(v, cur[d-1]+scoreEdit)
				}
			}
			cur[d] = v
			rowBest = max(rowBest, v)
			if v > best {
				best, ia, ib = v, i, j
			}
		}
		if rowBest < best-xDrop {
			break
		}
		prev = cur
	}
	return ia, ib
}

// editSimilarity is 1 − Levenshtein distance / the longer length, computed in
// a band around the diagonal wide enough for the length difference plus 32
// edits (beyond that the texts are not a light edit of each other anyway).
func editSimilarity(a, b []rune) float64 {
	m, n := len(a), len(b)
	if m == 0 && n == 0 {
		return 1
	}
	band := abs(m-n) + 32
	prev := make([]int, n+1)
	cur := make([]int, n+1)
	for j := range prev {
		prev[j] = j
	}
	big := m + n
	for i := 1; i <= m; i++ {
		lo, hi := max(1, i-band), min(n, i+band)
		cur[lo-1] = big
		if lo == 1 {
			cur[0] = i
		}
		for j := lo; j <= hi; j++ {
			c := prev[j-1]
			if a[i-1] != b[j-1] {
				c++
			}
			c = min(c, prev[j]+1, cur[j-1]+1)
			cur[j] = c
		}
		if hi < n {
			cur[hi+1] = big
		}
		prev, cur = cur, prev
	}
	dist := min(prev[n], big)
	return 1 - float64(dist)/float64(max(m, n))
}

func abs(v int) int {
	if v < 0 {
		return -v
	}
	return v
}

// reversed returns a reversed copy of r.
func reversed(r []rune) []rune {
	out := make([]rune, len(r))
	for i, c := range r {
		out[len(r)-1-i] = c
	}
	return out
}
