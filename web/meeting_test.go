package web

import (
	"context"
	"errors"
	"net/http"
	"net/url"
	"strings"
	"testing"
	"time"

	"jingzi"
	"jingzi/mock"
)

// planStore is the fixture's meeting store beyond the one meeting: created
// meetings, updates as the service saw them, and the candidates per org.
type planStore struct {
	created []*jingzi.Meeting
	updates []jingzi.MeetingUpdate
}

// wireMeetingPlan lets the mock meeting service create, update and list
// candidates the way the real one promises (permissions, versions, the rule
// that an author stays on the roster).
func (f *fixture) wireMeetingPlan() {
	f.plan = &planStore{}
	f.meeting.Version, f.meeting.ReportDays = 1, jingzi.DefaultReportDays
	findOne := f.meet.FindMeetingByIDFn
	f.meet.FindMeetingByIDFn = func(ctx context.Context, id int64) (*jingzi.Meeting, error) {
		for _, m := range f.plan.created {
			if m.ID == id && jingzi.CanViewMeeting(ctx, m.OrgPath) {
				return m, nil
			}
		}
		return findOne(ctx, id)
	}
	f.meet.FindMeetingCandidatesFn = func(ctx context.Context, orgID int64) (*jingzi.MeetingCandidates, error) {
		org, err := f.org.FindOrgByID(ctx, orgID)
		if err != nil {
			return nil, err
		} else if !jingzi.CanManageMeeting(ctx, org.Path) {
			return nil, jingzi.Errorf(jingzi.EFORBIDDEN, "只有党办组织者可以安排会议人员。")
		}
		c := &jingzi.MeetingCandidates{}
		for _, login := range []string{"li", "newbie", "organizer", "reviewer"} {
			u := f.users[login]
			if o := f.orgByID(u.OrgID); jingzi.PathWithin(o.Path, org.Path) {
				c.Members = append(c.Members, u)
			}
			for _, g := range u.Grants {
				if g.Role == jingzi.RoleReviewer && g.Covers(org.Path) {
					c.Reviewers = append(c.Reviewers, u)
				}
			}
		}
		return c, nil
	}
	f.meet.CreateMeetingFn = func(ctx context.Context, m *jingzi.Meeting) error {
		if err := m.Validate(); err != nil {
			return err
		} else if !jingzi.CanManageMeeting(ctx, f.orgByID(m.OrgID).Path) {
			return jingzi.Errorf(jingzi.EFORBIDDEN, "只有党办组织者可以创建会议。")
		}
		m.ID, m.Version = 8+int64(len(f.plan.created)), 1
		f.plan.created = append(f.plan.created, m)
		return nil
	}
	f.meet.UpdateMeetingFn = f.updateMeeting
}

func (f *fixture) orgByID(id int64) *jingzi.Org {
	for _, o := range f.orgs {
		if o.ID == id {
			return o
		}
	}
	return &jingzi.Org{}
}

func (f *fixture) updateMeeting(ctx context.Context, id int64, upd jingzi.MeetingUpdate) (*jingzi.Meeting, error) {
	m, err := f.meet.FindMeetingByID(ctx, id)
	if err != nil {
		return nil, err
	} else if !jingzi.CanManageMeeting(ctx, m.OrgPath) {
		return nil, jingzi.Errorf(jingzi.EFORBIDDEN, "只有党办组织者可以修改会议。")
	} else if upd.Version != m.Version {
		return nil, jingzi.Errorf(jingzi.ECONFLICT, "会议信息已被他人修改（当前为第%d版），您的修改未保存，请刷新后重新修改。", m.Version)
	}
	f.plan.updates = append(f.plan.updates, upd)
	if upd.Participants != nil {
		for _, p := range m.Participants {
			if !rosterHas(*upd.Participants, p.ID) && f.hasStatement(p.ID) {
				return nil, jingzi.Errorf(jingzi.ECONFLICT, "%s已有对照检查材料，不能从班子成员名单中移除。", p.Name)
			}
		}
		m.Participants = *upd.Participants
	}
	if upd.Phase != nil {
		m.Phase = *upd.Phase
	}
	if upd.Title != nil {
		m.Title = *upd.Title
	}
	m.Version++
	return m, nil
}

