package main

import (
	"bytes"
	"log/slog"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"jingzi/sqldb"
)

// JINGZI_CLOCK_OFFSET moves the database's clock by the duration, warns that
// it is for drills and tests only, and refuses what is not a duration.
func TestShiftClock(t *testing.T) {
	start := time.Date(2022, 3, 1, 9, 0, 0, 0, time.UTC)
	for _, tc := range []struct {
		offset  string
		want    time.Time
		warns   bool
		refused bool
	}{
		{"", start, false, false},
		{"720h", start.Add(720 * time.Hour), true, false},
		{"-48h", start.Add(-48 * time.Hour), true, false},
		{"30d", start, false, true},
		{"一个月", start, false, true},
	} {
		db := sqldb.NewDB(filepath.Join(t.TempDir(), "jingzi.db"))
		db.Now = func() time.Time { return start }
		var log bytes.Buffer
		err := shiftClock(db, tc.offset, slog.New(slog.NewTextHandler(&log, nil)))
		if (err != nil) != tc.refused {
			t.Errorf("%q: err = %v, refused want %v", tc.offset, err, tc.refused)
		}
		if err != nil && !strings.Contains(err.Error(), "JINGZI_CLOCK_OFFSET") {
			t.Errorf("%q: message %q does not name the variable", tc.offset, err)
		}
		if got := db.Now(); !got.Equal(tc.want) {
			t.Errorf("%q: clock reads %v, want %v", tc.offset, got, tc.want)
		}
		if warned := strings.Contains(log.String(), "level=WARN") && strings.Contains(log.String(), "仅供演练/测试用"); warned != tc.warns {
			t.Errorf("%q: warning logged %v, want %v:\n%s", tc.offset, warned, tc.warns, log.String())
		}
	}
}

// The server started with an offset says so at start; a bad offset stops it
// before it touches the database.
func TestServeClockOffset(t *testing.T) {
	db := filepath.Join(t.TempDir(), "jingzi.db")
	t.Setenv("JINGZI_CLOCK_OFFSET", "soon")
	out, code := runBin(t, "", "serve", "--db", db, "--addr", "127.0.0.1:0")
	if code == 0 || !strings.Contains(out, "JINGZI_CLOCK_OFFSET") || !strings.Contains(out, "不是有效的时长") {
		t.Errorf("serve with a bad offset: exit %d\n%s", code, out)
	}
	if _, err := os.Stat(db); !os.IsNotExist(err) {
		t.Errorf("serve with a bad offset created the database: %v", err)
	}
	t.Setenv("JINGZI_CLOCK_OFFSET", "240h")
	s := startServer(t, "--db", db)
	if !strings.Contains(s.output.String(), "仅供演练/测试用") || !strings.Contains(s.output.String(), "offset=240h") {
		t.Errorf("serve with an offset does not warn:\n%s", s.output)
	}
}
