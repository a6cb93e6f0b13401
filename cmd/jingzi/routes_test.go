package main

import (
	"context"
	"fmt"
	"io"
	"log/slog"
	"net/http"
	"net/http/cookiejar"
	"net/http/httptest"
	"net/url"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"jingzi"
	"jingzi/sqldb"
	"jingzi/web"
)

// demoSite is the demo wired in-process to the real web layer and a real
// SQLite database, with two more accounts confined to the 人社局 subtree.
type demoSite struct {
	db      *sqldb.DB
	srv     *httptest.Server
	ids     map[string]int64
	opinion string
}

func newDemoSite(t *testing.T) *demoSite {
	t.Helper()
	db := sqldb.NewDB(filepath.Join(t.TempDir(), "jingzi.db"))
	if err := db.Open(); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { db.Close() })
	ctx := context.Background()
	if err := loadDemo(ctx, db, &env{stdout: io.Discard, stderr: io.Discard}); err != nil {
		t.Fatal(err)
	}
	sys := jingzi.SystemContext(ctx, "测试")
	site := &demoSite{db: db, ids: map[string]int64{}}
	orgs, _, _ := sqldb.NewOrgService(db).FindOrgs(sys, jingzi.OrgFilter{})
	for _, o := range orgs {
		site.ids[o.Name] = o.ID
	}
	rs := site.ids["江城市人力资源和社会保障局党组"]
	for _, a := range []struct {
		login string
		role  jingzi.Role
	}{{"rsadmin", jingzi.RoleSysadmin}, {"rsdangban", jingzi.RoleOrganizer}, {"rsmember", jingzi.RoleParticipant}} {
		u := &jingzi.User{Login: a.login, Name: a.login, OrgID: rs, Grants: []jingzi.Grant{{Role: a.role, OrgID: rs}}}
		if err := sqldb.NewUserService(db).CreateUser(sys, u, DemoPassword); err != nil {
			t.Fatal(err)
		}
	}
	users, _, _ := sqldb.NewUserService(db).FindUsers(sys, jingzi.UserFilter{})
	for _, u := range users {
		site.ids["user:"+u.Login] = u.ID
	}
	meetings, _, _ := sqldb.NewMeetingService(db).FindMeetings(sys, jingzi.MeetingFilter{})
	for _, m := range meetings { // newest year first: the 民政局's 2021 meeting, not its 2020 one
		if _, ok := site.ids["meeting:"+m.OrgName]; !ok {
			site.ids["meeting:"+m.OrgName] = m.ID
		}
	}
	web, err := newWebServer(ctx, db, slog.New(slog.NewTextHandler(io.Discard, nil)))
	if err != nil {
		t.Fatal(err)
	}
	site.addBureauObjects(t, sys, web)
	site.srv = httptest.NewServer(web.Handler())
	t.Cleanup(site.srv.Close)
	return site
}