func rosterHas(list []*jingzi.Participant, id int64) bool {
	for _, p := range list {
		if p.ID == id {
			return true
		}
	}
	return false
}

func (f *fixture) hasStatement(participantID int64) bool {
	for _, s := range f.store.statements {
		if s.ParticipantID == participantID {
			return true
		}
	}
	return false
}

func civil(y int, m time.Month, d int) *time.Time {
	t := time.Date(y, m, d, 0, 0, 0, 0, time.UTC)
	return &t
}

// phaseItem returns the strip's entry for the phase, up to the next one.
func phaseItem(t *testing.T, body string, p jingzi.Phase) string {
	t.Helper()
	i := strings.Index(body, `<li id="phase-`+string(p)+`"`)
	if i < 0 {
		t.Fatalf("no strip entry for %s", p)
	}
	item := body[i:]
	if j := strings.Index(item[1:], `<li id="phase-`); j >= 0 {
		item = item[:j+1]
	} else if j := strings.Index(item, "</ol>"); j >= 0 {
		item = item[:j]
	}
	return item
}

func TestMeetingPhaseStrip(t *testing.T) {
	tests := []struct {
		name   string
		setup  func(f *fixture)
		phase  jingzi.Phase
		want   []string
		absent []string
	}{
		{"plan lacks reviewers and date", func(f *fixture) {}, jingzi.PhasePlan,
			[]string{`class="open"`, `data-done="false"`, "尚未指定上级审核人或督导", "召开日期未定"}, []string{"已完成", "phase-overdue"}},
		{"unconnected phase shows a dash", func(f *fixture) {}, jingzi.PhaseTalks,
			[]string{`class="phase-unknown"`, "—"}, []string{"已完成"}},
		{"current phase is marked", func(f *fixture) {}, jingzi.PhaseOpinions,
			[]string{`class="current"`, "（当前环节）", `aria-current="step"`}, nil},
		{"talks from the progress source", func(f *fixture) {
			f.s.ProgressSource = &mock.ProgressSource{MeetingProgressFn: func(ctx context.Context, id int64) (jingzi.MeetingProgress, error) {
				return jingzi.MeetingProgress{Participants: 99, Talks: &jingzi.TalkProgress{RequiredPairs: 10, MissingPairs: 3}}, nil
			}}
		}, jingzi.PhaseTalks, []string{"3对必谈尚未谈话"}, []string{"phase-unknown"}},
		{"a failing source leaves the dash", func(f *fixture) {
			f.s.ProgressSource = &mock.ProgressSource{MeetingProgressFn: func(ctx context.Context, id int64) (jingzi.MeetingProgress, error) {
				return jingzi.MeetingProgress{}, errors.New("database gone")
			}}
		}, jingzi.PhaseTalks, []string{"phase-unknown"}, nil},
		{"no head", func(f *fixture) { f.meeting.Participants[0].Head = false }, jingzi.PhasePlan,
			[]string{"尚未确定主要负责人"}, nil},
		{"report overdue", func(f *fixture) { f.meeting.MeetingDate = civil(2024, 3, 10) }, jingzi.PhasePlan,
			[]string{"会议主题和时间应于2024年2月24日前报送上级，已逾期6天", `class="phase-overdue"`}, []string{"召开日期未定"}},
		{"plan done", func(f *fixture) {
			f.meeting.MeetingDate, f.meeting.ReportedOn = civil(2024, 3, 10), civil(2024, 2, 20)
			f.meeting.Reviewers = []*jingzi.MeetingReviewer{{UserID: 14, Name: "督导组"}}
		}, jingzi.PhasePlan, []string{`class="done"`, `data-done="true"`, "已完成"}, []string{"phase-missing"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			f := newFixture(t)
			tt.setup(f)
			rec := f.get("/meetings/7", f.session(t, "organizer"))
			if rec.Code != http.StatusOK {
				t.Fatalf("got %d", rec.Code)
			}
			item := phaseItem(t, rec.Body.String(), tt.phase)
			for _, w := range tt.want {
				if !strings.Contains(item, w) {
					t.Errorf("%s lacks %q: %s", tt.phase.Label(), w, item)
				}
			}
			for _, w := range tt.absent {
				if strings.Contains(item, w) {
					t.Errorf("%s shows %q: %s", tt.phase.Label(), w, item)
				}
			}
		})
	}
}

