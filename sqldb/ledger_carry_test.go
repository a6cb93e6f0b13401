package sqldb_test

import (
	"strings"
	"testing"
	"time"

	"jingzi"
	"jingzi/sqldb"
)

// When the team's next meeting is created, the items not yet 销号 move into
// its ledger with their history; the closed ones stay; FindCarriedOver gives
// the report of the year before all of them.
func TestLedgerCarryOver(t *testing.T) {
	eachDB(t, func(t *testing.T, db *sqldb.DB) {
		f := newLedgerFixture(t, db)
		org := asUser(f.organizer)
		done := f.item(t, f.meeting, "理论学习不够系统", civil(2022, 6, 30))
		open := f.item(t, f.meeting, "调查研究不够深入", civil(2022, 6, 30))
		doing := f.item(t, f.meeting, "督促检查不够有力", civil(2022, 9, 30))
		if err := f.svc.AddProgress(asUser(f.member), progress(done, "制定学习计划", 0), []jingzi.EvidenceUpload{upload("计划.txt", "计划")}); err != nil {
			t.Fatal(err)
		} else if err := f.svc.RequestCloseOut(asUser(f.member), done.ID, 2, ""); err != nil {
			t.Fatal(err)
		} else if err := f.svc.ApproveCloseOut(org, done.ID, 3, ""); err != nil {
			t.Fatal(err)
		}
		if err := f.svc.AddProgress(asUser(f.member), progress(doing, "走访8家", 8), nil); err != nil {
			t.Fatal(err)
		}
		meetings := sqldb.NewMeetingService(db)
		earlier := &jingzi.Meeting{OrgID: f.bureau.ID, Year: 2020, Kind: jingzi.KindDemocratic, Title: "2020年度民主生活会", Framework: f.meeting.Framework}
		branch := &jingzi.Meeting{OrgID: f.bureau.ID, Year: 2022, Kind: jingzi.KindBranch, Title: "2022年度组织生活会", Framework: f.meeting.Framework}
		for _, m := range []*jingzi.Meeting{earlier, branch} {
			if err := meetings.CreateMeeting(org, m); err != nil {
				t.Fatal(err)
			}
		}
		if _, n, _ := f.svc.FindLedgerItems(org, jingzi.LedgerFilter{MeetingID: &f.meeting.ID}); n != 3 {
			t.Fatalf("an earlier year or another kind took items: %d left", n)
		}
		next := &jingzi.Meeting{OrgID: f.bureau.ID, Year: 2022, Kind: jingzi.KindDemocratic, Title: "2022年度民主生活会",
			Framework: f.meeting.Framework, Participants: []*jingzi.Participant{
				{Name: "新任书记", Head: true}, {Name: "张伟", UserID: f.colleague.ID}, {Name: "李红梅", UserID: f.member.ID}}}
		if err := meetings.CreateMeeting(org, next); err != nil {
			t.Fatal(err)
		}
		moved, n, err := f.svc.FindLedgerItems(org, jingzi.LedgerFilter{MeetingID: &next.ID})
		if err != nil || n != 2 {
			t.Fatalf("%d items carried (%v), want 2", n, err)
		}
		zhang := next.Participants[1].ID
		for i, it := range moved {
			if it.Seq != i+1 || it.OriginMeetingID != f.meeting.ID || it.LeadID != zhang || it.LeadName != "张伟" {
				t.Errorf("carried item %d: seq %d origin %d lead %d %s", i, it.Seq, it.OriginMeetingID, it.LeadID, it.LeadName)
			}
		}
		if moved[0].ID != open.ID || moved[1].ID != doing.ID || moved[1].Targets[0].Done != 8 || moved[1].Status != jingzi.LedgerDoing {
			t.Errorf("carried items lost their order or history: %+v", moved)
		}
		if _, n, _ := f.svc.FindLedgerItems(org, jingzi.LedgerFilter{MeetingID: &f.meeting.ID}); n != 1 {
			t.Errorf("%d items left in 2021, want the closed one", n)
		}
		recorded := func(t *testing.T, label string) {
			t.Helper()
			all, n, err := f.svc.FindLedgerItems(asUser(f.colleague), jingzi.LedgerFilter{MeetingID: &f.meeting.ID, WithCarried: true})
			if err != nil || n != 3 {
				t.Fatalf("%s: 2021 with carried items: %d (%v), want 3", label, n, err)
			}
			for i, want := range []*jingzi.LedgerItem{done, open, doing} {
				if got := all[i]; got.ID != want.ID || got.Seq != want.Seq || got.CarriedOut(f.meeting.ID) != (i > 0) {
					t.Errorf("%s: 2021 item %d is #%d 第%d项 carried out %v, want #%d 第%d项", label, i, got.ID, got.Seq, got.CarriedOut(f.meeting.ID), want.ID, want.Seq)
				}
			}
			if all[1].MeetingID == f.meeting.ID || all[1].OriginSeq != 2 {
				t.Errorf("%s: a carried item does not say where it lives: meeting %d origin seq %d", label, all[1].MeetingID, all[1].OriginSeq)
			}
		}
		recorded(t, "after one carry-over")
		if _, n, err := f.svc.FindLedgerItems(asUser(f.other), jingzi.LedgerFilter{MeetingID: &f.meeting.ID, WithCarried: true}); n != 0 || jingzi.ErrorCode(err) != jingzi.ENOTFOUND {
			t.Errorf("an outsider lists 2021 with carried items: %d, %v", n, err)
		}
		// The lead on the new roster reports on the carried item.
		if err := f.svc.AddProgress(asUser(f.colleague), progress(moved[0], "开展专题调研", 0), nil); err != nil {
			t.Errorf("the lead reports in the new meeting: %v", err)
		}
		prev, items, err := f.svc.FindCarriedOver(asUser(f.colleague), next.ID)
		if err != nil || prev == nil || prev.ID != f.meeting.ID || len(items) != 3 || items[0].ID != done.ID {
			t.Fatalf("carried over: %v %d items, %v", prev, len(items), err)
		}
		for i, it := range items {
			if it.Seq != i+1 {
				t.Errorf("carried over item %d is 第%d项, want its 2021 number %d", it.ID, it.Seq, i+1)
			}
		}
		for _, it := range items {
			if it.LeadID != zhang {
				t.Errorf("item %d lead %d, want %d on the new roster", it.ID, it.LeadID, zhang)
			}
		}
		part := jingzi.CarryOverPart(prev, items, zhang)
		if want := "上年度民主生活会查摆的问题中，本人牵头整改3个，已整改完成1个，其余2个正在整改，已转入本年度台账继续推进。"; part == nil || part.Intro != want {
			t.Errorf("part: %+v", part)
		}
		if prev, items, err := f.svc.FindCarriedOver(org, f.meeting.ID); err != nil || prev == nil || prev.ID != earlier.ID || len(items) != 0 {
			t.Errorf("2021 after an empty 2020: %v %v %v", prev, items, err)
		}
		if prev, items, err := f.svc.FindCarriedOver(org, earlier.ID); err != nil || prev != nil || items != nil {
			t.Errorf("the first meeting has a previous ledger: %v %v %v", prev, items, err)
		}
		if _, _, err := f.svc.FindCarriedOver(asUser(f.other), next.ID); jingzi.ErrorCode(err) != jingzi.ENOTFOUND {
			t.Errorf("an outsider reads the carry-over: %v", err)
		}
		third := &jingzi.Meeting{OrgID: f.bureau.ID, Year: 2023, Kind: jingzi.KindDemocratic, Title: "2023年度民主生活会", Framework: f.meeting.Framework}
		if err := meetings.CreateMeeting(org, third); err != nil {
			t.Fatal(err)
		}
		again, _, _ := f.svc.FindLedgerItems(org, jingzi.LedgerFilter{MeetingID: &third.ID})
		if len(again) != 2 || again[0].OriginMeetingID != f.meeting.ID || again[0].LeadID != 0 || again[0].LeadName != "张伟" {
			t.Errorf("carried twice: %+v", again)
		} else if again[0].Seq != 1 || again[0].OriginSeq != 2 || again[1].OriginSeq != 3 {
			t.Errorf("carried twice: 第%d项 origin %d, origin %d; want 第1项 and the 2021 numbers 2, 3", again[0].Seq, again[0].OriginSeq, again[1].OriginSeq)
		}
		recorded(t, "after two carry-overs")
		if n := studyAudits(t, db, "ledger.carryover"); n != 4 {
			t.Errorf("%d carry-over audits, want 4", n)
		}
	})
}

