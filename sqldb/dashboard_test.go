package sqldb_test

import (
	"context"
	"testing"
	"time"

	"jingzi"
	"jingzi/sqldb"
)

// seedSupervision gives the bureau's meeting three statements (draft, submitted,
// returned), three opinions of which one is merged into another, and one talk
// filling the head–李红梅 pair; 人社局党组 gets an empty meeting of its own.
func seedSupervision(t *testing.T, db *sqldb.DB, f *talkFixture) *jingzi.Meeting {
	t.Helper()
	ctx := context.Background()
	at := time.Date(2022, 1, 10, 0, 0, 0, 0, time.UTC)
	for i, st := range []string{"draft", "submitted", "returned"} {
		pid := int64(0)
		if i > 0 {
			pid = f.pid(i - 1)
		}
		if err := db.ExecRaw(ctx, `INSERT INTO statements (meeting_id, participant_id, title, version, body, updated_at, updated_by, state)
			VALUES (?, ?, '对照检查材料', 1, '{}', ?, '测试', ?)`, f.meeting.ID, pid, at, st); err != nil {
			t.Fatal(err)
		}
	}
	if err := db.ExecRaw(ctx, `INSERT INTO solicitations (meeting_id, title, opens_on, closes_on, threshold, created_at)
		VALUES (?, '征求意见', ?, ?, 3, ?)`, f.meeting.ID, at, at, at); err != nil {
		t.Fatal(err)
	}
	for _, o := range [][2]string{{"op1", ""}, {"op2", ""}, {"op3", "op1"}} {
		if err := db.ExecRaw(ctx, `INSERT INTO opinions (id, solicitation_id, channel, body, merged_into)
			VALUES (?, (SELECT id FROM solicitations WHERE meeting_id = ?), 'forum', '意见', ?)`, o[0], f.meeting.ID, o[1]); err != nil {
			t.Fatal(err)
		}
	}
	if err := f.svc.RecordTalk(asUser(f.organizer), f.talk(0, 1, 5)); err != nil {
		t.Fatal(err)
	}
	fw, _ := jingzi.BuiltinFramework("2021")
	other := &jingzi.Meeting{OrgID: f.fixture.other.ID, Year: 2021, Kind: jingzi.KindDemocratic, Title: "人社局2021年度民主生活会", Framework: fw}
	if err := sqldb.NewMeetingService(db).CreateMeeting(asUser(f.other), other); err != nil {
		t.Fatal(err)
	}
	return other
}

func TestSupervisionRows(t *testing.T) {
	eachDB(t, func(t *testing.T, db *sqldb.DB) {
		f := newTalkFixture(t, db)
		other := seedSupervision(t, db, f)
		svc := sqldb.NewSupervisionService(db)
		titles := func(u *jingzi.User, filter jingzi.SupervisionFilter) []string {
			t.Helper()
			rows, n, err := svc.SupervisionRows(asUser(u), filter)
			if err != nil {
				t.Fatal(err)
			} else if n != len(rows) {
				t.Errorf("total %d for %d rows", n, len(rows))
			}
			var out []string
			for _, r := range rows {
				out = append(out, r.Title)
			}
			return out
		}
		tests := []struct {
			name   string
			user   *jingzi.User
			filter jingzi.SupervisionFilter
			want   []string
		}{
			{"reviewer sees the subtree", f.reviewer, jingzi.SupervisionFilter{}, []string{f.meeting.Title, other.Title}},
			{"organiser sees only their team", f.organizer, jingzi.SupervisionFilter{}, []string{f.meeting.Title}},
			{"other organiser sees only theirs", f.other, jingzi.SupervisionFilter{}, []string{other.Title}},
			{"participant sees nothing", f.head, jingzi.SupervisionFilter{}, nil},
			{"within the bureau", f.reviewer, jingzi.SupervisionFilter{Within: &f.bureau.ID}, []string{f.meeting.Title}},
			{"search by org name", f.reviewer, jingzi.SupervisionFilter{Query: "人力资源"}, []string{other.Title}},
			{"sorted by statements, most first", f.reviewer, jingzi.SupervisionFilter{Sort: "statements", Desc: true}, []string{f.meeting.Title, other.Title}},
			{"sorted by statements, fewest first", f.reviewer, jingzi.SupervisionFilter{Sort: "statements"}, []string{other.Title, f.meeting.Title}},
		}
		for _, tt := range tests {
			if got := titles(tt.user, tt.filter); !equalStrings(got, tt.want) {
				t.Errorf("%s: %v, want %v", tt.name, got, tt.want)
			}
		}
		rows, _, err := svc.SupervisionRows(asUser(f.reviewer), jingzi.SupervisionFilter{Within: &f.bureau.ID})
		if err != nil || len(rows) != 1 {
			t.Fatal(rows, err)
		}
		r := rows[0]
		if want := (jingzi.StatementCounts{Draft: 1, Submitted: 1, Returned: 1}); r.Statements != want {
			t.Errorf("statements %+v, want %+v", r.Statements, want)
		}
		if r.Opinions != 2 || r.TalkPairs != 9 || r.TalkDone != 1 || r.OrgName != f.bureau.Name || r.Phase != jingzi.PhasePlan {
			t.Errorf("row %+v: want 2 opinions, 1 of 9 pairs, in %s, phase plan", r, f.bureau.Name)
		}
		if _, _, err := svc.SupervisionRows(asUser(f.other), jingzi.SupervisionFilter{Within: &f.bureau.ID}); jingzi.ErrorCode(err) != jingzi.ENOTFOUND {
			t.Errorf("another bureau's organiser asks for the bureau: %v", err)
		}
	})
}

func equalStrings(a, b []string) bool {
	if len(a) != len(b) {
		return false
	}
	for i := range a {
		if a[i] != b[i] {
			return false
		}
	}
	return true
}
