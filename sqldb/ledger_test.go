package sqldb_test

import (
	"io"
	"strings"
	"testing"
	"time"

	"jingzi"
	"jingzi/sqldb"
)

// ledgerFixture is the statement fixture's 2021 meeting (clock at 2022-01-10;
// 王建国 head, 李红梅 member, 张伟 colleague) with a ledger service over an
// in-memory file store and a participant-role account not on the roster.
type ledgerFixture struct {
	*statementFixture
	db        *sqldb.DB
	svc       *sqldb.LedgerService
	files     *memFiles
	offRoster *jingzi.User
}

func newLedgerFixture(t *testing.T, db *sqldb.DB) *ledgerFixture {
	t.Helper()
	f := &ledgerFixture{statementFixture: newStatementFixture(t, db), db: db, files: &memFiles{files: map[string][]byte{}}}
	f.svc = sqldb.NewLedgerService(db, f.files)
	f.offRoster = mustCreateUser(t, db, "clerk", f.bureau, grant(jingzi.RoleParticipant, f.bureau))
	return f
}

func civil(y int, m time.Month, d int) *time.Time {
	t := time.Date(y, m, d, 0, 0, 0, 0, time.UTC)
	return &t
}

// item records an item of the member 李红梅 (owner), led by 张伟, due on the given day.
func (f *ledgerFixture) item(t *testing.T, meeting *jingzi.Meeting, problem string, due *time.Time) *jingzi.LedgerItem {
	t.Helper()
	twenty := 20
	it := &jingzi.LedgerItem{MeetingID: meeting.ID, Aspect: "理论学习", Problem: problem, Measures: "制定学习计划",
		LeadID: meeting.Participants[2].ID, OwnerUserID: f.member.ID, DeadlineKind: jingzi.DeadlineDated, Due: due,
		Targets: []jingzi.LedgerTarget{{Text: "深入基层企业宣讲调研", Quantity: &twenty, Unit: "家", Period: "全年"}},
		Tasks:   []*jingzi.LedgerTask{{Text: "列出调研企业名单", Owner: "办公室"}}}
	if err := f.svc.CreateLedgerItem(asUser(f.organizer), it); err != nil {
		t.Fatal(err)
	}
	return it
}

func (f *ledgerFixture) reload(t *testing.T, id int64) *jingzi.LedgerItem {
	t.Helper()
	it, err := f.svc.FindLedgerItemByID(asUser(f.organizer), id)
	if err != nil {
		t.Fatal(err)
	}
	return it
}

func progress(it *jingzi.LedgerItem, text string, qty int) *jingzi.LedgerProgress {
	target := -1
	if qty > 0 {
		target = 0
	}
	return &jingzi.LedgerProgress{ItemID: it.ID, On: *civil(2022, 1, 8), Text: text, Quantity: qty, TargetIndex: target}
}

func upload(name, body string) jingzi.EvidenceUpload {
	return jingzi.EvidenceUpload{Name: name, Body: strings.NewReader(body)}
}

func notes(t *testing.T, db *sqldb.DB, u *jingzi.User, kind string) int {
	t.Helper()
	list, _, err := sqldb.NewNotificationService(db).FindNotifications(asUser(u), 0, 0)
	if err != nil {
		t.Fatal(err)
	}
	n := 0
	for _, x := range list {
		if x.Kind == kind {
			n++
		}
	}
	return n
}

