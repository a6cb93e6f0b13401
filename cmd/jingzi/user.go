package main

import (
	"bufio"
	"context"
	"fmt"
	"os"
	"strconv"
	"strings"
	"text/tabwriter"

	"golang.org/x/term"

	"jingzi"
	"jingzi/sqldb"
)

func runUser(ctx context.Context, args []string, e *env) int {
	if len(args) > 0 {
		switch args[0] {
		case "add":
			return runUserAdd(ctx, args[1:], e)
		case "passwd":
			return runUserPasswd(ctx, args[1:], e)
		case "list":
			return runUserList(ctx, args[1:], e)
		}
	}
	fmt.Fprintln(e.stderr, "用法 / usage: jingzi user add|passwd|list [选项]")
	fmt.Fprintln(e.stderr, "  add     新建账号 / add an account")
	fmt.Fprintln(e.stderr, "  passwd  重置账号密码（下次登录须修改）/ reset a password (to be changed at next login)")
	fmt.Fprintln(e.stderr, "  list    列出账号 / list accounts")
	if len(args) > 0 && (args[0] == "-h" || args[0] == "--help") {
		return 0
	}
	return 2
}

func runUserAdd(ctx context.Context, args []string, e *env) int {
	fs, dsn := newFlagSet(e, "user add", "",
		"新建账号。密码从终端输入（输入两次），或用 --password-stdin 从标准输入读取一行。",
		"Adds an account. The password is read from the terminal (twice) or, with --password-stdin, as one line of standard input.")
	org := fs.String("org", "", "所在党组织：编号或名称 / org id or name (required)")
	login := fs.String("login", "", "登录名 / login (required)")
	name := fs.String("name", "", "姓名 / full name (required)")
	title := fs.String("title", "", "职务 / job title")
	email := fs.String("email", "", "电子邮箱，用于逾期和期限提醒（可不填）/ email address for reminders (optional)")
	roles := fs.String("role", "", "角色，可用逗号分隔多个：sysadmin, auditor, secadmin, organizer, participant, reviewer / roles, comma-separated")
	stdin := fs.Bool("password-stdin", false, "从标准输入读取密码 / read the password from standard input")
	if code := parse(fs, args); code >= 0 {
		return code
	}
	if *org == "" || *login == "" || *name == "" {
		fmt.Fprintln(e.stderr, "错误：--org、--login、--name 都必须填写。")
		return 2
	}
	db, err := openDB(*dsn)
	if err != nil {
		return fail(e, err)
	}
	defer db.Close()
	o, err := findOrgArg(cli(ctx), db, *org)
	if err != nil {
		return fail(e, err)
	}
	u := &jingzi.User{Login: *login, Name: *name, Title: *title, Email: strings.TrimSpace(*email), OrgID: o.ID}
	if err := jingzi.ValidateEmail(u.Email); err != nil {
		return fail(e, err)
	}
	for _, r := range strings.Split(*roles, ",") {
		if r = strings.TrimSpace(r); r == "" {
			continue
		} else if !jingzi.Role(r).Valid() {
			fmt.Fprintf(e.stderr, "错误：未知角色 %q。\n", r)
			return 2
		}
		u.Grants = append(u.Grants, jingzi.Grant{Role: jingzi.Role(r), OrgID: o.ID})
	}
	password, err := readPassword(e, *stdin)
	if err != nil {
		return fail(e, err)
	}
	if err := sqldb.NewUserService(db).CreateUser(cli(ctx), u, password); err != nil {
		return fail(e, err)
	}
	fmt.Fprintf(e.stdout, "已创建账号 %s（%s），所在党组织：%s。\n", u.Login, u.Name, o.Name)
	return 0
}

