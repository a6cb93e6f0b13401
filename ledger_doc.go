package jingzi

import (
	"strings"
	"time"
)

// ledgerCounts are the numbers the 通报 and the 整改落实情况报告 quote, all
// computed from the items at one moment. An item carried out of the meeting
// (已转入下一年度台账) and not yet closed counts as being fixed (Doing, and
// Carried), never as overdue here: its date is watched in the later ledger.
type ledgerCounts struct {
	Total, Closed, Doing, Overdue  int
	Carried                        int
	Immediate, Dated, Ongoing      int
	Percent                        int
	BySource                       map[SourceKind]int
	overdue, closed, open, ongoing []*LedgerItem
	carried                        []*LedgerItem
}

func countLedger(m *Meeting, items []*LedgerItem, now time.Time) ledgerCounts {
	c := ledgerCounts{Total: len(items), BySource: map[SourceKind]int{}}
	for _, it := range items {
		c.BySource[it.Source.Kind]++
		switch it.DeadlineKind {
		case DeadlineImmediate:
			c.Immediate++
		case DeadlineDated:
			c.Dated++
		case DeadlineOngoing:
			c.Ongoing++
		}
		switch {
		case it.Status == LedgerClosed:
			c.Closed++
			c.closed = append(c.closed, it)
			continue
		case it.CarriedOut(m.ID):
			c.Doing++
			c.Carried++
			c.carried = append(c.carried, it)
		case it.Overdue(now):
			c.Overdue++
			c.overdue = append(c.overdue, it)
		default:
			c.Doing++
		}
		c.open = append(c.open, it)
		if it.DeadlineKind == DeadlineOngoing {
			c.ongoing = append(c.ongoing, it)
		}
	}
	if c.Total > 0 {
		c.Percent = c.Closed * 100 / c.Total
	}
	return c
}

// ledgerDay writes a date the way documents do: 2024年3月1日.
func ledgerDay(t time.Time) string { return FormatDate(t) }

// ledgerOwner names the 责任人 of an item, "未明确责任人" when none is written.
func ledgerOwner(it *LedgerItem) string {
	if strings.TrimSpace(it.OwnerName) == "" {
		return "未明确责任人"
	}
	return it.OwnerName
}

// byOwner groups items by 责任人 in order of first appearance.
func byOwner(items []*LedgerItem) (names []string, groups map[string][]*LedgerItem) {
	groups = map[string][]*LedgerItem{}
	for _, it := range items {
		n := ledgerOwner(it)
		if _, ok := groups[n]; !ok {
			names = append(names, n)
		}
		groups[n] = append(groups[n], it)
	}
	return names, groups
}

// shortProblem is the problem's first sentence, without its closing stop.
func shortProblem(it *LedgerItem) string {
	p := strings.TrimSpace(it.Problem)
	if i := strings.IndexAny(p, "。；;\n"); i > 0 {
		p = p[:i]
	}
	return strings.TrimRight(p, "。，,. ")
}

func meetingName(m *Meeting) string {
	kind := "民主生活会"
	if m.Kind == KindBranch {
		kind = "组织生活会"
	}
	return m.OrgName + itoa(m.Year) + "年度" + kind
}

