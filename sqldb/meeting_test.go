package sqldb_test

import (
	"strings"
	"testing"
	"time"

	"jingzi"
	"jingzi/sqldb"
)

// A meeting keeps its own copy of the framework and its roster; participants of
// another team and reviewers outside the subtree do not see it.
func TestMeetingVisibility(t *testing.T) {
	eachDB(t, func(t *testing.T, db *sqldb.DB) {
		f := newFixture(t, db)
		meetings := sqldb.NewMeetingService(db)
		organizer := mustCreateUser(t, db, "dangban", f.bureau, grant(jingzi.RoleOrganizer, f.bureau))
		member := mustCreateUser(t, db, "member", f.bureau, grant(jingzi.RoleParticipant, f.bureau))
		reviewer := mustCreateUser(t, db, "zzb", f.root, grant(jingzi.RoleReviewer, f.root))
		outsider := mustCreateUser(t, db, "other", f.other, grant(jingzi.RoleOrganizer, f.other))
		branchMember := mustCreateUser(t, db, "branch", f.branch, grant(jingzi.RoleParticipant, f.branch))
		admin := mustCreateUser(t, db, "admin", f.root, grant(jingzi.RoleSysadmin, f.root))

		fw, _ := jingzi.BuiltinFramework("2021")
		date := time.Date(2022, 1, 20, 0, 0, 0, 0, time.UTC)
		m := &jingzi.Meeting{OrgID: f.bureau.ID, Year: 2021, Kind: jingzi.KindDemocratic, Title: "2021年度专题民主生活会",
			Framework: fw.Clone(), MeetingDate: &date, Participants: []*jingzi.Participant{
				{Name: "王建国", Title: "党委书记、局长", Head: true},
				{Name: "李红梅", Title: "党委副书记", Portfolio: []string{"办公室", "人事科"}, UserID: member.ID},
			}}
		if err := meetings.CreateMeeting(asUser(outsider), m); jingzi.ErrorCode(err) != jingzi.EFORBIDDEN {
			t.Fatalf("organiser of another bureau creates: %v, want EFORBIDDEN", err)
		}
		if err := meetings.CreateMeeting(asUser(organizer), m); err != nil {
			t.Fatal(err)
		}
		fw.Aspects[0].Wording = "changed after the meeting was created"
		for _, u := range []*jingzi.User{organizer, member, reviewer} {
			got, err := meetings.FindMeetingByID(asUser(u), m.ID)
			if err != nil {
				t.Fatalf("%s: %v", u.Login, err)
			}
			if len(got.Participants) != 2 || got.Head().Name != "王建国" || got.Participants[1].Portfolio[1] != "人事科" {
				t.Errorf("%s: roster %+v", u.Login, got.Participants)
			}
			if got.Framework.Aspects[0].Wording != "在对照深刻感悟\"两个确立\"方面" || len(got.Framework.Aspects) != 5 {
				t.Errorf("framework copy changed: %q", got.Framework.Aspects[0].Wording)
			}
			if got.MeetingDate == nil || !got.MeetingDate.Equal(date) {
				t.Errorf("meeting date = %v", got.MeetingDate)
			}
		}
		for _, u := range []*jingzi.User{outsider, branchMember, admin} {
			if _, err := meetings.FindMeetingByID(asUser(u), m.ID); jingzi.ErrorCode(err) != jingzi.ENOTFOUND {
				t.Errorf("%s sees the meeting: %v", u.Login, err)
			}
			if list, _, _ := meetings.FindMeetings(asUser(u), jingzi.MeetingFilter{}); len(list) != 0 {
				t.Errorf("%s lists %d meetings", u.Login, len(list))
			}
		}
	})
}

// planFixture is a bureau meeting with a roster of three, a reviewer and a 督导.
type planFixture struct {
	*fixture
	svc                                           *sqldb.MeetingService
	organizer, member, reviewer, outsider, auditr *jingzi.User
	meeting                                       *jingzi.Meeting
}

