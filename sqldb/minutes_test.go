package sqldb_test

import (
	"strings"
	"testing"
	"time"

	"jingzi"
	"jingzi/sqldb"
)

// Before anything is saved the organiser sees a draft: the roster present, the
// head hosting, the usual agenda with each speaker's statement.
func TestMinutesDraft(t *testing.T) {
	eachDB(t, func(t *testing.T, db *sqldb.DB) {
		f := newStatementFixture(t, db)
		team := f.skeleton(-1)
		member := f.skeleton(1)
		statements := sqldb.NewStatementService(db)
		for _, s := range []*jingzi.Statement{team, member} {
			if err := statements.CreateStatement(asUser(f.organizer), s, "新建"); err != nil {
				t.Fatal(err)
			}
		}
		min, err := sqldb.NewMinutesService(db).FindMinutes(asUser(f.organizer), f.meeting.ID)
		if err != nil {
			t.Fatal(err)
		}
		if min.Saved || min.Version != 0 || min.Host != "王建国" || min.ReportDays != jingzi.MeetingReportDays {
			t.Errorf("draft: saved %v, version %d, host %q, report days %d", min.Saved, min.Version, min.Host, min.ReportDays)
		}
		if present, expected, ok := min.Quorum(); present != 3 || expected != 3 || !ok {
			t.Errorf("draft attendance: %d of %d", present, expected)
		}
		speeches := map[int64]int64{}
		var teamItem *jingzi.AgendaItem
		for _, it := range min.Agenda {
			switch it.Kind {
			case jingzi.AgendaSpeech:
				speeches[it.ParticipantID] = it.StatementID
			case jingzi.AgendaTeam:
				teamItem = it
			}
		}
		p := f.meeting.Participants
		if len(speeches) != 3 || speeches[p[1].ID] != member.ID || speeches[p[2].ID] != 0 {
			t.Errorf("speeches and statements: %v", speeches)
		}
		if teamItem == nil || teamItem.StatementID != team.ID || teamItem.ParticipantID != p[0].ID {
			t.Errorf("team item: %+v", teamItem)
		}
	})
}

// minutesFor returns a valid set of minutes for the fixture: the colleague on
// leave, the member criticising the head.
func minutesFor(t *testing.T, svc *sqldb.MinutesService, f *statementFixture) *jingzi.Minutes {
	t.Helper()
	min, err := svc.FindMinutes(asUser(f.organizer), f.meeting.ID)
	if err != nil {
		t.Fatal(err)
	}
	p := f.meeting.Participants
	min.Place, min.Recorder = "局机关三楼会议室", "赵敏"
	min.Attendance[2].Status, min.Attendance[2].Reason = jingzi.AttendLeave, "因公出差"
	min.Criticisms = []*jingzi.Criticism{{FromID: p[1].ID, ToID: p[0].ID, Content: "调研多在机关，深入基层少。"}}
	return min
}

func TestMinutesSaveAndQuorum(t *testing.T) {
	eachDB(t, func(t *testing.T, db *sqldb.DB) {
		f := newStatementFixture(t, db)
		svc := sqldb.NewMinutesService(db)
		min := minutesFor(t, svc, f)
		if err := svc.SaveMinutes(asUser(f.organizer), min); err != nil {
			t.Fatal(err)
		}
		got, err := svc.FindMinutes(asUser(f.reviewer), f.meeting.ID)
		if err != nil {
			t.Fatal(err)
		}
		present, expected, ok := got.Quorum()
		if !got.Saved || got.Version != 1 || present != 2 || expected != 3 || !ok {
			t.Errorf("saved: version %d, %d of %d, quorum %v", got.Version, present, expected, ok)
		}
		if a := got.Attendee(f.meeting.Participants[2].ID); a == nil || a.Reason != "因公出差" {
			t.Errorf("leave reason: %+v", a)
		}
		if len(got.Criticisms) != 1 || got.Criticisms[0].FromName != "李红梅" || got.Criticisms[0].ToName != "王建国" {
			t.Errorf("criticisms: %+v", got.Criticisms)
		}
		// With a second absence two of three is no longer enough.
		got.Attendance[1].Status, got.Attendance[1].Reason = jingzi.AttendLeave, "病假"
		if err := svc.SaveMinutes(asUser(f.organizer), got); err != nil {
			t.Fatal(err)
		}
		again, _ := svc.FindMinutes(asUser(f.organizer), f.meeting.ID)
		if present, expected, ok := again.Quorum(); present != 1 || expected != 3 || ok {
			t.Errorf("after second absence: %d of %d, quorum %v", present, expected, ok)
		}
		prog, err := svc.MeetingProgress(asUser(f.organizer), f.meeting.ID)
		if err != nil || prog.MeetingRecord == nil || !prog.MeetingRecord.Recorded || prog.MeetingRecord.Present != 1 {
			t.Errorf("progress: %+v, %v", prog.MeetingRecord, err)
		}
		if n := minutesAudit(t, db, "minutes.save"); n != 2 {
			t.Errorf("audit entries for two saves: %d", n)
		}
	})
}