// BulletinDocument 整改落实情况通报 names, by 责任人, what is done and what is
// overdue at now, with the totals computed from the items. Each owner's name
// leads one paragraph of their items (李红梅：逾期2项，第1项“…”（…）；第4项“…”（…）。),
// so a leader finds their own at a glance.
func BulletinDocument(m *Meeting, items []*LedgerItem, now time.Time) Document {
	c := countLedger(m, items, now)
	d := Document{Title: "关于" + meetingName(m) + "整改落实情况的通报"}
	d.Blocks = append(d.Blocks, Block{Kind: BlockTitle, Text: d.Title})
	d.Blocks = append(d.Blocks, Block{Kind: BlockSubtitle, Text: "（截至" + ledgerDay(now) + "）"})
	summary := "截至" + ledgerDay(now) + "，" + meetingName(m) + "整改台账共" + itoa(c.Total) + "项，已销号" + itoa(c.Closed) +
		"项，完成率" + itoa(c.Percent) + "%；正在整改" + itoa(c.Doing) + "项" + carriedNote(c) + "；逾期" + itoa(c.Overdue) + "项。"
	d.Blocks = append(d.Blocks, Block{Kind: BlockBody, Text: summary}, Block{Kind: BlockHeading1, Text: "一、已完成整改事项", Ordinal: "一、"})
	if len(c.closed) == 0 {
		d.Blocks = append(d.Blocks, Block{Kind: BlockBody, Text: "目前尚无销号事项。"})
	}
	names, groups := byOwner(c.closed)
	for _, n := range names {
		var parts []string
		for _, it := range groups[n] {
			s := "第" + itoa(it.Seq) + "项“" + shortProblem(it) + "”"
			switch {
			case it.ClosedOn != nil && it.CarriedOut(m.ID):
				s += "（转入下一年度台账后于" + ledgerDay(*it.ClosedOn) + "销号）"
			case it.ClosedOn != nil:
				s += "（" + ledgerDay(*it.ClosedOn) + "销号）"
			}
			parts = append(parts, s)
		}
		d.Blocks = append(d.Blocks, Block{Kind: BlockBody, Text: n + "：已完成" + itoa(len(parts)) + "项，" + strings.Join(parts, "；") + "。"})
	}
	d.Blocks = append(d.Blocks, Block{Kind: BlockHeading1, Text: "二、逾期未完成事项", Ordinal: "二、"})
	if len(c.overdue) == 0 {
		d.Blocks = append(d.Blocks, Block{Kind: BlockBody, Text: "目前无逾期事项。"})
	}
	names, groups = byOwner(c.overdue)
	for _, n := range names {
		var parts []string
		for _, it := range groups[n] {
			due := *it.DueDate()
			parts = append(parts, "第"+itoa(it.Seq)+"项“"+shortProblem(it)+"”（时限"+ledgerDay(due)+"，已逾期"+itoa(DaysPast(due, now))+"天）")
		}
		d.Blocks = append(d.Blocks, Block{Kind: BlockBody, Text: n + "：逾期" + itoa(len(parts)) + "项，" + strings.Join(parts, "；") + "。"})
	}
	if len(c.carried) > 0 {
		var parts []string
		for _, it := range c.carried {
			parts = append(parts, "第"+itoa(it.Seq)+"项“"+shortProblem(it)+"”（"+ledgerOwner(it)+"）")
		}
		d.Blocks = append(d.Blocks, Block{Kind: BlockBody, Text: "另有" + itoa(c.Carried) + "项正在整改、已转入下一年度台账继续推进，其进展和时限在下一年度台账中督办：" +
			strings.Join(parts, "；") + "。"})
	}
	d.Blocks = append(d.Blocks, Block{Kind: BlockHeading1, Text: "三、有关要求", Ordinal: "三、"})
	ask := "各责任人要对照整改台账逐项抓好落实，按时报送整改进展和佐证材料，完成一项、销号一项。"
	if c.Overdue > 0 {
		ask = "请逾期事项的责任人于收到本通报后5个工作日内说明原因、明确完成时限并报送整改进展；" + ask
	}
	d.Blocks = append(d.Blocks, Block{Kind: BlockBody, Text: ask})
	return d
}

// RectificationReportDocument 整改落实情况报告: the overall numbers, each item
// by aspect with its progress and targets done against planned, and what comes next.
func RectificationReportDocument(m *Meeting, items []*LedgerItem, now time.Time) Document {
	c := countLedger(m, items, now)
	d := Document{Title: m.OrgName + "领导班子关于" + itoa(m.Year) + "年度民主生活会整改落实情况的报告"}
	if m.Kind == KindBranch {
		d.Title = m.OrgName + "关于" + itoa(m.Year) + "年度组织生活会整改落实情况的报告"
	}
	d.Blocks = append(d.Blocks, Block{Kind: BlockTitle, Text: d.Title})
	d.Blocks = append(d.Blocks, Block{Kind: BlockHeading1, Text: "一、总体情况", Ordinal: "一、"})
	d.Blocks = append(d.Blocks, Block{Kind: BlockBody, Text: overallText(m, c, now)})
	d.Blocks = append(d.Blocks, Block{Kind: BlockHeading1, Text: "二、逐项整改落实情况", Ordinal: "二、"})
	if len(items) == 0 {
		d.Blocks = append(d.Blocks, Block{Kind: BlockBody, Text: "整改台账尚未列入事项。"})
	}
	var aspects []string
	byAspect := map[string][]*LedgerItem{}
	for _, it := range items {
		a := strings.TrimSpace(it.Aspect)
		if a == "" {
			a = "其他方面"
		}
		if _, ok := byAspect[a]; !ok {
			aspects = append(aspects, a)
		}
		byAspect[a] = append(byAspect[a], it)
	}
	for i, a := range aspects {
		ord := "（" + ChineseNumeral(i+1) + "）"
		d.Blocks = append(d.Blocks, Block{Kind: BlockHeading2, Text: ord + a, Ordinal: ord})
		for k, it := range byAspect[a] {
			lead := ChineseNumeral(k+1) + "是"
			d.Blocks = append(d.Blocks, Block{Kind: BlockBody, Lead: lead + shortProblem(it) + "。", LeadKind: BlockHeading3,
				Text: itemReportText(m, it, now), Ordinal: lead})
		}
	}
	d.Blocks = append(d.Blocks, Block{Kind: BlockHeading1, Text: "三、下一步打算", Ordinal: "三、"})
	for _, t := range nextSteps(c) {
		d.Blocks = append(d.Blocks, Block{Kind: BlockBody, Text: t})
	}
	return d
}