func newPlanFixture(t *testing.T, db *sqldb.DB) *planFixture {
	t.Helper()
	f := &planFixture{fixture: newFixture(t, db), svc: sqldb.NewMeetingService(db)}
	f.organizer = mustCreateUser(t, db, "dangban", f.bureau, grant(jingzi.RoleOrganizer, f.bureau))
	f.member = mustCreateUser(t, db, "member", f.branch, grant(jingzi.RoleParticipant, f.bureau))
	f.reviewer = mustCreateUser(t, db, "zzb", f.root, grant(jingzi.RoleReviewer, f.root))
	f.outsider = mustCreateUser(t, db, "other", f.other, grant(jingzi.RoleOrganizer, f.other), grant(jingzi.RoleReviewer, f.other))
	f.auditr = mustCreateUser(t, db, "audit", f.root, grant(jingzi.RoleAuditor, f.root))
	fw, _ := jingzi.BuiltinFramework("2024")
	date := time.Date(2025, 1, 20, 0, 0, 0, 0, time.UTC)
	f.meeting = &jingzi.Meeting{OrgID: f.bureau.ID, Year: 2024, Kind: jingzi.KindDemocratic, Title: "2024年度民主生活会",
		Framework: fw.Clone(), MeetingDate: &date, Participants: []*jingzi.Participant{
			{Name: "王建国", Title: "党委书记", Head: true},
			{Name: "李红梅", Title: "副局长", Portfolio: []string{"办公室", "人事科"}, UserID: f.member.ID},
			{Name: "赵立新", Title: "副局长", Portfolio: []string{"财务科"}},
		}, Reviewers: []*jingzi.MeetingReviewer{{UserID: f.reviewer.ID}, {UserID: f.reviewer.ID, Supervisor: true}}}
	if err := f.svc.CreateMeeting(asUser(f.organizer), f.meeting); err != nil {
		t.Fatal(err)
	}
	return f
}

func (f *planFixture) reload(t *testing.T) *jingzi.Meeting {
	t.Helper()
	m, err := f.svc.FindMeetingByID(asUser(f.organizer), f.meeting.ID)
	if err != nil {
		t.Fatal(err)
	}
	return m
}

func names(list []*jingzi.Participant) string {
	var out []string
	for _, p := range list {
		out = append(out, p.Name)
	}
	return strings.Join(out, "、")
}

func TestCreateMeetingWithPlan(t *testing.T) {
	eachDB(t, func(t *testing.T, db *sqldb.DB) {
		f := newPlanFixture(t, db)
		m := f.reload(t)
		if m.Version != 1 || m.ReportDays != jingzi.DefaultReportDays || m.ReportedOn != nil {
			t.Errorf("version %d, report days %d, reported %v", m.Version, m.ReportDays, m.ReportedOn)
		}
		if by := m.ReportBy(); by == nil || jingzi.FormatDate(*by) != "2025年1月5日" {
			t.Errorf("report by %v, want 15 days before 2025年1月20日", by)
		}
		if names(m.Participants) != "王建国、李红梅、赵立新" || m.Participants[1].UserID != f.member.ID {
			t.Errorf("roster %s", names(m.Participants))
		}
		if got := m.ReviewerIDs(); len(got) != 1 || got[0] != f.reviewer.ID || len(m.SupervisorIDs()) != 1 {
			t.Errorf("reviewers %v supervisors %v", got, m.SupervisorIDs())
		}
		if m.Reviewers[0].Name != "测试zzb" {
			t.Errorf("reviewer name %q", m.Reviewers[0].Name)
		}
	})
}

