package main

import (
	"fmt"
	"io"
	"net/http"
	"testing"
)

// The pages a user meets first, end to end over HTTP: the real web layer on the
// demo in SQLite. Figures in docs/PERFORMANCE.md.

func BenchmarkLoginPageSQLite(b *testing.B) {
	s := newDemoSite(&testing.T{})
	benchGet(b, http.DefaultClient, s.srv.URL+"/login")
}

func BenchmarkDashboardSQLite(b *testing.B) {
	t := &testing.T{}
	s := newDemoSite(t)
	benchGet(b, s.as(t, "dangban"), s.srv.URL+"/")
}

func BenchmarkMeetingPageSQLite(b *testing.B) {
	t := &testing.T{}
	s := newDemoSite(t)
	benchGet(b, s.as(t, "zuzhibu"), s.srv.URL+fmt.Sprintf("/meetings/%d", s.ids["meeting:江城市民政局党委"]))
}

func benchGet(b *testing.B, c *http.Client, url string) {
	b.ReportAllocs()
	for b.Loop() {
		resp, err := c.Get(url)
		if err != nil {
			b.Fatal(err)
		}
		io.Copy(io.Discard, resp.Body)
		resp.Body.Close()
		if resp.StatusCode != http.StatusOK {
			b.Fatalf("%s: status %d", url, resp.StatusCode)
		}
	}
}
