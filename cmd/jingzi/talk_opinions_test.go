package main

import (
	"context"
	"fmt"
	"net/url"
	"testing"
	"time"

	"jingzi"
	"jingzi/sqldb"
)

// Opinions raised in a talk toward a member become named opinions aimed at
// them (channel 谈心谈话), once, and count in the meeting's 征求意见N条.
func TestTalkOpinionsBecomeOpinions(t *testing.T) {
	s := newDemoSite(t)
	sys := jingzi.SystemContext(context.Background(), "测试")
	meetings, talks := sqldb.NewMeetingService(s.db), sqldb.NewTalkService(s.db)
	m, _ := meetings.FindMeetingByID(sys, s.ids["meeting:江城市民政局党委"])
	talk := &jingzi.Talk{MeetingID: m.ID, Date: time.Date(2021, 12, 28, 0, 0, 0, 0, time.UTC), Topics: "工作作风",
		A: jingzi.TalkSide{ParticipantID: m.Participants[0].ID}, B: jingzi.TalkSide{ParticipantID: m.Participants[2].ID}}
	talk.SetOpinions("希望书记多听取分管同志意见。", "希望张伟同志加强对养老服务科的督促检查。\n建议多到养老机构实地检查。")
	if err := talks.RecordTalk(sys, talk); err != nil {
		t.Fatal(err)
	}
	before, _, err := sqldb.NewSolicitationService(s.db).CountOpinions(sys, m.ID)
	if err != nil {
		t.Fatal(err)
	}
	c := s.as(t, "dangban")
	for i := 0; i < 2; i++ {
		if code, _ := s.do(t, c, route{"POST", fmt.Sprintf("/talks/%d/opinions", talk.ID), url.Values{}}); code != 303 {
			t.Fatalf("take opinions: status %d", code)
		}
	}
	list, _, err := sqldb.NewOpinionService(s.db).FindOpinions(sys, jingzi.OpinionFilter{MeetingID: &m.ID})
	if err != nil {
		t.Fatal(err)
	}
	toZhang, fromTalks := 0, 0
	for _, o := range list {
		if o.Channel != jingzi.ChannelTalk {
			continue
		}
		fromTalks++
		if o.ParticipantID == m.Participants[2].ID {
			toZhang++
			if o.Unit != "王建国" {
				t.Errorf("opinion to 张伟 raised by %q, want 王建国", o.Unit)
			}
		}
	}
	if toZhang != 2 || fromTalks != 3 {
		t.Errorf("%d opinions from the talk (%d to 张伟), want 3 with 2 to 张伟, each taken once", fromTalks, toZhang)
	}
	// The count covers the talk's opinions beside the demo's others.
	n, _, err := sqldb.NewSolicitationService(s.db).CountOpinions(sys, m.ID)
	if err != nil || n != len(list) || n != before+3 {
		t.Errorf("征求意见 count = %d, %v; want %d", n, err, before+3)
	}
	if code, _ := s.do(t, s.as(t, "zhangwei"), route{"POST", fmt.Sprintf("/talks/%d/opinions", talk.ID), url.Values{}}); code != 403 && code != 404 {
		t.Errorf("a participant takes opinions over: status %d", code)
	}
}