func TestCreateMeetingRefusesBadPeople(t *testing.T) {
	eachDB(t, func(t *testing.T, db *sqldb.DB) {
		f := newPlanFixture(t, db)
		tests := []struct {
			name    string
			change  func(m *jingzi.Meeting)
			message string
		}{
			{"account of another org", func(m *jingzi.Meeting) { m.Participants[0].UserID = f.outsider.ID }, "不属于"},
			{"reviewer without the role over the team", func(m *jingzi.Meeting) {
				m.Reviewers = []*jingzi.MeetingReviewer{{UserID: f.outsider.ID}}
			}, "没有对中共江城市民政局委员会的审核权限"},
			{"two heads", func(m *jingzi.Meeting) { m.Participants[1].Head = true }, "主要负责人只能有一位。"},
			{"one account twice", func(m *jingzi.Meeting) { m.Participants[0].UserID = f.member.ID }, "同一账号"},
			{"report days", func(m *jingzi.Meeting) { m.ReportDays = 90 }, "1至60天"},
		}
		for _, tt := range tests {
			fw, _ := jingzi.BuiltinFramework("2024")
			m := &jingzi.Meeting{OrgID: f.bureau.ID, Year: 2024, Kind: jingzi.KindDemocratic, Title: "另一次会议", Framework: fw,
				Participants: []*jingzi.Participant{{Name: "甲", Head: true}, {Name: "乙", UserID: f.member.ID}}}
			tt.change(m)
			err := f.svc.CreateMeeting(asUser(f.organizer), m)
			if jingzi.ErrorCode(err) != jingzi.EINVALID || !strings.Contains(jingzi.ErrorMessage(err), tt.message) {
				t.Errorf("%s: %v, want EINVALID with %q", tt.name, err, tt.message)
			}
		}
		if list, _, _ := f.svc.FindMeetings(asUser(f.organizer), jingzi.MeetingFilter{}); len(list) != 1 {
			t.Errorf("%d meetings stored, want only the fixture's", len(list))
		}
	})
}

// Editing the roster keeps the ids of unchanged and renamed members, adds new
// ones, removes dropped ones and follows the new order.
func TestUpdateMeetingKeepsParticipantIDs(t *testing.T) {
	eachDB(t, func(t *testing.T, db *sqldb.DB) {
		f := newPlanFixture(t, db)
		m := f.reload(t)
		wang, li, zhao := m.Participants[0], m.Participants[1], m.Participants[2]
		li.Title, li.Portfolio = "党委副书记", []string{"办公室"}
		roster := []*jingzi.Participant{li, wang, {Name: "孙国强", Title: "纪检组长"}}
		cleared, phase, days := time.Time{}, jingzi.PhaseStudy, 20
		got, err := f.svc.UpdateMeeting(asUser(f.organizer), m.ID, jingzi.MeetingUpdate{Version: m.Version,
			Participants: &roster, Phase: &phase, ReportDays: &days, MeetingDate: &cleared})
		if err != nil {
			t.Fatal(err)
		}
		m = f.reload(t)
		if names(m.Participants) != "李红梅、王建国、孙国强" || m.Participants[0].ID != li.ID || m.Participants[1].ID != wang.ID {
			t.Fatalf("roster %s", names(m.Participants))
		}
		if m.Participant(zhao.ID) != nil || m.Participants[2].ID == 0 || m.Participants[0].Title != "党委副书记" ||
			strings.Join(m.Participants[0].Portfolio, "、") != "办公室" || m.Participants[0].UserID != f.member.ID {
			t.Errorf("roster after update %+v", m.Participants[0])
		}
		if m.Version != 2 || got.Version != 2 || m.Phase != jingzi.PhaseStudy || m.ReportDays != 20 || m.MeetingDate != nil || m.ReportBy() != nil {
			t.Errorf("meeting after update: version %d phase %s days %d date %v", m.Version, m.Phase, m.ReportDays, m.MeetingDate)
		}
		if len(m.Reviewers) != 2 {
			t.Errorf("reviewers changed without being asked: %d", len(m.Reviewers))
		}
		entries, _, err := sqldb.NewAuditService(db).FindAuditEntries(asUser(f.auditr), jingzi.AuditFilter{Limit: 1})
		if err != nil || len(entries) != 1 || entries[0].Action != "meeting.update" || !strings.Contains(entries[0].Detail, "班子成员") ||
			!strings.Contains(entries[0].Detail, "当前环节") || entries[0].ActorID != f.organizer.ID {
			t.Errorf("audit %+v %v", entries, err)
		}
	})
}

