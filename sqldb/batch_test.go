package sqldb_test

import (
	"context"
	"sync"
	"testing"

	"jingzi"
	"jingzi/sqldb"
)

// Submissions that arrive together commit together: the refused ones (a code
// used twice at the same moment, an unknown code) are rolled back alone, every
// accepted one is stored once, and no code is redeemed twice.
func TestGroupCommitOfSubmissions(t *testing.T) {
	eachDB(t, func(t *testing.T, db *sqldb.DB) {
		f := newStatementFixture(t, db)
		sols := sqldb.NewSolicitationService(db)
		now := clockOf(db).Now()
		sol := &jingzi.Solicitation{MeetingID: f.meeting.ID, Title: "征求意见", OpensOn: now.AddDate(0, 0, -1),
			ClosesOn: now.AddDate(0, 0, 10), Threshold: 3}
		if err := sols.CreateSolicitation(asUser(f.organizer), sol); err != nil {
			t.Fatal(err)
		}
		codes, err := sols.GenerateCodes(asUser(f.organizer), sol.ID, 60, "")
		if err != nil {
			t.Fatal(err)
		}
		var wg sync.WaitGroup
		results := make([]error, 0, 80)
		var mu sync.Mutex
		submit := func(code string) {
			defer wg.Done()
			err := sols.SubmitByCode(context.Background(), code, []*jingzi.Opinion{{AspectIndex: -1, Text: "意见：" + code}})
			mu.Lock()
			results = append(results, err)
			mu.Unlock()
		}
		for _, c := range codes {
			wg.Add(2)
			go submit(c)
			go submit(c) // the same code at the same moment: exactly one may succeed
		}
		wg.Add(1)
		go submit("AAAA-BBBB-CCCC")
		wg.Wait()
		ok, refused := 0, 0
		for _, err := range results {
			switch jingzi.ErrorCode(err) {
			case "":
				ok++
			case jingzi.ENOTFOUND:
				refused++
			default:
				t.Errorf("unexpected error: %v", err)
			}
		}
		if ok != len(codes) || refused != len(codes)+1 {
			t.Errorf("%d accepted, %d refused; want %d and %d", ok, refused, len(codes), len(codes)+1)
		}
		opinions, _, err := sqldb.NewOpinionService(db).FindOpinions(sys, jingzi.OpinionFilter{SolicitationID: &sol.ID})
		if err != nil {
			t.Fatal(err)
		}
		seen := map[string]int{}
		for _, o := range opinions {
			seen[o.Text]++
		}
		if len(opinions) != len(codes) || len(seen) != len(codes) {
			t.Errorf("%d opinions stored (%d distinct), want %d, each once", len(opinions), len(seen), len(codes))
		}
		got, _ := sols.FindSolicitationByID(asUser(f.organizer), sol.ID)
		if got.CodesUsed != len(codes) {
			t.Errorf("codes used = %d, want %d", got.CodesUsed, len(codes))
		}
	})
}
