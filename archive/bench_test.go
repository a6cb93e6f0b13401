package archive_test

import (
	"bytes"
	"math/rand/v2"
	"testing"

	"jingzi/archive"
)

// BenchmarkVerify: a package of four entries, about 30 kB.
func BenchmarkVerify(b *testing.B) {
	data := pack(b)
	for b.Loop() {
		if rep, err := verify(data); err != nil || !rep.OK() {
			b.Fatal(err, rep.Problems)
		}
	}
}

// BenchmarkLargePackage writes and verifies a package holding 64 MiB of
// evidence (already-compressed content, as scans and photos are): the
// throughput and the memory the streaming writer and Verify need.
func BenchmarkLargePackage(b *testing.B) {
	const size = 64 << 20
	evidence := make([]byte, size)
	rand.NewChaCha8([32]byte{1}).Read(evidence)
	b.SetBytes(size)
	b.ReportAllocs()
	for b.Loop() {
		var buf bytes.Buffer
		w := archive.NewWriter(&buf, archive.Manifest{MeetingID: 1, Title: "2021年度民主生活会"})
		if err := w.Add("06-佐证材料/第1项/现场照片.jpg", bytes.NewReader(evidence)); err != nil {
			b.Fatal(err)
		}
		if _, err := w.Close(); err != nil {
			b.Fatal(err)
		}
		rep, err := archive.Verify(bytes.NewReader(buf.Bytes()), int64(buf.Len()))
		if err != nil || !rep.OK() {
			b.Fatal(err, rep.Problems)
		}
	}
}
