package main

import (
	"context"
	"testing"
	"time"

	"jingzi"
)

// meetingDocs are the 会议记录 and 情况报告 of a small meeting, written through
// the server's DocumentService as .docx.
func meetingDocs(t *testing.T) map[string][]byte {
	t.Helper()
	date := time.Date(2022, 1, 20, 0, 0, 0, 0, time.UTC)
	started := time.Date(2022, 1, 20, 9, 0, 0, 0, time.UTC)
	m := &jingzi.Meeting{ID: 1, OrgName: "江城市民政局党委", Year: 2021, Kind: jingzi.KindDemocratic,
		Title: "2021年度党史学习教育专题民主生活会", MeetingDate: &date, Participants: []*jingzi.Participant{
			{ID: 1, Name: "王建国", Head: true}, {ID: 2, Name: "李红梅"}, {ID: 3, Name: "张伟"}}}
	team := &jingzi.Statement{ID: 5, Title: "领导班子对照检查材料", Parts: []*jingzi.Part{
		{Kind: jingzi.PartProblems, Sections: []*jingzi.Section{{Heading: "在带头学习党史方面",
			Items: []*jingzi.Item{{Heading: "理论学习不够系统。"}}}}},
		{Kind: jingzi.PartMeasures, Items: []*jingzi.Item{{Heading: "全年集中学习不少于12次。"}}}}}
	min := &jingzi.Minutes{MeetingID: 1, StartedAt: &started, Place: "局机关三楼会议室", Host: "王建国", Recorder: "赵敏",
		Agenda: jingzi.DefaultAgenda(m, map[int64]int64{0: 5}), ReportDays: 15, Saved: true,
		Attendance: []*jingzi.Attendance{{ParticipantID: 1, Status: jingzi.AttendPresent}, {ParticipantID: 2, Status: jingzi.AttendPresent},
			{ParticipantID: 3, Status: jingzi.AttendLeave, Reason: "因公出差"}},
		Criticisms: []*jingzi.Criticism{{FromID: 2, ToID: 1, FromName: "李红梅", ToName: "王建国",
			Content: "调研多在机关，深入基层少。", Response: "诚恳接受，立行立改。"}},
		SupervisorRemarks: "会议准备充分。", Summary: "会后抓好整改落实。"}
	p := jingzi.MeetingProgress{StudySessions: &jingzi.StudyProgress{Sessions: 5},
		Opinions: &jingzi.OpinionProgress{Opinions: 37, Units: 12}, Talks: &jingzi.TalkProgress{Talks: 42}}
	out := map[string][]byte{}
	for name, d := range map[string]jingzi.Document{
		"minutes": jingzi.MinutesDocument(m, min, []*jingzi.Statement{team}),
		"report":  jingzi.MeetingReportDocument(m, min, p, []*jingzi.Statement{team}),
	} {
		data, _, err := documents{}.ExportDocument(context.Background(), &d, jingzi.FormatDocx)
		if err != nil {
			t.Fatal(err)
		}
		out[name] = data
	}
	return out
}

// The key lines a reader looks for, in each document.
var meetingDocLines = map[string][]string{
	"minutes": {"2021年度党史学习教育专题民主生活会会议记录", "地点：局机关三楼会议室", "缺席人员及原因：张伟（因公出差）",
		"二、相互批评", "李红梅同志对王建国同志提出批评：调研多在机关，深入基层少。", "王建国同志表态：诚恳接受，立行立改。"},
	"report": {"关于召开2021年度党史学习教育专题民主生活会情况的报告", "学习研讨5次", "广泛征求意见建议37条，覆盖12个单位",
		"开展谈心谈话42人次", "会议应到3人，实到2人", "一是理论学习不够系统。", "特此报告。"},
}

// python-docx opens both documents and reads their paragraphs.
func TestMeetingDocsOpenInPythonDocx(t *testing.T) {
	checkDocxInPython(t, meetingDocs, meetingDocLines)
}

// LibreOffice converts both to PDF, and the PDF text holds the key lines.
func TestMeetingDocsConvertWithLibreOffice(t *testing.T) {
	checkDocxInLibreOffice(t, meetingDocs, meetingDocLines)
}
