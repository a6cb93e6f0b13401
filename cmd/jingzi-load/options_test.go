package main

import (
	"io"
	"strings"
	"testing"
	"time"
)

func TestBaseURLAcceptsOnlyLoopback(t *testing.T) {
	tests := []struct {
		addr, want string
	}{
		{"127.0.0.1:8080", "http://127.0.0.1:8080"},
		{"127.3.2.1:80", "http://127.3.2.1:80"},
		{"localhost:8080", "http://127.0.0.1:8080"},
		{"[::1]:8080", "http://[::1]:8080"},
		{"[::ffff:127.0.0.1]:8080", "http://127.0.0.1:8080"},
		{"10.0.0.1:8080", ""},
		{"128.0.0.1:8080", ""},
		{"[::2]:8080", ""},
		{"example.com:80", ""},
		{"0.0.0.0:8080", ""},
		{"127.0.0.1", ""},
	}
	for _, tt := range tests {
		got, err := baseURL(tt.addr)
		if got != tt.want || (err == nil) != (tt.want != "") {
			t.Errorf("baseURL(%q) = %q, %v; want %q", tt.addr, got, err, tt.want)
		}
	}
}

func TestOptionsAreBounded(t *testing.T) {
	tests := []struct {
		args    string
		problem string // "" when accepted
	}{
		{"", ""},
		{"--n 100000 --c 256 --duration 60s", ""},
		{"--n 100001", "--n"},
		{"--n 0", "--n"},
		{"--c 0", "--c"},
		{"--c 257", "--c"},
		{"--duration 61s", "--duration"},
		{"--duration 0s", "--duration"},
		{"--codes a --save-codes b", "--save-codes"},
		{"extra", "无法识别"},
	}
	for _, tt := range tests {
		_, err := parseOptions(strings.Fields(tt.args), io.Discard)
		if tt.problem == "" && err != nil || tt.problem != "" && (err == nil || !strings.Contains(err.Error(), tt.problem)) {
			t.Errorf("parseOptions(%q) = %v; want a problem with %q", tt.args, err, tt.problem)
		}
	}
}

func TestPercentileIsNearestRank(t *testing.T) {
	ms := func(v ...int) []time.Duration {
		out := make([]time.Duration, len(v))
		for i, x := range v {
			out[i] = time.Duration(x) * time.Millisecond
		}
		return out
	}
	tests := []struct {
		sorted []time.Duration
		p      int
		want   time.Duration
	}{
		{nil, 50, 0},
		{ms(7), 99, 7 * time.Millisecond},
		{ms(1, 2, 3, 4), 50, 2 * time.Millisecond},
		{ms(1, 2, 3, 4), 95, 4 * time.Millisecond},
		{ms(1, 2, 3, 4, 5, 6, 7, 8, 9, 10), 95, 10 * time.Millisecond},
		{ms(1, 2, 3, 4, 5, 6, 7, 8, 9, 10), 50, 5 * time.Millisecond},
	}
	for _, tt := range tests {
		if got := percentile(tt.sorted, tt.p); got != tt.want {
			t.Errorf("percentile(%v, %d) = %v; want %v", tt.sorted, tt.p, got, tt.want)
		}
	}
}

func TestRunRefusesAnAddressOffTheMachine(t *testing.T) {
	var out, errOut strings.Builder
	code := run(t.Context(), []string{"--addr", "192.0.2.1:80", "--codes", "/nonexistent"}, &out, &errOut)
	if code != 2 || !strings.Contains(errOut.String(), "只允许对本机回环地址") {
		t.Errorf("run = %d, stderr %q; want 2 and the loopback refusal", code, errOut.String())
	}
}
