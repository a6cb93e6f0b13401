package outline_test

import (
	"os"
	"reflect"
	"testing"

	"jingzi"
	"jingzi/outline"
)

// readStatement decodes and parses a fixture file.
func readStatement(t testing.TB, name string, fw *jingzi.Framework) (*jingzi.Statement, *outline.Report) {
	t.Helper()
	data, err := os.ReadFile("testdata/" + name)
	if err != nil {
		t.Fatal(err)
	}
	text, err := outline.Decode(data)
	if err != nil {
		t.Fatalf("Decode(%s): %v", name, err)
	}
	s, rep, err := outline.Parse(outline.ParagraphsFromText(text), fw)
	if err != nil {
		t.Fatalf("Parse(%s): %v", name, err)
	}
	return s, rep
}

func TestRoundTrip(t *testing.T) {
	for _, name := range []string{"seed.txt"} {
		t.Run(name, func(t *testing.T) {
			s, _ := readStatement(t, name, nil)
			text := outline.Text(s.Document())
			again, _, err := outline.Parse(outline.ParagraphsFromText(text), nil)
			if err != nil {
				t.Fatal(err)
			}
			if !reflect.DeepEqual(s, again) {
				t.Errorf("Parse(Text(Document())) differs from the statement; text:\n%s", text)
			}
			md := outline.Markdown(s.Document())
			fromMD, _, err := outline.Parse(outline.ParagraphsFromMarkdown(md), nil)
			if err != nil {
				t.Fatal(err)
			}
			if !reflect.DeepEqual(s, fromMD) {
				t.Errorf("Parse(Markdown(Document())) differs from the statement")
			}
		})
	}
}
