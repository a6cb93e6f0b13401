package jingzi

import (
	"testing"
	"time"
)

// The report of last year's rectification counts from the records: how many
// problems, how many closed, and each problem's own state.
func TestCarryOverPart(t *testing.T) {
	prev := &Meeting{ID: 1, Year: 2020, Kind: KindDemocratic}
	closed := time.Date(2021, 3, 5, 0, 0, 0, 0, time.UTC)
	progressed := time.Date(2021, 11, 2, 0, 0, 0, 0, time.UTC)
	twenty := 20
	items := []*LedgerItem{
		{Problem: "理论学习不够系统", LeadID: 11, Status: LedgerClosed, ClosedOn: &closed},
		{Problem: "调查研究不够深入。", LeadID: 12, Status: LedgerDoing, LastProgressOn: &progressed,
			Targets: []LedgerTarget{{Text: "深入基层企业宣讲调研", Quantity: &twenty, Unit: "家", Done: 12}}},
		{Problem: "督促检查不够有力", LeadID: 11, Status: LedgerOpen},
	}
	tests := []struct {
		name        string
		items       []*LedgerItem
		participant int64
		intro       string
		bodies      []string
	}{
		{"team", items, 0, "上年度民主生活会查摆的3个问题，已整改完成1个，其余2个正在整改，已转入本年度台账继续推进。",
			[]string{"已整改完成，于2021年3月5日销号。",
				"正在整改，最近一次进展为2021年11月2日，已转入本年度台账继续推进；深入基层企业宣讲调研，目标20家，已完成12家。",
				"正在整改，尚未报送进展，已转入本年度台账继续推进。"}},
		{"lead of two", items, 11, "上年度民主生活会查摆的问题中，本人牵头整改2个，已整改完成1个，其余1个正在整改，已转入本年度台账继续推进。",
			[]string{"已整改完成，于2021年3月5日销号。", "正在整改，尚未报送进展，已转入本年度台账继续推进。"}},
		{"all done", items[:1], 0, "上年度民主生活会查摆的1个问题，已全部整改完成。", []string{"已整改完成，于2021年3月5日销号。"}},
		{"none done", items[1:2], 12, "上年度民主生活会查摆的问题中，本人牵头整改1个，目前均在整改中，已转入本年度台账继续推进。", nil},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			p := CarryOverPart(prev, tc.items, tc.participant)
			if p == nil {
				t.Fatal("no part")
			}
			if p.Kind != PartOther || p.Heading != "上年度民主生活会整改措施落实情况" {
				t.Errorf("part %q (%s)", p.Heading, p.Kind)
			}
			if p.Intro != tc.intro {
				t.Errorf("intro\n got %s\nwant %s", p.Intro, tc.intro)
			}
			if tc.bodies != nil && len(p.Items) != len(tc.bodies) {
				t.Fatalf("%d items, want %d", len(p.Items), len(tc.bodies))
			}
			for i, want := range tc.bodies {
				if p.Items[i].Body != want {
					t.Errorf("item %d\n got %s\nwant %s", i, p.Items[i].Body, want)
				}
			}
			if p.Items[0].Heading[len(p.Items[0].Heading)-3:] != "。" {
				t.Errorf("heading %q does not end a sentence", p.Items[0].Heading)
			}
		})
	}
	if p := CarryOverPart(prev, items, 99); p != nil {
		t.Errorf("a member who led nothing gets a part: %+v", p)
	}
	if p := CarryOverPart(nil, items, 0); p != nil {
		t.Errorf("no previous meeting gives a part: %+v", p)
	}
	if p := CarryOverPart(&Meeting{Kind: KindBranch}, items[:1], 0); p.Heading != "上年度组织生活会整改措施落实情况" {
		t.Errorf("branch heading %q", p.Heading)
	}
}