// addBureauObjects gives the 民政局's meeting one object of every noun that has
// its own id route: a statement, a talk, a study session with a file, a
// solicitation with an opinion, a framework copy and a 查重 template.
func (s *demoSite) addBureauObjects(t *testing.T, sys context.Context, w *web.Server) {
	t.Helper()
	m, err := w.MeetingService.FindMeetingByID(sys, s.ids["meeting:江城市民政局党委"])
	if err != nil {
		t.Fatal(err)
	}
	st := jingzi.NewStatementFromFramework(m.Framework, "领导班子对照检查材料")
	st.MeetingID = m.ID
	day := time.Date(2021, 12, 20, 0, 0, 0, 0, time.UTC)
	talk := &jingzi.Talk{MeetingID: m.ID, Date: day, Topics: "交流思想",
		A: jingzi.TalkSide{ParticipantID: m.Participants[0].ID}, B: jingzi.TalkSide{ParticipantID: m.Participants[1].ID}}
	study := &jingzi.Study{MeetingID: m.ID, Date: day, Topic: "学习党的十九届六中全会精神", Form: jingzi.StudyCentral}
	sol := &jingzi.Solicitation{MeetingID: m.ID, Title: "征求意见", OpensOn: day, ClosesOn: day.AddDate(0, 0, 20), Threshold: 5}
	fw := m.Framework.Clone()
	fw.Name, fw.OrgID = "本局框架", s.ids["江城市民政局党委"]
	steps := []func() error{
		func() error { return w.StatementService.CreateStatement(sys, st, "测试") },
		// submitted, so that the superior's reviewer sees it
		func() error { return sqldb.NewReviewService(s.db).Submit(sys, st.ID, st.Version) },
		func() error { return w.TalkService.RecordTalk(sys, talk) },
		func() error { return w.StudyService.CreateStudy(sys, study) },
		func() error { return w.SolicitationService.CreateSolicitation(sys, sol) },
		func() error { return w.FrameworkService.CreateFramework(sys, fw) },
	}
	for _, step := range steps {
		if err := step(); err != nil {
			t.Fatal(err)
		}
	}
	file, err := w.StudyService.AddStudyFile(sys, study.ID, "学习材料.txt", strings.NewReader("学习材料正文"))
	if err != nil {
		t.Fatal(err)
	}
	op := &jingzi.Opinion{SolicitationID: sol.ID, Channel: jingzi.ChannelForum, Unit: "社会救助科", AspectIndex: -1, Text: "希望多到基层调研。"}
	if err := w.OpinionService.CreateOpinion(sys, op); err != nil {
		t.Fatal(err)
	}
	tpl := &jingzi.CorpusDoc{OrgID: s.ids["江城市民政局党委"], Title: "本局范文", Text: "一是理论学习不系统。"}
	if err := w.CorpusService.AddCorpusDoc(sys, tpl); err != nil {
		t.Fatal(err)
	}
	s.ids["statement"], s.ids["talk"], s.ids["study"], s.ids["file"] = st.ID, talk.ID, study.ID, file.ID
	min, err := w.MinutesService.FindMinutes(sys, m.ID)
	if err != nil {
		t.Fatal(err)
	}
	min.Criticisms = []*jingzi.Criticism{{FromID: m.Participants[1].ID, ToID: m.Participants[0].ID, Content: "下基层少。"}}
	if err := w.MinutesService.SaveMinutes(sys, min); err != nil {
		t.Fatal(err)
	}
	s.ids["criticism"], s.ids["critic"], s.ids["criticised"] = min.Criticisms[0].ID, m.Participants[1].ID, m.Participants[0].ID
	s.ids["solicitation"], s.ids["framework"], s.ids["corpus"] = sol.ID, fw.ID, tpl.ID
	s.opinion = op.ID
	a, err := w.ArchiveService.ArchiveMeeting(sys, m.ID, "路由测试")
	if err != nil {
		t.Fatal(err)
	}
	if err := w.ArchiveService.ReopenMeeting(sys, m.ID, "路由测试"); err != nil { // the package stays, the meeting opens
		t.Fatal(err)
	}
	s.ids["archive"] = a.ID
	s.addLedgerObjects(t, sys, w, m)
}

// as logs in and returns a client that does not follow redirects.
func (s *demoSite) as(t *testing.T, login string) *http.Client {
	t.Helper()
	jar, _ := cookiejar.New(nil)
	c := &http.Client{Jar: jar, CheckRedirect: func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse }}
	resp, err := c.PostForm(s.srv.URL+"/login", url.Values{"login": {login}, "password": {DemoPassword}})
	if err != nil {
		t.Fatal(err)
	}
	resp.Body.Close()
	if resp.StatusCode != http.StatusSeeOther {
		t.Fatalf("login %s: status %d", login, resp.StatusCode)
	}
	return c
}

// auditCount counts the state changes in the audit log; refused requests are
// logged too (access.denied) but change nothing.
func (s *demoSite) auditCount(t *testing.T) int {
	list, _, err := sqldb.NewAuditService(s.db).FindAuditEntries(jingzi.SystemContext(context.Background(), "测试"), jingzi.AuditFilter{})
	if err != nil {
		t.Fatal(err)
	}
	n := 0
	for _, e := range list {
		if e.Action != "access.denied" {
			n++
		}
	}
	return n
}

