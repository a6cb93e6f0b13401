package outline_test

import (
	"os"
	"strings"
	"testing"
	"unicode/utf8"

	"jingzi"
	"jingzi/outline"
)

// FuzzParse feeds arbitrary text through the importer: it must never panic, and what
// it returns must be usable by the check and the renderers. The small fixtures seed
// it (the 20 KB seed statement slows mutation too much); testdata/fuzz/FuzzParse
// holds more seeds.
func FuzzParse(f *testing.F) {
	for _, name := range []string{"arabic.txt", "circled.txt", "halfwidth.txt", "missing.txt", "case2023.md"} {
		data, err := os.ReadFile("testdata/" + name)
		if err != nil {
			f.Fatal(err)
		}
		f.Add(string(data))
	}
	f.Add("一、问题\n（一）\n一是\n①\n(1)\n1.\n")
	f.Fuzz(func(t *testing.T, text string) {
		for _, paras := range [][]jingzi.Paragraph{outline.ParagraphsFromText(text), outline.ParagraphsFromMarkdown(text)} {
			s, rep, err := outline.Parse(paras, nil)
			if err != nil {
				if jingzi.ErrorCode(err) != jingzi.EINVALID {
					t.Fatalf("Parse error %v is not EINVALID", err)
				}
				continue
			}
			checkStatement(t, s, rep)
			if _, err := outline.HTML(s.Document()); err != nil {
				t.Fatal(err)
			}
			_ = outline.Markdown(s.Document())
		}
	})
}

func checkStatement(t *testing.T, s *jingzi.Statement, rep *outline.Report) {
	t.Helper()
	for _, p := range s.Parts {
		if !p.Kind.Valid() {
			t.Fatalf("part kind %q", p.Kind)
		}
		for _, sec := range p.Sections {
			if sec.AspectIndex < -1 || sec.AspectScore < 0 || sec.AspectScore > 1 {
				t.Fatalf("section %q: aspect %d score %v", sec.Heading, sec.AspectIndex, sec.AspectScore)
			}
		}
		for _, it := range p.AllItems() {
			if !utf8.ValidString(it.Heading) || !utf8.ValidString(it.Body) {
				t.Fatalf("item text is not valid UTF-8: %q", it.Heading)
			}
			for _, tg := range it.Targets {
				if tg.Unit == "" || !strings.Contains(it.Heading+it.Body, tg.Text) {
					t.Fatalf("target %+v not taken from its item", tg)
				}
			}
		}
	}
	if rep == nil || rep.Framework == "" {
		t.Fatal("report without framework")
	}
}

// FuzzDecode feeds arbitrary bytes to Decode: either a clear EINVALID error or
// valid UTF-8 text with "\n" line ends.
func FuzzDecode(f *testing.F) {
	for _, name := range []string{"seed.txt", "gbk.txt"} {
		data, err := os.ReadFile("testdata/" + name)
		if err != nil {
			f.Fatal(err)
		}
		f.Add(data[:min(len(data), 2000)])
	}
	f.Add([]byte("\xff\xfe\x00N\r\x00\n\x00"))
	f.Add([]byte("\xef\xbb\xbf一、问题\r\n"))
	f.Add([]byte("PK\x03\x04"))
	f.Fuzz(func(t *testing.T, data []byte) {
		text, err := outline.Decode(data)
		if err != nil {
			if jingzi.ErrorCode(err) != jingzi.EINVALID || jingzi.ErrorMessage(err) == "" {
				t.Fatalf("Decode error %v", err)
			}
			return
		}
		if !utf8.ValidString(text) || strings.Contains(text, "\r") {
			t.Fatalf("Decode returned %q", text)
		}
	})
}