func TestUpdateMeetingRefusesRemovingAnAuthor(t *testing.T) {
	eachDB(t, func(t *testing.T, db *sqldb.DB) {
		f := newPlanFixture(t, db)
		m := f.reload(t)
		st := jingzi.NewStatementFromFramework(m.Framework, "赵立新对照检查材料")
		st.MeetingID, st.ParticipantID = m.ID, m.Participants[2].ID
		if err := sqldb.NewStatementService(db).CreateStatement(asUser(f.organizer), st, "按框架新建"); err != nil {
			t.Fatal(err)
		}
		roster := m.Participants[:2]
		title := "改名"
		_, err := f.svc.UpdateMeeting(asUser(f.organizer), m.ID, jingzi.MeetingUpdate{Version: m.Version, Participants: &roster, Title: &title})
		if jingzi.ErrorCode(err) != jingzi.ECONFLICT || !strings.Contains(jingzi.ErrorMessage(err), "赵立新已有对照检查材料") {
			t.Fatalf("removing an author: %v", err)
		}
		after := f.reload(t)
		if names(after.Participants) != "王建国、李红梅、赵立新" || after.Title != m.Title || after.Version != m.Version {
			t.Errorf("a refused update changed the meeting: %s %q v%d", names(after.Participants), after.Title, after.Version)
		}
		p, err := f.svc.MeetingProgress(asUser(f.organizer), m.ID)
		if err != nil || p.Statements == nil || p.Statements.Created != 1 || p.Statements.TeamCreated || p.Participants != 3 {
			t.Errorf("progress %+v %v", p.Statements, err)
		}
	})
}

func TestUpdateMeetingVersionAndPermissions(t *testing.T) {
	eachDB(t, func(t *testing.T, db *sqldb.DB) {
		f := newPlanFixture(t, db)
		title := "2024年度专题民主生活会"
		tests := []struct {
			user    *jingzi.User
			version int
			code    string
		}{
			{f.member, 1, jingzi.EFORBIDDEN},
			{f.reviewer, 1, jingzi.EFORBIDDEN},
			{f.outsider, 1, jingzi.ENOTFOUND},
			{f.organizer, 0, jingzi.ECONFLICT},
			{f.organizer, 1, ""},
			{f.organizer, 1, jingzi.ECONFLICT}, // the same form posted twice
		}
		for i, tt := range tests {
			_, err := f.svc.UpdateMeeting(asUser(tt.user), f.meeting.ID, jingzi.MeetingUpdate{Version: tt.version, Title: &title})
			if jingzi.ErrorCode(err) != tt.code {
				t.Errorf("%d %s v%d: %v, want %q", i, tt.user.Login, tt.version, err, tt.code)
			}
		}
		if m := f.reload(t); m.Title != title || m.Version != 2 {
			t.Errorf("title %q version %d", m.Title, m.Version)
		}
	})
}

func TestFindMeetingCandidates(t *testing.T) {
	eachDB(t, func(t *testing.T, db *sqldb.DB) {
		f := newPlanFixture(t, db)
		c, err := f.svc.FindMeetingCandidates(asUser(f.organizer), f.bureau.ID)
		if err != nil {
			t.Fatal(err)
		}
		logins := func(list []*jingzi.User) string {
			var out []string
			for _, u := range list {
				out = append(out, u.Login)
			}
			return strings.Join(out, ",")
		}
		if got := logins(c.Members); got != "dangban,member" {
			t.Errorf("members %s", got)
		}
		if got := logins(c.Reviewers); got != "zzb" {
			t.Errorf("reviewers %s", got)
		}
		for _, u := range []*jingzi.User{f.member, f.reviewer} {
			if _, err := f.svc.FindMeetingCandidates(asUser(u), f.bureau.ID); jingzi.ErrorCode(err) != jingzi.EFORBIDDEN {
				t.Errorf("%s: %v", u.Login, err)
			}
		}
		if _, err := f.svc.FindMeetingCandidates(asUser(f.outsider), f.bureau.ID); jingzi.ErrorCode(err) != jingzi.ENOTFOUND {
			t.Errorf("outsider: %v", err)
		}
	})
}
