package sqldb_test

import (
	"testing"

	"jingzi"
	"jingzi/sqldb"
)

// statementFixture is the bureau's 2021 meeting with two members on the roster.
type statementFixture struct {
	*fixture
	meeting                    *jingzi.Meeting
	organizer, head, member    *jingzi.User
	colleague, reviewer, other *jingzi.User
}

func newStatementFixture(t *testing.T, db *sqldb.DB) *statementFixture {
	t.Helper()
	f := &statementFixture{fixture: newFixture(t, db)}
	f.organizer = mustCreateUser(t, db, "dangban", f.bureau, grant(jingzi.RoleOrganizer, f.bureau))
	f.head = mustCreateUser(t, db, "head", f.bureau, grant(jingzi.RoleParticipant, f.bureau))
	f.member = mustCreateUser(t, db, "member", f.bureau, grant(jingzi.RoleParticipant, f.bureau))
	f.colleague = mustCreateUser(t, db, "colleague", f.bureau, grant(jingzi.RoleParticipant, f.bureau))
	f.reviewer = mustCreateUser(t, db, "zzb", f.root, grant(jingzi.RoleReviewer, f.root))
	f.other = mustCreateUser(t, db, "other", f.fixture.other, grant(jingzi.RoleOrganizer, f.fixture.other))
	fw, _ := jingzi.BuiltinFramework("2021")
	f.meeting = &jingzi.Meeting{OrgID: f.bureau.ID, Year: 2021, Kind: jingzi.KindDemocratic, Title: "2021年度专题民主生活会",
		Framework: fw, Participants: []*jingzi.Participant{
			{Name: "王建国", Head: true, UserID: f.head.ID},
			{Name: "李红梅", UserID: f.member.ID},
			{Name: "张伟", UserID: f.colleague.ID},
		}}
	if err := sqldb.NewMeetingService(db).CreateMeeting(asUser(f.organizer), f.meeting); err != nil {
		t.Fatal(err)
	}
	return f
}

func (f *statementFixture) skeleton(participant int) *jingzi.Statement {
	s := jingzi.NewStatementFromFramework(f.meeting.Framework, "对照检查材料")
	s.MeetingID = f.meeting.ID
	if participant >= 0 {
		s.ParticipantID = f.meeting.Participants[participant].ID
	}
	return s
}

// Every save makes a version; a save from a stale version is refused and loses
// nothing; older versions stay readable.
func TestStatementVersions(t *testing.T) {
	eachDB(t, func(t *testing.T, db *sqldb.DB) {
		f := newStatementFixture(t, db)
		svc := sqldb.NewStatementService(db)
		s := f.skeleton(1)
		if err := svc.CreateStatement(asUser(f.organizer), s, "按框架新建"); err != nil {
			t.Fatal(err)
		}
		if err := svc.CreateStatement(asUser(f.organizer), f.skeleton(1), "again"); jingzi.ErrorCode(err) != jingzi.ECONFLICT {
			t.Errorf("second statement for the same owner: %v, want ECONFLICT", err)
		}
		mine, _ := svc.FindStatementByID(asUser(f.member), s.ID)
		theirs, _ := svc.FindStatementByID(asUser(f.member), s.ID)
		mine.Parts[0].Sections[0].Items = []*jingzi.Item{{Heading: "理论学习不系统。", Body: "比如……"}}
		if err := svc.SaveStatement(asUser(f.member), mine, "编辑存在问题"); err != nil {
			t.Fatal(err)
		}
		theirs.Title = "另一窗口的修改"
		if err := svc.SaveStatement(asUser(f.member), theirs, "stale"); jingzi.ErrorCode(err) != jingzi.ECONFLICT {
			t.Fatalf("stale save: %v, want ECONFLICT", err)
		}
		got, _ := svc.FindStatementByID(asUser(f.member), s.ID)
		if got.Version != 2 || got.Title != "对照检查材料" || got.Parts[0].Sections[0].Items[0].Heading != "理论学习不系统。" {
			t.Errorf("after a refused stale save: version %d, title %q", got.Version, got.Title)
		}
		if got.OwnerName != "李红梅" {
			t.Errorf("owner = %q", got.OwnerName)
		}
		versions, err := svc.FindStatementVersions(asUser(f.member), s.ID)
		if err != nil || len(versions) != 2 || versions[0].Note != "编辑存在问题" || versions[1].Version != 1 {
			t.Fatalf("versions: %+v, %v", versions, err)
		}
		v1, err := svc.FindStatementVersion(asUser(f.organizer), s.ID, 1)
		if err != nil || len(v1.Parts[0].Sections[0].Items) != 0 {
			t.Errorf("version 1: %v", err)
		}
		if _, err := svc.FindStatementVersion(asUser(f.member), s.ID, 9); jingzi.ErrorCode(err) != jingzi.ENOTFOUND {
			t.Errorf("version 9: %v", err)
		}
	})
}

