package jingzi

import (
	"strings"
	"testing"
	"time"
)

func ledgerDocFixture() (*Meeting, []*LedgerItem, time.Time) {
	day := func(m time.Month, d int) *time.Time {
		t := time.Date(2024, m, d, 0, 0, 0, 0, time.UTC)
		return &t
	}
	twenty := 20
	m := &Meeting{OrgName: "市民政局党委", Year: 2023, Kind: KindDemocratic, Title: "市民政局党委2023年度民主生活会"}
	items := []*LedgerItem{
		{Seq: 1, Aspect: "理论学习方面", Problem: "理论学习不系统。学习笔记摘抄多。", OwnerName: "张书记", DeadlineKind: DeadlineDated,
			Due: day(2, 1), Status: LedgerClosed, ClosedOn: day(1, 28), Source: LedgerSource{Kind: SourceStatement},
			Measures: "制定个人学习计划", Targets: []LedgerTarget{{Text: "全年撰写心得体会不少于20篇", Quantity: &twenty, Unit: "篇", Done: 12}}},
		{Seq: 2, Aspect: "理论学习方面", Problem: "调研不深入", OwnerName: "李副局长", DeadlineKind: DeadlineDated,
			Due: day(2, 20), Status: LedgerDoing, Source: LedgerSource{Kind: SourceOpinion}, CreatedAt: *day(1, 5),
			Progress: []*LedgerProgress{{On: *day(2, 10), Text: "已走访5家企业"}}},
		{Seq: 3, Aspect: "工作作风方面", Problem: "文山会海", OwnerName: "李副局长", DeadlineKind: DeadlineOngoing,
			Status: LedgerOpen, Source: LedgerSource{Kind: SourceCriticism}, CreatedAt: *day(2, 20)},
		{Seq: 4, Aspect: "", Problem: "督导组指出整改台账不闭环", OwnerName: "", DeadlineKind: DeadlineImmediate,
			Status: LedgerDoing, Source: LedgerSource{Kind: SourceSupervisor}, CreatedAt: *day(1, 2)},
	}
	return m, items, time.Date(2024, 3, 1, 9, 0, 0, 0, time.UTC)
}

// ownerItems is the overdue item 2 with two items closed and one more overdue,
// all of 李副局长.
func ownerItems(items []*LedgerItem) []*LedgerItem {
	day := func(m time.Month, d int) *time.Time {
		t := time.Date(2024, m, d, 0, 0, 0, 0, time.UTC)
		return &t
	}
	return []*LedgerItem{items[1],
		{Seq: 5, Problem: "会议多。", OwnerName: "李副局长", DeadlineKind: DeadlineOngoing, Status: LedgerClosed, ClosedOn: day(2, 2)},
		{Seq: 6, Problem: "发文多", OwnerName: "李副局长", DeadlineKind: DeadlineOngoing, Status: LedgerClosed, ClosedOn: day(2, 3)},
		{Seq: 7, Problem: "基层跑得少；调研浮于表面。", OwnerName: "李副局长", DeadlineKind: DeadlineDated, Due: day(2, 25), Status: LedgerDoing}}
}

func TestBulletinDocument(t *testing.T) {
	m, items, now := ledgerDocFixture()
	text := func(items []*LedgerItem) string {
		d := BulletinDocument(m, items, now)
		return d.PlainText()
	}
	tests := []struct {
		name  string
		items []*LedgerItem
		want  []string
		not   []string
	}{
		{"mixed", items, []string{
			"截至2024年3月1日，市民政局党委2023年度民主生活会整改台账共4项，已销号1项，完成率25%；正在整改1项；逾期2项。",
			"张书记：已完成1项，第1项“理论学习不系统”（2024年1月28日销号）。",
			"李副局长：逾期1项，第2项“调研不深入”（时限2024年2月20日，已逾期10天）。",
			// 立行立改 without a date is due ImmediateDays after it was recorded
			"未明确责任人：逾期1项，第4项“督导组指出整改台账不闭环”（时限2024年2月1日，已逾期29天）。",
			"请逾期事项的责任人"},
			[]string{"第3项", "XX", "（责任人："}},
		{"one owner, several items", ownerItems(items), []string{
			"李副局长：已完成2项，第5项“会议多”（2024年2月2日销号）；第6项“发文多”（2024年2月3日销号）。",
			"李副局长：逾期2项，第2项“调研不深入”（时限2024年2月20日，已逾期10天）；第7项“基层跑得少”（时限2024年2月25日，已逾期5天）。"},
			[]string{"、第6项", "、第7项"}},
		{"nothing overdue", items[:1], []string{"共1项，已销号1项，完成率100%；正在整改0项；逾期0项。", "目前无逾期事项。"},
			[]string{"请逾期事项", "XX"}},
		{"empty", nil, []string{"共0项，已销号0项，完成率0%", "目前尚无销号事项。", "目前无逾期事项。"}, []string{"XX"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := text(tt.items)
			for _, w := range tt.want {
				if !strings.Contains(got, w) {
					t.Errorf("bulletin lacks %q:\n%s", w, got)
				}
			}
			for _, w := range tt.not {
				if strings.Contains(got, w) {
					t.Errorf("bulletin has %q:\n%s", w, got)
				}
			}
		})
	}
}

