package jingzi_test

import (
	"strconv"
	"testing"
	"time"

	"jingzi"
)

func grades(pairs ...any) jingzi.GradeCounts {
	var g jingzi.GradeCounts
	for i := 0; i < len(pairs); i += 2 {
		g.Add(pairs[i].(string), 1, pairs[i+1].(int))
	}
	return g
}

func TestGradeCountsSummary(t *testing.T) {
	tests := []struct {
		name string
		g    jingzi.GradeCounts
		want string
	}{
		{"no statements", grades(), "—"},
		{"all pass", grades(jingzi.GradePass, 92, jingzi.GradePass, 85), "达标2（最低85分）"},
		{"mixed with the lowest", grades(jingzi.GradePass, 90, jingzi.GradeFail, 41, jingzi.GradeRevise, 70, jingzi.GradeRevise, 66),
			"达标1 需修改2 不达标1（最低41分）"},
		{"lowest when the first is lowest", grades(jingzi.GradeRevise, 60, jingzi.GradePass, 95), "达标1 需修改1（最低60分）"},
		{"unchecked only", grades("", 0, "", 0), "未检查2"},
		{"unchecked beside checked", grades("", 0, jingzi.GradePass, 88), "达标1 未检查1（最低88分）"},
	}
	for _, tt := range tests {
		if got := tt.g.Summary(); got != tt.want {
			t.Errorf("%s: %q, want %q", tt.name, got, tt.want)
		}
	}
}

func TestSupervisionReportDue(t *testing.T) {
	now := time.Date(2024, 3, 1, 9, 0, 0, 0, time.UTC)
	tests := []struct {
		name    string
		row     jingzi.SupervisionRow
		due     string
		overdue bool
	}{
		{"default 15 days, late", jingzi.SupervisionRow{MeetingDate: civilDay(2024, 2, 1), Phase: jingzi.PhaseRectify}, "2024年2月16日", true},
		{"sent in time is not late", jingzi.SupervisionRow{MeetingDate: civilDay(2024, 2, 1), Phase: jingzi.PhaseRectify, ReportSent: true},
			"2024年2月16日", false},
		{"30 days set by the organiser", jingzi.SupervisionRow{MeetingDate: civilDay(2024, 2, 1), ReportDays: 30, Phase: jingzi.PhaseRectify},
			"2024年3月2日", false},
		{"the last day itself is not late", jingzi.SupervisionRow{MeetingDate: civilDay(2024, 2, 15), Phase: jingzi.PhaseRectify}, "2024年3月1日", false},
		{"no date, no deadline", jingzi.SupervisionRow{Phase: jingzi.PhasePlan}, "", false},
	}
	for _, tt := range tests {
		due := ""
		if d := tt.row.ReportDue(); d != nil {
			due = jingzi.FormatDate(*d)
		}
		if due != tt.due || tt.row.ReportDueOverdue(now) != tt.overdue {
			t.Errorf("%s: due %q overdue %v, want %q %v", tt.name, due, tt.row.ReportDueOverdue(now), tt.due, tt.overdue)
		}
	}
}

func TestSupervisionLedger(t *testing.T) {
	now := time.Date(2024, 3, 1, 0, 0, 0, 0, time.UTC)
	tests := []struct {
		name    string
		row     jingzi.SupervisionRow
		pct     string
		overdue bool
	}{
		{"empty ledger", jingzi.SupervisionRow{}, "—", false},
		{"two of eight closed, one red", jingzi.SupervisionRow{LedgerItems: 8, LedgerClosed: 2, LedgerOverdue: 1}, "25", true},
		{"all closed", jingzi.SupervisionRow{LedgerItems: 3, LedgerClosed: 3}, "100", false},
	}
	for _, tt := range tests {
		pct := "—"
		if p, ok := tt.row.LedgerPercent(); ok {
			pct = strconv.Itoa(p)
		}
		if pct != tt.pct || tt.row.Overdue(now) != tt.overdue {
			t.Errorf("%s: %s%% overdue %v, want %s%% %v", tt.name, pct, tt.row.Overdue(now), tt.pct, tt.overdue)
		}
	}
}

func TestSupervisionSortByGradesAndLedger(t *testing.T) {
	now := time.Date(2024, 3, 1, 0, 0, 0, 0, time.UTC)
	rows := []*jingzi.SupervisionRow{
		{OrgName: "甲", OrgPath: "/1/", Grades: grades(jingzi.GradePass, 90), LedgerItems: 10, LedgerClosed: 5, LedgerOverdue: 0},
		{OrgName: "乙", OrgPath: "/2/", Grades: grades(jingzi.GradeFail, 50, jingzi.GradePass, 95), LedgerItems: 4, LedgerClosed: 4},
		{OrgName: "丙", OrgPath: "/3/", Grades: grades("", 0)},
		{OrgName: "丁", OrgPath: "/4/", Grades: grades(jingzi.GradeRevise, 70, jingzi.GradeRevise, 60), LedgerItems: 5, LedgerClosed: 1, LedgerOverdue: 3},
		{OrgName: "戊", OrgPath: "/5/", Grades: grades(jingzi.GradeRevise, 70, jingzi.GradeRevise, 75), LedgerItems: 2, LedgerOverdue: 1},
	}
	tests := []struct {
		f    jingzi.SupervisionFilter
		want string
	}{
		{jingzi.SupervisionFilter{Sort: "grades"}, "乙丁戊甲丙"},
		{jingzi.SupervisionFilter{Sort: "ledger"}, "丙戊丁甲乙"},
		{jingzi.SupervisionFilter{Sort: "ledgeroverdue", Desc: true}, "丁戊甲乙丙"},
		{jingzi.SupervisionFilter{OverdueOnly: true}, "丁戊"},
	}
	for _, tt := range tests {
		tt.f.Now = now
		list, _ := jingzi.SelectSupervisionRows(rows, tt.f)
		var got string
		for _, r := range list {
			got += r.OrgName
		}
		if got != tt.want {
			t.Errorf("%+v: %s, want %s", tt.f, got, tt.want)
		}
	}
}