// Bad input is refused with a Chinese message, and nothing is stored.
func TestMinutesValidation(t *testing.T) {
	eachDB(t, func(t *testing.T, db *sqldb.DB) {
		f := newStatementFixture(t, db)
		svc := sqldb.NewMinutesService(db)
		other := newStatementFixture2(t, db, f)
		p := f.meeting.Participants
		colleague := f.skeleton(1)
		if err := sqldb.NewStatementService(db).CreateStatement(asUser(f.organizer), colleague, "新建"); err != nil {
			t.Fatal(err)
		}
		tests := []struct {
			name   string
			change func(m *jingzi.Minutes)
			want   string
		}{
			{"absence without reason", func(m *jingzi.Minutes) { m.Attendance[2].Reason = "" }, "张伟未出席，请填写缺席原因"},
			{"criticism of oneself", func(m *jingzi.Minutes) { m.Criticisms[0].ToID = p[1].ID }, "不能是同一人"},
			{"criticism from outside the roster", func(m *jingzi.Minutes) { m.Criticisms[0].FromID = 99999 }, "都应从班子成员中选择"},
			{"empty criticism", func(m *jingzi.Minutes) { m.Criticisms[0].Content = " " }, "请填写李红梅对王建国的批评意见内容"},
			{"speaker outside the roster", func(m *jingzi.Minutes) { m.Agenda[3].ParticipantID = 99999 }, "发言人不在班子成员名单上"},
			{"statement of another meeting", func(m *jingzi.Minutes) { m.Agenda[3].StatementID = other }, "不属于本次会议"},
			{"a colleague's statement", func(m *jingzi.Minutes) { m.Agenda[3].StatementID = colleague.ID }, "的发言人是王建国同志，所选的却是李红梅同志的对照检查材料"},
			{"report days out of range", func(m *jingzi.Minutes) { m.ReportDays = 61 }, "1至60天"},
			{"agenda item without title", func(m *jingzi.Minutes) { m.Agenda[0].Title = "" }, "请填写第1项议程的内容"},
		}
		for _, tt := range tests {
			min := minutesFor(t, svc, f)
			tt.change(min)
			err := svc.SaveMinutes(asUser(f.organizer), min)
			if jingzi.ErrorCode(err) != jingzi.EINVALID || !strings.Contains(jingzi.ErrorMessage(err), tt.want) {
				t.Errorf("%s: %v, want EINVALID %q", tt.name, err, tt.want)
			}
		}
		if got, _ := svc.FindMinutes(asUser(f.organizer), f.meeting.ID); got.Saved {
			t.Error("refused saves stored the minutes")
		}
	})
}

// newStatementFixture2 makes a meeting of the other org with a statement and returns its id.
func newStatementFixture2(t *testing.T, db *sqldb.DB, f *statementFixture) int64 {
	t.Helper()
	fw, _ := jingzi.BuiltinFramework("2021")
	m := &jingzi.Meeting{OrgID: f.fixture.other.ID, Year: 2021, Kind: jingzi.KindDemocratic, Title: "人社局民主生活会", Framework: fw}
	if err := sqldb.NewMeetingService(db).CreateMeeting(asUser(f.other), m); err != nil {
		t.Fatal(err)
	}
	s := jingzi.NewStatementFromFramework(fw, "班子对照检查材料")
	s.MeetingID = m.ID
	if err := sqldb.NewStatementService(db).CreateStatement(asUser(f.other), s, "新建"); err != nil {
		t.Fatal(err)
	}
	return s.ID
}

