package simcheck_test

import (
	"testing"

	"jingzi/simcheck"
)

// TestStockSentenceNotReported: a sentence that forty statements share is
// 套话, not copying, but a copy that runs through it is still reported.
func TestStockSentenceNotReported(t *testing.T) {
	const stock = "坚持以习近平新时代中国特色社会主义思想为指导，深入学习贯彻党的二十大精神，切实把思想和行动统一到中央决策部署上来。"
	docs := statements(31, 40, 1500)
	x := simcheck.NewIndex(simcheck.Options{})
	const tail = "各项工作做细做实" // follows the stock sentence in three statements
	for i, d := range docs {
		r := []rune(d.Text)
		text := string(r[:700]) + stock + string(r[700:])
		if i >= 1 && i <= 3 {
			text = string(r[:700]) + stock + tail + string(r[700:])
		}
		if err := x.Add(simcheck.Doc{ID: d.ID, Corpus: simcheck.CorpusColleague, Text: text}); err != nil {
			t.Fatal(err)
		}
	}
	own := []rune(statements(32, 1, 1500)[0].Text)
	copied := string([]rune(docs[0].Text)[700:760]) // the 60 characters after the stock sentence in docs[0]
	tests := []struct {
		name string
		text string
		want bool
	}{
		{"stock sentence alone", string(own[:500]) + stock + string(own[500:]), false},
		{"stock sentence with a short shared tail", string(own[:500]) + stock + tail + string(own[500:]), false},
		{"stock sentence and what follows it in one statement", string(own[:500]) + stock + copied + string(own[500:]), true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			res := x.Query(tt.text, simcheck.QueryOptions{})
			found := false
			for _, p := range res.Passages {
				found = found || p.DocID == docs[0].ID || tt.want == false && overlap(p.QueryStart, p.QueryEnd, 500, 500+len([]rune(stock))) > 0
			}
			if found != tt.want {
				t.Errorf("passage from %s reported: %v, want %v (%d passages)", docs[0].ID, found, tt.want, len(res.Passages))
			}
			for _, p := range res.Passages {
				if !tt.want && overlap(p.QueryStart, p.QueryEnd, 500, 500+len([]rune(stock))) > 0 {
					t.Errorf("stock sentence reported as copied from %s: %q", p.DocID, p.QueryText)
				}
			}
		})
	}
}