func TestMeetingDatesAndActions(t *testing.T) {
	f := newFixture(t)
	f.meeting.MeetingDate, f.meeting.ReportedOn = civil(2024, 3, 10), civil(2024, 2, 20)
	body := f.get("/meetings/7", f.session(t, "organizer")).Body.String()
	for _, want := range []string{`id="report-by"`, "应于2024年2月24日前报送会议主题和时间", "已于2024年2月20日报送", "（还有9天）",
		`href="/meetings/7/edit"`, `action="/meetings/7/phase"`} {
		if !strings.Contains(body, want) {
			t.Errorf("meeting page lacks %q", want)
		}
	}
	if strings.Contains(body, `id="report-overdue"`) {
		t.Error("a reported plan is marked overdue")
	}
	body = f.get("/meetings/7", f.session(t, "reviewer")).Body.String()
	if strings.Contains(body, "/meetings/7/edit") || strings.Contains(body, "/meetings/7/phase") {
		t.Error("a reviewer is offered to edit the meeting")
	}
}

func TestPlanPage(t *testing.T) {
	f := newFixture(t)
	f.meeting.Reviewers = []*jingzi.MeetingReviewer{{UserID: 14, Name: "督导组", Supervisor: true}}
	body := f.get("/meetings/7/plan", f.session(t, "organizer")).Body.String()
	for _, want := range []string{"<h1>筹备</h1>", `id="plan-status"`, "召开日期未定", "张书记", "社会救助科、养老服务科",
		"督导组", "督导", "检视框架", `href="/meetings/7/edit"`} {
		if !strings.Contains(body, want) {
			t.Errorf("plan page lacks %q", want)
		}
	}
	rec := f.get("/meetings/7/plan", f.session(t, "li"))
	if rec.Code != http.StatusOK || strings.Contains(rec.Body.String(), "/meetings/7/edit") {
		t.Errorf("participant's plan page: %d, offers editing: %v", rec.Code, strings.Contains(rec.Body.String(), "/edit"))
	}
}

func TestSetPhase(t *testing.T) {
	f := newFixture(t)
	if rec := f.post("/meetings/7/phase", f.session(t, "reviewer"), url.Values{"version": {"1"}, "phase": {"talks"}}); rec.Code != http.StatusForbidden {
		t.Errorf("reviewer sets the phase: %d", rec.Code)
	}
	if rec := f.post("/meetings/7/phase", f.session(t, "organizer"), url.Values{"version": {"1"}, "phase": {"nap"}}); rec.Code != http.StatusBadRequest {
		t.Errorf("unknown phase: %d", rec.Code)
	}
	rec := f.post("/meetings/7/phase", f.session(t, "organizer"), url.Values{"version": {"1"}, "phase": {"talks"}})
	if rec.Code != http.StatusSeeOther || f.meeting.Phase != jingzi.PhaseTalks || rec.Header().Get("Location") != "/meetings/7" {
		t.Fatalf("set phase: %d, phase %s", rec.Code, f.meeting.Phase)
	}
	if rec := f.post("/meetings/7/phase", f.session(t, "organizer"), url.Values{"version": {"1"}, "phase": {"study"}}); rec.Code != http.StatusConflict ||
		!strings.Contains(rec.Body.String(), "已被他人修改") {
		t.Errorf("stale version: %d", rec.Code)
	}
}