// A save from a stale version is refused and the newer minutes stay as they were.
func TestMinutesStaleSave(t *testing.T) {
	eachDB(t, func(t *testing.T, db *sqldb.DB) {
		f := newStatementFixture(t, db)
		svc := sqldb.NewMinutesService(db)
		first, second := minutesFor(t, svc, f), minutesFor(t, svc, f)
		first.Summary = "第一位记录人的总结"
		if err := svc.SaveMinutes(asUser(f.organizer), first); err != nil {
			t.Fatal(err)
		}
		second.Summary = "第二个窗口的总结"
		if err := svc.SaveMinutes(asUser(f.organizer), second); jingzi.ErrorCode(err) != jingzi.ECONFLICT {
			t.Fatalf("stale first save: %v, want ECONFLICT", err)
		}
		current, _ := svc.FindMinutes(asUser(f.organizer), f.meeting.ID)
		current.Place = "新地点"
		if err := svc.SaveMinutes(asUser(f.organizer), current); err != nil {
			t.Fatal(err)
		}
		stale := *current
		stale.Version = 1
		stale.Summary = "过期的总结"
		if err := svc.SaveMinutes(asUser(f.organizer), &stale); jingzi.ErrorCode(err) != jingzi.ECONFLICT {
			t.Fatalf("stale update: %v, want ECONFLICT", err)
		}
		got, _ := svc.FindMinutes(asUser(f.organizer), f.meeting.ID)
		if got.Version != 2 || got.Summary != "第一位记录人的总结" || got.Place != "新地点" || len(got.Criticisms) != 1 {
			t.Errorf("after refused saves: version %d, summary %q, place %q", got.Version, got.Summary, got.Place)
		}
	})
}

// Only the organiser records; the receiver of a criticism, and the organiser,
// write the response; another participant may not; a reviewer of another
// subtree does not see the minutes at all.
func TestMinutesPermissions(t *testing.T) {
	eachDB(t, func(t *testing.T, db *sqldb.DB) {
		f := newStatementFixture(t, db)
		svc := sqldb.NewMinutesService(db)
		outsider := mustCreateUser(t, db, "jiwei", f.fixture.other, grant(jingzi.RoleReviewer, f.fixture.other))
		min := minutesFor(t, svc, f)
		if err := svc.SaveMinutes(asUser(f.head), min); jingzi.ErrorCode(err) != jingzi.EFORBIDDEN {
			t.Errorf("participant saves: %v, want EFORBIDDEN", err)
		}
		if err := svc.SaveMinutes(asUser(f.organizer), min); err != nil {
			t.Fatal(err)
		}
		cid := min.Criticisms[0].ID //李红梅 → 王建国 (head)
		if err := svc.RespondToCriticism(asUser(f.colleague), cid, "代为表态"); jingzi.ErrorCode(err) != jingzi.EFORBIDDEN {
			t.Errorf("another participant responds: %v, want EFORBIDDEN", err)
		}
		if err := svc.RespondToCriticism(asUser(f.member), cid, "自己表态"); jingzi.ErrorCode(err) != jingzi.EFORBIDDEN {
			t.Errorf("the critic responds: %v, want EFORBIDDEN", err)
		}
		if err := svc.RespondToCriticism(asUser(f.head), cid, "诚恳接受，立行立改。"); err != nil {
			t.Fatalf("receiver responds: %v", err)
		}
		if _, err := svc.FindMinutes(asUser(outsider), f.meeting.ID); jingzi.ErrorCode(err) != jingzi.ENOTFOUND {
			t.Errorf("reviewer of another subtree reads: %v, want ENOTFOUND", err)
		}
		if err := svc.RespondToCriticism(asUser(outsider), cid, "x"); jingzi.ErrorCode(err) != jingzi.ENOTFOUND {
			t.Errorf("reviewer of another subtree responds: %v, want ENOTFOUND", err)
		}
		got, err := svc.FindMinutes(asUser(f.member), f.meeting.ID)
		if err != nil || got.Criticisms[0].Response != "诚恳接受，立行立改。" || got.Version != 2 {
			t.Fatalf("participant reads the response: %+v, %v", got, err)
		}
		// The organiser's form opened before the response cannot overwrite it.
		if err := svc.SaveMinutes(asUser(f.organizer), min); jingzi.ErrorCode(err) != jingzi.ECONFLICT {
			t.Errorf("organiser's stale form after a response: %v, want ECONFLICT", err)
		}
		// A save from the current version keeps the response with the criticism's id.
		got.Summary = "会议达到了预期目的。"
		if err := svc.SaveMinutes(asUser(f.organizer), got); err != nil {
			t.Fatal(err)
		}
		after, _ := svc.FindMinutes(asUser(f.organizer), f.meeting.ID)
		if after.Criticisms[0].ID != cid || after.Criticisms[0].Response != "诚恳接受，立行立改。" {
			t.Errorf("response lost by a later save: %+v", after.Criticisms[0])
		}
		if n := minutesAudit(t, db, "minutes.respond"); n != 1 {
			t.Errorf("response audit entries: %d", n)
		}
	})
}

