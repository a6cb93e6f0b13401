package web

import (
	"net/http"
	"net/url"
	"strings"
	"testing"
	"time"

	"jingzi"
)

// minutesForm is what the 召开 page posts for the fixture's two-member team.
func minutesPost(version string) url.Values {
	return url.Values{"version": {version}, "started_at": {"2024-02-28T09:00"}, "place": {"局机关三楼会议室"},
		"host": {"张书记"}, "recorder": {"赵敏"}, "attendees": {"市委第三督导组"}, "report_days": {"20"},
		"status-1": {"present"}, "status-2": {"leave"}, "reason-2": {"因公出差"},
		"agenda_position": {"2", "1", ""}, "agenda_kind": {"speech", "opinions", "other"},
		"agenda_title":   {"张书记作个人对照检查", "通报征求意见情况", ""},
		"agenda_speaker": {"1", "0", "0"}, "agenda_statement": {"1", "0", "0"}, "agenda_notes": {"查摆问题三个方面。", "", ""},
		"crit_id": {"", ""}, "crit_from": {"2", "0"}, "crit_to": {"1", "0"}, "crit_content": {"下基层少。", ""}, "crit_response": {"", ""},
		"supervisor_remarks": {"准备充分。"}, "summary": {"抓好整改。"}}
}

func TestMinutesPage(t *testing.T) {
	f := newFixture(t)
	date := time.Date(2024, 2, 1, 0, 0, 0, 0, time.UTC) // due 2024-02-16, today 2024-03-01
	f.meeting.MeetingDate = &date
	org := f.session(t, "organizer")
	body := f.get("/meetings/7/meeting", org).Body.String()
	for _, want := range []string{"会议记录尚未保存", "应到2人，实到2人，达到应到人数的三分之二", `name="version" value="0"`,
		"张书记同志作个人对照检查", "情况报告应于2024年2月16日前报送上级（会后15天）", "已逾期14天", "保存会议记录后可登记",
		`href="/meetings/7/minutes.docx"`, `value="leave"`} {
		if !strings.Contains(body, want) {
			t.Errorf("organiser's page lacks %q", want)
		}
	}
	rec := f.post("/meetings/7/meeting", org, minutesPost("0"))
	if rec.Code != http.StatusSeeOther || rec.Header().Get("Location") != "/meetings/7/meeting" {
		t.Fatalf("save: %d %s", rec.Code, rec.Body.String())
	}
	min := f.minutes.get()
	if min == nil || min.Version != 1 || min.ReportDays != 20 || min.StartedAt.Hour() != 9 || len(min.Agenda) != 2 ||
		min.Agenda[0].Title != "通报征求意见情况" || min.Agenda[1].StatementID != 1 || len(min.Criticisms) != 1 {
		t.Fatalf("stored: %+v", min)
	}
	if a := min.Attendee(2); a.Status != jingzi.AttendLeave || a.Reason != "因公出差" {
		t.Errorf("leave: %+v", a)
	}
	body = f.get("/meetings/7/meeting", org).Body.String()
	for _, want := range []string{"应到2人，实到1人，未达到应到人数的三分之二", "情况报告应于2024年2月21日前报送上级（会后20天）",
		`id="report-sent-form"`, "会议记录第1版"} {
		if !strings.Contains(body, want) {
			t.Errorf("after saving, page lacks %q", want)
		}
	}
	// The overview shows the report line too.
	if body := f.get("/meetings/7", org).Body.String(); !strings.Contains(body, `id="report-overdue">已逾期9天`) {
		t.Errorf("overview lacks the overdue report line")
	}
}