// newMeetingForm returns the create form's fields as the browser would post
// them, with the roster rows filled in.
func newMeetingForm(t *testing.T, f *fixture, tok string) url.Values {
	t.Helper()
	rec := f.get("/meetings/new", tok)
	if rec.Code != http.StatusOK {
		t.Fatalf("new meeting page: %d", rec.Code)
	}
	v := formOf(t, rec.Body.String(), "/meetings")
	v.Set("p-0-name", "张书记")
	v.Set("p-0-title", "党委书记、局长")
	v.Set("p-0-head", "on")
	v.Set("p-1-name", "李副局长")
	v.Set("p-1-user", "17")
	v.Set("p-1-portfolio", "社会救助科、养老服务科，办公室")
	v.Set("p-1-order", "0") // moves to the top
	v.Set("meeting_date", "2024-01-20")
	v.Add("reviewer", "14")
	v.Add("supervisor", "14")
	return v
}

func TestCreateMeeting(t *testing.T) {
	f := newFixture(t)
	tok := f.session(t, "organizer")
	body := f.get("/meetings", tok).Body.String()
	if !strings.Contains(body, `href="/meetings/new"`) {
		t.Error("the list offers no 新建会议 to an organiser")
	}
	v := newMeetingForm(t, f, tok)
	if v.Get("year") != "2023" || v.Get("report_days") != "15" || v.Get("org_id") != "2" || v.Get("title") != "市民政局党委2023年度民主生活会" {
		t.Errorf("defaults: year %s, days %s, org %s, title %s", v.Get("year"), v.Get("report_days"), v.Get("org_id"), v.Get("title"))
	}
	rec := f.post("/meetings", tok, v)
	if rec.Code != http.StatusSeeOther || len(f.plan.created) != 1 {
		t.Fatalf("create: %d: %s", rec.Code, rec.Body.String())
	}
	m := f.plan.created[0]
	if rec.Header().Get("Location") != "/meetings/8" {
		t.Errorf("redirect to %s", rec.Header().Get("Location"))
	}
	if len(m.Participants) != 2 || m.Participants[0].Name != "李副局长" || m.Participants[0].UserID != 17 ||
		strings.Join(m.Participants[0].Portfolio, "|") != "社会救助科|养老服务科|办公室" || !m.Participants[1].Head {
		t.Errorf("roster %+v %+v", m.Participants[0], m.Participants[1])
	}
	if m.Framework == nil || m.Framework.Year != 2023 || m.OrgID != 2 || m.Kind != jingzi.KindDemocratic ||
		jingzi.FormatDate(*m.ReportBy()) != "2024年1月5日" {
		t.Errorf("meeting %+v", m)
	}
	if len(m.ReviewerIDs()) != 1 || len(m.SupervisorIDs()) != 1 {
		t.Errorf("reviewers %+v", m.Reviewers)
	}
	if rec := f.get("/meetings/8", tok); rec.Code != http.StatusOK || !strings.Contains(rec.Body.String(), "李副局长") {
		t.Errorf("the new meeting's page: %d", rec.Code)
	}
}

func TestCreateMeetingRefusals(t *testing.T) {
	tests := []struct {
		change  url.Values
		status  int
		message string
	}{
		{url.Values{"meeting_date": {"2024/1/20"}}, http.StatusBadRequest, "召开日期应按“年-月-日”填写"},
		{url.Values{"p-1-head": {"on"}}, http.StatusBadRequest, "主要负责人只能有一位。"},
		{url.Values{"framework_id": {""}}, http.StatusBadRequest, "请选择检视框架。"},
		{url.Values{"report_days": {"0.5"}}, http.StatusBadRequest, "提前天数应填写1至60之间的整数"},
		{url.Values{"report_days": {"61"}}, http.StatusBadRequest, "报送上级的提前天数应为1至60天。"},
		{url.Values{"title": {""}}, http.StatusBadRequest, "请填写会议名称"},
		{url.Values{"p-1-user": {"x"}}, http.StatusBadRequest, "所选项目无效"},
		{url.Values{"org_id": {"4"}}, http.StatusForbidden, "不是该党组织的党办组织者"},
	}
	for _, tt := range tests {
		f := newFixture(t)
		tok := f.session(t, "organizer")
		v := newMeetingForm(t, f, tok)
		for k, vals := range tt.change {
			v[k] = vals
		}
		rec := f.post("/meetings", tok, v)
		if rec.Code != tt.status || !strings.Contains(rec.Body.String(), tt.message) {
			t.Errorf("%v: got %d without %q: %s", tt.change, rec.Code, tt.message, formErrorOf(rec.Body.String()))
		}
		if len(f.plan.created) != 0 {
			t.Errorf("%v: a meeting was created", tt.change)
		}
		if tt.status == http.StatusBadRequest && !strings.Contains(rec.Body.String(), `value="李副局长"`) {
			t.Errorf("%v: the form lost the typed roster", tt.change)
		}
	}
	f := newFixture(t)
	for _, login := range []string{"li", "reviewer", "admin"} {
		if rec := f.get("/meetings/new", f.session(t, login)); rec.Code != http.StatusForbidden {
			t.Errorf("%s opens the new meeting form: %d", login, rec.Code)
		}
	}
}

