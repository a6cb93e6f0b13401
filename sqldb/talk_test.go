package sqldb_test

import (
	"testing"
	"time"

	"jingzi"
	"jingzi/sqldb"
)

// talkFixture is a bureau meeting: 王建国 (head, 分管办公室), 李红梅 (分管社会救助科、
// 养老服务科) and 张伟 on the roster, an organiser, a reviewer above and an
// organiser of another bureau.
type talkFixture struct {
	*fixture
	meeting                    *jingzi.Meeting
	organizer, head, member    *jingzi.User
	colleague, reviewer, other *jingzi.User
	svc                        *sqldb.TalkService
}

func newTalkFixture(t *testing.T, db *sqldb.DB) *talkFixture {
	t.Helper()
	f := &talkFixture{fixture: newFixture(t, db), svc: sqldb.NewTalkService(db)}
	f.organizer = mustCreateUser(t, db, "dangban", f.bureau, grant(jingzi.RoleOrganizer, f.bureau))
	f.head = mustCreateUser(t, db, "head", f.bureau, grant(jingzi.RoleParticipant, f.bureau))
	f.member = mustCreateUser(t, db, "member", f.bureau, grant(jingzi.RoleParticipant, f.bureau))
	f.colleague = mustCreateUser(t, db, "colleague", f.bureau, grant(jingzi.RoleParticipant, f.bureau))
	f.reviewer = mustCreateUser(t, db, "zzb", f.root, grant(jingzi.RoleReviewer, f.root))
	f.other = mustCreateUser(t, db, "other", f.fixture.other, grant(jingzi.RoleOrganizer, f.fixture.other))
	fw, _ := jingzi.BuiltinFramework("2021")
	f.meeting = &jingzi.Meeting{OrgID: f.bureau.ID, Year: 2021, Kind: jingzi.KindDemocratic, Title: "2021年度专题民主生活会",
		Framework: fw, Participants: []*jingzi.Participant{
			{Name: "王建国", Head: true, UserID: f.head.ID, Portfolio: []string{"办公室"}},
			{Name: "李红梅", UserID: f.member.ID, Portfolio: []string{"社会救助科", "养老服务科"}},
			{Name: "张伟", UserID: f.colleague.ID},
		}}
	if err := sqldb.NewMeetingService(db).CreateMeeting(asUser(f.organizer), f.meeting); err != nil {
		t.Fatal(err)
	}
	return f
}

// talkAudits counts the audit entries of an action.
func talkAudits(t *testing.T, db *sqldb.DB, action string) int {
	t.Helper()
	_, n, err := sqldb.NewAuditService(db).FindAuditEntries(sys, jingzi.AuditFilter{Action: &action})
	if err != nil {
		t.Fatal(err)
	}
	return n
}

// pid returns the roster id of the i-th participant.
func (f *talkFixture) pid(i int) int64 { return f.meeting.Participants[i].ID }

func (f *talkFixture) talk(a, b int, day int) *jingzi.Talk {
	return &jingzi.Talk{MeetingID: f.meeting.ID, Date: time.Date(2022, 1, day, 0, 0, 0, 0, time.UTC),
		A: jingzi.TalkSide{ParticipantID: f.pid(a)}, B: jingzi.TalkSide{ParticipantID: f.pid(b)}, Topics: "交流思想、查摆问题"}
}

func (f *talkFixture) deptTalk(a int, dept string, day int) *jingzi.Talk {
	return &jingzi.Talk{MeetingID: f.meeting.ID, Date: time.Date(2022, 1, day, 0, 0, 0, 0, time.UTC),
		A: jingzi.TalkSide{ParticipantID: f.pid(a)}, B: jingzi.TalkSide{Name: "陈明", Kind: jingzi.PersonDeptHead, Department: dept}}
}