// An archived meeting is read-only, yet the daily check must not stumble on
// it and its open items still move on to the team's next meeting.
func TestLedgerArchivedMeeting(t *testing.T) {
	eachDB(t, func(t *testing.T, db *sqldb.DB) {
		f := newLedgerFixture(t, db)
		org := asUser(f.organizer)
		late := f.item(t, f.meeting, "调查研究不够深入", civil(2022, 6, 30))
		if err := db.ExecRaw(t.Context(), `UPDATE meetings SET archived_at = ? WHERE id = ?`, time.Date(2022, 7, 1, 0, 0, 0, 0, time.UTC), f.meeting.ID); err != nil {
			t.Fatal(err)
		}
		sysCtx := jingzi.SystemContext(t.Context(), "逾期检查")
		if n, err := f.svc.FlagOverdue(sysCtx, time.Date(2022, 8, 1, 8, 0, 0, 0, time.UTC)); err != nil || n != 0 {
			t.Errorf("overdue check on an archived meeting: flagged %d, %v; want 0 and no error", n, err)
		}
		if got := f.reload(t, late.ID); got.OverdueSince != nil {
			t.Errorf("an archived meeting's item was flagged")
		}
		next := &jingzi.Meeting{OrgID: f.bureau.ID, Year: 2022, Kind: jingzi.KindDemocratic, Title: "2022年度民主生活会", Framework: f.meeting.Framework}
		if err := sqldb.NewMeetingService(db).CreateMeeting(org, next); err != nil {
			t.Fatalf("next meeting after an archived one: %v", err)
		}
		if _, n, err := f.svc.FindLedgerItems(org, jingzi.LedgerFilter{MeetingID: &next.ID}); err != nil || n != 1 {
			t.Errorf("%d items carried from the archived meeting (%v), want 1", n, err)
		}
	})
}