// route is one route that takes an id, with the form a change would send.
type route struct {
	method, path string
	form         url.Values
}

// idRoutes lists every route that takes an id, pointed at objects of the
// 市民政局党委 subtree.
func (s *demoSite) idRoutes() []route {
	org := s.ids["江城市民政局党委"]
	user := s.ids["user:dangban"]
	meeting := s.ids["meeting:江城市民政局党委"]
	orgForm := url.Values{"name": {"被改名"}, "kind": {"committee"}, "parent_id": {fmt.Sprint(s.ids["江城市委组织部"])}, "position": {"1"}}
	routes := []route{
		{"GET", fmt.Sprintf("/orgs/%d", org), nil},
		{"POST", fmt.Sprintf("/orgs/%d", org), orgForm},
		{"GET", fmt.Sprintf("/users/%d", user), nil},
		{"POST", fmt.Sprintf("/users/%d", user), url.Values{"name": {"被改名"}, "title": {"x"}, "org_id": {fmt.Sprint(org)}}},
		{"POST", fmt.Sprintf("/users/%d/grants", user), url.Values{"role_0": {"sysadmin"}, "org_0": {fmt.Sprint(org)}}},
		{"POST", fmt.Sprintf("/users/%d/password", user), url.Values{"password": {"Hijack#2022"}, "repeat": {"Hijack#2022"}}},
		{"GET", fmt.Sprintf("/meetings/%d", meeting), nil},
		{"POST", "/org/switch", url.Values{"org_id": {fmt.Sprint(org)}}},
	}
	for _, p := range jingzi.Phases {
		routes = append(routes, route{"GET", fmt.Sprintf("/meetings/%d/%s", meeting, p), nil})
	}
	routes = append(routes, s.ledgerRoutes(meeting)...)
	return append(routes, s.nounRoutes(meeting)...)
}