// A recorded talk fills its cell, is read back with its opinions, and counts
// toward 人次; editing and deleting change the matrix and the counts.
func TestTalkRecordAndMatrix(t *testing.T) {
	eachDB(t, func(t *testing.T, db *sqldb.DB) {
		f := newTalkFixture(t, db)
		org := asUser(f.organizer)
		x, err := f.svc.TalkMatrix(org, f.meeting.ID)
		// 3 roster pairs, 王 办公室 + 李 two departments, 3 branch pairs.
		if err != nil || x.Required != 9 || x.Done != 0 {
			t.Fatalf("empty matrix: %+v, %v", x, err)
		}
		talk := f.talk(1, 0, 5)
		talk.SetOpinions("工作作风有时急躁", "希望书记多给年轻干部压担子")
		if err := f.svc.RecordTalk(asUser(f.member), talk); err != nil {
			t.Fatal(err)
		}
		dept := f.deptTalk(1, "养老服务科", 6)
		if err := f.svc.RecordTalk(org, dept); err != nil {
			t.Fatal(err)
		}
		got, err := f.svc.FindTalkByID(org, talk.ID)
		if err != nil || got.A.Name != "李红梅" || got.B.Name != "王建国" || got.RecordedBy != f.member.ID || !got.Date.Equal(talk.Date) ||
			got.OpinionsToward(jingzi.TowardA) != "工作作风有时急躁" || got.Topics != "交流思想、查摆问题" {
			t.Fatalf("read back: %+v, %v", got, err)
		}
		x, _ = f.svc.TalkMatrix(org, f.meeting.ID)
		if p := x.Pair(f.pid(0), f.pid(1)); p == nil || !p.Done() || !p.Date().Equal(talk.Date) {
			t.Errorf("王建国↔李红梅 not done: %+v", p)
		}
		if ps := x.Outside(f.pid(1), jingzi.PairDepartment); len(ps) != 2 || ps[0].Done() || !ps[1].Done() {
			t.Errorf("李红梅's departments: %+v", ps)
		}
		if x.Done != 2 || x.PersonTimes != 3 {
			t.Errorf("done %d 人次 %d, want 2 and 3", x.Done, x.PersonTimes)
		}
		assertTalkCounts(t, f, 3, map[int64]int{f.pid(0): 1, f.pid(1): 2})

		dept.Date, dept.B.Department = time.Date(2022, 1, 7, 0, 0, 0, 0, time.UTC), "社会救助科"
		if err := f.svc.UpdateTalk(org, dept); err != nil {
			t.Fatal(err)
		}
		x, _ = f.svc.TalkMatrix(org, f.meeting.ID)
		if ps := x.Outside(f.pid(1), jingzi.PairDepartment); !ps[0].Done() || ps[1].Done() {
			t.Errorf("after the edit the talk should fill 社会救助科, not 养老服务科")
		}
		if err := f.svc.DeleteTalk(asUser(f.member), talk.ID); err != nil {
			t.Fatal(err)
		}
		if _, err := f.svc.FindTalkByID(org, talk.ID); jingzi.ErrorCode(err) != jingzi.ENOTFOUND {
			t.Errorf("deleted talk: %v", err)
		}
		assertTalkCounts(t, f, 1, map[int64]int{f.pid(1): 1})
		if n := talkAudits(t, db, "talk.record") + talkAudits(t, db, "talk.update") + talkAudits(t, db, "talk.delete"); n != 4 {
			t.Errorf("audit entries for talks: %d, want 4", n)
		}
	})
}

func assertTalkCounts(t *testing.T, f *talkFixture, total int, by map[int64]int) {
	t.Helper()
	n, err := f.svc.CountTalks(asUser(f.head), f.meeting.ID)
	if err != nil || n != total {
		t.Errorf("CountTalks = %d, %v; want %d", n, err, total)
	}
	got, err := f.svc.CountTalksByParticipant(asUser(f.reviewer), f.meeting.ID)
	if err != nil || len(got) != len(by) {
		t.Fatalf("CountTalksByParticipant = %v, %v; want %v", got, err, by)
	}
	for id, want := range by {
		if got[id] != want {
			t.Errorf("participant %d: %d talks, want %d", id, got[id], want)
		}
	}
}

