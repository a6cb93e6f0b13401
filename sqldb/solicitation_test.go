package sqldb_test

import (
	"strings"
	"testing"
	"time"

	"jingzi"
	"jingzi/sqldb"
)

// solicitationFixture is the statement fixture with one open solicitation
// (1–31 January 2022; the test clock stands at 10 January).
type solicitationFixture struct {
	*statementFixture
	sols *sqldb.SolicitationService
	ops  *sqldb.OpinionService
	sol  *jingzi.Solicitation
}

func newSolicitationFixture(t *testing.T, db *sqldb.DB, threshold int) *solicitationFixture {
	t.Helper()
	f := &solicitationFixture{statementFixture: newStatementFixture(t, db),
		sols: sqldb.NewSolicitationService(db), ops: sqldb.NewOpinionService(db)}
	f.sol = &jingzi.Solicitation{MeetingID: f.meeting.ID, Title: "2021年度民主生活会征求意见",
		OpensOn: day(2022, 1, 1), ClosesOn: day(2022, 1, 31), Threshold: threshold}
	if err := f.sols.CreateSolicitation(asUser(f.organizer), f.sol); err != nil {
		t.Fatal(err)
	}
	return f
}

func day(y int, m time.Month, d int) time.Time { return time.Date(y, m, d, 0, 0, 0, 0, time.UTC) }

func (f *solicitationFixture) codes(t *testing.T, n int, unit string) []string {
	t.Helper()
	codes, err := f.sols.GenerateCodes(asUser(f.organizer), f.sol.ID, n, unit)
	if err != nil {
		t.Fatal(err)
	}
	return codes
}

func opinion(text string, participant int64, aspect int) *jingzi.Opinion {
	return &jingzi.Opinion{Text: text, ParticipantID: participant, AspectIndex: aspect}
}

func TestCreateSolicitationPermissionsAndValidation(t *testing.T) {
	eachDB(t, func(t *testing.T, db *sqldb.DB) {
		f := newSolicitationFixture(t, db, 0)
		if f.sol.Threshold != jingzi.DefaultThreshold {
			t.Errorf("default threshold = %d", f.sol.Threshold)
		}
		tests := []struct {
			name string
			as   *jingzi.User
			sol  jingzi.Solicitation
			code string
		}{
			{"threshold below the floor", f.organizer, jingzi.Solicitation{Title: "征求意见", OpensOn: day(2022, 1, 1), ClosesOn: day(2022, 1, 2), Threshold: 2}, jingzi.EINVALID},
			{"closes before it opens", f.organizer, jingzi.Solicitation{Title: "征求意见", OpensOn: day(2022, 1, 5), ClosesOn: day(2022, 1, 2)}, jingzi.EINVALID},
			{"no title", f.organizer, jingzi.Solicitation{OpensOn: day(2022, 1, 1), ClosesOn: day(2022, 1, 2)}, jingzi.EINVALID},
			{"a participant", f.member, jingzi.Solicitation{Title: "征求意见", OpensOn: day(2022, 1, 1), ClosesOn: day(2022, 1, 2)}, jingzi.EFORBIDDEN},
			{"another org's organiser", f.other, jingzi.Solicitation{Title: "征求意见", OpensOn: day(2022, 1, 1), ClosesOn: day(2022, 1, 2)}, jingzi.EFORBIDDEN},
		}
		for _, tt := range tests {
			sol := tt.sol
			sol.MeetingID = f.meeting.ID
			if err := f.sols.CreateSolicitation(asUser(tt.as), &sol); jingzi.ErrorCode(err) != tt.code {
				t.Errorf("%s: %v, want %s", tt.name, err, tt.code)
			}
		}
		if _, err := f.sols.FindSolicitationByID(asUser(f.other), f.sol.ID); jingzi.ErrorCode(err) != jingzi.ENOTFOUND {
			t.Errorf("another org's organiser reads it: %v", err)
		}
		if _, err := f.sols.GenerateCodes(asUser(f.member), f.sol.ID, 3, ""); jingzi.ErrorCode(err) != jingzi.EFORBIDDEN {
			t.Errorf("a participant generates codes: %v", err)
		}
		if _, err := f.sols.GenerateCodes(asUser(f.organizer), f.sol.ID, jingzi.MaxCodesPerBatch+1, ""); jingzi.ErrorCode(err) != jingzi.EINVALID {
			t.Errorf("too many codes: %v", err)
		}
	})
}

