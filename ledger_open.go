package jingzi

import (
	"strconv"
	"strings"
)

// Outstanding 未完成情况 says in one sentence what an item still lacks: the
// tasks not done and the quantified targets below their number, e.g.
// 尚有2项任务未完成；目标“深入基层企业宣讲调研”完成12/20家。 It is "" when every
// task is done and every target with a number is reached. Whoever approves
// 销号 reads it first.
func (it *LedgerItem) Outstanding() string {
	var parts []string
	open := 0
	for _, t := range it.Tasks {
		if !t.Done {
			open++
		}
	}
	if open > 0 {
		parts = append(parts, "尚有"+strconv.Itoa(open)+"项任务未完成")
	}
	for _, t := range it.Targets {
		if t.Quantity != nil && t.Done < *t.Quantity {
			parts = append(parts, "目标“"+t.Name()+"”完成"+strconv.Itoa(t.Done)+"/"+strconv.Itoa(*t.Quantity)+t.Unit)
		}
	}
	if len(parts) == 0 {
		return ""
	}
	return strings.Join(parts, "；") + "。"
}

// targetQuantityWords start the quantity of a target's wording (不少于20家).
var targetQuantityWords = []string{"不少于", "不低于", "不少", "至少", "最少"}

// Name is what a target is about, without its period and number:
// 全年深入基层企业宣讲调研不少于20家 → 深入基层企业宣讲调研. The whole text when
// nothing would be left.
func (t LedgerTarget) Name() string {
	s := strings.TrimSpace(t.Text)
	if t.Period != "" {
		s = strings.TrimPrefix(s, t.Period)
	}
	for _, w := range targetQuantityWords {
		if i := strings.Index(s, w); i > 0 {
			s = s[:i]
			break
		}
	}
	if s = strings.TrimSpace(s); s == "" {
		return strings.TrimSpace(t.Text)
	}
	return s
}
