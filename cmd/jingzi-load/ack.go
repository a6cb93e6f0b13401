package main

import (
	"bufio"
	"fmt"
	"os"
	"strings"
	"sync"
	"time"
)

// ackLog 确认记录 is the file of acknowledged submissions, one "CODE<TAB>TEXT"
// line each. A line is written only after the server acknowledged the
// submission, and the file is synced every ackSyncEvery and at close, so that
// after a crash of either side the file never claims more than the server said.
type ackLog struct {
	mu   sync.Mutex
	f    *os.File
	w    *bufio.Writer
	err  error
	stop chan struct{}
	done chan struct{}
}

const ackSyncEvery = 100 * time.Millisecond

// openAckLog creates (or appends to) the file and starts its periodic sync.
func openAckLog(path string) (*ackLog, error) {
	f, err := os.OpenFile(path, os.O_CREATE|os.O_WRONLY|os.O_APPEND, 0o600)
	if err != nil {
		return nil, fmt.Errorf("无法打开确认记录文件：%w", err)
	}
	a := &ackLog{f: f, w: bufio.NewWriter(f), stop: make(chan struct{}), done: make(chan struct{})}
	go a.syncLoop()
	return a, nil
}

// record appends one acknowledged submission.
func (a *ackLog) record(code, text string) {
	a.mu.Lock()
	defer a.mu.Unlock()
	if _, err := a.w.WriteString(code + "\t" + text + "\n"); err != nil && a.err == nil {
		a.err = err
	}
}

func (a *ackLog) syncLoop() {
	defer close(a.done)
	t := time.NewTicker(ackSyncEvery)
	defer t.Stop()
	for {
		select {
		case <-a.stop:
			return
		case <-t.C:
			a.sync()
		}
	}
}

// sync flushes the buffer and fsyncs the file.
func (a *ackLog) sync() {
	a.mu.Lock()
	defer a.mu.Unlock()
	if a.w.Buffered() == 0 {
		return
	}
	err := a.w.Flush()
	if err == nil {
		err = a.f.Sync()
	}
	if err != nil && a.err == nil {
		a.err = err
	}
}

// close syncs what is left and closes the file; it returns the first write error.
func (a *ackLog) close() error {
	close(a.stop)
	<-a.done
	a.sync()
	if err := a.f.Close(); err != nil && a.err == nil {
		a.err = err
	}
	if a.err != nil {
		return fmt.Errorf("写入确认记录文件失败：%w", a.err)
	}
	return nil
}

// ack is one line of an ack file.
type ack struct{ code, text string }

// readAckLog reads an ack file back.
func readAckLog(path string) ([]ack, error) {
	b, err := os.ReadFile(path)
	if err != nil {
		return nil, err
	}
	var out []ack
	for i, line := range strings.Split(strings.TrimSuffix(string(b), "\n"), "\n") {
		if line == "" {
			continue
		}
		code, text, ok := strings.Cut(line, "\t")
		if !ok {
			return nil, fmt.Errorf("确认记录第 %d 行格式不正确。", i+1)
		}
		out = append(out, ack{code, text})
	}
	return out, nil
}