// A refused save comes back with what was typed and the reason; a stale one
// says someone else saved first and stores nothing.
func TestMinutesFormErrors(t *testing.T) {
	f := newFixture(t)
	org := f.session(t, "organizer")
	tests := []struct {
		name   string
		change func(url.Values)
		status int
		want   []string
	}{
		{"absence without reason", func(v url.Values) { v.Set("reason-2", "") }, http.StatusBadRequest,
			[]string{"李副局长未出席，请填写缺席原因", "局机关三楼会议室", "下基层少。"}},
		{"criticism of oneself", func(v url.Values) { v["crit_to"] = []string{"2", "0"} }, http.StatusBadRequest,
			[]string{"不能是同一人", "准备充分。"}},
		{"report days out of range", func(v url.Values) { v.Set("report_days", "0") }, http.StatusBadRequest,
			[]string{"1至60天"}},
		{"bad time", func(v url.Values) { v.Set("started_at", "明天上午") }, http.StatusBadRequest,
			[]string{"会议时间不正确", `value="明天上午"`}},
		{"stale version", func(v url.Values) { v.Set("version", "3"); v.Set("summary", "我的总结") }, http.StatusConflict,
			[]string{"会议记录已被他人修改，您的修改未保存", "我的总结", `name="version" value="3"`}},
	}
	for _, tt := range tests {
		v := minutesPost("0")
		tt.change(v)
		rec := f.post("/meetings/7/meeting", org, v)
		body := rec.Body.String()
		if rec.Code != tt.status {
			t.Errorf("%s: %d, want %d", tt.name, rec.Code, tt.status)
		}
		for _, w := range tt.want {
			if !strings.Contains(body, w) {
				t.Errorf("%s: page lacks %q", tt.name, w)
			}
		}
		if f.minutes.get() != nil {
			t.Fatalf("%s: stored", tt.name)
		}
	}
}

// A participant reads the minutes without the form, and writes the response
// only to a criticism addressed to them; the organiser sees no response form
// of its own but edits the response in the main form.
func TestMinutesParticipantView(t *testing.T) {
	f := newFixture(t)
	f.minutes.save(&jingzi.Minutes{MeetingID: 7, Place: "三楼会议室",
		Attendance: []*jingzi.Attendance{{ParticipantID: 1, Status: jingzi.AttendPresent}, {ParticipantID: 2, Status: jingzi.AttendPresent}},
		Criticisms: []*jingzi.Criticism{
			{ID: 5, FromID: 1, ToID: 2, FromName: "张书记", ToName: "李副局长", Content: "下基层少。"},
			{ID: 6, FromID: 2, ToID: 1, FromName: "李副局长", ToName: "张书记", Content: "听取意见不够。"}}})
	li := f.session(t, "li")
	body := f.get("/meetings/7/meeting", li).Body.String()
	if strings.Contains(body, `id="minutes-form"`) || strings.Contains(body, `id="report-sent-form"`) {
		t.Error("participant sees the organiser's forms")
	}
	if !strings.Contains(body, `action="/meetings/7/criticisms/5/response"`) || strings.Contains(body, `/criticisms/6/response`) {
		t.Error("response form: want for criticism 5 (to 李副局长) only")
	}
	if rec := f.post("/meetings/7/meeting", li, minutesPost("1")); rec.Code != http.StatusForbidden {
		t.Errorf("participant saves: %d", rec.Code)
	}
	if rec := f.post("/meetings/7/criticisms/6/response", li, url.Values{"response": {"代为表态"}}); rec.Code != http.StatusForbidden {
		t.Errorf("respond to another's criticism: %d", rec.Code)
	}
	rec := f.post("/meetings/7/criticisms/5/response", li, url.Values{"response": {"诚恳接受。"}})
	if rec.Code != http.StatusSeeOther || rec.Header().Get("Location") != "/meetings/7/meeting#criticism-5" {
		t.Fatalf("respond: %d", rec.Code)
	}
	if c := f.minutes.get().Criticism(5); c.Response != "诚恳接受。" {
		t.Errorf("response: %q", c.Response)
	}
	long := strings.Repeat("长", jingzi.MaxMinutesText+1)
	if rec := f.post("/meetings/7/criticisms/5/response", li, url.Values{"response": {long}}); rec.Code != http.StatusBadRequest ||
		!strings.Contains(rec.Body.String(), long+"</textarea>") {
		t.Errorf("overlong response: %d; the typed text must come back", rec.Code)
	}
	if rec := f.post("/meetings/7/meeting/report", li, url.Values{"sent_on": {"2024-02-20"}}); rec.Code != http.StatusForbidden {
		t.Errorf("participant marks the report: %d", rec.Code)
	}
	orgBody := f.get("/meetings/7/meeting", f.session(t, "organizer")).Body.String()
	if strings.Contains(orgBody, "/response\"") || !strings.Contains(orgBody, `name="crit_response"`) {
		t.Error("organiser: want the response in the main form only")
	}
}

