package outline_test

import (
	"os"
	"testing"

	"jingzi/outline"
)

func BenchmarkParseSeed(b *testing.B) {
	data, err := os.ReadFile("testdata/seed.txt")
	if err != nil {
		b.Fatal(err)
	}
	b.SetBytes(int64(len(data)))
	for b.Loop() {
		text, err := outline.Decode(data)
		if err != nil {
			b.Fatal(err)
		}
		if _, _, err := outline.Parse(outline.ParagraphsFromText(text), nil); err != nil {
			b.Fatal(err)
		}
	}
}

func BenchmarkRenderSeed(b *testing.B) {
	s, _ := parseFile(b, "seed.txt")
	d := s.Document()
	for b.Loop() {
		_ = outline.Text(d)
		if _, err := outline.HTML(d); err != nil {
			b.Fatal(err)
		}
	}
}

func BenchmarkDecodeGBK(b *testing.B) {
	data, err := os.ReadFile("testdata/gbk.txt")
	if err != nil {
		b.Fatal(err)
	}
	b.SetBytes(int64(len(data)))
	for b.Loop() {
		if _, err := outline.Decode(data); err != nil {
			b.Fatal(err)
		}
	}
}
