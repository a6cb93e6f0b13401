package sqldb_test

import (
	"strings"
	"testing"
	"time"

	"jingzi"
	"jingzi/sqldb"
)

// readOnlyCase is one write to a meeting or its records.
type readOnlyCase struct {
	name string
	code string // what an archived meeting answers; ECONFLICT unless the caller cannot see it
	run  func(t *testing.T, f *readOnlyFixture) error
}

type readOnlyFixture struct {
	*archiveFixture
	statements *sqldb.StatementService
	reviews    *sqldb.ReviewService
	studies    *sqldb.StudyService
	talks      *sqldb.TalkService
	minutes    *sqldb.MinutesService
	ledger     *sqldb.LedgerService
	item       *jingzi.LedgerItem
	study      *jingzi.Study
	talk       *jingzi.Talk
	statement  *jingzi.Statement
	opinionID  string
	codes      []string
}

func newReadOnlyFixture(t *testing.T, db *sqldb.DB) *readOnlyFixture {
	t.Helper()
	f := &readOnlyFixture{archiveFixture: newArchiveFixture(t, db), statements: sqldb.NewStatementService(db),
		reviews: sqldb.NewReviewService(db), talks: sqldb.NewTalkService(db)}
	f.studies = sqldb.NewStudyService(db, f.files)
	f.minutes, f.ledger = sqldb.NewMinutesService(db), sqldb.NewLedgerService(db, f.files)
	org := asUser(f.organizer)
	f.study = &jingzi.Study{MeetingID: f.meeting.ID, Date: day(2022, 1, 5), Topic: "党史学习", Form: jingzi.StudySeminar}
	f.talk = &jingzi.Talk{MeetingID: f.meeting.ID, Date: day(2022, 1, 6), Topics: "交流思想",
		A: jingzi.TalkSide{ParticipantID: f.meeting.Participants[0].ID}, B: jingzi.TalkSide{ParticipantID: f.meeting.Participants[1].ID}}
	f.statement = f.skeleton(1)
	o := &jingzi.Opinion{SolicitationID: f.sol.ID, Channel: jingzi.ChannelForum, Unit: "办公室", Text: "班子：调研不够。", AspectIndex: -1}
	for _, err := range []error{f.studies.CreateStudy(org, f.study), f.talks.RecordTalk(org, f.talk),
		f.statements.CreateStatement(org, f.statement, "新建"), f.ops.CreateOpinion(org, o)} {
		if err != nil {
			t.Fatal(err)
		}
	}
	mins, err := f.minutes.FindMinutes(org, f.meeting.ID)
	if err != nil {
		t.Fatal(err)
	}
	ps := f.meeting.Participants
	mins.Criticisms = []*jingzi.Criticism{{FromID: ps[1].ID, ToID: ps[0].ID, Content: "调研不够深入"}}
	f.item = &jingzi.LedgerItem{MeetingID: f.meeting.ID, Problem: "调查研究不够深入", OwnerName: "李红梅", DeadlineKind: jingzi.DeadlineOngoing}
	if err := f.minutes.SaveMinutes(org, mins); err != nil {
		t.Fatal(err)
	} else if err := f.ledger.CreateLedgerItem(org, f.item); err != nil {
		t.Fatal(err)
	}
	f.opinionID, f.codes = o.ID, f.solicitationFixture.codes(t, 2, "")
	return f
}

// current returns the statement's version now, for the optimistic writes.
func (f *readOnlyFixture) current(t *testing.T) *jingzi.Statement {
	t.Helper()
	s, err := f.statements.FindStatementByID(sys, f.statement.ID)
	if err != nil {
		t.Fatal(err)
	}
	return s
}

