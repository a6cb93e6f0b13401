package main

import (
	"context"
	"fmt"
	"text/tabwriter"
	"time"

	"jingzi"
	"jingzi/sqldb"
)

// DemoPassword is the password of every demo account. It exists only in
// databases loaded with the demo, which is for trying jingzi out.
const DemoPassword = "Jingzi@2021"

func runDemo(ctx context.Context, args []string, e *env) int {
	fs, dsn := newFlagSet(e, "demo", "",
		"向空数据库载入演示数据（江城市委组织部、三个局、市民政局党委2021年度专题民主生活会），并显示演示账号。数据库不为空时不做任何改动。",
		"Loads the demo into an empty database and prints the demo logins; changes nothing when the database is not empty.")
	if code := parse(fs, args); code >= 0 {
		return code
	}
	db, err := openDB(*dsn)
	if err != nil {
		return fail(e, err)
	}
	defer db.Close()
	if err := loadDemo(ctx, db, e); jingzi.ErrorCode(err) == jingzi.ECONFLICT {
		return 1 // loadDemo has said why
	} else if err != nil {
		return fail(e, err)
	}
	return 0
}

// demoOrg is one org of the demo tree, children indented below it.
type demoOrg struct {
	name     string
	kind     jingzi.OrgKind
	children []demoOrg
}

var demoTree = demoOrg{"江城市委组织部", jingzi.OrgDepartment, []demoOrg{
	{"江城市民政局党委", jingzi.OrgCommittee, []demoOrg{
		{"市民政局机关第一党支部", jingzi.OrgBranch, nil},
		{"市民政局机关第二党支部", jingzi.OrgBranch, nil},
		{"市民政局离退休干部党支部", jingzi.OrgBranch, nil},
	}},
	{"江城市人力资源和社会保障局党组", jingzi.OrgLeadGroup, []demoOrg{
		{"市人社局机关党总支", jingzi.OrgGeneralBranch, []demoOrg{
			{"市人社局机关第一党支部", jingzi.OrgBranch, nil},
		}},
	}},
	{"江城市住房和城乡建设局党组", jingzi.OrgLeadGroup, []demoOrg{
		{"市住建局机关党支部", jingzi.OrgBranch, nil},
	}},
}}

// demoAccount is one demo login.
type demoAccount struct {
	login, name, title, org string
	roles                   []jingzi.Role
	head                    bool
	portfolio               []string
}

const bureau = "江城市民政局党委"

var demoAccounts = []demoAccount{
	{"admin", "吴海涛", "信息中心系统管理员", "江城市委组织部", []jingzi.Role{jingzi.RoleSysadmin}, false, nil},
	{"secadmin", "郑晓燕", "安全保密管理员", "江城市委组织部", []jingzi.Role{jingzi.RoleSecadmin}, false, nil},
	{"auditor", "冯立军", "安全审计员", "江城市委组织部", []jingzi.Role{jingzi.RoleAuditor}, false, nil},
	{"zuzhibu", "周明", "市委组织部干部一科科长", "江城市委组织部", []jingzi.Role{jingzi.RoleReviewer}, false, nil},
	{"dangban", "孙丽", "市民政局党委办公室主任", bureau, []jingzi.Role{jingzi.RoleOrganizer}, false, nil},
	{"wangjianguo", "王建国", "党委书记、局长", bureau, []jingzi.Role{jingzi.RoleParticipant}, true, []string{"局全面工作"}},
	{"lihongmei", "李红梅", "党委副书记、副局长", bureau, []jingzi.Role{jingzi.RoleParticipant}, false, []string{"办公室", "人事科", "机关党委"}},
	{"zhangwei", "张伟", "党委委员、副局长", bureau, []jingzi.Role{jingzi.RoleParticipant}, false, []string{"社会救助科", "养老服务科"}},
	{"liufang", "刘芳", "党委委员、副局长", bureau, []jingzi.Role{jingzi.RoleParticipant}, false, []string{"社会事务科", "区划地名科"}},
	{"chenzhiqiang", "陈志强", "党委委员、驻局纪检监察组组长", bureau, []jingzi.Role{jingzi.RoleParticipant}, false, []string{"机关纪委"}},
	{"zhaolei", "赵磊", "党委委员、副局长", bureau, []jingzi.Role{jingzi.RoleParticipant}, false, []string{"社会组织管理科", "市社会福利中心"}},
}