// nounRoutes are the id routes of the meeting's nouns.
func (s *demoSite) nounRoutes(meeting int64) []route {
	id := func(format string, key string) string { return fmt.Sprintf(format, s.ids[key]) }
	mt := func(p string) string { return fmt.Sprintf("/meetings/%d%s", meeting, p) }
	v := func(kv ...string) url.Values {
		out := url.Values{}
		for i := 0; i+1 < len(kv); i += 2 {
			out.Add(kv[i], kv[i+1])
		}
		return out
	}
	st, op := id("/statements/%d", "statement"), "/opinions/"+s.opinion
	return []route{
		{"GET", mt("/edit"), nil}, {"POST", mt("/edit"), v("version", "1", "title", "改", "year", "2021", "kind", "democratic")},
		{"POST", mt("/phase"), v("version", "1", "phase", "meeting")},
		{"GET", mt("/plan"), nil}, {"GET", mt("/feedback"), nil}, {"GET", mt("/opinions"), nil},
		{"GET", mt("/statements"), nil}, {"POST", mt("/statements"), v("participant_id", "0")},
		{"POST", mt("/statements/import"), v("owner", "0")},
		{"GET", mt("/study"), nil}, {"POST", mt("/study"), v("date", "2021-12-21", "topic", "x", "form", "central")},
		{"GET", mt("/talks"), nil}, {"POST", mt("/talks"), v("date", "2021-12-21", "a", "1", "b", "2")},
		{"POST", mt("/solicitations"), v("title", "x", "opens_on", "2021-12-01", "closes_on", "2021-12-30", "threshold", "5")},
		{"GET", st, nil}, {"POST", st, v("version", "1", "title", "被改", "action", "save")},
		{"POST", st + "/items/p0-s0-i0", v("version", "1", "p0-s0-i0-heading", "x")},
		{"GET", st + "/versions", nil}, {"GET", st + "/compare?from=1&to=1", nil},
		{"GET", st + "/export.docx", nil}, {"GET", st + "/export.md", nil}, {"GET", st + "/export.html", nil},
		{"POST", st + "/review", v("version", "1", "action", "approve")},
		{"POST", st + "/review", v("version", "1", "action", "return", "reasons", "请修改")},
		{"POST", st + "/comments", v("anchor", "p0-s0-i0", "body", "批注")},
		{"POST", st + "/comments/resolve", v("comment", "1", "resolved", "1")},
		{"GET", id("/talks/%d", "talk"), nil}, {"POST", id("/talks/%d", "talk"), v("date", "2021-12-22", "topics", "改")},
		{"POST", id("/talks/%d/opinions", "talk"), v()},
		{"POST", id("/talks/%d/delete", "talk"), v("confirm", "1")},
		{"GET", id("/studies/%d", "study"), nil}, {"POST", id("/studies/%d", "study"), v("date", "2021-12-22", "topic", "改", "form", "central")},
		{"POST", id("/studies/%d/attendance", "study"), v("present", "1")},
		{"POST", id("/studies/%d/notes", "study"), v("participant_id", "1", "text", "改")},
		{"POST", id("/studies/%d/files", "study"), v()},
		{"GET", fmt.Sprintf("/studies/%d/files/%d", s.ids["study"], s.ids["file"]), nil},
		{"POST", fmt.Sprintf("/studies/%d/files/%d/delete", s.ids["study"], s.ids["file"]), v("confirm", "1")},
		{"POST", id("/studies/%d/delete", "study"), v("confirm", "1")},
		{"GET", id("/solicitations/%d", "solicitation"), nil}, {"GET", id("/solicitations/%d/export.xlsx", "solicitation"), nil},
		{"POST", id("/solicitations/%d", "solicitation"), v("title", "改", "opens_on", "2021-12-01", "closes_on", "2021-12-30", "threshold", "5")},
		{"POST", id("/solicitations/%d/codes", "solicitation"), v("count", "5")},
		{"POST", id("/solicitations/%d/units", "solicitation"), v("unit", "某单位")},
		{"POST", id("/solicitations/%d/opinions", "solicitation"), v("channel", "forum", "text", "x", "participant_id", "0")},
		{"POST", id("/solicitations/%d/release", "solicitation"), v("released", "1")},
		{"POST", id("/solicitations/%d/merge", "solicitation"), v("into", s.opinion, "ids", s.opinion)},
		{"POST", op, v("participant_id", "0", "status", "adopted")},
		{"POST", op + "/link", v("item", fmt.Sprintf("%d:p0-s0-i0", s.ids["statement"]))},
		{"GET", id("/frameworks/%d", "framework"), nil}, {"GET", id("/frameworks/%d/edit", "framework"), nil},
		{"POST", id("/frameworks/%d/edit", "framework"), v("name", "改", "year", "2021")},
		{"POST", id("/frameworks/%d/copy", "framework"), v()},
		{"POST", id("/corpus/%d/delete", "corpus"), v("confirm", "1")},
		{"GET", mt("/meeting"), nil}, {"POST", mt("/meeting"), v("version", "1", "summary", "改", // the whole form: the criticism stays
			"crit_id", fmt.Sprint(s.ids["criticism"]), "crit_from", fmt.Sprint(s.ids["critic"]), "crit_to", fmt.Sprint(s.ids["criticised"]),
			"crit_content", "下基层少。", "crit_response", "")},
		{"POST", mt("/meeting/report"), v("sent_on", "2022-01-20")},
		{"POST", mt(id("/criticisms/%d/response", "criticism")), v("response", "改")},
		{"GET", mt("/minutes.docx"), nil}, {"GET", mt("/report.docx"), nil},
		{"POST", mt("/archive"), v("reason", "越权归档")}, {"POST", mt("/reopen"), v("reasons", "越权开启")},
		{"GET", id("/archives/%d/download", "archive"), nil},
	}
}

func (s *demoSite) do(t *testing.T, c *http.Client, r route) (int, string) {
	t.Helper()
	req, _ := http.NewRequest(r.method, s.srv.URL+r.path, strings.NewReader(r.form.Encode()))
	if r.form != nil {
		req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
	}
	resp, err := c.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	body, _ := io.ReadAll(resp.Body)
	return resp.StatusCode, string(body)
}

