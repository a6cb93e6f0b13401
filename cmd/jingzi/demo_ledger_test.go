package main

import (
	"fmt"
	"net/http"
	"net/url"
	"strings"
	"testing"
	"time"

	"jingzi"
	"jingzi/sqldb"
)

// The demo's 2020 ledger went through the real code: its two open items now
// sit in the 2021 ledger, the phase strip counts them, and the statement
// the 党办 starts for 张伟 in 2021 opens with the rectification he led.
func TestDemoCarriesLastYearsLedger(t *testing.T) {
	site := newDemoSite(t)
	sys := jingzi.SystemContext(t.Context(), "测试")
	mid := site.ids["meeting:江城市民政局党委"]
	ledger := sqldb.NewLedgerService(site.db, nil)
	prev, items, err := ledger.FindCarriedOver(sys, mid)
	if err != nil || prev == nil || prev.Year != 2020 || len(items) != 4 {
		t.Fatalf("carried over: %v, %d items, %v", prev, len(items), err)
	}
	closed := 0
	for _, it := range items {
		if it.Status == jingzi.LedgerClosed {
			closed++
			if it.MeetingID != prev.ID {
				t.Errorf("closed item %d left the 2020 ledger", it.ID)
			}
		} else if it.MeetingID != mid || it.OriginMeetingID != prev.ID {
			t.Errorf("open item %d in meeting %d from %d, want carried from 2020", it.ID, it.MeetingID, it.OriginMeetingID)
		}
	}
	if closed != 2 {
		t.Errorf("%d closed, want 2", closed)
	}
	rec := &records{meetings: sqldb.NewMeetingService(site.db), solicitations: sqldb.NewSolicitationService(site.db), ledger: ledger}
	p, err := rec.MeetingProgress(sys, mid)
	if err != nil || p.Rectifications == nil || p.Rectifications.Open < 2 {
		t.Fatalf("progress: %+v, %v", p.Rectifications, err)
	}
	strip := jingzi.PhaseStrip(p, time.Now())
	rectify := strip[len(strip)-2]
	if want := fmt.Sprintf("%d项整改事项尚未销号", p.Rectifications.Open); rectify.Phase != jingzi.PhaseRectify || !strings.Contains(strings.Join(rectify.Missing, "；"), want) {
		t.Errorf("整改 phase: %+v, want %q", rectify, want)
	}
	m, err := sqldb.NewMeetingService(site.db).FindMeetingByID(sys, mid)
	if err != nil {
		t.Fatal(err)
	}
	var zhang int64
	for _, pt := range m.Participants {
		if pt.Name == "张伟" {
			zhang = pt.ID
		}
	}
	c := site.as(t, "dangban")
	resp, err := c.PostForm(fmt.Sprintf("%s/meetings/%d/statements", site.srv.URL, mid), url.Values{"participant_id": {fmt.Sprint(zhang)}})
	if err != nil {
		t.Fatal(err)
	}
	resp.Body.Close()
	if resp.StatusCode != http.StatusSeeOther {
		t.Fatalf("create 张伟's statement: %d", resp.StatusCode)
	}
	list, _, err := sqldb.NewStatementService(site.db).FindStatements(sys, jingzi.StatementFilter{MeetingID: &mid, ParticipantID: &zhang})
	if err != nil || len(list) != 1 {
		t.Fatalf("张伟's statement: %d, %v", len(list), err)
	}
	first := list[0].Parts[0]
	if first.Heading != "上年度民主生活会整改措施落实情况" || first.Intro != "上年度民主生活会查摆的问题中，本人牵头整改1个，目前均在整改中，已转入本年度台账继续推进。" ||
		len(first.Items) != 1 || !strings.HasPrefix(first.Items[0].Heading, "养老服务设施建设进度偏慢") {
		t.Errorf("the team statement opens with %q: %s (%d items)", first.Heading, first.Intro, len(first.Items))
	}
}