// A participant records and sees only their own talks, and changes only those
// they recorded; nobody outside the team sees anything.
func TestTalkPermissions(t *testing.T) {
	eachDB(t, func(t *testing.T, db *sqldb.DB) {
		f := newTalkFixture(t, db)
		if err := f.svc.RecordTalk(asUser(f.member), f.talk(0, 2, 5)); jingzi.ErrorCode(err) != jingzi.EFORBIDDEN {
			t.Errorf("李红梅 records a talk between others: %v, want EFORBIDDEN", err)
		}
		if err := f.svc.RecordTalk(asUser(f.other), f.talk(0, 2, 5)); jingzi.ErrorCode(err) != jingzi.ENOTFOUND {
			t.Errorf("another bureau's organiser records: %v, want ENOTFOUND", err)
		}
		mine := f.talk(1, 2, 5)
		mine.SetOpinions("", "希望加强沟通")
		if err := f.svc.RecordTalk(asUser(f.member), mine); err != nil {
			t.Fatal(err)
		}
		headTalk := f.talk(0, 2, 6)
		if err := f.svc.RecordTalk(asUser(f.organizer), headTalk); err != nil {
			t.Fatal(err)
		}
		for _, tc := range []struct {
			login string
			ctxOf *jingzi.User
			n     int
		}{{"organizer", f.organizer, 2}, {"reviewer", f.reviewer, 2}, {"member", f.member, 1}, {"colleague", f.colleague, 2}, {"head", f.head, 1}} {
			list, total, err := f.svc.FindTalks(asUser(tc.ctxOf), jingzi.TalkFilter{MeetingID: &f.meeting.ID})
			if err != nil || total != tc.n || len(list) != tc.n {
				t.Errorf("%s sees %d talks, want %d (%v)", tc.login, total, tc.n, err)
			}
		}
		if _, err := f.svc.FindTalkByID(asUser(f.head), mine.ID); jingzi.ErrorCode(err) != jingzi.ENOTFOUND {
			t.Errorf("王建国 reads a talk he was not in: %v", err)
		}
		if err := f.svc.DeleteTalk(asUser(f.colleague), mine.ID); jingzi.ErrorCode(err) != jingzi.EFORBIDDEN {
			t.Errorf("张伟 deletes the talk 李红梅 recorded: %v, want EFORBIDDEN", err)
		}
		if err := f.svc.UpdateTalk(asUser(f.colleague), headTalk); jingzi.ErrorCode(err) != jingzi.EFORBIDDEN {
			t.Errorf("张伟 edits the talk the organiser recorded: %v, want EFORBIDDEN", err)
		}
		x, err := f.svc.TalkMatrix(asUser(f.member), f.meeting.ID)
		// 李红梅: two colleagues, two departments, one branch.
		if err != nil || x.Required != 5 || x.Done != 1 || x.PersonTimes != 1 {
			t.Errorf("李红梅's matrix: %+v, %v", x, err)
		}
		if _, err := f.svc.TalkMatrix(asUser(f.other), f.meeting.ID); jingzi.ErrorCode(err) != jingzi.ENOTFOUND {
			t.Errorf("another bureau sees the matrix: %v", err)
		}
		ops, err := f.svc.FindTalkOpinions(asUser(f.colleague), f.meeting.ID)
		if err != nil || len(ops) != 1 || ops[0].ParticipantID != f.pid(2) || ops[0].From != "李红梅" || ops[0].Text != "希望加强沟通" {
			t.Errorf("opinions toward 张伟: %+v, %v", ops, err)
		}
		if n, err := f.svc.CountTalks(asUser(f.member), f.meeting.ID); err != nil || n != 4 {
			t.Errorf("the team's 人次 as 李红梅 sees it: %d, %v; want 4", n, err)
		}
	})
}

// Bad input is refused in Chinese and stores nothing.
func TestTalkInvalid(t *testing.T) {
	eachDB(t, func(t *testing.T, db *sqldb.DB) {
		f := newTalkFixture(t, db)
		bad := f.deptTalk(1, "", 5)
		if err := f.svc.RecordTalk(asUser(f.organizer), bad); jingzi.ErrorCode(err) != jingzi.EINVALID {
			t.Errorf("department head without a department: %v", err)
		}
		if err := f.svc.RecordTalk(asUser(f.organizer), &jingzi.Talk{MeetingID: 999999, Date: time.Now()}); jingzi.ErrorCode(err) != jingzi.ENOTFOUND {
			t.Errorf("unknown meeting: %v", err)
		}
		if n, _ := f.svc.CountTalks(asUser(f.organizer), f.meeting.ID); n != 0 {
			t.Errorf("%d人次 after refused talks", n)
		}
	})
}

// The phase strip's numbers are the team's, whoever asks; a participant taken
// off the roster keeps their talk under their name, now counted as 其他.
func TestTalkProgressAndRosterChange(t *testing.T) {
	eachDB(t, func(t *testing.T, db *sqldb.DB) {
		f := newTalkFixture(t, db)
		org := asUser(f.organizer)
		if err := f.svc.RecordTalk(org, f.talk(0, 2, 5)); err != nil {
			t.Fatal(err)
		}
		p, err := f.svc.MeetingProgress(asUser(f.member), f.meeting.ID)
		if err != nil || p.Talks == nil || *p.Talks != (jingzi.TalkProgress{RequiredPairs: 9, MissingPairs: 8, Talks: 2}) {
			t.Fatalf("progress: %+v, %v", p.Talks, err)
		}
		meetings := sqldb.NewMeetingService(db)
		m, err := meetings.FindMeetingByID(org, f.meeting.ID)
		if err != nil {
			t.Fatal(err)
		}
		roster := m.Participants[:2]
		if _, err := meetings.UpdateMeeting(org, m.ID, jingzi.MeetingUpdate{Version: m.Version, Participants: &roster}); err != nil {
			t.Fatal(err)
		}
		list, _, err := f.svc.FindTalks(org, jingzi.TalkFilter{MeetingID: &f.meeting.ID})
		if err != nil || len(list) != 1 || list[0].B.Name != "张伟" || list[0].B.Kind != jingzi.PersonOther || list[0].B.OnRoster() {
			t.Fatalf("talk after 张伟 left the roster: %+v, %v", list, err)
		}
		if n, _ := f.svc.CountTalks(org, f.meeting.ID); n != 1 {
			t.Errorf("人次 after the roster change: %d, want 1", n)
		}
	})
}