func TestEditMeeting(t *testing.T) {
	f := newFixture(t)
	tok := f.session(t, "organizer")
	if rec := f.get("/meetings/7/edit", f.session(t, "li")); rec.Code != http.StatusForbidden {
		t.Errorf("participant opens the edit form: %d", rec.Code)
	}
	v := formOf(t, f.get("/meetings/7/edit", tok).Body.String(), "/meetings/7/edit")
	if v.Get("version") != "1" || v.Get("p-0-id") != "1" || v.Get("p-1-id") != "2" || v.Get("p-1-user") != "17" || v.Get("framework_id") != "" {
		t.Fatalf("edit form: %v", v)
	}
	v.Set("p-1-title", "党委副书记")
	v.Set("p-2-name", "王纪检")
	v.Set("phase", "talks")
	rec := f.post("/meetings/7/edit", tok, v)
	if rec.Code != http.StatusSeeOther {
		t.Fatalf("edit: %d: %s", rec.Code, rec.Body.String())
	}
	upd := f.plan.updates[0]
	roster := *upd.Participants
	if upd.Version != 1 || len(roster) != 3 || roster[0].ID != 1 || roster[1].ID != 2 || roster[1].Title != "党委副书记" ||
		roster[1].UserID != 17 || roster[2].ID != 0 || roster[2].Name != "王纪检" || roster[0].Head != false {
		t.Errorf("update roster %+v %+v %+v", roster[0], roster[1], roster[2])
	}
	if upd.Framework != nil || *upd.Phase != jingzi.PhaseTalks || upd.MeetingDate == nil || !upd.MeetingDate.IsZero() {
		t.Errorf("update %+v", upd)
	}
	// The same form again is stale: the form comes back with the message and what was typed.
	rec = f.post("/meetings/7/edit", tok, v)
	if rec.Code != http.StatusConflict || !strings.Contains(rec.Body.String(), "已被他人修改") || !strings.Contains(rec.Body.String(), `value="王纪检"`) {
		t.Errorf("stale edit: %d", rec.Code)
	}
}

func TestEditMeetingKeepsAuthors(t *testing.T) {
	f := newFixture(t)
	f.store.statements = append(f.store.statements, &jingzi.Statement{ID: 5, MeetingID: 7, ParticipantID: 2})
	tok := f.session(t, "organizer")
	v := formOf(t, f.get("/meetings/7/edit", tok).Body.String(), "/meetings/7/edit")
	v.Set("p-1-name", "")
	rec := f.post("/meetings/7/edit", tok, v)
	if rec.Code != http.StatusConflict || !strings.Contains(rec.Body.String(), "李副局长已有对照检查材料，不能从班子成员名单中移除。") {
		t.Errorf("removing an author: %d", rec.Code)
	}
	if len(f.meeting.Participants) != 2 {
		t.Errorf("roster changed: %d", len(f.meeting.Participants))
	}
}

func formErrorOf(body string) string {
	i := strings.Index(body, `class="form-error"`)
	if i < 0 {
		return "(no form error)"
	}
	return body[i:min(len(body), i+200)]
}
