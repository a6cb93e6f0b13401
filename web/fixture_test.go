package web

import (
	"context"
	"fmt"
	"io"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"net/url"
	"strings"
	"sync"
	"testing"
	"time"

	"jingzi"
	"jingzi/mock"
)

// fixture is a server on mock services holding a small org tree, a few accounts
// (one per role), one meeting and an in-memory session table.
type fixture struct {
	s        *Server
	org      *mock.OrgService
	user     *mock.UserService
	auditSvc *mock.AuditService
	auth     *mock.AuthService
	meet     *mock.MeetingService
	plan     *planStore      // meetings created and updated
	store    *statementStore // statements, documents and frameworks
	check    *mock.CheckService
	checks   int // CheckStatement calls
	corpus   *corpusStore
	opin     *opinionStore // 征求意见 and 意见建议
	studies  *studyStore
	talks    *talkStore
	minutes  *minutesStore // 会议记录
	ledger   *ledgerStore  // 整改台账

	mu       sync.Mutex
	sessions map[string]*jingzi.Session
	audits   []*jingzi.AuditEntry
	nextTok  int
	users    map[string]*jingzi.User // by login
	orgs     []*jingzi.Org
	meeting  *jingzi.Meeting
}

const testPassword = "Jingzi#2024"

func grant(role jingzi.Role, o *jingzi.Org) jingzi.Grant {
	return jingzi.Grant{Role: role, OrgID: o.ID, OrgPath: o.Path, OrgName: o.Name}
}

func newFixture(tb testing.TB) *fixture {
	tb.Helper()
	root := &jingzi.Org{ID: 1, Name: "市委组织部", Kind: jingzi.OrgDepartment, Path: "/1/"}
	bureau := &jingzi.Org{ID: 2, ParentID: 1, Name: "市民政局党委", Kind: jingzi.OrgCommittee, Path: "/1/2/", Depth: 1}
	branch := &jingzi.Org{ID: 3, ParentID: 2, Name: "办公室党支部", Kind: jingzi.OrgBranch, Path: "/1/2/3/", Depth: 2}
	other := &jingzi.Org{ID: 4, ParentID: 1, Name: "市财政局党组", Kind: jingzi.OrgLeadGroup, Path: "/1/4/", Depth: 1}
	f := &fixture{
		sessions: map[string]*jingzi.Session{},
		orgs:     []*jingzi.Org{root, bureau, branch, other},
		users:    map[string]*jingzi.User{},
		org:      &mock.OrgService{}, user: &mock.UserService{}, auditSvc: &mock.AuditService{},
		auth: &mock.AuthService{}, meet: &mock.MeetingService{},
	}
	add := func(id int64, login, name string, org *jingzi.Org, grants ...jingzi.Grant) *jingzi.User {
		u := &jingzi.User{ID: id, Login: login, Name: name, Title: "干部", OrgID: org.ID, OrgName: org.Name, Grants: grants}
		f.users[login] = u
		return u
	}
	add(10, "organizer", "王organizer", bureau, grant(jingzi.RoleOrganizer, bureau), grant(jingzi.RoleOrganizer, branch))
	add(11, "admin", "系统管理员", root, grant(jingzi.RoleSysadmin, root))
	add(12, "auditor", "审计员", root, grant(jingzi.RoleAuditor, root))
	add(13, "secadmin", "安全员", root, grant(jingzi.RoleSecadmin, root))
	add(14, "reviewer", "督导组", root, grant(jingzi.RoleReviewer, root))
	add(15, "newbie", "新用户", bureau, grant(jingzi.RoleParticipant, bureau)).MustChangePassword = true
	add(16, "all", "全能", root, grant(jingzi.RoleOrganizer, root), grant(jingzi.RoleReviewer, root),
		grant(jingzi.RoleSysadmin, root), grant(jingzi.RoleAuditor, root), grant(jingzi.RoleSecadmin, root))

	fw, err := jingzi.BuiltinFramework("2022")
	if err != nil {
		tb.Fatal(err)
	}
	f.meeting = &jingzi.Meeting{ID: 7, OrgID: 2, OrgName: bureau.Name, OrgPath: bureau.Path, Year: 2022,
		Kind: jingzi.KindDemocratic, Title: "市民政局党委2022年度民主生活会", Framework: fw, Phase: jingzi.PhaseOpinions,
		Participants: []*jingzi.Participant{
			{ID: 1, Name: "张书记", Title: "党委书记、局长", Head: true},
			{ID: 2, Name: "李副局长", Title: "党委委员、副局长", Portfolio: []string{"社会救助科", "养老服务科"}},
		}}
	f.wire()
	f.wireMeetingPlan()
	f.s = NewServer()
	f.s.OrgService, f.s.UserService, f.s.AuditService = f.org, f.user, f.auditSvc
	f.s.AuthService, f.s.MeetingService = f.auth, f.meet
	f.s.Now = func() time.Time { return time.Date(2024, 3, 1, 9, 0, 0, 0, time.UTC) }
	f.s.Logger = slog.New(slog.NewTextHandler(io.Discard, nil))
	f.wireStatements()
	f.s.StatementService, f.s.DocumentService, f.s.FrameworkService = f.store.stmt, f.store.doc, f.store.frame
	f.wireCheck()
	f.wireCorpus()
	f.s.CheckService, f.s.CorpusService = f.check, f.corpus.svc
	f.wireOpinions()
	f.wireStudies()
	f.s.StudyService = f.studies.svc
	f.wireTalks()
	f.s.TalkService = f.talks.svc
	f.s.SupervisionService = newSupervisionStore()
	f.wireMinutes()
	f.wireLedger()
	f.s.LedgerService = f.ledger.svc
	f.wireArchive()
	return f
}