func overallText(m *Meeting, c ledgerCounts, now time.Time) string {
	s := meetingName(m) + "召开后，领导班子和班子成员对照查摆的问题、征求到的意见建议和相互批评意见，共梳理形成整改事项" + itoa(c.Total) + "项"
	var src []string
	for _, k := range []SourceKind{SourceStatement, SourceOpinion, SourceCriticism, SourceSupervisor, SourceManual} {
		if n := c.BySource[k]; n > 0 {
			src = append(src, "来源于"+k.Label()+itoa(n)+"项")
		}
	}
	if len(src) > 0 {
		s += "（" + strings.Join(src, "，") + "）"
	}
	s += "，其中立行立改" + itoa(c.Immediate) + "项、限期整改" + itoa(c.Dated) + "项、长期坚持" + itoa(c.Ongoing) + "项。"
	s += "截至" + ledgerDay(now) + "，已完成整改并销号" + itoa(c.Closed) + "项，完成率" + itoa(c.Percent) + "%；正在整改" +
		itoa(c.Doing) + "项" + carriedNote(c) + "；逾期" + itoa(c.Overdue) + "项。"
	return s
}

// carriedNote: "（其中已转入下一年度台账2项）" when items were carried out.
func carriedNote(c ledgerCounts) string {
	if c.Carried == 0 {
		return ""
	}
	return "（其中已转入下一年度台账" + itoa(c.Carried) + "项）"
}

// itemReportText says, for one item, the measures, the latest progress, the
// targets done against planned and where it stands.
func itemReportText(m *Meeting, it *LedgerItem, now time.Time) string {
	var parts []string
	if m := strings.TrimSpace(it.Measures); m != "" {
		parts = append(parts, "整改措施："+strings.TrimRight(m, "。")+"。")
	}
	if len(it.Progress) > 0 {
		p := it.Progress[0] // newest first
		parts = append(parts, "最新进展（"+ledgerDay(p.On)+"）："+strings.TrimRight(strings.TrimSpace(p.Text), "。")+"。")
	} else if it.LastProgressOn != nil {
		parts = append(parts, "最近一次报送进展为"+ledgerDay(*it.LastProgressOn)+"。")
	} else {
		parts = append(parts, "尚未报送整改进展。")
	}
	for _, t := range it.Targets {
		s := "量化目标“" + strings.TrimSpace(t.Text) + "”：已完成" + itoa(t.Done) + t.Unit
		if t.Quantity != nil {
			s += "，计划" + itoa(*t.Quantity) + t.Unit
		} else {
			s += "，计划数量待定"
		}
		parts = append(parts, s+"。")
	}
	parts = append(parts, "责任人："+ledgerOwner(it)+"；"+statusText(m, it, now)+"。")
	return strings.Join(parts, "")
}

func statusText(m *Meeting, it *LedgerItem, now time.Time) string {
	carried := it.CarriedOut(m.ID)
	switch {
	case carried && it.Status == LedgerClosed && it.ClosedOn != nil:
		return "已转入下一年度台账，于" + ledgerDay(*it.ClosedOn) + "销号"
	case carried && it.Status == LedgerClosed:
		return "已转入下一年度台账，已销号"
	case carried:
		return "正在整改，已转入下一年度台账继续推进"
	case it.Status == LedgerClosed && it.ClosedOn != nil:
		return "已于" + ledgerDay(*it.ClosedOn) + "销号"
	case it.Status == LedgerClosed:
		return "已销号"
	case it.Overdue(now):
		return "已逾期" + itoa(DaysPast(*it.DueDate(), now)) + "天，正在督促整改"
	case it.DeadlineKind == DeadlineOngoing:
		return "长期坚持，持续推进"
	case it.DueDate() != nil:
		return it.Status.Label() + "，时限" + ledgerDay(*it.DueDate())
	}
	return it.Status.Label()
}

func nextSteps(c ledgerCounts) []string {
	var out []string
	if n := len(c.open); n > 0 {
		s := "对尚未完成的" + itoa(n) + "项整改事项，继续逐项明确责任人和完成时限，加强跟踪督办，完成一项、销号一项"
		if c.Carried > 0 {
			s += "；其中已转入下一年度台账的" + itoa(c.Carried) + "项，在下一年度台账中接续推进、一并督办"
		}
		if c.Overdue > 0 {
			s += "；对逾期的" + itoa(c.Overdue) + "项事项，督促责任人说明原因、限时完成"
		}
		out = append(out, s+"。")
	} else {
		out = append(out, "整改台账所列事项已全部完成销号，将适时开展“回头看”，防止问题反弹。")
	}
	if n := len(c.ongoing); n > 0 {
		out = append(out, "对需要长期坚持的"+itoa(n)+"项事项，建立常态化推进机制，定期报告进展。")
	}
	out = append(out, "把整改落实情况作为下一年度民主生活会对照检查的重要内容，以整改实效推动各项工作。")
	return out
}