// A source whose item was carried into the next meeting stays taken in the
// meeting it came from: the organiser cannot record the same problem twice.
func TestLedgerCarriedSourceStaysTaken(t *testing.T) {
	eachDB(t, func(t *testing.T, db *sqldb.DB) {
		f := newLedgerFixture(t, db)
		org := asUser(f.organizer)
		src := jingzi.LedgerSource{Kind: jingzi.SourceStatement, StatementID: 7, Anchor: jingzi.Anchor{Part: 0, Section: 1, Item: 0}, Label: "王建国同志对照检查材料"}
		first := &jingzi.LedgerItem{MeetingID: f.meeting.ID, Problem: "调查研究不深入", OwnerName: "赵六", DeadlineKind: jingzi.DeadlineOngoing, Source: src}
		if err := f.svc.CreateLedgerItem(org, first); err != nil {
			t.Fatal(err)
		}
		next := &jingzi.Meeting{OrgID: f.bureau.ID, Year: 2022, Kind: jingzi.KindDemocratic, Title: "2022年度民主生活会", Framework: f.meeting.Framework}
		if err := sqldb.NewMeetingService(db).CreateMeeting(org, next); err != nil {
			t.Fatal(err)
		}
		again := &jingzi.LedgerItem{MeetingID: f.meeting.ID, Problem: "调查研究不深入", OwnerName: "赵六", DeadlineKind: jingzi.DeadlineOngoing, Source: src}
		err := f.svc.CreateLedgerItem(org, again)
		if jingzi.ErrorCode(err) != jingzi.ECONFLICT || !strings.Contains(jingzi.ErrorMessage(err), "第1项，已转入下一年度台账") {
			t.Errorf("the carried item's source taken again: %v, want ECONFLICT naming 第1项", err)
		}
	})
}