// readOnlyCases run in this order twice: refused while archived, accepted
// after the reviewer reopens. Each must succeed on an open meeting.
var readOnlyCases = []readOnlyCase{
	{"会议信息", jingzi.ECONFLICT, func(t *testing.T, f *readOnlyFixture) error {
		m := f.reload(t)
		_, err := f.meetings.UpdateMeeting(asUser(f.organizer), m.ID, jingzi.MeetingUpdate{Version: m.Version, Title: ptr(m.Title + "（修订）")})
		return err
	}},
	{"新建对照检查材料", jingzi.ECONFLICT, func(t *testing.T, f *readOnlyFixture) error {
		return f.statements.CreateStatement(asUser(f.organizer), f.skeleton(2), "新建")
	}},
	{"保存对照检查材料", jingzi.ECONFLICT, func(t *testing.T, f *readOnlyFixture) error {
		s, _ := f.statements.FindStatementByID(asUser(f.member), f.statement.ID)
		s.Title = "李红梅同志对照检查材料"
		return f.statements.SaveStatement(asUser(f.member), s, "修改标题")
	}},
	{"批注", jingzi.ECONFLICT, func(t *testing.T, f *readOnlyFixture) error {
		return f.reviews.AddComment(asUser(f.member), &jingzi.Comment{StatementID: f.statement.ID, Body: "此处补充事例",
			Anchor: jingzi.Anchor{Part: 0, Section: -1, Item: -1}})
	}},
	{"提交审阅", jingzi.ECONFLICT, func(t *testing.T, f *readOnlyFixture) error {
		return f.reviews.Submit(asUser(f.member), f.statement.ID, f.current(t).Version)
	}},
	{"新建学习研讨", jingzi.ECONFLICT, func(t *testing.T, f *readOnlyFixture) error {
		return f.studies.CreateStudy(asUser(f.organizer), &jingzi.Study{MeetingID: f.meeting.ID, Date: day(2022, 1, 8),
			Topic: "专题研讨", Form: jingzi.StudySeminar})
	}},
	{"修改学习研讨", jingzi.ECONFLICT, func(t *testing.T, f *readOnlyFixture) error {
		_, err := f.studies.UpdateStudy(asUser(f.organizer), f.study.ID, jingzi.StudyUpdate{Topic: ptr("党史学习（二）")})
		return err
	}},
	{"考勤", jingzi.ECONFLICT, func(t *testing.T, f *readOnlyFixture) error {
		return f.studies.SetAttendance(asUser(f.organizer), f.study.ID, []*jingzi.Attendance{
			{ParticipantID: f.meeting.Participants[0].ID, Status: jingzi.AttendPresent}})
	}},
	{"研讨发言", jingzi.ECONFLICT, func(t *testing.T, f *readOnlyFixture) error {
		return f.studies.SaveNote(asUser(f.member), f.study.ID, f.meeting.Participants[1].ID, "学习体会")
	}},
	{"上传学习材料", jingzi.ECONFLICT, func(t *testing.T, f *readOnlyFixture) error {
		_, err := f.studies.AddStudyFile(asUser(f.organizer), f.study.ID, "材料.txt", strings.NewReader("学习材料"))
		return err
	}},
	{"记录谈心谈话", jingzi.ECONFLICT, func(t *testing.T, f *readOnlyFixture) error {
		return f.talks.RecordTalk(asUser(f.organizer), &jingzi.Talk{MeetingID: f.meeting.ID, Date: day(2022, 1, 7), Topics: "交流",
			A: jingzi.TalkSide{ParticipantID: f.meeting.Participants[0].ID}, B: jingzi.TalkSide{ParticipantID: f.meeting.Participants[2].ID}})
	}},
	{"修改谈心谈话", jingzi.ECONFLICT, func(t *testing.T, f *readOnlyFixture) error {
		tk, err := f.talks.FindTalkByID(asUser(f.organizer), f.talk.ID)
		if err != nil {
			return err
		}
		tk.Topics = "交流思想、查摆问题"
		return f.talks.UpdateTalk(asUser(f.organizer), tk)
	}},
	{"新建征求意见", jingzi.ECONFLICT, func(t *testing.T, f *readOnlyFixture) error {
		return f.sols.CreateSolicitation(asUser(f.organizer), &jingzi.Solicitation{MeetingID: f.meeting.ID, Title: "补充征求意见",
			OpensOn: day(2022, 1, 1), ClosesOn: day(2022, 1, 31), Threshold: 3})
	}},
	{"生成匿名码", jingzi.ECONFLICT, func(t *testing.T, f *readOnlyFixture) error {
		_, err := f.sols.GenerateCodes(asUser(f.organizer), f.sol.ID, 2, "")
		return err
	}},
	{"单位意见表", jingzi.ECONFLICT, func(t *testing.T, f *readOnlyFixture) error {
		_, err := f.sols.CreateUnitForm(asUser(f.organizer), f.sol.ID, "养老服务科")
		return err
	}},
	{"录入意见", jingzi.ECONFLICT, func(t *testing.T, f *readOnlyFixture) error {
		return f.ops.CreateOpinion(asUser(f.organizer), &jingzi.Opinion{SolicitationID: f.sol.ID, Channel: jingzi.ChannelForum,
			Unit: "办公室", Text: "班子：作风不实。", AspectIndex: -1})
	}},
	{"整理意见", jingzi.ECONFLICT, func(t *testing.T, f *readOnlyFixture) error {
		_, err := f.ops.UpdateOpinion(asUser(f.organizer), f.opinionID, jingzi.OpinionUpdate{AspectIndex: ptr(0)})
		return err
	}},
	{"保存会议记录", jingzi.ECONFLICT, func(t *testing.T, f *readOnlyFixture) error {
		m, err := f.minutes.FindMinutes(asUser(f.organizer), f.meeting.ID)
		if err != nil {
			t.Fatal(err)
		}
		m.Place = "三楼会议室"
		return f.minutes.SaveMinutes(asUser(f.organizer), m)
	}},
	{"批评表态", jingzi.ECONFLICT, func(t *testing.T, f *readOnlyFixture) error {
		m, err := f.minutes.FindMinutes(asUser(f.organizer), f.meeting.ID)
		if err != nil || len(m.Criticisms) != 1 {
			t.Fatalf("criticisms %v, %v", m, err)
		}
		return f.minutes.RespondToCriticism(asUser(f.organizer), m.Criticisms[0].ID, "诚恳接受，立行立改。")
	}},
	{"登记情况报告报送", jingzi.ECONFLICT, func(t *testing.T, f *readOnlyFixture) error {
		on := day(2022, 1, 9)
		return f.minutes.MarkReportSent(asUser(f.organizer), f.meeting.ID, &on)
	}},
	{"新增整改事项", jingzi.ECONFLICT, func(t *testing.T, f *readOnlyFixture) error {
		return f.ledger.CreateLedgerItem(asUser(f.organizer), &jingzi.LedgerItem{MeetingID: f.meeting.ID,
			Problem: "联系群众不够紧密", OwnerName: "张伟", DeadlineKind: jingzi.DeadlineOngoing})
	}},
	{"修改整改事项", jingzi.ECONFLICT, func(t *testing.T, f *readOnlyFixture) error {
		it, err := f.ledger.FindLedgerItemByID(asUser(f.organizer), f.item.ID)
		if err != nil {
			t.Fatal(err)
		}
		it.Department = "办公室"
		return f.ledger.UpdateLedgerItem(asUser(f.organizer), it)
	}},
	{"登记整改进展", jingzi.ECONFLICT, func(t *testing.T, f *readOnlyFixture) error {
		return f.ledger.AddProgress(asUser(f.organizer), &jingzi.LedgerProgress{ItemID: f.item.ID, TargetIndex: -1,
			On: time.Date(2022, 1, 8, 0, 0, 0, 0, time.UTC), Text: "走访企业3家"}, nil)
	}},
	// The anonymous path cannot see the meeting, so it learns nothing more than "not found".
	{"匿名提交意见", jingzi.ENOTFOUND, func(t *testing.T, f *readOnlyFixture) error {
		return f.sols.SubmitByCode(sys, f.codes[0], []*jingzi.Opinion{opinion("班子：学习不够。", 0, -1)})
	}},
}

