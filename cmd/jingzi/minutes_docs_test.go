package main

import (
	"context"
	"encoding/json"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
	"time"

	"jingzi"
)

// minutesTool finds an external program for the document checks. Without it
// the test skips, unless JINGZI_REQUIRE_E2E=1 (set by .ci/run) makes that a failure.
func minutesTool(t *testing.T, name string) string {
	t.Helper()
	if testing.Short() {
		t.Skip("integration test skipped in -short mode")
	}
	path, err := exec.LookPath(name)
	if err == nil && name == "/usr/bin/python3" {
		err = exec.Command(path, "-c", "import docx").Run()
	}
	if err != nil {
		if os.Getenv("JINGZI_REQUIRE_E2E") == "1" {
			t.Fatalf("没有找到 %s（或 python-docx），而 JINGZI_REQUIRE_E2E=1 要求运行文档检查", name)
		}
		t.Skipf("没有找到 %s（或 python-docx），跳过生成文档的检查", name)
	}
	return path
}

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
	python := minutesTool(t, "/usr/bin/python3")
	dir := t.TempDir()
	for name, data := range meetingDocs(t) {
		path := filepath.Join(dir, name+".docx")
		if err := os.WriteFile(path, data, 0o644); err != nil {
			t.Fatal(err)
		}
		out, err := exec.Command(python, "-c", `import docx, json, sys
print(json.dumps([p.text for p in docx.Document(sys.argv[1]).paragraphs], ensure_ascii=False))`, path).Output()
		if err != nil {
			t.Fatalf("%s: python-docx: %v", name, err)
		}
		var paras []string
		if err := json.Unmarshal(out, &paras); err != nil {
			t.Fatalf("%s: %v: %s", name, err, out)
		}
		text := strings.Join(paras, "\n")
		for _, want := range meetingDocLines[name] {
			if !strings.Contains(text, want) {
				t.Errorf("%s.docx lacks %q", name, want)
			}
		}
		if strings.Contains(text, "XX") {
			t.Errorf("%s.docx has a placeholder", name)
		}
	}
}

var blank = regexp.MustCompile(`\s+`)

// LibreOffice converts both to PDF, and the PDF text holds the key lines.
func TestMeetingDocsConvertWithLibreOffice(t *testing.T) {
	soffice := minutesTool(t, "soffice")
	pdftotext := minutesTool(t, "pdftotext")
	dir := t.TempDir()
	for name, data := range meetingDocs(t) {
		path := filepath.Join(dir, name+".docx")
		if err := os.WriteFile(path, data, 0o644); err != nil {
			t.Fatal(err)
		}
		profile := t.TempDir() // a private profile: no clash with another LibreOffice
		cmd := exec.Command(soffice, "--headless", "--norestore", "-env:UserInstallation=file://"+profile,
			"--convert-to", "pdf", "--outdir", dir, path)
		cmd.Env = append(os.Environ(), "HOME="+profile)
		if out, err := cmd.CombinedOutput(); err != nil {
			t.Fatalf("%s: soffice: %v\n%s", name, err, out)
		}
		text, err := exec.Command(pdftotext, filepath.Join(dir, name+".pdf"), "-").Output()
		if err != nil {
			t.Fatalf("%s: pdftotext: %v", name, err)
		}
		flat := blank.ReplaceAllString(string(text), "")
		for _, want := range meetingDocLines[name] {
			// Long lines break across PDF lines; compare without white space
			// and on the first 14 characters, as the statement check does.
			w := []rune(want)
			if len(w) > 14 {
				w = w[:14]
			}
			if !strings.Contains(flat, string(w)) {
				t.Errorf("%s.pdf lacks %q", name, string(w))
			}
		}
	}
}
