package archive_test

import "testing"

// BenchmarkVerify: a package of four entries, about 30 kB.
func BenchmarkVerify(b *testing.B) {
	data := pack(b)
	for b.Loop() {
		if rep, err := verify(data); err != nil || !rep.OK() {
			b.Fatal(err, rep.Problems)
		}
	}
}