// An organiser records items; a stale edit is refused and keeps the other
// editor's change; a source becomes one item only; bad input changes nothing.
func TestLedgerCreateAndVersions(t *testing.T) {
	eachDB(t, func(t *testing.T, db *sqldb.DB) {
		f := newLedgerFixture(t, db)
		it := f.item(t, f.meeting, "理论学习不够系统", civil(2022, 6, 30))
		got := f.reload(t, it.ID)
		if got.Seq != 1 || got.Status != jingzi.LedgerOpen || got.OwnerName != "测试member" || got.LeadName != "张伟" ||
			len(got.Tasks) != 1 || *got.Targets[0].Quantity != 20 || got.Version != 1 {
			t.Fatalf("stored item: %+v", got)
		}
		mine, theirs := f.reload(t, it.ID), f.reload(t, it.ID)
		mine.Problem = "理论学习不够系统，学用结合不紧"
		if err := f.svc.UpdateLedgerItem(asUser(f.organizer), mine); err != nil || mine.Version != 2 {
			t.Fatalf("update: %v (version %d)", err, mine.Version)
		}
		theirs.Department = "办公室"
		if err := f.svc.UpdateLedgerItem(asUser(f.organizer), theirs); jingzi.ErrorCode(err) != jingzi.ECONFLICT || !strings.Contains(jingzi.ErrorMessage(err), "已被他人修改") {
			t.Fatalf("stale update: %v, want ECONFLICT", err)
		}
		if got := f.reload(t, it.ID); got.Problem != mine.Problem || got.Department != "" || got.Version != 2 {
			t.Errorf("after the stale update: %q %q v%d", got.Problem, got.Department, got.Version)
		}
		src := jingzi.LedgerSource{Kind: jingzi.SourceStatement, StatementID: 7, Anchor: jingzi.Anchor{Part: 0, Section: 1, Item: 0}, Label: "王建国同志对照检查材料"}
		for i, want := range []string{"", jingzi.ECONFLICT} {
			x := &jingzi.LedgerItem{MeetingID: f.meeting.ID, Problem: "调查研究不深入", OwnerName: "赵六", DeadlineKind: jingzi.DeadlineOngoing, Source: src}
			if err := f.svc.CreateLedgerItem(asUser(f.organizer), x); jingzi.ErrorCode(err) != want {
				t.Errorf("source used %d times: %v, want %q", i+1, err, want)
			}
		}
		for _, kind := range []jingzi.SourceKind{jingzi.SourceSupervisor, jingzi.SourceSupervisor} {
			x := &jingzi.LedgerItem{MeetingID: f.meeting.ID, Problem: "督导组点评", OwnerName: "赵六", DeadlineKind: jingzi.DeadlineImmediate, Source: jingzi.LedgerSource{Kind: kind}}
			err := f.svc.CreateLedgerItem(asUser(f.organizer), x)
			if x.Seq == 3 && err != nil || x.Seq != 3 && jingzi.ErrorCode(err) != jingzi.ECONFLICT {
				t.Errorf("supervisor remarks: seq %d, %v", x.Seq, err)
			}
		}
		bad := []*jingzi.LedgerItem{
			{MeetingID: f.meeting.ID, Problem: " ", OwnerName: "赵六", DeadlineKind: jingzi.DeadlineOngoing},
			{MeetingID: f.meeting.ID, Problem: "问题", OwnerName: "赵六", DeadlineKind: jingzi.DeadlineDated},
			{MeetingID: f.meeting.ID, Problem: "问题", DeadlineKind: jingzi.DeadlineOngoing},
			{MeetingID: f.meeting.ID, Problem: "问题", OwnerName: "赵六", DeadlineKind: jingzi.DeadlineOngoing, LeadID: 999999},
			{MeetingID: f.meeting.ID, Problem: "问题", OwnerUserID: f.other.ID, DeadlineKind: jingzi.DeadlineOngoing},
		}
		for i, x := range bad {
			if err := f.svc.CreateLedgerItem(asUser(f.organizer), x); jingzi.ErrorCode(err) != jingzi.EINVALID {
				t.Errorf("bad item %d: %v, want EINVALID", i, err)
			}
		}
		if _, n, _ := f.svc.FindLedgerItems(asUser(f.organizer), jingzi.LedgerFilter{MeetingID: &f.meeting.ID}); n != 3 {
			t.Errorf("%d items after the refusals, want 3", n)
		}
		if err := f.svc.DeleteLedgerItem(asUser(f.organizer), it.ID, 1); jingzi.ErrorCode(err) != jingzi.ECONFLICT {
			t.Errorf("delete from a stale version: %v", err)
		}
		if err := f.svc.DeleteLedgerItem(asUser(f.organizer), it.ID, 2); err != nil {
			t.Fatal(err)
		}
		for action, want := range map[string]int{"ledger.create": 3, "ledger.update": 1, "ledger.delete": 1} {
			if n := studyAudits(t, db, action); n != want {
				t.Errorf("%d audit entries %s, want %d", n, action, want)
			}
		}
	})
}

