package main

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"testing"
	"time"

	"jingzi"
	"jingzi/sqldb"
)

// These benchmarks take the HTTP layer away and time the two transactions the
// public page runs for one submission, on SQLite as configured (WAL,
// synchronous=FULL, one writer). "disk" keeps the file on the machine's disk;
// "tmpfs" on /dev/shm, where fsync costs nothing, so that the difference shows
// what the fsync of each commit costs. Figures go to docs/PERFORMANCE.md.

// codeFixture is a database with one open solicitation and n unused codes.
type codeFixture struct {
	db    *sqldb.DB
	svc   *sqldb.SolicitationService
	codes []string
}

func newCodeFixture(tb testing.TB, dir string, n int) *codeFixture {
	tb.Helper()
	db := sqldb.NewDB(filepath.Join(dir, "bench.db"))
	if err := db.Open(); err != nil {
		tb.Fatal(err)
	}
	tb.Cleanup(func() { db.Close() })
	ctx := jingzi.SystemContext(context.Background(), "压力测试")
	org := &jingzi.Org{Name: "市民政局党委", Kind: jingzi.OrgCommittee}
	if err := sqldb.NewOrgService(db).CreateOrg(ctx, org); err != nil {
		tb.Fatal(err)
	}
	fw, err := jingzi.BuiltinFramework("2021")
	if err != nil {
		tb.Fatal(err)
	}
	m := &jingzi.Meeting{OrgID: org.ID, Year: 2021, Kind: jingzi.KindDemocratic, Title: "压力测试民主生活会",
		Framework: fw.Clone(), Phase: jingzi.PhaseOpinions, Participants: []*jingzi.Participant{
			{Name: "王建国", Title: "党委书记、局长", Head: true}, {Name: "李红梅", Title: "党委副书记"}}}
	if err := sqldb.NewMeetingService(db).CreateMeeting(ctx, m); err != nil {
		tb.Fatal(err)
	}
	f := &codeFixture{db: db, svc: sqldb.NewSolicitationService(db)}
	today := time.Now()
	sol := &jingzi.Solicitation{MeetingID: m.ID, Title: "压力测试征求意见", OpensOn: today.AddDate(0, 0, -1), ClosesOn: today.AddDate(0, 0, 14)}
	if err := f.svc.CreateSolicitation(ctx, sol); err != nil {
		tb.Fatal(err)
	}
	for len(f.codes) < n {
		batch, err := f.svc.GenerateCodes(ctx, sol.ID, min(codesPerBatch, n-len(f.codes)), "")
		if err != nil {
			tb.Fatal(err)
		}
		f.codes = append(f.codes, batch...)
	}
	return f
}

// benchDirs are where the benchmark puts its database.
func benchDirs(b *testing.B) map[string]string {
	dirs := map[string]string{"disk": b.TempDir()}
	if st, err := os.Stat("/dev/shm"); err == nil && st.IsDir() {
		if d, err := os.MkdirTemp("/dev/shm", "jingzi-bench-"); err == nil {
			b.Cleanup(func() { os.RemoveAll(d) })
			dirs["tmpfs"] = d
		}
	}
	return dirs
}

// BenchmarkSubmitByCode is the write transaction of one submission, one at a
// time, with 1,000 or 10,000 codes issued in the solicitation.
func BenchmarkSubmitByCode(b *testing.B) {
	for _, where := range []string{"disk", "tmpfs"} {
		for _, issued := range []int{1000, 10000} {
			b.Run(fmt.Sprintf("%s/codes=%d", where, issued), func(b *testing.B) {
				dir, ok := benchDirs(b)[where]
				if !ok {
					b.Skip("没有 /dev/shm")
				}
				f := newCodeFixture(b, dir, max(b.N, issued))
				ctx := context.Background()
				b.ResetTimer()
				for i := range b.N {
					op := []*jingzi.Opinion{{AspectIndex: -1, Text: "负载测试-基准"}}
					if err := f.svc.SubmitByCode(ctx, f.codes[i], op); err != nil {
						b.Fatal(err)
					}
				}
			})
		}
	}
}

// BenchmarkOpenBallotByCode is the read transaction the handler runs before the write.
func BenchmarkOpenBallotByCode(b *testing.B) {
	for _, issued := range []int{1000, 10000} {
		b.Run(fmt.Sprintf("codes=%d", issued), func(b *testing.B) {
			f := newCodeFixture(b, b.TempDir(), issued)
			ctx := context.Background()
			b.ResetTimer()
			for i := range b.N {
				if _, err := f.svc.OpenBallotByCode(ctx, f.codes[i%len(f.codes)]); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}
