package docx_test

import (
	"bytes"
	"io"
	"os"
	"testing"

	"jingzi/docx"
)

// BenchmarkReadSeedDocx reads the seed fixtures: the Word-like one made with
// python-docx (32 paragraphs, numbering, tracked changes, and the template's
// 350 KB styles.xml) and the one LibreOffice converted from the .txt.
func BenchmarkReadSeedDocx(b *testing.B) {
	for _, name := range []string{"python-docx", "libreoffice"} {
		data, err := os.ReadFile("testdata/seed-" + name + ".docx")
		if err != nil {
			b.Fatal(err)
		}
		b.Run(name, func(b *testing.B) {
			b.SetBytes(int64(len(data)))
			b.ReportAllocs()
			for b.Loop() {
				if _, err := docx.Read(bytes.NewReader(data), int64(len(data))); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}

// BenchmarkWriteStatement writes the seed statement (32 blocks, ~7,900 characters).
func BenchmarkWriteStatement(b *testing.B) {
	d := seedDocument(b)
	b.ReportAllocs()
	for b.Loop() {
		if err := docx.Write(io.Discard, d, docx.Meta{Author: "某市民政局"}); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkWrite1000 writes 1,000 statements, as a batch export of a whole
// system's statements would; one op is the whole batch.
func BenchmarkWrite1000(b *testing.B) {
	d := seedDocument(b)
	b.ReportAllocs()
	for b.Loop() {
		for range 1000 {
			if err := docx.Write(io.Discard, d, docx.Meta{}); err != nil {
				b.Fatal(err)
			}
		}
	}
}