// wire sets the mock functions to behave like a small, permission-checking store.
func (f *fixture) wire() {
	f.wireAuth()
	f.org.FindOrgsFn = func(ctx context.Context, filter jingzi.OrgFilter) ([]*jingzi.Org, int, error) {
		var out []*jingzi.Org
		for _, o := range f.orgs {
			if jingzi.CanViewOrg(ctx, o) && (filter.IncludeArchived || !o.Archived) {
				out = append(out, o)
			}
		}
		return out, len(out), nil
	}
	f.org.FindOrgByIDFn = func(ctx context.Context, id int64) (*jingzi.Org, error) {
		for _, o := range f.orgs {
			if o.ID == id && jingzi.CanViewOrg(ctx, o) {
				return o, nil
			}
		}
		return nil, jingzi.Errorf(jingzi.ENOTFOUND, "党组织不存在。")
	}
	f.meet.FindMeetingsFn = func(ctx context.Context, filter jingzi.MeetingFilter) ([]*jingzi.Meeting, int, error) {
		if jingzi.CanViewMeeting(ctx, f.meeting.OrgPath) {
			return []*jingzi.Meeting{f.meeting}, 1, nil
		}
		return nil, 0, nil
	}
	f.meet.FindMeetingByIDFn = func(ctx context.Context, id int64) (*jingzi.Meeting, error) {
		if id == f.meeting.ID && jingzi.CanViewMeeting(ctx, f.meeting.OrgPath) {
			return f.meeting, nil
		}
		return nil, jingzi.Errorf(jingzi.ENOTFOUND, "会议不存在。")
	}
	f.auditSvc.RecordAuditFn = func(ctx context.Context, e *jingzi.AuditEntry) error {
		f.mu.Lock()
		defer f.mu.Unlock()
		f.audits = append(f.audits, e)
		return nil
	}
	f.auditSvc.FindAuditEntriesFn = func(ctx context.Context, filter jingzi.AuditFilter) ([]*jingzi.AuditEntry, int, error) {
		if !jingzi.HasRoleOver(ctx, jingzi.RoleAuditor, "/1/") {
			return nil, 0, jingzi.Errorf(jingzi.EFORBIDDEN, "只有安全审计员可以查阅审计日志。")
		}
		return f.audits, len(f.audits), nil
	}
	f.user.FindUsersFn = func(ctx context.Context, filter jingzi.UserFilter) ([]*jingzi.User, int, error) {
		var out []*jingzi.User
		for _, u := range f.users {
			out = append(out, u)
		}
		return out, len(out), nil
	}
	f.user.FindUserByIDFn = func(ctx context.Context, id int64) (*jingzi.User, error) {
		for _, u := range f.users {
			if u.ID == id {
				return u, nil
			}
		}
		return nil, jingzi.Errorf(jingzi.ENOTFOUND, "账号不存在。")
	}
}

