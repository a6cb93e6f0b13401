package main

import (
	"context"
	"io"
	"log/slog"
	"testing"

	"jingzi"
	"jingzi/sqldb"
)

// The demo's statements, saved without a grade, are graded by the background
// job; a later save through the server's StatementService grades the new
// version at once, and the 督导一览 shows the grade the check gives.
func TestGradeStatements(t *testing.T) {
	s := newDemoSite(t)
	ctx := context.Background()
	sys := jingzi.SystemContext(ctx, "测试")
	statements, meetings := sqldb.NewStatementService(s.db), sqldb.NewMeetingService(s.db)
	tpl, err := newTemplates(ctx, sqldb.NewCorpusService(s.db), sqldb.NewOrgService(s.db))
	if err != nil {
		t.Fatal(err)
	}
	c := &checker{statements: statements, meetings: meetings, templates: tpl}
	g := &grader{checker: c, store: statements, logger: slog.New(slog.NewTextHandler(io.Discard, nil))}
	due := func() []sqldb.GradeRef {
		t.Helper()
		refs, err := statements.StatementsToGrade(sys, 0)
		if err != nil {
			t.Fatal(err)
		}
		return refs
	}
	before := due()
	if len(before) == 0 {
		t.Fatal("the demo has no statement to grade")
	}
	if n, err := g.backfill(ctx); err != nil || n != len(before) {
		t.Fatalf("backfill graded %d of %d: %v", n, len(before), err)
	}
	if left := due(); len(left) != 0 {
		t.Errorf("still due after the backfill: %v", left)
	}
	if n, err := g.backfill(ctx); err != nil || n != 0 {
		t.Errorf("a second backfill graded %d: %v", n, err)
	}

	// A new statement, only the skeleton, fails the check; the dashboard says
	// so right after it was created, and again after a save.
	m, err := meetings.FindMeetingByID(sys, s.ids["meeting:江城市民政局党委"])
	if err != nil {
		t.Fatal(err)
	}
	taken := map[int64]bool{}
	list, _, _ := statements.FindStatements(sys, jingzi.StatementFilter{MeetingID: &m.ID})
	for _, x := range list {
		taken[x.ParticipantID] = true
	}
	st := jingzi.NewStatementFromFramework(m.Framework, "对照检查材料")
	st.MeetingID = m.ID
	for _, p := range m.Participants {
		if !taken[p.ID] {
			st.ParticipantID = p.ID
		}
	}
	svc := gradedStatements{StatementService: statements, grader: g}
	if err := svc.CreateStatement(sys, st, "测试"); err != nil {
		t.Fatal(err)
	}
	if left := due(); len(left) != 0 {
		t.Errorf("the created statement is not graded: %v", left)
	}
	st.Title = "对照检查材料（修改稿）"
	if err := svc.SaveStatement(sys, st, "测试"); err != nil {
		t.Fatal(err)
	}
	id := st.ID
	if left := due(); len(left) != 0 {
		t.Errorf("the saved version is not graded: %v", left)
	}
	rep, err := c.CheckStatement(sys, id)
	if err != nil {
		t.Fatal(err)
	}
	if rep.Grade == jingzi.GradePass {
		t.Fatalf("an empty statement passes the check: %+v", rep)
	}
	rows, _, err := sqldb.NewSupervisionService(s.db).SupervisionRows(sys, jingzi.SupervisionFilter{})
	if err != nil {
		t.Fatal(err)
	}
	for _, r := range rows {
		if r.MeetingID != st.MeetingID {
			continue
		}
		if r.Grades.Unchecked != 0 || r.Grades.Lowest > rep.Score {
			t.Errorf("dashboard grades %+v, want none unchecked and the lowest at most %d", r.Grades, rep.Score)
		}
		if (rep.Grade == jingzi.GradeFail && r.Grades.Fail == 0) || (rep.Grade == jingzi.GradeRevise && r.Grades.Revise == 0) {
			t.Errorf("dashboard grades %+v lack the saved statement's %s", r.Grades, rep.Grade)
		}
		return
	}
	t.Errorf("no dashboard row for meeting %d", st.MeetingID)
}