func TestMinutesReportSent(t *testing.T) {
	f := newFixture(t)
	date := time.Date(2024, 2, 1, 0, 0, 0, 0, time.UTC)
	f.meeting.MeetingDate = &date
	org := f.session(t, "organizer")
	rec := f.post("/meetings/7/meeting/report", org, url.Values{"sent_on": {"2024-02-10"}})
	if c := cookie(rec, flashCookie); rec.Code != http.StatusSeeOther || c == nil || !strings.Contains(flashText(c), "请先保存会议记录") {
		t.Errorf("report before minutes: %d", rec.Code)
	}
	f.minutes.save(&jingzi.Minutes{MeetingID: 7, ReportDays: 15})
	if rec := f.post("/meetings/7/meeting/report", org, url.Values{"sent_on": {"2月10日"}}); rec.Code != http.StatusSeeOther || f.minutes.get().ReportSentOn != nil {
		t.Errorf("bad date: %d", rec.Code)
	}
	rec = f.post("/meetings/7/meeting/report", org, url.Values{"sent_on": {"2024-02-10"}})
	if rec.Code != http.StatusSeeOther || f.minutes.get().ReportSentOn == nil {
		t.Fatalf("mark: %d", rec.Code)
	}
	body := f.get("/meetings/7/meeting", org).Body.String()
	if !strings.Contains(body, "已于2024年2月10日报送") || strings.Contains(body, "已逾期") {
		t.Error("sent report still shown as overdue")
	}
	f.post("/meetings/7/meeting/report", org, url.Values{"clear": {"1"}})
	if f.minutes.get().ReportSentOn != nil {
		t.Error("clearing kept the date")
	}
}

// The exports go through the DocumentService with the minutes' documents.
func TestMinutesExports(t *testing.T) {
	f := newFixture(t)
	f.minutes.save(&jingzi.Minutes{MeetingID: 7, Place: "三楼会议室",
		Attendance: []*jingzi.Attendance{{ParticipantID: 1, Status: jingzi.AttendPresent}, {ParticipantID: 2, Status: jingzi.AttendLeave, Reason: "病假"}}})
	org := f.session(t, "organizer")
	tests := []struct{ path, file, want string }{
		{"/meetings/7/minutes.docx", "会议记录.docx", "缺席人员及原因：李副局长（病假）"},
		{"/meetings/7/report.docx", "情况报告.docx", "会议应到2人，实到1人，李副局长（病假）请假"},
	}
	for _, tt := range tests {
		rec := f.get(tt.path, org)
		if rec.Code != http.StatusOK || !strings.Contains(rec.Body.String(), tt.want) {
			t.Errorf("%s: %d\n%s", tt.path, rec.Code, rec.Body.String())
		}
		if cd := rec.Header().Get("Content-Disposition"); !strings.Contains(cd, url.PathEscape(tt.file)) {
			t.Errorf("%s: disposition %q", tt.path, cd)
		}
	}
	if rec := f.get("/meetings/7/report.docx", f.session(t, "admin")); rec.Code != http.StatusNotFound {
		t.Errorf("admin exports: %d, want 404", rec.Code)
	}
}

// Without a minutes service the phase stays "coming soon".
func TestMinutesComingSoon(t *testing.T) {
	f := newFixture(t)
	f.s.MinutesService = nil // before the first request builds the routes
	body := f.get("/meetings/7/meeting", f.session(t, "organizer")).Body.String()
	if !strings.Contains(body, comingSoon) {
		t.Error("no coming-soon notice without a minutes service")
	}
}

func flashText(c *http.Cookie) string {
	s, _ := url.QueryUnescape(c.Value)
	return s
}
