package main

import (
	"fmt"
	"io"
	"slices"
	"strings"
	"time"
)

// summary 测试结果 is what a run is reported as.
type summary struct {
	acknowledged  int
	elapsed       time.Duration
	perSecond     float64
	p50, p95, p99 time.Duration
	errors        map[string]int
}

func (r *result) summary() summary {
	s := summary{elapsed: r.elapsed, errors: r.errors}
	for _, a := range r.attempts {
		if a.outcome == acknowledged {
			s.acknowledged++
		}
	}
	if r.elapsed > 0 {
		s.perSecond = float64(s.acknowledged) / r.elapsed.Seconds()
	}
	sorted := slices.Clone(r.latencies)
	slices.Sort(sorted)
	s.p50, s.p95, s.p99 = percentile(sorted, 50), percentile(sorted, 95), percentile(sorted, 99)
	return s
}

// percentile is the nearest-rank p-th percentile of sorted durations, 0 when there are none.
func percentile(sorted []time.Duration, p int) time.Duration {
	if len(sorted) == 0 {
		return 0
	}
	rank := (p*len(sorted) + 99) / 100 // ceil(p/100 · n)
	return sorted[max(rank, 1)-1]
}

// errorCount is the number of errors of every kind.
func (s summary) errorCount() int {
	n := 0
	for _, v := range s.errors {
		n += v
	}
	return n
}

// print writes the report in the tool's output language.
func (s summary) print(w io.Writer) {
	fmt.Fprintf(w, "已确认提交：%d 份，用时 %.2f 秒，每秒 %.1f 份\n", s.acknowledged, s.elapsed.Seconds(), s.perSecond)
	fmt.Fprintf(w, "时延：p50 %s，p95 %s，p99 %s\n", ms(s.p50), ms(s.p95), ms(s.p99))
	if len(s.errors) == 0 {
		fmt.Fprintln(w, "错误：无")
		return
	}
	kinds := make([]string, 0, len(s.errors))
	for k := range s.errors {
		kinds = append(kinds, k)
	}
	slices.Sort(kinds)
	parts := make([]string, len(kinds))
	for i, k := range kinds {
		parts[i] = fmt.Sprintf("%s %d 次", k, s.errors[k])
	}
	fmt.Fprintf(w, "错误：共 %d 次（%s）\n", s.errorCount(), strings.Join(parts, "，"))
}

func ms(d time.Duration) string { return fmt.Sprintf("%.2f ms", float64(d)/float64(time.Millisecond)) }
