package main

import (
	"context"
	"crypto/rand"
	"errors"
	"fmt"
	"io"
	"net/http"
	"net/url"
	"strings"
	"sync"
	"sync/atomic"
	"syscall"
	"time"
)

// outcome is what became of one code in a run.
type outcome int

const (
	notSent      outcome = iota // never reached the server
	acknowledged                // the server answered 303 → /o/done
	refused                     // the server answered anything else
	unknown                     // sent, but the answer never came (connection lost)
)

// attempt is one code of a run and the unique text submitted with it.
type attempt struct {
	code, text string
	outcome    outcome
}

// load 压力测试 redeems codes against a server with a pool of workers: each
// submission is one code with one opinion for the team.
type load struct {
	base     string
	codes    []string
	workers  int
	duration time.Duration
	ack      *ackLog // nil: acknowledged submissions are not written out
	client   *http.Client

	next     atomic.Int64
	acked    atomic.Int64
	attempts []attempt
	mu       sync.Mutex
	lat      []time.Duration
	errs     map[string]int
}

// result is what a run measured.
type result struct {
	elapsed   time.Duration
	latencies []time.Duration // of every answered request
	errors    map[string]int  // by kind
	attempts  []attempt
}

func newLoad(base string, codes []string, workers int, duration time.Duration, ack *ackLog) *load {
	return &load{base: base, codes: codes, workers: workers, duration: duration, ack: ack,
		client: &http.Client{
			Timeout: 30 * time.Second,
			Transport: &http.Transport{DialContext: loopbackDialer().DialContext,
				MaxIdleConns: workers, MaxIdleConnsPerHost: workers},
			CheckRedirect: func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse },
		}}
}

// acknowledgedSoFar is how many submissions the server has acknowledged.
func (l *load) acknowledgedSoFar() int { return int(l.acked.Load()) }

// run redeems codes until they run out, the duration is over, ctx ends or the
// server refuses connections. Requests already sent are waited for, not cut off.
func (l *load) run(ctx context.Context) *result {
	runID := strings.ToLower(rand.Text()[:8]) // tells this run's texts from any other's
	l.attempts = make([]attempt, len(l.codes))
	for i, code := range l.codes {
		l.attempts[i] = attempt{code: code, text: fmt.Sprintf("负载测试-%d-%s", i+1, runID)}
	}
	l.errs = map[string]int{}
	ctx, cancel := context.WithTimeout(ctx, l.duration)
	defer cancel()
	start := time.Now()
	var wg sync.WaitGroup
	for range l.workers {
		wg.Add(1)
		go func() {
			defer wg.Done()
			l.work(ctx, cancel, runID)
		}()
	}
	wg.Wait()
	return &result{elapsed: time.Since(start), latencies: l.lat, errors: l.errs, attempts: l.attempts}
}

func (l *load) work(ctx context.Context, stop context.CancelFunc, runID string) {
	for ctx.Err() == nil {
		i := int(l.next.Add(1) - 1)
		if i >= len(l.codes) {
			return
		}
		a := &l.attempts[i]
		began := time.Now()
		kind, err := l.submit(a.code, a.text)
		took := time.Since(began)
		switch {
		case err == nil:
			a.outcome = acknowledged
			l.acked.Add(1)
			if l.ack != nil {
				l.ack.record(a.code, a.text)
			}
		case errors.Is(err, syscall.ECONNREFUSED):
			a.outcome = notSent
			stop() // the server is gone: stop instead of burning codes
		case kind == "":
			a.outcome = unknown
			kind = "连接中断"
		default:
			a.outcome = refused
		}
		l.note(kind, took, a.outcome)
	}
}

// note counts an answer or an error.
func (l *load) note(kind string, took time.Duration, o outcome) {
	l.mu.Lock()
	defer l.mu.Unlock()
	if o == acknowledged || o == refused {
		l.lat = append(l.lat, took)
	}
	if o == notSent {
		kind = "连接被拒绝"
	}
	if kind != "" {
		l.errs[kind]++
	}
}

// submit posts one code with one opinion for the team. It returns nil on the
// acknowledgement; otherwise the kind of refusal ("HTTP 404", …), or "" with the
// transport error when no answer came.
func (l *load) submit(code, text string) (string, error) {
	form := url.Values{"code": {code}, "text_0": {text}, "aspect_0": {"-1"}}
	req, err := http.NewRequest(http.MethodPost, l.base+"/o", strings.NewReader(form.Encode()))
	if err != nil {
		return "", err
	}
	req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
	resp, err := l.client.Do(req)
	if err != nil {
		return "", err
	}
	_, err = io.Copy(io.Discard, resp.Body)
	resp.Body.Close()
	if resp.StatusCode == http.StatusSeeOther && resp.Header.Get("Location") == "/o/done" {
		return "", nil // the commit happened before the redirect was written
	} else if err != nil {
		return "", err
	}
	return fmt.Sprintf("HTTP %d", resp.StatusCode), errors.New("refused")
}
