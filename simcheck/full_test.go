package simcheck_test

import (
	"encoding/json"
	"os"
	"path/filepath"
	"runtime"
	"slices"
	"syscall"
	"testing"
	"time"

	"jingzi/simcheck"
	"jingzi/simcheck/gen"
)

// fullConfig is the full-scale corpus: 10,000 statements of about 15,000
// characters with 500 planted passages.
var fullConfig = gen.Config{Seed: 2021, Docs: 10000, Chars: 15000, Plants: 500}

// TestFullScale measures indexing time, query latency (p50/p95), recall and
// index memory at full scale. It reports figures and asserts only recall;
// run it with JINGZI_SIMCHECK_FULL=1 (see docs/perf/simcheck.md).
func TestFullScale(t *testing.T) {
	if os.Getenv("JINGZI_SIMCHECK_FULL") == "" {
		t.Skip("set JINGZI_SIMCHECK_FULL=1 to run the full-scale measurement")
	}
	c := gen.Generate(fullConfig)
	docs, chars := c.Text()
	t.Logf("corpus: %d statements, %d characters, %d plants", docs, chars, len(c.Plants))
	before := heapInUse()
	start, cpu0 := time.Now(), cpuTime()
	x, err := indexCorpus(c)
	if err != nil {
		t.Fatal(err)
	}
	t.Logf("index: %v wall, %v CPU for %d statements on GOMAXPROCS=%d", time.Since(start).Round(time.Millisecond),
		(cpuTime() - cpu0).Round(time.Millisecond), x.Len(), runtime.GOMAXPROCS(0))
	t.Logf("index memory: %.0f MB heap in use beyond the corpus texts", float64(heapInUse()-before)/1e6)
	var lat []time.Duration
	cpu0 = cpuTime()
	for _, d := range c.Docs[len(c.Docs)-200:] {
		s := time.Now()
		x.Query(d.Text, simcheck.QueryOptions{ExcludeIDs: []string{d.ID}})
		lat = append(lat, time.Since(s))
	}
	t.Logf("queries: %v CPU for %d", (cpuTime() - cpu0).Round(time.Millisecond), len(lat))
	slices.Sort(lat)
	t.Logf("query of one statement: p50 %v, p95 %v (n=%d)", lat[len(lat)/2], lat[len(lat)*95/100], len(lat))
	s := scorePlants(x, c, 100)
	t.Logf("plants %d found %d recall %.3f; passages %d true %d precision %.3f; clean queries %d noise %d",
		s.plants, s.found, s.recall(), s.passages, s.truePass, s.precision(), s.cleanQueries, s.noise)
	if s.recall() < 0.95 {
		t.Errorf("recall %.3f at full scale, want at least 0.95", s.recall())
	}
	runtime.KeepAlive(x)
}

func heapInUse() uint64 {
	runtime.GC()
	var m runtime.MemStats
	runtime.ReadMemStats(&m)
	return m.HeapInuse
}

// TestWriteCorpus writes the full-scale corpus for the peer script:
// JINGZI_SIMCHECK_CORPUS_DIR=/tmp/corpus go test -run TestWriteCorpus ./simcheck/
func TestWriteCorpus(t *testing.T) {
	dir := os.Getenv("JINGZI_SIMCHECK_CORPUS_DIR")
	if dir == "" {
		t.Skip("set JINGZI_SIMCHECK_CORPUS_DIR to write the generated corpus")
	}
	c := gen.Generate(fullConfig)
	if err := os.MkdirAll(filepath.Join(dir, "docs"), 0o755); err != nil {
		t.Fatal(err)
	}
	for _, d := range c.Docs {
		if err := os.WriteFile(filepath.Join(dir, "docs", d.ID+".txt"), []byte(d.Text), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	b, err := json.MarshalIndent(c.Plants, "", " ")
	if err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(dir, "plants.json"), b, 0o644); err != nil {
		t.Fatal(err)
	}
}

// cpuTime is the process's user and system time: the machine is shared, so
// wall time alone overstates the cost.
func cpuTime() time.Duration {
	var ru syscall.Rusage
	if err := syscall.Getrusage(syscall.RUSAGE_SELF, &ru); err != nil {
		return 0
	}
	return time.Duration(ru.Utime.Nano() + ru.Stime.Nano())
}