// Progress with evidence: the owner reports, the numbers add up, a refused
// file stores nothing at all, and only those who see the item download.
func TestLedgerProgressEvidence(t *testing.T) {
	eachDB(t, func(t *testing.T, db *sqldb.DB) {
		f := newLedgerFixture(t, db)
		it := f.item(t, f.meeting, "调查研究不够深入", civil(2022, 6, 30))
		p := progress(it, "走访12家企业", 12)
		if err := f.svc.AddProgress(asUser(f.member), p, []jingzi.EvidenceUpload{upload(`C:\调研\走访记录.txt`, "走访记录")}); err != nil {
			t.Fatal(err)
		}
		got := f.reload(t, it.ID)
		if got.Status != jingzi.LedgerDoing || got.Targets[0].Done != 12 || got.LastProgressOn == nil || !got.LastProgressOn.Equal(*civil(2022, 1, 8)) ||
			len(got.Progress) != 1 || len(got.Progress[0].Evidence) != 1 || got.Progress[0].Evidence[0].Name != "走访记录.txt" || got.Version != 2 {
			t.Fatalf("after progress: %+v", got)
		}
		list, _, _ := f.svc.FindLedgerItems(asUser(f.member), jingzi.LedgerFilter{MeetingID: &f.meeting.ID})
		if len(list) != 1 || list[0].Targets[0].Done != 12 || list[0].LastProgressOn == nil {
			t.Errorf("list sums: %+v", list)
		}
		before := f.files.count()
		refused := progress(it, "又走访5家", 5)
		err := f.svc.AddProgress(asUser(f.member), refused, []jingzi.EvidenceUpload{upload("a.txt", "照片说明"), upload("页面.html", "<html>x</html>")})
		if jingzi.ErrorCode(err) != jingzi.EINVALID || !strings.Contains(jingzi.ErrorMessage(err), "页面.html") {
			t.Fatalf("refused file: %v", err)
		}
		if got := f.reload(t, it.ID); len(got.Progress) != 1 || got.Targets[0].Done != 12 || f.files.count() != before {
			t.Errorf("a refused file left %d entries, %d files (had %d)", len(got.Progress), f.files.count(), before)
		}
		for name, bad := range map[string]*jingzi.LedgerProgress{
			"future":   {ItemID: it.ID, On: *civil(2022, 1, 11), Text: "明天的事"},
			"no text":  {ItemID: it.ID, On: *civil(2022, 1, 9), Text: " ", TargetIndex: -1},
			"negative": {ItemID: it.ID, On: *civil(2022, 1, 9), Text: "x", Quantity: -1, TargetIndex: 0},
			"target":   {ItemID: it.ID, On: *civil(2022, 1, 9), Text: "x", Quantity: 1, TargetIndex: 3},
			"task":     {ItemID: it.ID, On: *civil(2022, 1, 9), Text: "x", TargetIndex: -1, TaskID: 999999},
			"stale":    {ItemID: it.ID, On: *civil(2022, 1, 9), Text: "x", TargetIndex: -1, ItemVersion: 1},
		} {
			want := jingzi.EINVALID
			if name == "stale" {
				want = jingzi.ECONFLICT
			}
			if err := f.svc.AddProgress(asUser(f.member), bad, []jingzi.EvidenceUpload{upload("b.txt", "x")}); jingzi.ErrorCode(err) != want {
				t.Errorf("%s: %v, want %s", name, err, want)
			}
		}
		if f.files.count() != before {
			t.Errorf("refused entries left files: %d, had %d", f.files.count(), before)
		}
		ev := got.Progress[0].Evidence[0]
		for _, u := range []*jingzi.User{f.member, f.organizer, f.reviewer, f.head} {
			e, rc, err := f.svc.OpenEvidence(asUser(u), ev.ID)
			if err != nil {
				t.Errorf("%s downloads: %v", u.Login, err)
				continue
			}
			body, _ := io.ReadAll(rc)
			rc.Close()
			if string(body) != "走访记录" || e.Name != "走访记录.txt" {
				t.Errorf("%s got %q %q", u.Login, e.Name, body)
			}
		}
		for _, u := range []*jingzi.User{f.other, f.offRoster} {
			if _, _, err := f.svc.OpenEvidence(asUser(u), ev.ID); jingzi.ErrorCode(err) != jingzi.ENOTFOUND {
				t.Errorf("%s downloads: %v, want ENOTFOUND", u.Login, err)
			}
		}
		if n := studyAudits(t, db, "ledger.progress"); n != 1 {
			t.Errorf("%d progress audits, want 1", n)
		}
	})
}

