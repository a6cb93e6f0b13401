package main

import (
	"context"
	"net/http"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"jingzi"
	"jingzi/sqldb"
)

// demoPassword is the demo accounts' password (cmd/jingzi.DemoPassword).
const demoPassword = "Jingzi@2021"

// TestSIGKILLKeepsEveryAcknowledgedSubmission kills the server with SIGKILL in
// the middle of a load run, starts it again on the same database, and checks
// that every acknowledged submission is there exactly once, that a code and its
// opinion were stored together or not at all, and that no code works twice.
func TestSIGKILLKeepsEveryAcknowledgedSubmission(t *testing.T) {
	if testing.Short() {
		t.Skip("耐久性测试需要构建并启动 jingzi，-short 时跳过。")
	}
	bin := buildJingzi(t)
	dir := t.TempDir()
	dbPath := filepath.Join(dir, "jingzi.db")
	first := startServer(t, bin, dbPath)
	codes, err := prepareCodes(waitContext(t), first.base, "dangban", demoPassword, 0, 1000)
	if err != nil {
		t.Fatal(err)
	}

	res := killMidRun(t, first, codes, filepath.Join(dir, "ack.txt"))
	acks, err := readAckLog(filepath.Join(dir, "ack.txt"))
	if err != nil {
		t.Fatal(err)
	}
	checkAckFile(t, res, acks)

	second := startServer(t, bin, dbPath)
	late := checkServerAfterRestart(t, second, res)
	second.stop(t)
	checkDatabase(t, dbPath, res, late)
}

// killMidRun runs the load and SIGKILLs the server once 250 submissions are
// acknowledged; it fails when the run ended before, since then nothing was
// killed in the middle.
func killMidRun(t *testing.T, s *jingziServer, codes []string, ackPath string) *result {
	t.Helper()
	ack, err := openAckLog(ackPath)
	if err != nil {
		t.Fatal(err)
	}
	l := newLoad(s.base, codes, 8, maxDuration, ack)
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	done := make(chan *result, 1)
	go func() { done <- l.run(ctx) }()
	// A liveness guard, not a timing assertion.
	for deadline := time.Now().Add(2 * time.Minute); l.acknowledgedSoFar() < 250; time.Sleep(5 * time.Millisecond) {
		if time.Now().After(deadline) {
			t.Fatalf("两分钟内只确认了 %d 份提交。", l.acknowledgedSoFar())
		}
	}
	s.kill(t)
	cancel()
	res := <-done
	if err := ack.close(); err != nil {
		t.Fatal(err)
	}
	counts := map[outcome]int{}
	for _, a := range res.attempts {
		counts[a.outcome]++
	}
	t.Logf("kill after %d acknowledged; outcomes: acknowledged %d, refused %d, unknown %d, not sent %d; errors %v",
		250, counts[acknowledged], counts[refused], counts[unknown], counts[notSent], res.errors)
	if counts[notSent] == 0 {
		t.Fatal("所有匿名码在服务被终止前已全部提交，未能测到中途终止。")
	}
	return res
}

// checkAckFile: the file holds exactly the submissions the run saw acknowledged.
func checkAckFile(t *testing.T, res *result, acks []ack) {
	t.Helper()
	want := map[string]string{}
	for _, a := range res.attempts {
		if a.outcome == acknowledged {
			want[a.code] = a.text
		}
	}
	got := map[string]string{}
	for _, a := range acks {
		if _, dup := got[a.code]; dup {
			t.Errorf("确认记录中匿名码 %s 出现了两次", a.code)
		}
		got[a.code] = a.text
	}
	if len(got) != len(want) {
		t.Errorf("确认记录有 %d 份，运行中确认了 %d 份", len(got), len(want))
	}
	for code, text := range want {
		if got[code] != text {
			t.Errorf("确认记录中匿名码 %s 的内容为 %q，应为 %q", code, got[code], text)
		}
	}
}