// Nobody sees or changes another org's objects: for every route that takes an
// id, every account confined to the 人社局 subtree gets 403 or 404 on the
// 民政局's org, account and meeting, and nothing changes.
func TestRoutesRefuseOtherOrgs(t *testing.T) {
	s := newDemoSite(t)
	for _, login := range []string{"rsadmin", "rsdangban", "rsmember"} {
		c := s.as(t, login)
		for _, r := range s.idRoutes() {
			before := s.auditCount(t)
			code, body := s.do(t, c, r)
			if code != http.StatusForbidden && code != http.StatusNotFound {
				t.Errorf("%s %s %s: status %d, want 403 or 404", login, r.method, r.path, code)
			}
			if strings.Contains(body, "市民政局党委办公室主任") || strings.Contains(body, "王建国") {
				t.Errorf("%s %s %s: page shows the other org's data", login, r.method, r.path)
			}
			if after := s.auditCount(t); after != before {
				t.Errorf("%s %s %s: %d state changes recorded, want none", login, r.method, r.path, after-before)
			}
		}
	}
	// The objects are as the demo made them.
	sys := jingzi.SystemContext(context.Background(), "测试")
	if u, _ := sqldb.NewUserService(s.db).FindUserByID(sys, s.ids["user:dangban"]); u.Name != "孙丽" || len(u.Grants) != 1 {
		t.Errorf("account changed: %+v", u)
	}
	if o, _ := sqldb.NewOrgService(s.db).FindOrgByID(sys, s.ids["江城市民政局党委"]); o.Name != "江城市民政局党委" {
		t.Errorf("org changed: %+v", o)
	}
}

// The same routes are open to the accounts whose roles cover the 民政局, which
// shows the refusals above come from permissions and not from broken routes.
func TestRoutesOpenToOwnOrg(t *testing.T) {
	s := newDemoSite(t)
	m := fmt.Sprintf("/meetings/%d", s.ids["meeting:江城市民政局党委"])
	allowed := map[string][]string{
		"admin":       {"GET /orgs/", "GET /users/"},
		"dangban":     {"GET /meetings/", "POST /org/switch", "GET /statements/", "GET /talks/", "GET /studies/", "GET /solicitations/", "GET /frameworks/", "GET /ledger/"},
		"wangjianguo": {"GET " + m + "/plan", "GET " + m + "/talks", "GET " + m + "/study", "GET /statements/", "GET " + m + "/meeting", "POST " + m + "/criticisms/"},
		"zuzhibu":     {"GET " + m + "/statements", "GET " + m + "/opinions", "GET " + m + "/ledger.xlsx", "GET " + m + "/bulletin.docx", "POST /org/switch", "GET /statements/", "GET /solicitations/"},
	}
	for login, prefixes := range allowed {
		c := s.as(t, login)
		for _, r := range s.idRoutes() {
			for _, p := range prefixes {
				if !strings.HasPrefix(r.method+" "+r.path, p) {
					continue
				}
				if code, _ := s.do(t, c, r); code != http.StatusOK && code != http.StatusSeeOther {
					t.Errorf("%s %s %s: status %d, want 200 or 303", login, r.method, r.path, code)
				}
			}
		}
	}
	// Administrators do not read meeting content, and participants do not manage orgs (三权分立).
	for login, r := range map[string]route{
		"admin":       {"GET", fmt.Sprintf("/meetings/%d", s.ids["meeting:江城市民政局党委"]), nil},
		"auditor":     {"GET", fmt.Sprintf("/users/%d", s.ids["user:dangban"]), nil},
		"wangjianguo": {"POST", fmt.Sprintf("/orgs/%d", s.ids["市民政局机关第一党支部"]), url.Values{"name": {"x"}, "kind": {"branch"}}},
	} {
		if code, _ := s.do(t, s.as(t, login), r); code != http.StatusForbidden && code != http.StatusNotFound {
			t.Errorf("%s %s %s: status %d, want 403 or 404", login, r.method, r.path, code)
		}
	}
}
