package check

// matcher is an Aho–Corasick automaton over UTF-8 bytes, compiled to a full
// DFA over byte classes, so that a scan costs one table lookup per byte however
// many words the lists hold. UTF-8 is self-synchronising, so a byte-level match
// of a whole word always starts and ends on character boundaries.
type matcher struct {
	class  [256]uint8
	nclass int
	next   []int32 // next[state*nclass+class]
	// outs[outStart[s]:outStart[s+1]] are the word ids that end in state s,
	// those reached through failure links included.
	outStart []int32
	outs     []int32
	lens     []int // byte length of each word
}

// newMatcher compiles the words; word i is reported with id i. Empty words
// are ignored.
func newMatcher(words []string) *matcher {
	m := &matcher{lens: make([]int, len(words))}
	m.assignClasses(words)
	own := m.buildTrie(words)
	m.link(own)
	return m
}

func (m *matcher) assignClasses(words []string) {
	n := uint8(0)
	for _, w := range words {
		for i := 0; i < len(w); i++ {
			if m.class[w[i]] == 0 {
				n++
				m.class[w[i]] = n
			}
		}
	}
	m.nclass = int(n) + 1
}

func (m *matcher) newState() int32 {
	s := int32(len(m.next) / m.nclass)
	for c := 0; c < m.nclass; c++ {
		m.next = append(m.next, -1)
	}
	return s
}

// buildTrie inserts the words and returns, per state, the ids of the words
// ending exactly there.
func (m *matcher) buildTrie(words []string) [][]int32 {
	m.newState()
	var own [][]int32
	own = append(own, nil)
	for id, w := range words {
		m.lens[id] = len(w)
		if w == "" {
			continue
		}
		s := int32(0)
		for i := 0; i < len(w); i++ {
			k := int(s)*m.nclass + int(m.class[w[i]])
			if m.next[k] < 0 {
				m.next[k] = m.newState()
				own = append(own, nil)
			}
			s = m.next[k]
		}
		own[s] = append(own[s], int32(id))
	}
	return own
}

// link computes failure links breadth first, fills the missing transitions
// with those of the failure state, and flattens the output sets.
func (m *matcher) link(own [][]int32) {
	states := len(own)
	fail := make([]int32, states)
	out := make([][]int32, states)
	out[0] = own[0]
	queue := make([]int32, 0, states)
	for c := 0; c < m.nclass; c++ {
		if t := m.next[c]; t > 0 {
			queue = append(queue, t)
		} else {
			m.next[c] = 0
		}
	}
	for len(queue) > 0 {
		s := queue[0]
		queue = queue[1:]
		out[s] = append(append([]int32(nil), own[s]...), out[fail[s]]...)
		for c := 0; c < m.nclass; c++ {
			k := int(s)*m.nclass + c
			f := m.next[int(fail[s])*m.nclass+c]
			if t := m.next[k]; t >= 0 {
				fail[t] = f
				queue = append(queue, t)
			} else {
				m.next[k] = f
			}
		}
	}
	m.outStart = make([]int32, states+1)
	for s := 0; s < states; s++ {
		m.outStart[s] = int32(len(m.outs))
		m.outs = append(m.outs, out[s]...)
	}
	m.outStart[states] = int32(len(m.outs))
}

// scan calls fn for every occurrence of every word in text, in order of the
// end position; start and end are byte offsets.
func (m *matcher) scan(text string, fn func(id, start, end int)) {
	s := int32(0)
	next, class, n := m.next, &m.class, int32(m.nclass)
	for i := 0; i < len(text); i++ {
		s = next[s*n+int32(class[text[i]])]
		if a, b := m.outStart[s], m.outStart[s+1]; a < b {
			for _, id := range m.outs[a:b] {
				fn(int(id), i+1-m.lens[id], i+1)
			}
		}
	}
}
