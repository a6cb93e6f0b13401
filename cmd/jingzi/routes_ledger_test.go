package main

import (
	"context"
	"fmt"
	"net/url"
	"strings"
	"testing"
	"time"

	"jingzi"
	"jingzi/web"
)

// addLedgerObjects gives the 民政局's meeting a 整改台账 item with one progress
// entry and its 佐证材料, for the ledger's id routes.
func (s *demoSite) addLedgerObjects(t *testing.T, sys context.Context, w *web.Server, m *jingzi.Meeting) {
	t.Helper()
	due := time.Date(2022, 6, 30, 0, 0, 0, 0, time.UTC)
	it := &jingzi.LedgerItem{MeetingID: m.ID, Aspect: "理论学习方面", Problem: "路由测试：理论学习不深入。", OwnerName: "孙丽",
		DeadlineKind: jingzi.DeadlineDated, Due: &due}
	if err := w.LedgerService.CreateLedgerItem(sys, it); err != nil {
		t.Fatal(err)
	}
	p := &jingzi.LedgerProgress{ItemID: it.ID, On: time.Date(2022, 3, 1, 0, 0, 0, 0, time.UTC), Text: "制定学习计划", TargetIndex: -1}
	if err := w.LedgerService.AddProgress(sys, p, []jingzi.EvidenceUpload{{Name: "学习计划.txt", Body: strings.NewReader("学习计划正文")}}); err != nil {
		t.Fatal(err)
	}
	full, err := w.LedgerService.FindLedgerItemByID(sys, it.ID)
	if err != nil || len(full.Progress) == 0 || len(full.Progress[0].Evidence) == 0 {
		t.Fatalf("ledger item %+v: %v", full, err)
	}
	s.ids["ledger"], s.ids["evidence"], s.ids["ledger:version"] = it.ID, full.Progress[0].Evidence[0].ID, int64(full.Version)
}

// ledgerRoutes are the 整改台账's id routes.
func (s *demoSite) ledgerRoutes(meeting int64) []route {
	mt := func(p string) string { return fmt.Sprintf("/meetings/%d%s", meeting, p) }
	it := fmt.Sprintf("/ledger/%d", s.ids["ledger"])
	version := fmt.Sprint(s.ids["ledger:version"])
	item := url.Values{"version": {version}, "problem": {"被改"}, "owner_name": {"某人"}, "deadline_kind": {"ongoing"}}
	return []route{
		{"GET", mt("/rectify"), nil}, {"GET", mt("/rectify/new?kind=manual"), nil},
		{"POST", mt("/ledger"), url.Values{"kind": {"manual"}, "problem": {"新问题"}, "owner_name": {"某人"}, "deadline_kind": {"ongoing"}}},
		{"GET", mt("/ledger.xlsx"), nil}, {"GET", mt("/bulletin.docx"), nil}, {"GET", mt("/rectification-report.docx"), nil},
		{"GET", it, nil}, {"POST", it, item},
		{"POST", it + "/progress", url.Values{"version": {version}, "on": {"2022-03-02"}, "text": {"又有进展"}}},
		{"POST", it + "/closeout", url.Values{"version": {version}, "action": {"request"}}},
		{"POST", it + "/delete", url.Values{"version": {version}, "confirm": {"1"}}},
		{"GET", fmt.Sprintf("/ledger/evidence/%d", s.ids["evidence"]), nil},
	}
}
