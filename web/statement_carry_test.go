package web

import (
	"context"
	"net/http"
	"net/url"
	"strings"
	"testing"
	"time"

	"jingzi"
	"jingzi/mock"
)

// A statement started from the framework in a meeting whose team has last
// year's ledger opens with 上年度整改措施落实情况: a member's with the problems
// they led, counted from the records.
func TestCreateStatementCarriesLastYear(t *testing.T) {
	closed := time.Date(2022, 3, 1, 0, 0, 0, 0, time.UTC)
	prev := &jingzi.Meeting{ID: 6, Year: 2021, Kind: jingzi.KindDemocratic}
	items := []*jingzi.LedgerItem{
		{ID: 1, Problem: "理论学习不够系统", LeadID: 2, Status: jingzi.LedgerClosed, ClosedOn: &closed},
		{ID: 2, Problem: "调查研究不够深入", LeadID: 2, Status: jingzi.LedgerDoing},
		{ID: 3, Problem: "督促检查不够有力", LeadID: 1, Status: jingzi.LedgerOpen},
	}
	tests := []struct {
		name  string
		found func(ctx context.Context, id int64) (*jingzi.Meeting, []*jingzi.LedgerItem, error)
		intro string
	}{
		{"last year's ledger", func(ctx context.Context, id int64) (*jingzi.Meeting, []*jingzi.LedgerItem, error) {
			if id != 7 {
				return nil, nil, jingzi.Errorf(jingzi.ENOTFOUND, "会议不存在")
			}
			return prev, items, nil
		}, "上年度民主生活会查摆的问题中，本人牵头整改2个，已整改完成1个，其余1个正在整改，已转入本年度台账继续推进。"},
		{"first year", func(context.Context, int64) (*jingzi.Meeting, []*jingzi.LedgerItem, error) { return nil, nil, nil }, ""},
		{"ledger unavailable", func(context.Context, int64) (*jingzi.Meeting, []*jingzi.LedgerItem, error) {
			return nil, nil, jingzi.Errorf(jingzi.EINTERNAL, "数据库不可用")
		}, ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			f := newFixture(t)
			f.s.LedgerService = &mock.LedgerService{FindCarriedOverFn: tt.found}
			rec := f.post("/meetings/7/statements", f.session(t, "organizer"), url.Values{"participant_id": {"2"}})
			if rec.Code != http.StatusSeeOther || len(f.store.created) != 1 {
				t.Fatalf("create: %d, %d statements", rec.Code, len(f.store.created))
			}
			st, fw := f.store.created[0].st, f.meeting.Framework
			if tt.intro == "" {
				if len(st.Parts) != len(fw.Parts) || st.Parts[0].Kind != fw.Parts[0].Kind {
					t.Errorf("parts %d, first %s: want the framework's alone", len(st.Parts), st.Parts[0].Kind)
				}
				return
			}
			first := st.Parts[0]
			if len(st.Parts) != len(fw.Parts)+1 || first.Kind != jingzi.PartOther || first.Heading != "上年度民主生活会整改措施落实情况" {
				t.Fatalf("first part %s %q of %d", first.Kind, first.Heading, len(st.Parts))
			}
			if first.Intro != tt.intro || len(first.Items) != 2 || first.Items[0].Heading != "理论学习不够系统。" ||
				!strings.HasPrefix(first.Items[0].Body, "已整改完成，于2022年3月1日销号") || !strings.HasPrefix(first.Items[1].Body, "正在整改") {
				t.Errorf("part: %q, items %+v", first.Intro, first.Items)
			}
		})
	}
}
