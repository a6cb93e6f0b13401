package jingzi_test

import (
	"flag"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"jingzi"
)

var updateGolden = flag.Bool("update", false, "rewrite the golden files under testdata/")

// minutesFixture is a team of four after its meeting: one on leave, two
// criticisms (one answered), the team's statement with problems and measures.
func minutesFixture() (*jingzi.Meeting, *jingzi.Minutes, []*jingzi.Statement) {
	date := time.Date(2022, 1, 20, 0, 0, 0, 0, time.UTC)
	started := time.Date(2022, 1, 20, 9, 0, 0, 0, time.UTC)
	m := &jingzi.Meeting{ID: 7, OrgName: "中共江城市民政局委员会", Year: 2021, Kind: jingzi.KindDemocratic,
		Title: "2021年度党史学习教育专题民主生活会", MeetingDate: &date, Participants: []*jingzi.Participant{
			{ID: 1, Name: "王建国", Head: true}, {ID: 2, Name: "李红梅"}, {ID: 3, Name: "张伟"}, {ID: 4, Name: "刘洋"}}}
	team := &jingzi.Statement{ID: 11, Title: "领导班子对照检查材料", Parts: []*jingzi.Part{
		{Kind: jingzi.PartProblems, Heading: "存在问题及表现", Sections: []*jingzi.Section{
			{Heading: "在带头学习党史、坚定理想信念方面", Items: []*jingzi.Item{
				{Heading: "理论学习不够系统。", Body: "比如集中学习多、个人自学少。"},
				{Heading: "学用结合不够紧密。"}}},
			{Heading: "在带头为民办实事方面"},
			{Heading: "在带头守纪律方面", Items: []*jingzi.Item{{Body: "调研多在机关。深入基层少。"}}}}},
		{Kind: jingzi.PartMeasures, Heading: "努力方向和整改措施", Items: []*jingzi.Item{
			{Heading: "深入学习党的创新理论。", Body: "全年集中学习不少于12次。"}}}}}
	own := &jingzi.Statement{ID: 12, ParticipantID: 2, Title: "李红梅同志对照检查材料"}
	agenda := jingzi.DefaultAgenda(m, map[int64]int64{0: 11, 2: 12})
	agenda[3].Notes = "王建国同志作个人对照检查，查摆问题三个方面。\n剖析了思想根源。"
	min := &jingzi.Minutes{MeetingID: 7, StartedAt: &started, Place: "局机关三楼会议室", Host: "王建国", Recorder: "赵敏",
		Attendees: "市委第三督导组", Agenda: agenda, ReportDays: 15, Saved: true, Version: 3,
		Attendance: []*jingzi.Attendance{{ParticipantID: 1, Status: jingzi.AttendPresent},
			{ParticipantID: 2, Status: jingzi.AttendPresent}, {ParticipantID: 3, Status: jingzi.AttendLeave, Reason: "因公出差"},
			{ParticipantID: 4, Status: jingzi.AttendPresent}},
		Criticisms: []*jingzi.Criticism{
			{ID: 1, FromID: 2, ToID: 1, FromName: "李红梅", ToName: "王建国", Content: "调研多在机关，深入基层少。", Response: "诚恳接受，立行立改。"},
			{ID: 2, FromID: 1, ToID: 4, FromName: "王建国", ToName: "刘洋", Content: "抓落实的韧劲不足。"}},
		SupervisorRemarks: "会议准备充分，批评开门见山。", Summary: "会后抓好整改落实。"}
	return m, min, []*jingzi.Statement{team, own}
}

func TestMinutesDocuments(t *testing.T) {
	sessions, talks := 5, 42
	known := jingzi.MeetingProgress{StudySessions: &jingzi.StudyProgress{Sessions: sessions},
		Opinions:   &jingzi.OpinionProgress{Opinions: 37, Units: 12},
		Talks:      &jingzi.TalkProgress{Talks: talks},
		Statements: &jingzi.StatementProgress{Participants: 4, Created: 4, TeamCreated: true},
		Reviews:    &jingzi.ReviewProgress{Statements: 5, Approved: 5}}
	tests := []struct {
		name  string
		build func() jingzi.Document
	}{
		{"minutes", func() jingzi.Document {
			m, min, st := minutesFixture()
			return jingzi.MinutesDocument(m, min, st)
		}},
		{"minutes_empty", func() jingzi.Document { // a draft of a meeting without a date: only what is known
			m, _, _ := minutesFixture()
			m.MeetingDate = nil
			return jingzi.MinutesDocument(m, &jingzi.Minutes{MeetingID: 7}, nil)
		}},
		{"report", func() jingzi.Document {
			m, min, st := minutesFixture()
			sent := time.Date(2022, 2, 1, 0, 0, 0, 0, time.UTC)
			min.ReportSentOn = &sent
			return jingzi.MeetingReportDocument(m, min, known, st)
		}},
		{"report_unknown_numbers", func() jingzi.Document { // no records connected, quorum missed, no team statement
			m, min, _ := minutesFixture()
			min.Attendance[1].Status, min.Attendance[1].Reason = jingzi.AttendLeave, "病假"
			min.Criticisms, min.SupervisorRemarks = nil, ""
			return jingzi.MeetingReportDocument(m, min, jingzi.MeetingProgress{}, nil)
		}},
		{"report_zero_counts", func() jingzi.Document { // counted zero: no claim of work not done
			m, min, st := minutesFixture()
			p := jingzi.MeetingProgress{StudySessions: &jingzi.StudyProgress{}, Opinions: &jingzi.OpinionProgress{Opinions: 9},
				Talks: &jingzi.TalkProgress{}}
			return jingzi.MeetingReportDocument(m, min, p, st)
		}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			d := tt.build()
			got := d.PlainText()
			if strings.Contains(got, "XX") || strings.Contains(got, "%!") {
				t.Errorf("placeholder or format error in:\n%s", got)
			}
			golden := filepath.Join("testdata", tt.name+".golden")
			if *updateGolden {
				os.MkdirAll("testdata", 0o755)
				os.WriteFile(golden, []byte(got), 0o644)
			}
			want, err := os.ReadFile(golden)
			if err != nil {
				t.Fatal(err)
			}
			if got != string(want) {
				t.Errorf("%s differs from %s:\n%s", tt.name, golden, got)
			}
		})
	}
}

// The numbers a reader checks first are in the text, and the kinds follow the
// house layout: one title, numbered level-1 headings.
func TestMinutesDocumentLayout(t *testing.T) {
	m, min, st := minutesFixture()
	d := jingzi.MeetingReportDocument(m, min, jingzi.MeetingProgress{}, st)
	titles, h1 := 0, []string{}
	for _, b := range d.Blocks {
		switch b.Kind {
		case jingzi.BlockTitle:
			titles++
		case jingzi.BlockHeading1:
			h1 = append(h1, b.Text)
		}
	}
	want := "一、会前准备情况|二、会议召开情况|三、批评与自我批评开展情况|四、查摆的主要问题|五、整改措施"
	if titles != 1 || strings.Join(h1, "|") != want {
		t.Errorf("title blocks %d, headings %q", titles, h1)
	}
	text := d.PlainText()
	for _, s := range []string{"应到4人，实到3人，张伟（因公出差）请假，到会人数达到应到人数的三分之二以上", "相互提出批评意见共2条",
		"被批评的同志对其中1条作了表态", "一是理论学习不够系统。", "一是调研多在机关。"} {
		if !strings.Contains(text, s) {
			t.Errorf("report lacks %q", s)
		}
	}
}