// loadDemo fills an empty database with the demo and prints the logins. On a
// database that is not empty it says so and changes nothing (ECONFLICT).
func loadDemo(ctx context.Context, db *sqldb.DB, e *env) error {
	if empty, err := db.IsEmpty(ctx); err != nil {
		return err
	} else if !empty {
		fmt.Fprintln(e.stdout, "数据库不是空的，未载入演示数据，原有数据未做任何改动。")
		return jingzi.Errorf(jingzi.ECONFLICT, "数据库不是空的，未载入演示数据。")
	}
	ctx = jingzi.SystemContext(ctx, "演示数据")
	orgs := map[string]*jingzi.Org{}
	if err := createDemoOrgs(ctx, sqldb.NewOrgService(db), demoTree, 0, 0, orgs); err != nil {
		return err
	}
	users := sqldb.NewUserService(db)
	var roster []*jingzi.Participant
	for _, a := range demoAccounts {
		u := &jingzi.User{Login: a.login, Name: a.name, Title: a.title, OrgID: orgs[a.org].ID}
		for _, r := range a.roles {
			u.Grants = append(u.Grants, jingzi.Grant{Role: r, OrgID: orgs[a.org].ID})
		}
		if err := users.CreateUser(ctx, u, DemoPassword); err != nil {
			return fmt.Errorf("demo account %s: %w", a.login, err)
		}
		if a.org == bureau && u.Holds(jingzi.RoleParticipant) {
			roster = append(roster, &jingzi.Participant{UserID: u.ID, Name: a.name, Title: a.title, Head: a.head, Portfolio: a.portfolio})
		}
	}
	reviewer, err := users.FindUserByLogin(ctx, "zuzhibu")
	if err != nil {
		return err
	}
	if err := createDemoMeetings(ctx, db, orgs, roster, reviewer); err != nil {
		return err
	}
	printDemoAccounts(e)
	return nil
}

func createDemoOrgs(ctx context.Context, s *sqldb.OrgService, o demoOrg, parent int64, pos int, out map[string]*jingzi.Org) error {
	org := &jingzi.Org{Name: o.name, Kind: o.kind, ParentID: parent, Position: pos}
	if err := s.CreateOrg(ctx, org); err != nil {
		return fmt.Errorf("demo org %s: %w", o.name, err)
	}
	out[o.name] = org
	for i, c := range o.children {
		if err := createDemoOrgs(ctx, s, c, org.ID, i+1, out); err != nil {
			return err
		}
	}
	return nil
}

// createDemoMeetings sets up the seed's meeting: the 市民政局党委 2021年度
// 专题民主生活会 under the 五个带头, and an earlier-stage one at 人社局 so that
// the reviewer sees more than one team.
func createDemoMeetings(ctx context.Context, db *sqldb.DB, orgs map[string]*jingzi.Org, roster []*jingzi.Participant, reviewer *jingzi.User) error {
	fw, err := jingzi.BuiltinFramework("2021")
	if err != nil {
		return err
	}
	if err := addDemoLastYear(ctx, db, orgs, roster); err != nil {
		return err
	} else if err := addDemoMinutes(ctx, db, orgs[bureau]); err != nil {
		return err
	}
	meetings := sqldb.NewMeetingService(db)
	date := time.Date(2022, 1, 18, 0, 0, 0, 0, time.UTC)
	reported := time.Date(2021, 12, 28, 0, 0, 0, 0, time.UTC)
	m := &jingzi.Meeting{OrgID: orgs[bureau].ID, Year: 2021, Kind: jingzi.KindDemocratic,
		Title: "市民政局党委2021年度党史学习教育专题民主生活会", Framework: fw.Clone(), Phase: jingzi.PhaseStatements,
		MeetingDate: &date, ReportedOn: &reported, Participants: roster,
		Reviewers: []*jingzi.MeetingReviewer{{UserID: reviewer.ID}}}
	if err := meetings.CreateMeeting(ctx, m); err != nil {
		return fmt.Errorf("demo meeting: %w", err)
	}
	if err := addDemoRecords(ctx, db, m); err != nil {
		return err
	}
	other := &jingzi.Meeting{OrgID: orgs["江城市人力资源和社会保障局党组"].ID, Year: 2021, Kind: jingzi.KindDemocratic,
		Title: "市人社局党组2021年度党史学习教育专题民主生活会", Framework: fw.Clone(), Phase: jingzi.PhaseOpinions,
		Participants: []*jingzi.Participant{
			{Name: "钱国华", Title: "党组书记、局长", Head: true, Portfolio: []string{"局全面工作"}},
			{Name: "孙志刚", Title: "党组成员、副局长", Portfolio: []string{"就业促进科", "职业能力建设科"}},
			{Name: "何静", Title: "党组成员、副局长", Portfolio: []string{"社会保险科", "劳动关系科"}},
			{Name: "马晓东", Title: "党组成员、市社保中心主任", Portfolio: []string{"市社会保险服务中心"}},
			{Name: "林燕", Title: "党组成员、驻局纪检监察组组长", Portfolio: []string{"机关纪委"}},
		}}
	return meetings.CreateMeeting(ctx, other)
}

func printDemoAccounts(e *env) {
	fmt.Fprintln(e.stdout, "已载入演示数据。演示账号（密码均为 "+DemoPassword+"，仅供试用）：")
	w := tabwriter.NewWriter(e.stdout, 0, 0, 2, ' ', 0)
	fmt.Fprintln(w, "  登录名\t姓名\t角色\t所在党组织")
	for _, a := range demoAccounts {
		role := a.roles[0].Label()
		if a.head {
			role += "（主要负责人）"
		}
		fmt.Fprintf(w, "  %s\t%s\t%s\t%s\n", a.login, a.name, role, a.org)
	}
	w.Flush()
}