func (f *fixture) wireAuth() {
	f.auth.AuthenticateFn = func(ctx context.Context, login, password string) (*jingzi.User, error) {
		login = jingzi.NormalizeLogin(login)
		if login == "locked" {
			return nil, jingzi.Errorf(jingzi.ELOCKED, "登录失败次数过多，账号已锁定，请30分钟后再试。")
		}
		if u, ok := f.users[login]; ok && password == testPassword {
			return u, nil
		}
		return nil, jingzi.Errorf(jingzi.EUNAUTHORIZED, "登录名或密码错误。")
	}
	f.auth.CreateSessionFn = func(ctx context.Context, userID, orgID int64) (*jingzi.Session, error) {
		f.mu.Lock()
		defer f.mu.Unlock()
		var user *jingzi.User
		for _, u := range f.users {
			if u.ID == userID {
				user = u
			}
		}
		f.nextTok++
		s := &jingzi.Session{Token: fmt.Sprintf("token-%d-%d", userID, f.nextTok), UserID: userID, OrgID: orgID, User: user}
		f.sessions[s.Token] = s
		return s, nil
	}
	f.auth.FindSessionFn = func(ctx context.Context, token string) (*jingzi.Session, error) {
		f.mu.Lock()
		defer f.mu.Unlock()
		if s, ok := f.sessions[token]; ok {
			return s, nil
		}
		return nil, jingzi.Errorf(jingzi.EUNAUTHORIZED, "会话已失效，请重新登录。")
	}
	f.auth.DeleteSessionFn = func(ctx context.Context, token string) error {
		f.mu.Lock()
		defer f.mu.Unlock()
		delete(f.sessions, token)
		return nil
	}
	f.auth.SetSessionOrgFn = func(ctx context.Context, token string, orgID int64) error {
		f.mu.Lock()
		defer f.mu.Unlock()
		f.sessions[token].OrgID = orgID
		return nil
	}
	f.auth.FindSecurityPolicyFn = func(ctx context.Context) (jingzi.SecurityPolicy, error) {
		return jingzi.DefaultSecurityPolicy(), nil
	}
}

// session logs the user in directly and returns the session token.
func (f *fixture) session(tb testing.TB, login string) string {
	tb.Helper()
	u := f.users[login]
	s, err := f.auth.CreateSession(context.Background(), u.ID, defaultOrg(u))
	if err != nil {
		tb.Fatal(err)
	}
	return s.Token
}

func (f *fixture) do(req *http.Request, token string) *httptest.ResponseRecorder {
	if token != "" {
		req.AddCookie(&http.Cookie{Name: sessionCookie, Value: token})
	}
	rec := httptest.NewRecorder()
	f.s.Handler().ServeHTTP(rec, req)
	return rec
}

func (f *fixture) get(path, token string) *httptest.ResponseRecorder {
	return f.do(httptest.NewRequest(http.MethodGet, path, nil), token)
}

func (f *fixture) post(path, token string, form url.Values) *httptest.ResponseRecorder {
	req := httptest.NewRequest(http.MethodPost, path, strings.NewReader(form.Encode()))
	req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
	return f.do(req, token)
}

// cookie returns the Set-Cookie of the response with the name, or nil.
func cookie(rec *httptest.ResponseRecorder, name string) *http.Cookie {
	for _, c := range rec.Result().Cookies() {
		if c.Name == name {
			return c
		}
	}
	return nil
}
