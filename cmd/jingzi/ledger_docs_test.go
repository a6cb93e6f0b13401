package main

import (
	"context"
	"io"
	"path/filepath"
	"testing"
	"time"

	"jingzi"
	"jingzi/sqldb"
)

// ledgerDocsDay is the day the documents are written: two items of the 2020
// ledger are closed, the other two went on into the 2021 ledger (one of them,
// due 2021年12月31日, is 10 days late there).
var ledgerDocsDay = time.Date(2022, 1, 10, 9, 0, 0, 0, time.UTC)

// ledgerDocs are the 整改落实情况通报 and 整改落实情况报告 of the demo's 2020
// 民主生活会, whose ledger the demo records through the real sqldb services
// (items, progress with evidence, 销号), read back through the LedgerService
// and written through the server's DocumentService as .docx.
func ledgerDocs(t *testing.T) map[string][]byte {
	t.Helper()
	db := sqldb.NewDB(filepath.Join(t.TempDir(), "jingzi.db"))
	if err := db.Open(); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { db.Close() })
	ctx := context.Background()
	if err := loadDemo(ctx, db, &env{stdout: io.Discard, stderr: io.Discard}); err != nil {
		t.Fatal(err)
	}
	sys := jingzi.SystemContext(ctx, "测试")
	meetings, _, err := sqldb.NewMeetingService(db).FindMeetings(sys, jingzi.MeetingFilter{})
	if err != nil {
		t.Fatal(err)
	}
	var current int64
	for _, m := range meetings {
		if m.OrgName == "江城市民政局党委" && m.Year == 2021 {
			current = m.ID
		}
	}
	prev, items, err := sqldb.NewLedgerService(db, nil).FindCarriedOver(sys, current)
	if err != nil || prev == nil || len(items) != 4 {
		t.Fatalf("the demo's 2020 ledger: %v, %d items, %v", prev, len(items), err)
	}
	out := map[string][]byte{}
	for name, d := range map[string]jingzi.Document{
		"bulletin": jingzi.BulletinDocument(prev, items, ledgerDocsDay),
		"report":   jingzi.RectificationReportDocument(prev, items, ledgerDocsDay),
	} {
		data, _, err := documents{}.ExportDocument(ctx, &d, jingzi.FormatDocx)
		if err != nil {
			t.Fatal(err)
		}
		out[name] = data
	}
	return out
}

// The key lines a reader looks for, in each document.
var ledgerDocLines = map[string][]string{
	"bulletin": {"关于江城市民政局党委2020年度民主生活会整改落实情况的通报", "（截至2022年1月10日）",
		"整改台账共4项，已销号2项，完成率50%；正在整改2项（其中已转入下一年度台账2项）；逾期0项。",
		"王建国：已完成1项，第1项“理论学习的系统性不够，学用结合不够紧密”（2021年4月6日销号）。",
		"李红梅：已完成1项，第2项“文山会海问题仍然存在，基层负担较重”（2021年4月6日销号）。",
		// The open items went on into the 2021 ledger (where the late one is
		// 督办); the 2020 bulletin names them with their 2020 numbers.
		"目前无逾期事项。", "另有2项正在整改、已转入下一年度台账继续推进",
		"第3项“养老服务设施建设进度偏慢，群众反映的“一床难求”问题仍然突出”（张伟）",
		"第4项“整改落实跟踪问效不够，督查检查偏少、通报不多”（陈志强）"},
	"report": {"江城市民政局党委领导班子关于2020年度民主生活会整改落实情况的报告", "共梳理形成整改事项4项",
		"其中立行立改1项、限期整改2项、长期坚持1项", "已完成整改并销号2项，完成率50%",
		"量化目标“新建社区养老服务站”：已完成6个，计划10个。", "责任人：张伟；正在整改，已转入下一年度台账继续推进。",
		"其中已转入下一年度台账的2项", "三、下一步打算"},
}

// python-docx opens both documents and reads their paragraphs.
func TestLedgerDocsOpenInPythonDocx(t *testing.T) {
	checkDocxInPython(t, ledgerDocs, ledgerDocLines)
}

// LibreOffice converts both to PDF, and the PDF text holds the key lines.
func TestLedgerDocsConvertWithLibreOffice(t *testing.T) {
	checkDocxInLibreOffice(t, ledgerDocs, ledgerDocLines)
}
