package sqldb_test

import (
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
