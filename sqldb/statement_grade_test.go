package sqldb_test

import (
	"context"
	"testing"

	"jingzi"
	"jingzi/sqldb"
)

// A grade is stored for the version it was computed on: a stale version
// changes nothing, a later save makes the statement due for grading again, and
// the 督导一览 counts the grades of the team's statements.
func TestRecordCheckGrade(t *testing.T) {
	eachDB(t, func(t *testing.T, db *sqldb.DB) {
		f := newTalkFixture(t, db)
		other := seedSupervision(t, db, f)
		svc := sqldb.NewStatementService(db)
		due := func() []sqldb.GradeRef {
			t.Helper()
			refs, err := svc.StatementsToGrade(sys, 0)
			if err != nil {
				t.Fatal(err)
			}
			return refs
		}
		refs := due()
		if len(refs) != 3 {
			t.Fatalf("due for grading: %v, want the three statements", refs)
		}
		record := func(ref sqldb.GradeRef, version, score int, grade string) bool {
			t.Helper()
			ok, err := svc.RecordCheckGrade(sys, ref.StatementID, version, score, grade)
			if err != nil {
				t.Fatal(err)
			}
			return ok
		}
		if !record(refs[0], 1, 90, jingzi.GradePass) || !record(refs[1], 1, 42, jingzi.GradeFail) {
			t.Fatal("a grade for the current version was not stored")
		}
		if record(refs[2], 2, 80, jingzi.GradePass) {
			t.Error("a grade for a version that does not exist was stored")
		}
		if got := due(); len(got) != 1 || got[0] != refs[2] {
			t.Errorf("due after grading two: %v, want %v", got, refs[2])
		}
		for _, tt := range []struct {
			name  string
			ctx   context.Context
			score int
			grade string
			code  string
		}{
			{"a user", asUser(f.organizer), 90, jingzi.GradePass, jingzi.EFORBIDDEN},
			{"an unknown grade", sys, 90, "优秀", jingzi.EINVALID},
			{"a score over 100", sys, 120, jingzi.GradePass, jingzi.EINVALID},
		} {
			if _, err := svc.RecordCheckGrade(tt.ctx, refs[2].StatementID, 1, tt.score, tt.grade); jingzi.ErrorCode(err) != tt.code {
				t.Errorf("%s: %v, want %s", tt.name, err, tt.code)
			}
		}
		if _, err := svc.StatementsToGrade(asUser(f.reviewer), 0); jingzi.ErrorCode(err) != jingzi.EFORBIDDEN {
			t.Errorf("a reviewer lists statements to grade: %v", err)
		}

		rows, _, err := sqldb.NewSupervisionService(db).SupervisionRows(asUser(f.reviewer), jingzi.SupervisionFilter{Sort: "grades"})
		if err != nil || len(rows) != 2 {
			t.Fatal(rows, err)
		}
		if rows[0].MeetingID != f.meeting.ID || rows[1].MeetingID != other.ID {
			t.Errorf("sorted by grade: %s first, want the bureau with a 不达标 statement", rows[0].Title)
		}
		if got, want := rows[0].Grades.Summary(), "达标1 不达标1 未检查1（最低42分）"; got != want {
			t.Errorf("grades %q, want %q", got, want)
		}

		// A save moves the statement on: its grade is due again.
		if err := db.ExecRaw(context.Background(), `UPDATE statements SET version = 2 WHERE id = ?`, refs[0].StatementID); err != nil {
			t.Fatal(err)
		}
		if got := due(); len(got) != 2 || got[0] != (sqldb.GradeRef{StatementID: refs[0].StatementID, Version: 2}) {
			t.Errorf("due after a save: %v", got)
		}
		if record(refs[0], 1, 95, jingzi.GradePass) {
			t.Error("the grade of the old version overwrote the record")
		}
		if got := due(); len(got) != 2 {
			t.Errorf("due after a stale grade: %v", got)
		}
	})
}
