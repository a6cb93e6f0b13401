package sqldb_test

import (
	"bytes"
	"context"
	"database/sql"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"jingzi"
	"jingzi/sqldb"
)

// Participants see nothing before release, then only what is aimed at them or the
// team; organisers triage, merge and count.
func TestOpinionTriageFeedbackAndCounts(t *testing.T) {
	eachDB(t, func(t *testing.T, db *sqldb.DB) {
		f := newSolicitationFixture(t, db, 3)
		wang, li, zhang := f.meeting.Participants[0].ID, f.meeting.Participants[1].ID, f.meeting.Participants[2].ID
		codes := f.codes(t, 3, "社会救助科")
		for i, o := range []*jingzi.Opinion{opinion("对李红梅：调研不够。", li, 0), opinion("对张伟：作风不实。", zhang, 1), opinion("班子：学习不够。", 0, -1)} {
			if err := f.sols.SubmitByCode(sys, codes[i], []*jingzi.Opinion{o}); err != nil {
				t.Fatal(err)
			}
		}
		manual := &jingzi.Opinion{SolicitationID: f.sol.ID, Channel: jingzi.ChannelForum, Unit: "养老服务科", Text: "对李红梅：调研不深入。", ParticipantID: li, AspectIndex: 0}
		if err := f.ops.CreateOpinion(asUser(f.member), manual); jingzi.ErrorCode(err) != jingzi.EFORBIDDEN {
			t.Errorf("a participant enters an opinion: %v", err)
		}
		if err := f.ops.CreateOpinion(asUser(f.organizer), &jingzi.Opinion{SolicitationID: f.sol.ID, Channel: jingzi.ChannelCode, Text: "冒充匿名"}); jingzi.ErrorCode(err) != jingzi.EINVALID {
			t.Errorf("manual entry as a code: %v", err)
		}
		if err := f.ops.CreateOpinion(asUser(f.organizer), manual); err != nil {
			t.Fatal(err)
		}
		mine := func(u *jingzi.User) []string {
			list, _, err := f.ops.FindOpinions(asUser(u), jingzi.OpinionFilter{MeetingID: &f.meeting.ID})
			if err != nil {
				t.Fatal(err)
			}
			var out []string
			for _, o := range list {
				out = append(out, o.Text)
			}
			return out
		}
		if got := mine(f.member); len(got) != 0 {
			t.Errorf("before release the participant sees %v", got)
		}
		if got := mine(f.organizer); len(got) != 4 {
			t.Errorf("organiser sees %v", got)
		}
		released := true
		if _, err := f.sols.UpdateSolicitation(asUser(f.member), f.sol.ID, jingzi.SolicitationUpdate{Released: &released}); jingzi.ErrorCode(err) != jingzi.EFORBIDDEN {
			t.Errorf("a participant releases: %v", err)
		}
		if _, err := f.sols.UpdateSolicitation(asUser(f.organizer), f.sol.ID, jingzi.SolicitationUpdate{Released: &released}); err != nil {
			t.Fatal(err)
		}
		got := strings.Join(mine(f.member), "|")
		if strings.Contains(got, "张伟") || !strings.Contains(got, "对李红梅：调研不够。") || !strings.Contains(got, "班子：学习不够。") {
			t.Errorf("李红梅 after release sees %q", got)
		}
		// Triage: the organiser moves the team's opinion to 王建国 and marks it.
		list, _, _ := f.ops.FindOpinions(asUser(f.organizer), jingzi.OpinionFilter{MeetingID: &f.meeting.ID, ParticipantID: &li})
		if len(list) != 2 {
			t.Fatalf("李红梅's opinions: %d", len(list))
		}
		team := int64(0)
		teamList, _, _ := f.ops.FindOpinions(asUser(f.organizer), jingzi.OpinionFilter{MeetingID: &f.meeting.ID, ParticipantID: &team})
		adopted, aspect := jingzi.StatusAdopted, 3
		o, err := f.ops.UpdateOpinion(asUser(f.organizer), teamList[0].ID, jingzi.OpinionUpdate{ParticipantID: &wang, AspectIndex: &aspect, Status: &adopted})
		if err != nil || o.ParticipantID != wang || o.Status != jingzi.StatusAdopted {
			t.Fatalf("update: %+v, %v", o, err)
		}
		bad := 99
		if _, err := f.ops.UpdateOpinion(asUser(f.organizer), o.ID, jingzi.OpinionUpdate{AspectIndex: &bad}); jingzi.ErrorCode(err) != jingzi.EINVALID {
			t.Errorf("aspect out of range: %v", err)
		}
		if _, err := f.ops.FindOpinionByID(asUser(f.member), o.ID); jingzi.ErrorCode(err) != jingzi.ENOTFOUND {
			t.Errorf("李红梅 reads 王建国's opinion: %v", err)
		}
		// Merge the two on 李红梅: both stay visible, counted once.
		if err := f.ops.MergeOpinions(asUser(f.organizer), list[0].ID, []string{list[0].ID}); jingzi.ErrorCode(err) != jingzi.EINVALID {
			t.Errorf("merge into itself: %v", err)
		}
		if err := f.ops.MergeOpinions(asUser(f.organizer), list[0].ID, []string{list[1].ID}); err != nil {
			t.Fatal(err)
		}
		dup, err := f.ops.FindOpinionByID(asUser(f.member), list[1].ID)
		if err != nil || dup.MergedInto != list[0].ID {
			t.Errorf("merged original: %+v, %v", dup, err)
		}
		n, units, err := f.sols.CountOpinions(asUser(f.member), f.meeting.ID)
		if err != nil || n != 3 || units != 2 {
			t.Errorf("CountOpinions = %d条, %d个单位, %v; want 3, 2", n, units, err)
		}
		if _, _, err := f.sols.CountOpinions(asUser(f.other), f.meeting.ID); jingzi.ErrorCode(err) != jingzi.ENOTFOUND {
			t.Errorf("another org counts: %v", err)
		}
	})
}