// 销号: a request needs evidence; the head approves and the item is locked; a
// return needs reasons; the deciders and the owner are told.
func TestLedgerCloseOut(t *testing.T) {
	eachDB(t, func(t *testing.T, db *sqldb.DB) {
		f := newLedgerFixture(t, db)
		it := f.item(t, f.meeting, "督促检查不够有力", civil(2022, 6, 30))
		member := asUser(f.member)
		if err := f.svc.RequestCloseOut(member, it.ID, 1, "已完成"); jingzi.ErrorCode(err) != jingzi.EINVALID {
			t.Fatalf("request without evidence: %v, want EINVALID", err)
		}
		if err := f.svc.AddProgress(member, progress(it, "建立督查台账", 0), []jingzi.EvidenceUpload{upload("督查台账.txt", "台账")}); err != nil {
			t.Fatal(err)
		}
		if err := f.svc.RequestCloseOut(member, it.ID, 1, "已完成"); jingzi.ErrorCode(err) != jingzi.ECONFLICT {
			t.Errorf("request from a stale version: %v", err)
		}
		if err := f.svc.RequestCloseOut(member, it.ID, 2, "已完成"); err != nil {
			t.Fatal(err)
		}
		if notes(t, db, f.organizer, "ledger.request") != 1 || notes(t, db, f.head, "ledger.request") != 1 {
			t.Error("the organiser and the head are not told of the request")
		}
		if err := f.svc.ApproveCloseOut(asUser(f.colleague), it.ID, 3, ""); jingzi.ErrorCode(err) != jingzi.EFORBIDDEN {
			t.Errorf("the lead approves: %v, want EFORBIDDEN", err)
		}
		if err := f.svc.ReturnCloseOut(asUser(f.head), it.ID, 3, "  "); jingzi.ErrorCode(err) != jingzi.EINVALID {
			t.Errorf("return without reasons: %v, want EINVALID", err)
		}
		if err := f.svc.ReturnCloseOut(asUser(f.head), it.ID, 3, "佐证材料不足，请补充督查通报"); err != nil {
			t.Fatal(err)
		}
		got := f.reload(t, it.ID)
		if got.Status != jingzi.LedgerDoing || notes(t, db, f.member, "ledger.return") != 1 || notes(t, db, f.colleague, "ledger.return") != 1 {
			t.Errorf("after return: %s; owner and lead told %d/%d", got.Status, notes(t, db, f.member, "ledger.return"), notes(t, db, f.colleague, "ledger.return"))
		}
		if err := f.svc.RequestCloseOut(member, it.ID, 4, "已补充"); err != nil {
			t.Fatal(err)
		}
		if err := f.svc.ApproveCloseOut(asUser(f.head), it.ID, 5, "同意"); err != nil {
			t.Fatal(err)
		}
		got = f.reload(t, it.ID)
		if got.Status != jingzi.LedgerClosed || got.ClosedOn == nil || !got.ClosedOn.Equal(*civil(2022, 1, 10)) || len(got.CloseOuts) != 4 ||
			got.CloseOuts[1].Action != jingzi.CloseOutReturn || got.CloseOuts[1].Reasons != "佐证材料不足，请补充督查通报" {
			t.Fatalf("after approval: %+v", got)
		}
		if notes(t, db, f.member, "ledger.approve") != 1 {
			t.Error("the owner is not told of the approval")
		}
		got.Problem = "改一改"
		if err := f.svc.UpdateLedgerItem(asUser(f.organizer), got); jingzi.ErrorCode(err) != jingzi.EFORBIDDEN || !strings.Contains(jingzi.ErrorMessage(err), "已销号") {
			t.Errorf("edit a closed item: %v", err)
		}
		if err := f.svc.AddProgress(member, progress(it, "再补一条", 0), nil); jingzi.ErrorCode(err) != jingzi.EFORBIDDEN {
			t.Errorf("progress on a closed item: %v", err)
		}
		if err := f.svc.ReturnCloseOut(asUser(f.organizer), it.ID, 6, "重新打开"); jingzi.ErrorCode(err) != jingzi.EFORBIDDEN {
			t.Errorf("return a closed item: %v", err)
		}
		for action, want := range map[string]int{"ledger.closeout.request": 2, "ledger.closeout.return": 1, "ledger.closeout.approve": 1} {
			if n := studyAudits(t, db, action); n != want {
				t.Errorf("%d audit entries %s, want %d", n, action, want)
			}
		}
	})
}

