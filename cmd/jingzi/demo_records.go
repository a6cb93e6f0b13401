package main

import (
	"context"
	_ "embed"
	"fmt"
	"time"

	"jingzi"
	"jingzi/sqldb"
)

// seedStatement is the real 2021 对照检查材料 jingzi was built around, with its
// XX placeholders: in the demo it is 王建国's statement, so that the check and
// the computed counts have something true to work on.
//
//go:embed demodata/wangjianguo-2021.txt
var seedStatement []byte

// addDemoRecords gives the demo meeting what a 党办 records before the meeting:
// study sessions, talks, a 座谈会's opinions, and the head's statement.
func addDemoRecords(ctx context.Context, db *sqldb.DB, m *jingzi.Meeting) error {
	p := map[string]*jingzi.Participant{}
	for _, pt := range m.Participants {
		p[pt.Name] = pt
	}
	day := func(month time.Month, d int) time.Time {
		y := 2021
		if month < 6 {
			y = 2022
		}
		return time.Date(y, month, d, 0, 0, 0, 0, time.UTC)
	}
	for _, step := range []func() error{
		func() error { return addDemoStudies(ctx, db, m, p, day) },
		func() error { return addDemoTalks(ctx, db, m, p, day) },
		func() error { return addDemoOpinions(ctx, db, m, p, day) },
		func() error { return addDemoStatement(ctx, db, m, p["王建国"]) },
	} {
		if err := step(); err != nil {
			return fmt.Errorf("demo records: %w", err)
		}
	}
	return nil
}

func addDemoStudies(ctx context.Context, db *sqldb.DB, m *jingzi.Meeting, p map[string]*jingzi.Participant, day func(time.Month, int) time.Time) error {
	svc := sqldb.NewStudyService(db, nil)
	sessions := []*jingzi.Study{
		{MeetingID: m.ID, Date: day(11, 26), Form: jingzi.StudyCentral, Topic: "学习党的十九届六中全会精神",
			Materials: "《中共中央关于党的百年奋斗重大成就和历史经验的决议》；习近平总书记在党的十九届六中全会第二次全体会议上的讲话。"},
		{MeetingID: m.ID, Date: day(12, 17), Form: jingzi.StudySeminar, Topic: "围绕“五个带头”开展专题研讨",
			Materials: "对照“五个带头”要求，结合分管工作交流研讨。"},
	}
	for i, s := range sessions {
		if err := svc.CreateStudy(ctx, s); err != nil {
			return err
		}
		var att []*jingzi.Attendance
		for _, pt := range m.Participants {
			a := &jingzi.Attendance{ParticipantID: pt.ID, Status: jingzi.AttendPresent}
			if i == 1 && pt.Name == "赵磊" {
				a.Status, a.Reason = jingzi.AttendLeave, "赴省民政厅参加全省社会组织工作会议"
			}
			att = append(att, a)
		}
		if err := svc.SetAttendance(ctx, s.ID, att); err != nil {
			return err
		}
	}
	notes := map[string]string{
		"王建国": "深刻认识“两个确立”的决定性意义，对照“五个带头”查找在落实意识形态工作责任制、压实管党治党责任方面的差距。",
		"张伟":  "结合社会救助和养老服务工作，查找服务困难群众“最后一公里”方面的不足。",
	}
	for name, text := range notes {
		if err := svc.SaveNote(ctx, sessions[1].ID, p[name].ID, text); err != nil {
			return err
		}
	}
	return nil
}

func addDemoTalks(ctx context.Context, db *sqldb.DB, m *jingzi.Meeting, p map[string]*jingzi.Participant, day func(time.Month, int) time.Time) error {
	svc := sqldb.NewTalkService(db)
	side := func(name string) jingzi.TalkSide { return jingzi.TalkSide{ParticipantID: p[name].ID} }
	talks := []*jingzi.Talk{
		{Date: day(12, 20), A: side("王建国"), B: side("张伟"), Topics: "养老服务领域突出问题整改；班子团结"},
		{Date: day(12, 20), A: side("王建国"), B: side("刘芳"), Topics: "区划地名工作中的廉政风险"},
		{Date: day(12, 21), A: side("王建国"), B: side("陈志强"), Topics: "落实全面从严治党“一岗双责”"},
		{Date: day(12, 22), A: side("张伟"), B: side("刘芳"), Topics: "分管领域工作协同"},
		{Date: day(12, 23), A: side("张伟"), B: jingzi.TalkSide{Kind: jingzi.PersonDeptHead, Department: "社会救助科"}, Topics: "社会救助政策落实"},
	}
	talks[0].SetOpinions("希望书记在班子会上多给分管同志留出充分讨论的时间。", "希望张伟同志加强对养老机构安全管理的督促检查。")
	for _, t := range talks {
		t.MeetingID = m.ID
		if err := svc.RecordTalk(ctx, t); err != nil {
			return err
		}
	}
	return nil
}

func addDemoOpinions(ctx context.Context, db *sqldb.DB, m *jingzi.Meeting, p map[string]*jingzi.Participant, day func(time.Month, int) time.Time) error {
	sol := &jingzi.Solicitation{MeetingID: m.ID, Title: "会前征求意见（座谈会、个别访谈）", OpensOn: day(12, 1), ClosesOn: day(12, 31),
		Threshold: jingzi.DefaultThreshold}
	if err := sqldb.NewSolicitationService(db).CreateSolicitation(ctx, sol); err != nil {
		return err
	}
	opinions := []*jingzi.Opinion{
		{Channel: jingzi.ChannelForum, Unit: "社会救助科", Text: "班子成员到基层一线调研的次数偏少，有的调研以听汇报为主。"},
		{Channel: jingzi.ChannelForum, Unit: "养老服务科", Text: "对养老机构消防安全隐患的整改跟踪不够，督查后缺少通报。", AspectIndex: 3},
		{Channel: jingzi.ChannelInterview, Unit: "市社会福利中心", ParticipantID: p["王建国"].ID, Text: "希望主要领导在资金监管制度建设上再抓细抓实。", AspectIndex: 4},
		{Channel: jingzi.ChannelBox, Text: "部署工作多、督查检查少，好的单位未表扬、差的单位未批评。"},
	}
	svc := sqldb.NewOpinionService(db)
	for _, o := range opinions {
		o.SolicitationID = sol.ID
		if o.AspectIndex == 0 {
			o.AspectIndex = -1
		}
		if err := svc.CreateOpinion(ctx, o); err != nil {
			return err
		}
	}
	return nil
}

// addDemoStatement imports the seed as the head's statement.
func addDemoStatement(ctx context.Context, db *sqldb.DB, m *jingzi.Meeting, head *jingzi.Participant) error {
	s, _, err := documents{}.ImportStatement(ctx, "王建国同志对照检查材料.txt", seedStatement, m.Framework)
	if err != nil {
		return err
	}
	s.MeetingID, s.ParticipantID = m.ID, head.ID
	if err := sqldb.NewStatementService(db).CreateStatement(ctx, s, "导入自 王建国同志对照检查材料.txt"); err != nil {
		return err
	}
	// 王建国 submits it himself; the head's own statement goes straight to the
	// superior's reviewer.
	author, err := sqldb.NewUserService(db).FindUserByID(ctx, head.UserID)
	if err != nil {
		return err
	}
	return sqldb.NewReviewService(db).Submit(jingzi.NewContextWithActor(ctx, &jingzi.Actor{User: author}), s.ID, s.Version)
}