// The 情况报告: organiser only, after the minutes exist, not before the meeting; audited.
func TestMinutesReportSent(t *testing.T) {
	eachDB(t, func(t *testing.T, db *sqldb.DB) {
		f := newStatementFixture(t, db)
		svc := sqldb.NewMinutesService(db)
		date := time.Date(2022, 1, 20, 0, 0, 0, 0, time.UTC)
		if _, err := sqldb.NewMeetingService(db).UpdateMeeting(asUser(f.organizer), f.meeting.ID,
			jingzi.MeetingUpdate{Version: 1, MeetingDate: &date}); err != nil {
			t.Fatal(err)
		}
		sent := time.Date(2022, 2, 1, 15, 30, 0, 0, time.UTC)
		if err := svc.MarkReportSent(asUser(f.organizer), f.meeting.ID, &sent); jingzi.ErrorCode(err) != jingzi.EINVALID {
			t.Errorf("before the minutes are saved: %v, want EINVALID", err)
		}
		min := minutesFor(t, svc, f)
		min.ReportDays = 20
		if err := svc.SaveMinutes(asUser(f.organizer), min); err != nil {
			t.Fatal(err)
		}
		early := time.Date(2022, 1, 19, 0, 0, 0, 0, time.UTC)
		if err := svc.MarkReportSent(asUser(f.organizer), f.meeting.ID, &early); jingzi.ErrorCode(err) != jingzi.EINVALID {
			t.Errorf("sent before the meeting: %v, want EINVALID", err)
		}
		if err := svc.MarkReportSent(asUser(f.head), f.meeting.ID, &sent); jingzi.ErrorCode(err) != jingzi.EFORBIDDEN {
			t.Errorf("participant marks: %v, want EFORBIDDEN", err)
		}
		if err := svc.MarkReportSent(asUser(f.organizer), f.meeting.ID, &sent); err != nil {
			t.Fatal(err)
		}
		got, _ := svc.FindMinutes(asUser(f.reviewer), f.meeting.ID)
		if got.ReportSentOn == nil || jingzi.FormatDate(*got.ReportSentOn) != "2022年2月1日" ||
			jingzi.FormatDate(*got.ReportDue(&date)) != "2022年2月9日" || got.Version != 1 {
			t.Errorf("report: sent %v, due %v, version %d", got.ReportSentOn, got.ReportDue(&date), got.Version)
		}
		if err := svc.MarkReportSent(asUser(f.organizer), f.meeting.ID, nil); err != nil {
			t.Fatal(err)
		}
		if got, _ := svc.FindMinutes(asUser(f.organizer), f.meeting.ID); got.ReportSentOn != nil {
			t.Error("clearing the report kept the date")
		}
		if n := minutesAudit(t, db, "minutes.report"); n != 2 {
			t.Errorf("report audit entries: %d", n)
		}
	})
}

// minutesAudit counts the audit entries with the action.
func minutesAudit(t *testing.T, db *sqldb.DB, action string) int {
	t.Helper()
	_, n, err := sqldb.NewAuditService(db).FindAuditEntries(sys, jingzi.AuditFilter{Action: &action})
	if err != nil {
		t.Fatal(err)
	}
	return n
}

// A member who gave or received a criticism stays on the roster: removing them
// is refused and the minutes keep what was said.
func TestMinutesKeepRoster(t *testing.T) {
	eachDB(t, func(t *testing.T, db *sqldb.DB) {
		f := newStatementFixture(t, db)
		svc := sqldb.NewMinutesService(db)
		if err := svc.SaveMinutes(asUser(f.organizer), minutesFor(t, svc, f)); err != nil {
			t.Fatal(err)
		}
		roster := []*jingzi.Participant{f.meeting.Participants[0], f.meeting.Participants[2]} // without 李红梅, the critic
		_, err := sqldb.NewMeetingService(db).UpdateMeeting(asUser(f.organizer), f.meeting.ID,
			jingzi.MeetingUpdate{Version: 1, Participants: &roster})
		if jingzi.ErrorCode(err) != jingzi.ECONFLICT || !strings.Contains(jingzi.ErrorMessage(err), "李红梅") {
			t.Fatalf("removing the critic: %v, want ECONFLICT naming her", err)
		}
		got, _ := svc.FindMinutes(asUser(f.organizer), f.meeting.ID)
		if len(got.Criticisms) != 1 || got.Criticisms[0].FromName != "李红梅" || len(got.Attendance) != 3 {
			t.Errorf("minutes after the refused removal: %+v", got)
		}
	})
}
