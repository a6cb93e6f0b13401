package simcheck_test

import (
	"reflect"
	"strings"
	"testing"

	"jingzi"
	"jingzi/simcheck"
)

func TestSketchRoundTripAndRebuild(t *testing.T) {
	docs := statements(21, 12, 3000)
	built := simcheck.NewIndex(simcheck.Options{})
	rebuilt := simcheck.NewIndex(simcheck.Options{})
	for _, d := range docs {
		if err := built.Add(simcheck.Doc{ID: d.ID, Corpus: simcheck.CorpusColleague, Title: d.Title, Text: d.Text}); err != nil {
			t.Fatal(err)
		}
		sk := simcheck.Sketch(d.Text)
		b, err := sk.MarshalBinary()
		if err != nil {
			t.Fatal(err)
		}
		var back simcheck.DocSketch
		if err := back.UnmarshalBinary(b); err != nil {
			t.Fatal(err)
		}
		if !reflect.DeepEqual(sk, &back) {
			t.Fatalf("%s: sketch changed in a round trip", d.ID)
		}
		if len(b) > len(d.Text) {
			t.Errorf("%s: sketch of %d bytes is larger than the %d-byte text", d.ID, len(b), len(d.Text))
		}
		if err := rebuilt.AddSketch(d.ID, simcheck.DocMeta{Corpus: simcheck.CorpusColleague, Title: d.Title}, &back, d.Text); err != nil {
			t.Fatal(err)
		}
	}
	q := docs[2].Text[:len(docs[2].Text)/2] + docs[7].Text[len(docs[7].Text)/2:]
	a, b := built.Query(q, simcheck.QueryOptions{}), rebuilt.Query(q, simcheck.QueryOptions{})
	if !reflect.DeepEqual(a, b) || len(a.Passages) < 2 {
		t.Errorf("an index rebuilt from stored sketches answers differently (%d and %d passages)", len(a.Passages), len(b.Passages))
	}
}

func TestSketchRejected(t *testing.T) {
	text := statements(22, 1, 1000)[0].Text
	good, _ := simcheck.Sketch(text).MarshalBinary()
	tests := []struct {
		name string
		data []byte
	}{
		{"empty", nil},
		{"wrong magic", append([]byte("XXXX"), good[4:]...)},
		{"truncated", good[:len(good)/2]},
		{"trailing bytes", append(append([]byte(nil), good...), 1, 2, 3)},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var s simcheck.DocSketch
			if err := s.UnmarshalBinary(tt.data); jingzi.ErrorCode(err) != jingzi.EINVALID {
				t.Errorf("UnmarshalBinary: %v, want invalid", err)
			}
		})
	}
	x := simcheck.NewIndex(simcheck.Options{})
	meta := simcheck.DocMeta{Corpus: simcheck.CorpusTemplate}
	err := x.AddSketch("t1", meta, simcheck.Sketch(text), strings.Replace(text, "是", "时", 1))
	if e := jingzi.ErrorMessage(err); !strings.Contains(e, "不一致") {
		t.Errorf("sketch of another text accepted: %v", err)
	}
	other := simcheck.Options{Window: 20}.Sketch(text)
	if err := x.AddSketch("t1", meta, other, text); jingzi.ErrorCode(err) != jingzi.EINVALID {
		t.Errorf("sketch with other parameters accepted: %v", err)
	}
}