// While archived, every write to the meeting or its records is refused and
// changes nothing; after the reviewer reopens, the same writes go through.
func TestArchivedMeetingIsReadOnly(t *testing.T) {
	eachDB(t, func(t *testing.T, db *sqldb.DB) {
		f := newReadOnlyFixture(t, db)
		if _, err := f.svc.ArchiveMeeting(asUser(f.organizer), f.meeting.ID, "整改事项长期坚持，先行归档"); err != nil {
			t.Fatal(err)
		}
		before := auditCount(t, db)
		for _, c := range readOnlyCases {
			err := c.run(t, f)
			if jingzi.ErrorCode(err) != c.code {
				t.Errorf("%s on an archived meeting: %v, want %s", c.name, err, c.code)
			} else if c.code == jingzi.ECONFLICT && !strings.Contains(jingzi.ErrorMessage(err), "已归档") {
				t.Errorf("%s: message %q does not say the meeting is archived", c.name, jingzi.ErrorMessage(err))
			}
		}
		if after := auditCount(t, db); after != before {
			t.Errorf("refused writes left %d audit entries", after-before)
		}
		if n := f.files.count(); n != 1 {
			t.Errorf("%d stored files, want only the package", n)
		}
		if err := f.svc.ReopenMeeting(asUser(f.reviewer), f.meeting.ID, "补充整改佐证材料"); err != nil {
			t.Fatal(err)
		}
		for _, c := range readOnlyCases {
			if err := c.run(t, f); err != nil {
				t.Errorf("%s after reopening: %v", c.name, err)
			}
		}
	})
}

// Deadline reminders skip an archived meeting instead of failing the hourly job.
func TestRemindersSkipArchivedMeetings(t *testing.T) {
	eachDB(t, func(t *testing.T, db *sqldb.DB) {
		f := newArchiveFixture(t, db)
		m := f.reload(t)
		date := day(2022, 1, 20)
		if _, err := f.meetings.UpdateMeeting(asUser(f.organizer), m.ID, jingzi.MeetingUpdate{Version: m.Version, MeetingDate: &date}); err != nil {
			t.Fatal(err)
		}
		if _, err := f.svc.ArchiveMeeting(asUser(f.organizer), f.meeting.ID, ""); err != nil {
			t.Fatal(err)
		}
		n, err := sqldb.NewNotificationService(db).RemindDeadlines(sys, time.Date(2022, 1, 4, 9, 0, 0, 0, time.UTC))
		if err != nil || n != 0 {
			t.Errorf("reminders for an archived meeting: %d, %v", n, err)
		}
	})
}

func auditCount(t *testing.T, db *sqldb.DB) int {
	t.Helper()
	_, n, err := sqldb.NewAuditService(db).FindAuditEntries(sys, jingzi.AuditFilter{Limit: 1})
	if err != nil {
		t.Fatal(err)
	}
	return n
}