// checkServerAfterRestart resubmits three acknowledged codes through the public
// page (each must be refused) and submits one code the run never sent (it must
// be accepted). It returns that late submission.
func checkServerAfterRestart(t *testing.T, s *jingziServer, res *result) attempt {
	t.Helper()
	l := newLoad(s.base, nil, 1, time.Minute, nil)
	resubmitted := 0
	var late attempt
	for _, a := range res.attempts {
		switch {
		case a.outcome == acknowledged && resubmitted < 3:
			resubmitted++
			kind, err := l.submit(a.code, "负载测试-重复提交")
			if err == nil || kind != "HTTP 404" {
				t.Errorf("重启后再次使用已确认的匿名码：%q，%v；应被拒绝（HTTP 404）", kind, err)
			}
		case a.outcome == notSent && late.code == "":
			late = attempt{code: a.code, text: "负载测试-重启后提交", outcome: acknowledged}
			if kind, err := l.submit(late.code, late.text); err != nil {
				t.Errorf("重启后使用未用过的匿名码：%q，%v；应被接受", kind, err)
			}
		}
	}
	if resp, err := http.Get(s.base + "/o/done"); err != nil || resp.StatusCode != http.StatusOK {
		t.Errorf("重启后的确认页面：%v", err)
	}
	return late
}

// checkDatabase opens the database after the server stopped and compares it
// with what the run was told.
func checkDatabase(t *testing.T, dbPath string, res *result, late attempt) {
	t.Helper()
	db := sqldb.NewDB(dbPath)
	if err := db.Open(); err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	ctx := jingzi.SystemContext(context.Background(), "耐久性测试")
	sol := loadSolicitation(t, ctx, db)
	opinions, _, err := sqldb.NewOpinionService(db).FindOpinions(ctx, jingzi.OpinionFilter{SolicitationID: &sol.ID})
	if err != nil {
		t.Fatal(err)
	}
	stored := map[string]int{}
	for _, o := range opinions {
		stored[o.Text]++
	}
	attempts := append([]attempt(nil), res.attempts...)
	for i := range attempts {
		if attempts[i].code == late.code {
			attempts[i] = late
		}
	}
	checkOpinions(t, attempts, stored)
	if used := sol.CodesUsed; used != len(opinions) {
		t.Errorf("已使用的匿名码 %d 个，意见 %d 条；每份提交恰有一条意见，两者应相等", used, len(opinions))
	}
	checkCodes(t, sqldb.NewSolicitationService(db), attempts, stored)
}

// checkOpinions: every acknowledged text exactly once, nothing twice, nothing
// that was not sent.
func checkOpinions(t *testing.T, attempts []attempt, stored map[string]int) {
	t.Helper()
	sent := map[string]bool{}
	for _, a := range attempts {
		sent[a.text] = a.outcome != notSent
		if a.outcome == acknowledged && stored[a.text] != 1 {
			t.Errorf("已确认的提交 %q 在数据库中出现 %d 次，应恰好1次", a.text, stored[a.text])
		}
	}
	for text, n := range stored {
		if n > 1 {
			t.Errorf("意见 %q 出现了 %d 次", text, n)
		}
		if !sent[text] && strings.HasPrefix(text, "负载测试-") {
			t.Errorf("意见 %q 从未被提交却在数据库中", text)
		}
	}
}

// checkCodes: a used code has its opinion and an unused one has none, so code
// and opinion were committed together; acknowledged codes are refused again.
func checkCodes(t *testing.T, svc *sqldb.SolicitationService, attempts []attempt, stored map[string]int) {
	t.Helper()
	ctx := context.Background()
	for _, a := range attempts {
		_, err := svc.OpenBallotByCode(ctx, a.code)
		used := jingzi.ErrorCode(err) == jingzi.ENOTFOUND
		if err != nil && !used {
			t.Fatal(err)
		}
		if used != (stored[a.text] == 1) {
			t.Errorf("匿名码 %s（%v）已使用=%v，但其意见出现 %d 次", a.code, a.outcome, used, stored[a.text])
		}
		if a.outcome != acknowledged {
			continue
		}
		err = svc.SubmitByCode(ctx, a.code, []*jingzi.Opinion{{AspectIndex: -1, Text: "负载测试-重复提交"}})
		if jingzi.ErrorCode(err) != jingzi.ENOTFOUND {
			t.Errorf("再次提交已确认的匿名码 %s：%v，应被拒绝", a.code, err)
		}
	}
}

// loadSolicitation finds the one solicitation the load tool created (the demo may hold others).
func loadSolicitation(t *testing.T, ctx context.Context, db *sqldb.DB) *jingzi.Solicitation {
	t.Helper()
	sols, _, err := sqldb.NewSolicitationService(db).FindSolicitations(ctx, jingzi.SolicitationFilter{})
	if err != nil {
		t.Fatal(err)
	}
	var found []*jingzi.Solicitation
	for _, s := range sols {
		if strings.HasPrefix(s.Title, "压力测试") {
			found = append(found, s)
		}
	}
	if len(found) != 1 {
		t.Fatalf("应有且只有一次压力测试征求意见，实有 %d 次", len(found))
	}
	return found[0]
}