// A code works once; used, unknown and expired codes get the same answer.
func TestCodeWorksOnce(t *testing.T) {
	eachDB(t, func(t *testing.T, db *sqldb.DB) {
		f := newSolicitationFixture(t, db, 3)
		codes := f.codes(t, 3, "社会救助科")
		if len(codes) != 3 || codes[0] == codes[1] || len(codes[0]) != 14 {
			t.Fatalf("codes = %v", codes)
		}
		ballot, err := f.sols.OpenBallotByCode(sys, strings.ToLower(strings.ReplaceAll(codes[0], "-", " ")))
		if err != nil {
			t.Fatalf("typed in lower case with spaces: %v", err)
		}
		if len(ballot.Participants) != 3 || ballot.Participants[0].Name != "王建国" || len(ballot.Aspects) != 5 || ballot.Unit != "社会救助科" {
			t.Errorf("ballot = %+v", ballot)
		}
		if err := f.sols.SubmitByCode(sys, codes[0], nil); jingzi.ErrorCode(err) != jingzi.EINVALID {
			t.Errorf("empty submission: %v", err)
		}
		bad := []*jingzi.Opinion{opinion("对象不在名单", 9999, -1)}
		if err := f.sols.SubmitByCode(sys, codes[0], bad); jingzi.ErrorCode(err) != jingzi.EINVALID {
			t.Errorf("unknown participant: %v", err)
		}
		if err := f.sols.SubmitByCode(sys, codes[0], []*jingzi.Opinion{opinion("班子调研不够深入。", 0, 2)}); err != nil {
			t.Fatalf("first use: %v", err)
		}
		used := f.sols.SubmitByCode(sys, codes[0], []*jingzi.Opinion{opinion("再提一次。", 0, -1)})
		unknown := f.sols.SubmitByCode(sys, "ABCD-EFGH-JKMN", []*jingzi.Opinion{opinion("猜一个码。", 0, -1)})
		garbage := f.sols.SubmitByCode(sys, "<script>", []*jingzi.Opinion{opinion("乱码。", 0, -1)})
		clockOf(db).Add(30 * 24 * time.Hour) // 9 February: closed
		expired := f.sols.SubmitByCode(sys, codes[1], []*jingzi.Opinion{opinion("过期了。", 0, -1)})
		_, expiredOpen := f.sols.OpenBallotByCode(sys, codes[2])
		for name, err := range map[string]error{"used": used, "unknown": unknown, "garbage": garbage, "expired": expired, "expired open": expiredOpen} {
			if jingzi.ErrorCode(err) != jingzi.ENOTFOUND || jingzi.ErrorMessage(err) != jingzi.ErrorMessage(used) {
				t.Errorf("%s code: %v, want the same answer as a used one", name, err)
			}
		}
		sol, err := f.sols.FindSolicitationByID(asUser(f.organizer), f.sol.ID)
		if err != nil || sol.CodesIssued != 3 || sol.CodesUsed != 1 {
			t.Errorf("counts: %+v, %v", sol, err)
		}
	})
}

func TestUnitForm(t *testing.T) {
	eachDB(t, func(t *testing.T, db *sqldb.DB) {
		f := newSolicitationFixture(t, db, 3)
		uf, err := f.sols.CreateUnitForm(asUser(f.organizer), f.sol.ID, "养老服务科")
		if err != nil {
			t.Fatal(err)
		}
		if _, err := f.sols.CreateUnitForm(asUser(f.organizer), f.sol.ID, "养老服务科"); jingzi.ErrorCode(err) != jingzi.ECONFLICT {
			t.Errorf("second link for the unit: %v", err)
		}
		for _, text := range []string{"第一位同志的意见。", "第二位同志的意见。"} {
			if err := f.sols.SubmitByUnit(sys, uf.Token, []*jingzi.Opinion{opinion(text, f.meeting.Participants[1].ID, -1)}); err != nil {
				t.Fatal(err)
			}
		}
		if _, err := f.sols.OpenBallotByUnit(sys, strings.Repeat("0", 32)); jingzi.ErrorCode(err) != jingzi.ENOTFOUND {
			t.Errorf("unknown token: %v", err)
		}
		forms, err := f.sols.FindUnitForms(asUser(f.organizer), f.sol.ID)
		if err != nil || len(forms) != 1 || forms[0].Submissions != 2 || forms[0].Token != uf.Token {
			t.Errorf("forms = %v, %v", forms, err)
		}
		list, _, err := f.ops.FindOpinions(asUser(f.organizer), jingzi.OpinionFilter{SolicitationID: &f.sol.ID})
		if err != nil || len(list) != 0 {
			t.Errorf("two of three submissions: %d opinions shown, %v", len(list), err)
		}
		f.sols.SubmitByUnit(sys, uf.Token, []*jingzi.Opinion{opinion("第三位同志的意见。", 0, -1)})
		list, _, _ = f.ops.FindOpinions(asUser(f.organizer), jingzi.OpinionFilter{SolicitationID: &f.sol.ID})
		if len(list) != 3 || list[0].Unit != "养老服务科" || list[0].Channel != jingzi.ChannelUnit {
			t.Errorf("after the threshold: %+v", list)
		}
	})
}