// The canary: a known code submits a known text from a logged-in person's request.
// Afterwards nothing in the schema, the audit log, the database file or its WAL
// links the text to the code, the person, the address or the order of submission.
func TestOpinionAnonymityCanary(t *testing.T) {
	path := filepath.Join(t.TempDir(), "jingzi.db")
	db := openTestDB(t, path)
	f := newSolicitationFixture(t, db, 3)
	codes := f.codes(t, 20, "")
	const canary = "金丝雀意见：某同志办事拖拉7F3Q"
	const ip = "203.0.113.99"
	submitter := jingzi.NewContextWithActor(context.Background(), &jingzi.Actor{User: f.member, IP: ip})
	var order []string
	for i, code := range codes {
		text := "普通意见" + strings.Repeat("。", i+1)
		if i == 7 {
			text = canary
		}
		o := opinion(text, 0, -1)
		if err := f.sols.SubmitByCode(submitter, code, []*jingzi.Opinion{o}); err != nil {
			t.Fatal(err)
		}
		order = append(order, o.ID)
	}
	// Schema: only these columns, none about who or when.
	cols := map[string]bool{}
	rows, err := sqlOpen(t, path).Query(`SELECT name FROM pragma_table_info('opinions')`)
	if err != nil {
		t.Fatal(err)
	}
	for rows.Next() {
		var c string
		rows.Scan(&c)
		cols[c] = true
	}
	rows.Close()
	for c := range cols {
		if !map[string]bool{"id": true, "solicitation_id": true, "channel": true, "unit": true, "participant_id": true,
			"aspect_index": true, "body": true, "status": true, "merged_into": true}[c] {
			t.Errorf("opinions has column %q", c)
		}
	}
	// Ids are random and the listing does not follow submission order.
	list, _, err := f.ops.FindOpinions(asUser(f.organizer), jingzi.OpinionFilter{SolicitationID: &f.sol.ID})
	if err != nil || len(list) != 20 {
		t.Fatalf("list: %d, %v", len(list), err)
	}
	same := true
	for i, o := range list {
		same = same && o.ID == order[i]
		if !regexp.MustCompile(`^[a-z2-7]{26}$`).MatchString(o.ID) {
			t.Errorf("id %q is not 16 random bytes in base32", o.ID)
		}
	}
	if same {
		t.Error("the listing follows submission order")
	}
	// The audit log: one 匿名 entry per code, no code, no address, no account.
	entries, _, err := sqldb.NewAuditService(db).FindAuditEntries(sys, jingzi.AuditFilter{})
	if err != nil {
		t.Fatal(err)
	}
	redeemed := 0
	for _, e := range entries {
		line := strings.Join([]string{e.ActorName, e.Detail, e.IP, e.Action}, " ")
		if e.Action == "opinion.code_redeemed" {
			redeemed++
			if e.ActorID != 0 || e.ActorName != "匿名" || e.IP != "" {
				t.Errorf("redemption entry names someone: %+v", e)
			}
		}
		if strings.Contains(line, ip) || strings.Contains(line, canary) || containsAnyCode(line, codes) {
			t.Errorf("audit entry links the submission: %+v", e)
		}
	}
	if redeemed != 20 {
		t.Errorf("%d redemption entries, want 20", redeemed)
	}
	// The files: the code never appears; the canary never shares a page (or WAL
	// frame) with its code's hash; the address never appears.
	hash := []byte(jingzi.HashCode(codes[7]))
	found := 0
	for _, name := range []string{path, path + "-wal"} {
		data, err := os.ReadFile(name)
		if err != nil {
			t.Fatal(err)
		}
		if containsAnyCode(string(data), codes) {
			t.Errorf("%s holds a code in clear", filepath.Base(name))
		}
		if bytes.Contains(data, []byte(ip)) {
			t.Errorf("%s holds the submitter's address", filepath.Base(name))
		}
		pages := 0
		for off := 0; off < len(data); off += 4096 {
			page := data[off:min(off+4096+24, len(data))] // a WAL frame header is 24 bytes
			if bytes.Contains(page, []byte(canary)) {
				pages++
				if bytes.Contains(page, hash) {
					t.Errorf("%s: the canary shares a page with its code's hash", filepath.Base(name))
				}
			}
		}
		found += pages
	}
	if found == 0 {
		t.Error("the canary is in neither file: the scan saw nothing")
	}
}

// sqlOpen opens the SQLite file read-only beside the DB under test.
func sqlOpen(t *testing.T, path string) *sql.DB {
	t.Helper()
	db, err := sql.Open("sqlite", "file:"+path+"?_pragma=query_only(1)")
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { db.Close() })
	return db
}

func containsAnyCode(s string, codes []string) bool {
	for _, c := range codes {
		if strings.Contains(s, c) || strings.Contains(s, strings.ReplaceAll(c, "-", "")) {
			return true
		}
	}
	return false
}
