package simcheck_test

import (
	"jingzi/simcheck"
	"jingzi/simcheck/gen"
)

// plantScore is what a run over a generated corpus measured.
type plantScore struct {
	plants, found       int // planted passages, and those reported with the right source
	passages, truePass  int // passages reported on host queries, and those matching a plant
	cleanQueries, noise int // queries of statements with no copy, and passages they reported
}

func (s plantScore) recall() float64 { return ratio(s.found, s.plants) }

func (s plantScore) precision() float64 { return ratio(s.truePass, s.passages) }

func ratio(a, b int) float64 {
	if b == 0 {
		return 0
	}
	return float64(a) / float64(b)
}

// indexCorpus indexes every generated statement as a colleague's statement.
func indexCorpus(c *gen.Corpus) (*simcheck.Index, error) {
	x := simcheck.NewIndex(simcheck.DefaultOptions())
	docs := make([]simcheck.Doc, len(c.Docs))
	for i, d := range c.Docs {
		docs[i] = simcheck.Doc{ID: d.ID, Corpus: simcheck.CorpusColleague, Title: d.Title, Text: d.Text}
	}
	return x, x.AddBatch(docs)
}

// scorePlants queries every host statement (leaving itself out) and counts a
// plant as found when a passage from its source overlaps at least half of it
// in the host and part of it in the source. It also queries up to clean
// statements that neither hold nor gave a copy, where every passage is noise.
func scorePlants(x *simcheck.Index, c *gen.Corpus, clean int) plantScore {
	text := map[string]string{}
	for _, d := range c.Docs {
		text[d.ID] = d.Text
	}
	byHost := map[string][]gen.Plant{}
	involved := map[string]bool{}
	for _, p := range c.Plants {
		byHost[p.Host] = append(byHost[p.Host], p)
		involved[p.Host], involved[p.Source] = true, true
	}
	var s plantScore
	for host, plants := range byHost {
		res := x.Query(text[host], simcheck.QueryOptions{ExcludeIDs: []string{host}})
		for _, p := range plants {
			s.plants++
			for _, ps := range res.Passages {
				if matchesPlant(ps, p, (p.HostEnd-p.HostStart)/2) {
					s.found++
					break
				}
			}
		}
		for _, ps := range res.Passages {
			s.passages++
			for _, p := range plants {
				if matchesPlant(ps, p, 1) {
					s.truePass++
					break
				}
			}
		}
	}
	for _, d := range c.Docs {
		if s.cleanQueries >= clean {
			break
		}
		if involved[d.ID] {
			continue
		}
		s.cleanQueries++
		s.noise += len(x.Query(d.Text, simcheck.QueryOptions{ExcludeIDs: []string{d.ID}}).Passages)
	}
	return s
}

// matchesPlant reports whether passage ps shows plant p: same source, at
// least minOverlap host characters in common and some source characters.
func matchesPlant(ps simcheck.Passage, p gen.Plant, minOverlap int) bool {
	return ps.DocID == p.Source &&
		overlap(ps.QueryStart, ps.QueryEnd, p.HostStart, p.HostEnd) >= max(1, minOverlap) &&
		overlap(ps.DocStart, ps.DocEnd, p.SourceStart, p.SourceEnd) > 0
}

func overlap(a0, a1, b0, b1 int) int { return max(0, min(a1, b1)-max(a0, b0)) }
