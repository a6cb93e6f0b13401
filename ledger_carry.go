package jingzi

import (
	"fmt"
	"strings"
)

// CarryOverHeading is the heading of the part that opens a statement with last
// year's rectification (上年度整改措施落实情况).
func CarryOverHeading(prev *Meeting) string {
	return "上年度" + prev.Kind.Label() + "整改措施落实情况"
}

// CarryOverPart 上年度整改措施落实情况 writes, from the records, how the problems
// found at the previous meeting were fixed: an intro with the counts and one
// item per problem saying whether it is done or still in hand. items are those
// FindCarriedOver returns, their LeadID on the current meeting's roster. For a
// participant (participantID ≠ 0) only the problems they lead (牵头领导) count;
// the team's statement (0) reports them all. Nil when there is nothing to report.
func CarryOverPart(prev *Meeting, items []*LedgerItem, participantID int64) *Part {
	if prev == nil {
		return nil
	}
	var mine []*LedgerItem
	for _, it := range items {
		if participantID == 0 || it.LeadID == participantID {
			mine = append(mine, it)
		}
	}
	if len(mine) == 0 {
		return nil
	}
	p := &Part{Kind: PartOther, Heading: CarryOverHeading(prev), Intro: carryOverIntro(prev, mine, participantID != 0)}
	for _, it := range mine {
		p.Items = append(p.Items, &Item{Heading: sentence(it.Problem), Body: carryOverStatus(it)})
	}
	return p
}

// carryOverIntro: "上年度民主生活会查摆的N个问题，已整改完成M个，其余K个正在整改，
// 已转入本年度台账继续推进。"
func carryOverIntro(prev *Meeting, items []*LedgerItem, own bool) string {
	done := 0
	for _, it := range items {
		if it.Status == LedgerClosed {
			done++
		}
	}
	n, rest := len(items), len(items)-done
	lead := fmt.Sprintf("上年度%s查摆的%d个问题，", prev.Kind.Label(), n)
	if own {
		lead = fmt.Sprintf("上年度%s查摆的问题中，本人牵头整改%d个，", prev.Kind.Label(), n)
	}
	switch {
	case rest == 0:
		return lead + "已全部整改完成。"
	case done == 0:
		return lead + "目前均在整改中，已转入本年度台账继续推进。"
	}
	return lead + fmt.Sprintf("已整改完成%d个，其余%d个正在整改，已转入本年度台账继续推进。", done, rest)
}

// carryOverStatus says where one problem stands: closed on a date, or in hand
// with its latest progress and the targets' numbers.
func carryOverStatus(it *LedgerItem) string {
	var b strings.Builder
	if it.Status == LedgerClosed {
		b.WriteString("已整改完成")
		if it.ClosedOn != nil {
			b.WriteString("，于" + FormatDate(*it.ClosedOn) + "销号")
		}
	} else {
		b.WriteString("正在整改")
		if it.LastProgressOn != nil {
			b.WriteString("，最近一次进展为" + FormatDate(*it.LastProgressOn))
		} else {
			b.WriteString("，尚未报送进展")
		}
		b.WriteString("，已转入本年度台账继续推进")
	}
	for _, t := range it.Targets {
		if t.Quantity != nil {
			fmt.Fprintf(&b, "；%s，目标%d%s，已完成%d%s", t.Text, *t.Quantity, t.Unit, t.Done, t.Unit)
		}
	}
	b.WriteString("。")
	return b.String()
}

// sentence ends s with a full stop unless it already ends a sentence.
func sentence(s string) string {
	s = strings.TrimSpace(s)
	if s == "" || strings.HasSuffix(s, "。") || strings.HasSuffix(s, "！") || strings.HasSuffix(s, "？") {
		return s
	}
	return strings.TrimRight(s, "，；、,;.") + "。"
}
