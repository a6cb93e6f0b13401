package jingzi

import "testing"

func TestLedgerItemOutstanding(t *testing.T) {
	twenty, four, zero := 20, 4, 0
	tests := []struct {
		name string
		it   LedgerItem
		want string
	}{
		{"tasks and a target open", LedgerItem{
			Tasks:   []*LedgerTask{{Text: "制定计划", Done: true}, {Text: "走访企业"}, {Text: "形成报告"}},
			Targets: []LedgerTarget{{Text: "全年深入基层企业宣讲调研不少于20家", Quantity: &twenty, Unit: "家", Period: "全年", Done: 12}}},
			"尚有2项任务未完成；目标“深入基层企业宣讲调研”完成12/20家。"},
		{"target reached, number unknown", LedgerItem{
			Targets: []LedgerTarget{{Text: "参加支部活动不少于4次", Quantity: &four, Unit: "次", Done: 5}, {Text: "通读书籍不少于XX本", Unit: "本"}}},
			""},
		{"only a target", LedgerItem{Targets: []LedgerTarget{{Text: "至少4次", Quantity: &four, Unit: "次", Done: 1}}},
			"目标“至少4次”完成1/4次。"},
		{"all done", LedgerItem{Tasks: []*LedgerTask{{Done: true}}, Targets: []LedgerTarget{{Text: "x", Quantity: &zero}}}, ""},
		{"one task", LedgerItem{Tasks: []*LedgerTask{{Text: "a"}}}, "尚有1项任务未完成。"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := tt.it.Outstanding(); got != tt.want {
				t.Errorf("Outstanding() = %q, want %q", got, tt.want)
			}
		})
	}
}
