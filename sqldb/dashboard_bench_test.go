package sqldb_test

import (
	"context"
	"fmt"
	"path/filepath"
	"testing"
	"time"

	"jingzi"
	"jingzi/sqldb"
)

// BenchmarkSupervision200 reads the dashboard of a 组织部 over 200 teams, each
// with a roster of 6, five graded statements in various states, up to four
// talks, three opinions, the minutes with the 情况报告 sent or not, and ten
// 整改台账 items, on SQLite.
func BenchmarkSupervision200(b *testing.B) {
	db := sqldb.NewDB(filepath.Join(b.TempDir(), "jingzi.db"))
	db.Hasher = sqldb.PasswordHasher{Memory: 64, Time: 1, Threads: 1}
	if err := db.Open(); err != nil {
		b.Fatal(err)
	}
	b.Cleanup(func() { db.Close() })
	root := seedTeams(b, db, 200)
	ctx := asUser(&jingzi.User{ID: 1, Name: "组织部", Grants: []jingzi.Grant{{Role: jingzi.RoleReviewer, OrgID: root.ID, OrgPath: root.Path}}})
	svc := sqldb.NewSupervisionService(db)
	b.ResetTimer()
	for b.Loop() {
		rows, n, err := svc.SupervisionRows(ctx, jingzi.SupervisionFilter{Sort: "talks", Now: time.Now()})
		if err != nil || n != 200 || len(rows) != 200 || rows[199].TalkDone == 0 || rows[0].LedgerItems != 10 || rows[0].Grades.Checked() != 5 {
			b.Fatalf("%d rows of %d: %v", len(rows), n, err)
		}
	}
}

func seedTeams(b *testing.B, db *sqldb.DB, teams int) *jingzi.Org {
	orgs, meetings, talks := sqldb.NewOrgService(db), sqldb.NewMeetingService(db), sqldb.NewTalkService(db)
	root := &jingzi.Org{Name: "中共江城市委组织部", Kind: jingzi.OrgDepartment}
	if err := orgs.CreateOrg(sys, root); err != nil {
		b.Fatal(err)
	}
	fw, _ := jingzi.BuiltinFramework("2021")
	states := []string{"draft", "submitted", "returned", "approved", "final"}
	grades := []string{jingzi.GradePass, jingzi.GradeRevise, jingzi.GradeFail}
	ledger := [][2]string{{"open", "ongoing"}, {"doing", "dated"}, {"requested", "immediate"}, {"closed", "dated"}, {"doing", "immediate"}}
	date := time.Date(2022, 1, 20, 0, 0, 0, 0, time.UTC)
	for i := range teams {
		o := &jingzi.Org{ParentID: root.ID, Name: fmt.Sprintf("第%d局党委", i+1), Kind: jingzi.OrgCommittee}
		if err := orgs.CreateOrg(sys, o); err != nil {
			b.Fatal(err)
		}
		m := &jingzi.Meeting{OrgID: o.ID, Year: 2021, Kind: jingzi.KindDemocratic, Title: o.Name + "民主生活会", Framework: fw,
			Phase: jingzi.Phases[i%len(jingzi.Phases)], MeetingDate: &date}
		for j := range 6 {
			m.Participants = append(m.Participants, &jingzi.Participant{Name: fmt.Sprintf("成员%d", j+1), Head: j == 0,
				Portfolio: []string{fmt.Sprintf("科室%d", j+1)}})
		}
		if err := meetings.CreateMeeting(sys, m); err != nil {
			b.Fatal(err)
		}
		for j, st := range states {
			if err := db.ExecRaw(context.Background(), `INSERT INTO statements (meeting_id, participant_id, title, version, body, updated_at, updated_by, state,
				check_score, check_grade, check_version) VALUES (?, ?, '对照检查材料', 1, '{}', ?, '测试', ?, ?, ?, 1)`,
				m.ID, m.Participants[j].ID, date, st, 60+(i+j)%40, grades[(i+j)%3]); err != nil {
				b.Fatal(err)
			}
		}
		if err := db.ExecRaw(context.Background(), `INSERT INTO solicitations (meeting_id, title, opens_on, closes_on, threshold, created_at)
			VALUES (?, '征求意见', ?, ?, 3, ?)`, m.ID, date, date, date); err != nil {
			b.Fatal(err)
		}
		for j := range 3 {
			if err := db.ExecRaw(context.Background(), `INSERT INTO opinions (id, solicitation_id, channel, body)
				VALUES (?, (SELECT id FROM solicitations WHERE meeting_id = ?), 'forum', '意见')`, fmt.Sprintf("o%d-%d", i, j), m.ID); err != nil {
				b.Fatal(err)
			}
		}
		if err := db.ExecRaw(context.Background(), `INSERT INTO meeting_minutes (meeting_id, report_days, report_sent_on, updated_at)
			VALUES (?, 15, ?, ?)`, m.ID, sentOn(i, date), date); err != nil {
			b.Fatal(err)
		}
		for j := range 10 {
			l := ledger[(i+j)%len(ledger)]
			if err := db.ExecRaw(context.Background(), `INSERT INTO ledger_items (meeting_id, seq, problem, source_kind, owner_name,
				deadline_kind, due, status, created_at, updated_at) VALUES (?, ?, '问题', 'manual', '成员1', ?, ?, ?, ?, ?)`,
				m.ID, j+1, l[1], date.AddDate(0, j, 0), l[0], date, date); err != nil {
				b.Fatal(err)
			}
		}
		for j := range 1 + i%4 {
			t := &jingzi.Talk{MeetingID: m.ID, Date: date.AddDate(0, 0, -j-1),
				A: jingzi.TalkSide{ParticipantID: m.Participants[0].ID}, B: jingzi.TalkSide{ParticipantID: m.Participants[j+1].ID}}
			if err := talks.RecordTalk(sys, t); err != nil {
				b.Fatal(err)
			}
		}
	}
	return root
}

// sentOn: every other team has sent its 情况报告.
func sentOn(i int, date time.Time) any {
	if i%2 == 0 {
		return nil
	}
	return date.AddDate(0, 0, 10)
}
