package web

import (
	"strings"
	"testing"
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