// Only the author edits; a colleague does not even see the draft; the team's
// statement is the head's and the organiser's; nobody outside the subtree sees any.
func TestStatementPermissions(t *testing.T) {
	eachDB(t, func(t *testing.T, db *sqldb.DB) {
		f := newStatementFixture(t, db)
		svc := sqldb.NewStatementService(db)
		member, team := f.skeleton(1), f.skeleton(-1)
		if err := svc.CreateStatement(asUser(f.other), member, ""); jingzi.ErrorCode(err) == "" {
			t.Fatal("organiser of another bureau created a statement")
		}
		for _, s := range []*jingzi.Statement{member, team} {
			if err := svc.CreateStatement(asUser(f.organizer), s, ""); err != nil {
				t.Fatal(err)
			}
		}
		// The superior's reviewer sees statements only once submitted (review_test.go).
		for _, u := range []*jingzi.User{f.colleague, f.head, f.reviewer, f.other} {
			if _, err := svc.FindStatementByID(asUser(u), member.ID); jingzi.ErrorCode(err) != jingzi.ENOTFOUND {
				t.Errorf("%s reads the member's draft: %v", u.Login, err)
			}
		}
		for _, u := range []*jingzi.User{f.member, f.organizer} {
			if _, err := svc.FindStatementByID(asUser(u), member.ID); err != nil {
				t.Errorf("%s cannot read the member's statement: %v", u.Login, err)
			}
		}
		cur, _ := svc.FindStatementByID(asUser(f.organizer), member.ID)
		if err := svc.SaveStatement(asUser(f.organizer), cur, ""); jingzi.ErrorCode(err) != jingzi.EFORBIDDEN {
			t.Errorf("organiser edits the member's statement: %v, want EFORBIDDEN", err)
		}
		if err := svc.SaveStatement(asUser(f.reviewer), cur, ""); jingzi.ErrorCode(err) != jingzi.ENOTFOUND {
			t.Errorf("reviewer edits a draft they cannot see: %v, want ENOTFOUND", err)
		}
		teamNow, _ := svc.FindStatementByID(asUser(f.head), team.ID)
		if err := svc.SaveStatement(asUser(f.head), teamNow, "书记起草"); err != nil {
			t.Errorf("head edits the team statement: %v", err)
		}
		if _, err := svc.FindStatementByID(asUser(f.colleague), team.ID); err != nil {
			t.Errorf("a member reads the team statement: %v", err)
		}
		teamNow, _ = svc.FindStatementByID(asUser(f.colleague), team.ID)
		if err := svc.SaveStatement(asUser(f.colleague), teamNow, ""); jingzi.ErrorCode(err) != jingzi.EFORBIDDEN {
			t.Errorf("a member edits the team statement: %v", err)
		}
		mid := f.meeting.ID
		list, _, _ := svc.FindStatements(asUser(f.colleague), jingzi.StatementFilter{MeetingID: &mid})
		if len(list) != 1 || list[0].ParticipantID != 0 {
			t.Errorf("colleague lists %d statements, want only the team's", len(list))
		}
		list, _, _ = svc.FindStatements(asUser(f.organizer), jingzi.StatementFilter{MeetingID: &mid})
		if len(list) != 2 || list[0].ParticipantID != 0 || list[1].OwnerName != "李红梅" {
			t.Errorf("organiser lists %+v", list)
		}
	})
}

func TestFrameworks(t *testing.T) {
	eachDB(t, func(t *testing.T, db *sqldb.DB) {
		f := newStatementFixture(t, db)
		svc := sqldb.NewFrameworkService(db)
		ctx := jingzi.NewContextWithActor(asUser(f.organizer), &jingzi.Actor{User: f.organizer, OrgID: f.bureau.ID})
		list, err := svc.FindFrameworks(ctx)
		if err != nil || len(list) != 5 || list[0].Year != 2025 || !list[0].Builtin {
			t.Fatalf("built-ins: %d, %v", len(list), err)
		}
		if err := svc.UpdateFramework(ctx, list[4].ID, list[4]); jingzi.ErrorCode(err) != jingzi.EFORBIDDEN {
			t.Errorf("editing a built-in: %v, want EFORBIDDEN", err)
		}
		copy := list[4].Clone()
		copy.Name = "2021年度（本局调整）"
		copy.Aspects = append(copy.Aspects, jingzi.Aspect{Wording: "在带头落实巡视整改方面", Label: "巡视整改", Confidence: jingzi.ConfidenceMedium})
		if err := svc.CreateFramework(ctx, copy); err != nil {
			t.Fatal(err)
		}
		copy.Name = "2021年度（本局调整二）"
		if err := svc.UpdateFramework(ctx, copy.ID, copy); err != nil {
			t.Fatal(err)
		}
		got, err := svc.FindFrameworkByID(ctx, copy.ID)
		if err != nil || got.Name != "2021年度（本局调整二）" || len(got.Aspects) != 6 || !got.Aspects[5].NeedsCheck() {
			t.Errorf("copy: %+v, %v", got, err)
		}
		if _, err := svc.FindFrameworkByID(asUser(f.other), copy.ID); jingzi.ErrorCode(err) != jingzi.ENOTFOUND {
			t.Errorf("another bureau sees the copy: %v", err)
		}
		if _, err := svc.FindFrameworkByID(asUser(f.reviewer), copy.ID); err != nil {
			t.Errorf("the superior's reviewer cannot see the copy: %v", err)
		}
	})
}
