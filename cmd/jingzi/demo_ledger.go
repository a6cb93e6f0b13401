package main

import (
	"context"
	"fmt"
	"strings"
	"time"

	"jingzi"
	"jingzi/filestore"
	"jingzi/sqldb"
)

// demoLastYear is the 市民政局党委's 2020年度民主生活会 with its 整改台账: two
// problems closed with evidence, two still in hand. It is created before the
// 2021 meeting, so that creating that meeting carries the open items over
// through the real code path, and a statement started in 2021 opens with
// 上年度整改措施落实情况.
func addDemoLastYear(ctx context.Context, db *sqldb.DB, orgs map[string]*jingzi.Org, roster []*jingzi.Participant) error {
	fw, err := jingzi.BuiltinFramework("2021")
	if err != nil {
		return err
	}
	var people []*jingzi.Participant
	for _, p := range roster {
		c := *p // CreateMeeting numbers its own copy; the 2021 roster stays new
		people = append(people, &c)
	}
	held := time.Date(2021, 1, 22, 0, 0, 0, 0, time.UTC)
	m := &jingzi.Meeting{OrgID: orgs[bureau].ID, Year: 2020, Kind: jingzi.KindDemocratic,
		Title: "市民政局党委2020年度民主生活会", Framework: fw.Clone(), Phase: jingzi.PhaseRectify,
		MeetingDate: &held, ReportedOn: &held, Participants: people}
	if err := sqldb.NewMeetingService(db).CreateMeeting(ctx, m); err != nil {
		return fmt.Errorf("demo 2020 meeting: %w", err)
	}
	files, err := filestore.New(filesDir(db))
	if err != nil {
		return err
	}
	// The records carry the dates of 2021, when the work was done.
	clock := db.Now
	defer func() { db.Now = clock }()
	return addDemoLedger(ctx, db, sqldb.NewLedgerService(db, files), m)
}

// demoLedgerItem is one problem of the 2020 ledger and how far it got.
type demoLedgerItem struct {
	lead, aspect, problem, measures string
	kind                            jingzi.DeadlineKind
	due                             *time.Time
	target                          *jingzi.LedgerTarget
	progress                        string
	done                            int
	evidence                        string // a text file's name; its body is the progress text
	closed                          bool
}

func demoDay(month time.Month, day int) *time.Time {
	t := time.Date(2021, month, day, 0, 0, 0, 0, time.UTC)
	return &t
}

var demoLedger = []demoLedgerItem{
	{lead: "王建国", aspect: "理论学习", problem: "理论学习的系统性不够，学用结合不够紧密",
		measures: "制定党委理论学习中心组年度学习计划，每月集中学习不少于1次", kind: jingzi.DeadlineDated, due: demoDay(3, 31),
		progress: "印发《2021年党委理论学习中心组学习计划》，一季度集中学习3次。", evidence: "2021年党委理论学习中心组学习计划.txt", closed: true},
	{lead: "李红梅", aspect: "工作作风", problem: "文山会海问题仍然存在，基层负担较重",
		measures: "精简文件会议，局发文件和召开会议数量较上年压减三分之一", kind: jingzi.DeadlineImmediate,
		progress: "上半年局发文件同比减少36%，会议减少34%。", evidence: "精简文件会议情况统计.txt", closed: true},
	{lead: "张伟", aspect: "为民服务", problem: "养老服务设施建设进度偏慢，群众反映的“一床难求”问题仍然突出",
		measures: "加快社区养老服务站建设，年内新建10个", kind: jingzi.DeadlineDated, due: demoDay(12, 31),
		target:   &jingzi.LedgerTarget{Text: "新建社区养老服务站", Quantity: intPtr(10), Unit: "个", Period: "2021年内"},
		progress: "已建成社区养老服务站6个，其余4个正在施工。", done: 6},
	{lead: "陈志强", aspect: "从严治党", problem: "整改落实跟踪问效不够，督查检查偏少、通报不多",
		measures: "建立整改台账月调度制度，每季度通报一次整改进展", kind: jingzi.DeadlineOngoing,
		progress: "建立月调度制度，已开展督查2次。"},
}

func intPtr(n int) *int { return &n }

func addDemoLedger(ctx context.Context, db *sqldb.DB, svc *sqldb.LedgerService, m *jingzi.Meeting) error {
	lead := map[string]*jingzi.Participant{}
	for _, p := range m.Participants {
		lead[p.Name] = p
	}
	at := func(month time.Month, day int) {
		db.Now = func() time.Time { return time.Date(2021, month, day, 9, 0, 0, 0, time.UTC) }
	}
	for i, d := range demoLedger {
		at(1, 28)
		p := lead[d.lead]
		it := &jingzi.LedgerItem{MeetingID: m.ID, Aspect: d.aspect, Problem: d.problem, Measures: d.measures,
			LeadID: p.ID, OwnerUserID: p.UserID, DeadlineKind: d.kind, Due: d.due,
			Source: jingzi.LedgerSource{Kind: jingzi.SourceManual, Label: "2020年度民主生活会整改方案"}}
		if d.target != nil {
			it.Targets = []jingzi.LedgerTarget{*d.target}
		}
		if err := svc.CreateLedgerItem(ctx, it); err != nil {
			return fmt.Errorf("demo ledger item %d: %w", i+1, err)
		}
		at(3, 20+i)
		pr := &jingzi.LedgerProgress{ItemID: it.ID, On: *demoDay(3, 20+i), Text: d.progress, TargetIndex: -1, Quantity: d.done}
		if d.done > 0 {
			pr.TargetIndex = 0
		}
		var files []jingzi.EvidenceUpload
		if d.evidence != "" {
			files = append(files, jingzi.EvidenceUpload{Name: d.evidence, Body: strings.NewReader(d.progress + "\n")})
		}
		if err := svc.AddProgress(ctx, pr, files); err != nil {
			return fmt.Errorf("demo ledger progress %d: %w", i+1, err)
		}
		if !d.closed {
			continue
		}
		if err := svc.RequestCloseOut(ctx, it.ID, 2, "整改措施已落实，佐证材料已上传。"); err != nil {
			return err
		}
		at(4, 6)
		if err := svc.ApproveCloseOut(ctx, it.ID, 3, "经审核，同意销号。"); err != nil {
			return err
		}
	}
	return nil
}
