package check_test

import (
	"os"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
	"time"

	"jingzi"
	"jingzi/check"
)

// corpusCopies is how often the seed is repeated for the benchmarks: about
// 3.1 MB of Chinese text, the corpus check/peers/run.sh also feeds the peers.
const corpusCopies = 200

func seedCorpus(b *testing.B) string {
	data, err := os.ReadFile(filepath.Join("testdata", "seed.txt"))
	if err != nil {
		b.Fatal(err)
	}
	return strings.Repeat(string(data)+"\n", corpusCopies)
}

// BenchmarkRules runs the text rules over the seed repeated; MB/s is the
// throughput on Chinese text.
func BenchmarkRules(b *testing.B) {
	text := seedCorpus(b)
	opts := check.Options{Year: 2021}
	b.SetBytes(int64(len(text)))
	cpu := startCPU()
	for b.Loop() {
		check.CheckText(text, opts)
	}
	cpu.report(b, len(text))
}

// BenchmarkCheckStatement runs every rule, structure included, over a
// statement whose parts hold the seed's items many times over.
func BenchmarkCheckStatement(b *testing.B) {
	s := parseSeed(b)
	for _, p := range s.Parts {
		for _, sec := range p.Sections {
			sec.Items = repeatItems(sec.Items, corpusCopies)
		}
		p.Items = repeatItems(p.Items, corpusCopies)
	}
	size := len(s.Document().PlainText())
	b.SetBytes(int64(size))
	cpu := startCPU()
	for b.Loop() {
		check.Check(s, check.Options{})
	}
	cpu.report(b, size)
}

// cpuClock measures the process's CPU time (user + system, GC included), so
// that throughput per core can be read on a machine shared with other work,
// where wall-clock MB/s drops with the load.
type cpuClock struct{ start time.Duration }

func startCPU() cpuClock { return cpuClock{cpuTime()} }

// report adds MB/cpu-s: megabytes checked per second of CPU time.
func (c cpuClock) report(b *testing.B, size int) {
	if used := cpuTime() - c.start; used > 0 {
		b.ReportMetric(float64(size)*float64(b.N)/1e6/used.Seconds(), "MB/cpu-s")
	}
}

func cpuTime() time.Duration {
	var ru syscall.Rusage
	if err := syscall.Getrusage(syscall.RUSAGE_SELF, &ru); err != nil {
		return 0
	}
	return time.Duration(ru.Utime.Nano() + ru.Stime.Nano())
}

func repeatItems(items []*jingzi.Item, n int) []*jingzi.Item {
	var out []*jingzi.Item
	for range n {
		out = append(out, items...)
	}
	return out
}
