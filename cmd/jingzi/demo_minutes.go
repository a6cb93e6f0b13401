package main

import (
	"context"
	"fmt"
	"time"

	"jingzi"
	"jingzi/sqldb"
)

// addDemoMinutes gives the 市民政局党委's 2020 meeting, which was held, its
// 会议记录 — everyone present, the usual agenda, two criticisms with the
// responses, the 督导组点评 — and a 情况报告 sent ten days after the meeting.
func addDemoMinutes(ctx context.Context, db *sqldb.DB, org *jingzi.Org) error {
	list, _, err := sqldb.NewMeetingService(db).FindMeetings(ctx, jingzi.MeetingFilter{OrgID: &org.ID})
	if err != nil {
		return err
	}
	var m *jingzi.Meeting
	for _, x := range list {
		if x.Year == 2020 {
			m = x
		}
	}
	if m == nil || len(m.Participants) < 3 || m.MeetingDate == nil {
		return nil // the demo has no meeting held yet
	}
	svc := sqldb.NewMinutesService(db)
	min, err := svc.FindMinutes(ctx, m.ID)
	if err != nil {
		return err
	}
	p := m.Participants
	started := m.MeetingDate.Add(9 * time.Hour)
	min.StartedAt, min.Place, min.Recorder = &started, "局机关三楼会议室", "孙丽"
	min.Attendees = "市委第三督导组、市委组织部干部一处"
	min.Criticisms = []*jingzi.Criticism{
		{FromID: p[1].ID, ToID: p[0].ID, Content: "调研多在机关和城区，深入偏远乡镇少，听取基层意见不够全面。", Response: "诚恳接受，今年每季度至少到一个偏远乡镇蹲点调研。"},
		{FromID: p[0].ID, ToID: p[2].ID, Content: "抓分管领域工作的落实韧劲不足，有的事项部署后跟踪问效不够。", Response: "完全赞同，建立分管工作台账，每月调度一次。"},
	}
	min.SupervisorRemarks = "会议准备充分，查摆问题具体，相互批评开门见山，达到了预期目的。"
	min.Summary = "会后要把查摆的问题和批评意见逐条转入整改台账，明确责任人和时限，按期报告。"
	if err := svc.SaveMinutes(ctx, min); err != nil {
		return fmt.Errorf("demo minutes: %w", err)
	}
	sent := m.MeetingDate.AddDate(0, 0, 10)
	return svc.MarkReportSent(ctx, m.ID, &sent)
}