func TestRectificationReportDocument(t *testing.T) {
	m, items, now := ledgerDocFixture()
	d := RectificationReportDocument(m, items, now)
	if d.Title != "市民政局党委领导班子关于2023年度民主生活会整改落实情况的报告" {
		t.Errorf("title %q", d.Title)
	}
	got := d.PlainText()
	for _, w := range []string{
		"共梳理形成整改事项4项（来源于对照检查查摆1项，来源于征求意见1项，来源于相互批评1项，来源于督导组点评1项），其中立行立改1项、限期整改2项、长期坚持1项。",
		"截至2024年3月1日，已完成整改并销号1项，完成率25%；正在整改1项；逾期2项。",
		"（一）理论学习方面", "（二）工作作风方面", "（三）其他方面",
		"一是理论学习不系统。整改措施：制定个人学习计划。",
		"量化目标“全年撰写心得体会不少于20篇”：已完成12篇，计划20篇。",
		"已于2024年1月28日销号",
		"二是调研不深入。最新进展（2024年2月10日）：已走访5家企业。",
		"一是文山会海。尚未报送整改进展。责任人：李副局长；长期坚持，持续推进。",
		"对尚未完成的3项整改事项", "对逾期的2项事项", "对需要长期坚持的1项事项",
	} {
		if !strings.Contains(got, w) {
			t.Errorf("report lacks %q:\n%s", w, got)
		}
	}
	if strings.Contains(got, "XX") {
		t.Errorf("report has a placeholder:\n%s", got)
	}
	dd := RectificationReportDocument(m, items[:1], now)
	done := dd.PlainText()
	if !strings.Contains(done, "已全部完成销号") || strings.Contains(done, "对尚未完成") {
		t.Errorf("all closed: %s", done)
	}
}

// carriedFixture is a 2023 meeting (id 7) whose items 2 and 3 were carried
// into the 2024 meeting (id 9): item 2 is still being fixed there (and past
// its 2023 date), item 3 was closed there.
func carriedFixture() (*Meeting, []*LedgerItem, time.Time) {
	m, items, now := ledgerDocFixture()
	m.ID = 7
	closed := time.Date(2024, 2, 26, 0, 0, 0, 0, time.UTC)
	list := []*LedgerItem{items[0], items[1],
		{Seq: 3, Aspect: "工作作风方面", Problem: "文山会海", OwnerName: "李副局长", DeadlineKind: DeadlineOngoing,
			Status: LedgerClosed, ClosedOn: &closed, Source: LedgerSource{Kind: SourceCriticism}}}
	for _, it := range list {
		it.MeetingID = 7
	}
	list[1].MeetingID, list[1].OriginMeetingID, list[1].OriginSeq = 9, 7, 2
	list[2].MeetingID, list[2].OriginMeetingID, list[2].OriginSeq = 9, 7, 3
	return m, list, now
}

func TestLedgerDocumentsCarriedOut(t *testing.T) {
	m, items, now := carriedFixture()
	tests := []struct {
		name string
		doc  Document
		want []string
		not  []string
	}{
		{"bulletin", BulletinDocument(m, items, now), []string{
			"整改台账共3项，已销号2项，完成率66%；正在整改1项（其中已转入下一年度台账1项）；逾期0项。",
			"李副局长：已完成1项，第3项“文山会海”（转入下一年度台账后于2024年2月26日销号）。",
			"另有1项正在整改、已转入下一年度台账继续推进，其进展和时限在下一年度台账中督办：第2项“调研不深入”（李副局长）。",
			"目前无逾期事项。"},
			[]string{"已逾期", "请逾期事项"}},
		{"report", RectificationReportDocument(m, items, now), []string{
			"共梳理形成整改事项3项",
			"已完成整改并销号2项，完成率66%；正在整改1项（其中已转入下一年度台账1项）；逾期0项。",
			"责任人：李副局长；正在整改，已转入下一年度台账继续推进。",
			"责任人：李副局长；已转入下一年度台账，于2024年2月26日销号。",
			"对尚未完成的1项整改事项，继续逐项明确责任人和完成时限，加强跟踪督办，完成一项、销号一项；其中已转入下一年度台账的1项，在下一年度台账中接续推进、一并督办。"},
			[]string{"已逾期", "对逾期的"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := tt.doc.PlainText()
			for _, w := range tt.want {
				if !strings.Contains(got, w) {
					t.Errorf("%s lacks %q:\n%s", tt.name, w, got)
				}
			}
			for _, w := range tt.not {
				if strings.Contains(got, w) {
					t.Errorf("%s has %q:\n%s", tt.name, w, got)
				}
			}
		})
	}
	// The later meeting's own documents report the same item as its own.
	next := &Meeting{ID: 9, OrgName: m.OrgName, Year: 2024, Kind: KindDemocratic}
	d := BulletinDocument(next, items[1:2], now)
	if got := d.PlainText(); strings.Contains(got, "转入") || !strings.Contains(got, "逾期1项") {
		t.Errorf("the 2024 bulletin treats its own item as carried out:\n%s", got)
	}
}

func TestLedgerItemCarriedOut(t *testing.T) {
	tests := []struct {
		name    string
		it      LedgerItem
		meeting int64
		want    bool
	}{
		{"recorded here, still here", LedgerItem{MeetingID: 7}, 7, false},
		{"recorded here, now in 9", LedgerItem{MeetingID: 9, OriginMeetingID: 7, OriginSeq: 2}, 7, true},
		{"carried in, asked by its new meeting", LedgerItem{MeetingID: 9, OriginMeetingID: 7, OriginSeq: 2}, 9, false},
		{"another meeting's item", LedgerItem{MeetingID: 9, OriginMeetingID: 5, OriginSeq: 1}, 7, false},
	}
	for _, tt := range tests {
		if got := tt.it.CarriedOut(tt.meeting); got != tt.want {
			t.Errorf("%s: CarriedOut(%d) = %v, want %v", tt.name, tt.meeting, got, tt.want)
		}
	}
}