func runUserPasswd(ctx context.Context, args []string, e *env) int {
	fs, dsn := newFlagSet(e, "user passwd", "LOGIN",
		"重置账号密码；该账号下次登录时须修改密码，已登录的会话全部失效。",
		"Resets an account's password; the user must change it at next login and all their sessions end.")
	stdin := fs.Bool("password-stdin", false, "从标准输入读取密码 / read the password from standard input")
	if code := parse(fs, args); code >= 0 {
		return code
	}
	if fs.NArg() != 1 {
		fs.Usage()
		return 2
	}
	db, err := openDB(*dsn)
	if err != nil {
		return fail(e, err)
	}
	defer db.Close()
	users := sqldb.NewUserService(db)
	u, err := users.FindUserByLogin(cli(ctx), fs.Arg(0))
	if err != nil {
		return fail(e, err)
	}
	password, err := readPassword(e, *stdin)
	if err != nil {
		return fail(e, err)
	}
	if err := users.ResetPassword(cli(ctx), u.ID, password); err != nil {
		return fail(e, err)
	}
	fmt.Fprintf(e.stdout, "已重置 %s 的密码，下次登录时须修改。\n", u.Login)
	return 0
}

func runUserList(ctx context.Context, args []string, e *env) int {
	fs, dsn := newFlagSet(e, "user list", "", "列出全部账号。", "Lists every account.")
	if code := parse(fs, args); code >= 0 {
		return code
	}
	db, err := openDB(*dsn)
	if err != nil {
		return fail(e, err)
	}
	defer db.Close()
	list, _, err := sqldb.NewUserService(db).FindUsers(cli(ctx), jingzi.UserFilter{})
	if err != nil {
		return fail(e, err)
	}
	w := tabwriter.NewWriter(e.stdout, 0, 0, 2, ' ', 0)
	fmt.Fprintln(w, "登录名\t姓名\t职务\t所在党组织\t角色\t电子邮箱\t状态")
	for _, u := range list {
		state := "正常"
		if u.Disabled {
			state = "停用"
		} else if u.MustChangePassword {
			state = "待改密码"
		}
		fmt.Fprintf(w, "%s\t%s\t%s\t%s\t%s\t%s\t%s\n", u.Login, u.Name, u.Title, u.OrgName, strings.Join(u.RoleLabels(), "、"), u.Email, state)
	}
	w.Flush()
	return 0
}

// findOrgArg accepts an org id or its exact name.
func findOrgArg(ctx context.Context, db *sqldb.DB, arg string) (*jingzi.Org, error) {
	orgs := sqldb.NewOrgService(db)
	if id, err := strconv.ParseInt(arg, 10, 64); err == nil {
		return orgs.FindOrgByID(ctx, id)
	}
	list, _, err := orgs.FindOrgs(ctx, jingzi.OrgFilter{})
	if err != nil {
		return nil, err
	}
	for _, o := range list {
		if o.Name == arg {
			return o, nil
		}
	}
	return nil, jingzi.Errorf(jingzi.ENOTFOUND, "找不到名为“%s”的党组织，可用 jingzi user list 或网页“组织管理”查看。", arg)
}

// readPassword reads a password twice from a terminal, or once from standard
// input with --password-stdin.
func readPassword(e *env, fromStdin bool) (string, error) {
	if fromStdin {
		line, err := bufio.NewReader(e.stdin).ReadString('\n')
		if line = strings.TrimRight(line, "\r\n"); line == "" {
			return "", jingzi.Errorf(jingzi.EINVALID, "标准输入中没有读到密码。%v", errText(err))
		}
		return line, nil
	}
	f, ok := e.stdin.(*os.File)
	if !ok || !term.IsTerminal(int(f.Fd())) {
		return "", jingzi.Errorf(jingzi.EINVALID, "不在终端中运行：请使用 --password-stdin 从标准输入提供密码。")
	}
	fmt.Fprint(e.stderr, "密码：")
	p1, err := term.ReadPassword(int(f.Fd()))
	fmt.Fprintln(e.stderr)
	if err != nil {
		return "", err
	}
	fmt.Fprint(e.stderr, "再输入一次：")
	p2, err := term.ReadPassword(int(f.Fd()))
	fmt.Fprintln(e.stderr)
	if err != nil {
		return "", err
	} else if string(p1) != string(p2) {
		return "", jingzi.Errorf(jingzi.EINVALID, "两次输入的密码不一致。")
	}
	return string(p1), nil
}

func errText(err error) string {
	if err == nil {
		return ""
	}
	return "（" + err.Error() + "）"
}
