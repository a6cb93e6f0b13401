package web

import (
	"context"
	"net/http"
	"strings"
	"testing"

	"jingzi"
)

func TestLedgerListShortensProblem(t *testing.T) {
	f := newFixture(t)
	long := "平时忙于日常工作多，个人专门自学少，还没有真正坐下来、静下来系统学习习近平新时代中国特色社会主义思想，" +
		"全面领会思想精髓、梳理脉络、准确把握要义还有欠缺，有时满足于原文通读了、笔记摘抄了、体会撰写了。"
	f.ledger.items[0].Problem = long
	tok := f.session(t, "organizer")
	body := f.get("/meetings/7/rectify", tok).Body.String()
	short := string([]rune(long)[:listProblemRunes]) + "…"
	if !strings.Contains(body, `<a href="/ledger/1">`+short+`</a>`) || !strings.Contains(body, `title="`+long+`"`) {
		t.Error("the list does not show the problem shortened with the whole text as its title")
	}
	if strings.Contains(body, `<a href="/ledger/1">`+long) {
		t.Error("the list shows the whole problem")
	}
	if !strings.Contains(body, `<a href="/ledger/2">文山会海仍然存在。</a>`) {
		t.Error("a short problem is not shown whole")
	}
	body = f.get("/ledger/1", tok).Body.String()
	if !strings.Contains(body, `<dd class="ledger-problem-text">`+long+`</dd>`) {
		t.Error("the item page does not show the whole problem")
	}
}

// An item carried into the team's next meeting stays in the old meeting's
// list under its old number, marked with where it went and linked to its
// page; the old meeting's 通报 counts it as being fixed, not as overdue.
func TestLedgerListCarriedOut(t *testing.T) {
	f := newFixture(t)
	next := &jingzi.Meeting{ID: 9, OrgID: f.meeting.OrgID, OrgName: f.meeting.OrgName, OrgPath: f.meeting.OrgPath, Year: 2023,
		Kind: f.meeting.Kind, Title: "2023年度民主生活会"}
	find := f.meet.FindMeetingByIDFn
	f.meet.FindMeetingByIDFn = func(ctx context.Context, id int64) (*jingzi.Meeting, error) {
		if id == next.ID && jingzi.CanViewMeeting(ctx, next.OrgPath) {
			return next, nil
		}
		return find(ctx, id)
	}
	carried := f.ledger.items[0] // overdue since 2024-02-20
	carried.MeetingID, carried.OriginMeetingID, carried.OriginSeq = next.ID, f.meeting.ID, 1
	list := f.ledger.svc.FindLedgerItemsFn
	var asked []jingzi.LedgerFilter
	f.ledger.svc.FindLedgerItemsFn = func(ctx context.Context, flt jingzi.LedgerFilter) ([]*jingzi.LedgerItem, int, error) {
		asked = append(asked, flt)
		return list(ctx, flt)
	}
	tok := f.session(t, "organizer")
	body := f.get("/meetings/7/rectify", tok).Body.String()
	if !strings.Contains(body, `<a href="/ledger/1" class="ledger-carried">已转入2023年度台账</a>`) {
		t.Errorf("the carried item is not marked with its new ledger:\n%s", body)
	}
	if n := strings.Count(body, "已转入"); n != 1 {
		t.Errorf("%d items marked as carried, want 1", n)
	}
	if len(asked) == 0 || !asked[0].WithCarried || asked[0].MeetingID == nil || *asked[0].MeetingID != 7 {
		t.Errorf("the list did not ask for the carried items: %+v", asked)
	}
	rec := f.get("/meetings/7/bulletin.docx", tok)
	if body := rec.Body.String(); rec.Code != http.StatusOK || !strings.Contains(body, "台账共3项，已销号1项，完成率33%；正在整改2项（其中已转入下一年度台账1项）；逾期0项。") ||
		!strings.Contains(body, "第1项“理论学习不系统不深入”（李副局长）") {
		t.Errorf("bulletin of the old meeting: %d %s", rec.Code, body)
	}
}
