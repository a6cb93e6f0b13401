package outline

import (
	"sort"
	"strings"
	"unicode"

	"jingzi"
)

// minAspectScore is the similarity below which a section is not mapped to an aspect.
const minAspectScore = 0.3

// aspectNoise are words every aspect heading shares ("在带头…方面"), removed before
// comparing so that they do not make every pair look alike.
var aspectNoise = strings.NewReplacer("对照", "", "带头", "", "方面", "", "在", "", "上", "", "存在", "")

// aspectKey reduces a heading to the characters that tell aspects apart.
func aspectKey(s string) []rune {
	var out []rune
	for _, r := range aspectNoise.Replace(s) {
		if unicode.Is(unicode.Han, r) || unicode.IsLetter(r) || unicode.IsDigit(r) {
			out = append(out, r)
		}
	}
	return out
}

// bigrams returns the character bigrams of rs as a multiset.
func bigrams(rs []rune) map[[2]rune]int {
	m := make(map[[2]rune]int, len(rs))
	for i := 0; i+1 < len(rs); i++ {
		m[[2]rune{rs[i], rs[i+1]}]++
	}
	if len(rs) == 1 {
		m[[2]rune{rs[0], 0}]++
	}
	return m
}

// similarity is the overlap coefficient of the two headings' character bigrams
// (shared bigrams over the bigrams of the shorter one): a section heading usually
// quotes a part of the official wording, "深刻感悟两个确立" of "深刻领悟两个确立的决定性意义…".
func similarity(a, b string) float64 {
	ba, bb := bigrams(aspectKey(a)), bigrams(aspectKey(b))
	na, nb, shared := 0, 0, 0
	for k, n := range ba {
		na += n
		shared += min(n, bb[k])
	}
	for _, n := range bb {
		nb += n
	}
	if na == 0 || nb == 0 {
		return 0
	}
	return float64(shared) / float64(min(na, nb))
}

// mapAspects maps each section of the problems part to a distinct aspect: pairs are
// taken best first, and a section in the same position as the aspect wins a tie.
func mapAspects(s *jingzi.Statement, fw *jingzi.Framework, rep *Report) {
	p := s.Part(jingzi.PartProblems)
	if p == nil {
		rep.warn("未找到“存在问题及表现”部分。")
		return
	}
	if len(p.Sections) == 0 {
		if len(p.Items) > 0 {
			rep.warn("“存在问题”部分未按检视方面分节，问题无法对应到检视方面。")
		}
		return
	}
	type pair struct {
		sec, asp int
		score    float64
	}
	var pairs []pair
	for i, sec := range p.Sections {
		for j, a := range fw.Aspects {
			pairs = append(pairs, pair{i, j, similarity(sec.Heading, a.Wording)})
		}
	}
	sort.SliceStable(pairs, func(x, y int) bool {
		px, py := pairs[x], pairs[y]
		if px.score != py.score {
			return px.score > py.score
		}
		return abs(px.sec-px.asp) < abs(py.sec-py.asp)
	})
	taken := make(map[int]bool)
	for _, pr := range pairs {
		sec := p.Sections[pr.sec]
		if pr.score < minAspectScore || sec.AspectIndex >= 0 || taken[pr.asp] {
			continue
		}
		sec.AspectIndex, sec.AspectScore, taken[pr.asp] = pr.asp, round2(pr.score), true
	}
	for i, sec := range p.Sections {
		m := AspectMatch{Section: i, Heading: sec.Heading, AspectIndex: sec.AspectIndex, Score: sec.AspectScore}
		if sec.AspectIndex >= 0 {
			m.Wording = fw.Aspects[sec.AspectIndex].Wording
		} else {
			sec.AspectScore = 0
			rep.warn("第（%s）部分未能对应检视方面：“%s”。", jingzi.ChineseNumeral(i+1), sec.Heading)
		}
		rep.Aspects = append(rep.Aspects, m)
	}
	if len(p.Sections) != len(fw.Aspects) {
		rep.warn("“存在问题”部分有%d个方面，%s检视框架有%d个方面。", len(p.Sections), fw.Name, len(fw.Aspects))
	}
}

func abs(n int) int {
	if n < 0 {
		return -n
	}
	return n
}

func round2(f float64) float64 { return float64(int(f*100+0.5)) / 100 }