// Who may do what on one item.
func TestLedgerPermissions(t *testing.T) {
	eachDB(t, func(t *testing.T, db *sqldb.DB) {
		f := newLedgerFixture(t, db)
		it := f.item(t, f.meeting, "作风不够扎实", civil(2022, 6, 30))
		cases := []struct {
			who                        *jingzi.User
			view, edit, report, decide string // expected error codes, "" for allowed
		}{
			{f.organizer, "", "", "", ""},
			{f.member, "", jingzi.EFORBIDDEN, "", jingzi.EFORBIDDEN},    // 责任人
			{f.colleague, "", jingzi.EFORBIDDEN, "", jingzi.EFORBIDDEN}, // 牵头领导
			{f.head, "", jingzi.EFORBIDDEN, jingzi.EFORBIDDEN, ""},      // on the roster, neither owner nor lead
			{f.reviewer, "", jingzi.EFORBIDDEN, jingzi.EFORBIDDEN, jingzi.EFORBIDDEN},
			{f.offRoster, jingzi.ENOTFOUND, jingzi.ENOTFOUND, jingzi.ENOTFOUND, jingzi.ENOTFOUND},
			{f.other, jingzi.ENOTFOUND, jingzi.ENOTFOUND, jingzi.ENOTFOUND, jingzi.ENOTFOUND},
		}
		for _, c := range cases {
			ctx := asUser(c.who)
			cur := f.reload(t, it.ID)
			_, err := f.svc.FindLedgerItemByID(ctx, it.ID)
			check := func(what, want string, err error) {
				if jingzi.ErrorCode(err) != want {
					t.Errorf("%s %s: %v, want %q", c.who.Login, what, err, want)
				}
			}
			check("views", c.view, err)
			edit := *cur
			edit.Department = "经办：" + c.who.Login
			check("edits", c.edit, f.svc.UpdateLedgerItem(ctx, &edit))
			p := progress(cur, "进展："+c.who.Login, 0)
			check("reports", c.report, f.svc.AddProgress(ctx, p, nil))
			// Deciding needs a request first; anything but a permission refusal is fine here.
			if err := f.svc.ApproveCloseOut(ctx, it.ID, f.reload(t, it.ID).Version, ""); jingzi.ErrorCode(err) == jingzi.EFORBIDDEN || jingzi.ErrorCode(err) == jingzi.ENOTFOUND {
				check("decides", c.decide, err)
			} else if c.decide != "" {
				t.Errorf("%s decides: %v, want %s", c.who.Login, err, c.decide)
			}
		}
		mine, n, err := f.svc.FindLedgerItems(asUser(f.member), jingzi.LedgerFilter{OwnerUserID: &f.member.ID})
		if err != nil || n != 1 || mine[0].ID != it.ID {
			t.Errorf("the owner's own items: %d, %v", n, err)
		}
		if _, _, err := f.svc.FindLedgerItems(asUser(f.other), jingzi.LedgerFilter{MeetingID: &f.meeting.ID}); jingzi.ErrorCode(err) != jingzi.ENOTFOUND {
			t.Errorf("an outsider lists the ledger: %v, want ENOTFOUND", err)
		}
	})
}

// The daily check marks an item red once its date has passed and tells the
// owner, the lead and the organisers exactly once.
func TestLedgerFlagOverdue(t *testing.T) {
	eachDB(t, func(t *testing.T, db *sqldb.DB) {
		f := newLedgerFixture(t, db)
		it := f.item(t, f.meeting, "联系群众不够紧密", civil(2022, 1, 20))
		sysCtx := jingzi.SystemContext(t.Context(), "逾期检查")
		if _, err := f.svc.FlagOverdue(asUser(f.organizer), time.Now()); jingzi.ErrorCode(err) != jingzi.EFORBIDDEN {
			t.Errorf("an organiser runs the check: %v", err)
		}
		for i, step := range []struct {
			day  int
			want int
		}{{20, 0}, {21, 1}, {22, 0}} {
			now := time.Date(2022, 1, step.day, 8, 0, 0, 0, time.UTC)
			n, err := f.svc.FlagOverdue(sysCtx, now)
			if err != nil || n != step.want {
				t.Errorf("run %d on 1月%d日: flagged %d (%v), want %d", i, step.day, n, err, step.want)
			}
		}
		got := f.reload(t, it.ID)
		if got.OverdueSince == nil || got.Colour(time.Date(2022, 1, 21, 0, 0, 0, 0, time.UTC)) != jingzi.Red {
			t.Errorf("not red after its date: %+v", got.OverdueSince)
		}
		for _, u := range []*jingzi.User{f.member, f.colleague, f.organizer} {
			if n := notes(t, db, u, "ledger.overdue"); n != 1 {
				t.Errorf("%s told %d times, want once", u.Login, n)
			}
		}
		if n := notes(t, db, f.head, "ledger.overdue"); n != 0 {
			t.Errorf("the head (neither owner nor lead) told %d times", n)
		}
		got.Due = civil(2022, 3, 31)
		if err := f.svc.UpdateLedgerItem(asUser(f.organizer), got); err != nil || got.OverdueSince != nil {
			t.Errorf("a new date keeps the red mark: %v %v", err, got.OverdueSince)
		}
	})
}
