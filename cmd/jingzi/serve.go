package main

import (
	"context"
	"crypto/rand"
	"fmt"
	"log/slog"
	"math/big"
	"os"
	"path/filepath"
	"time"

	"jingzi"
	"jingzi/filestore"
	"jingzi/sqldb"
	"jingzi/web"
)

func runServe(ctx context.Context, args []string, e *env) int {
	fs, dsn := newFlagSet(e, "serve", "",
		"启动网页服务。首次启动且没有任何账号时，创建系统管理员并在终端显示一次性密码。",
		"Runs the web server. On the very first start with no accounts it creates a system administrator and prints a one-time password.")
	addr := fs.String("addr", envOr("JINGZI_ADDR", "127.0.0.1:8080"), "监听地址 HOST:PORT（环境变量 JINGZI_ADDR）/ listen address")
	demo := fs.Bool("demo", false, "数据库为空时先载入演示数据 / load the demo first when the database is empty")
	secure := fs.Bool("secure-cookies", os.Getenv("JINGZI_SECURE_COOKIES") == "1", "前置 HTTPS 时为 Cookie 加 Secure 标志 / mark cookies Secure behind HTTPS")
	proxy := fs.Bool("trust-proxy", false, "从 X-Forwarded-For 取来源地址（仅在可信反向代理后启用）/ trust X-Forwarded-For")
	smtpAddr := fs.String("smtp-addr", os.Getenv("JINGZI_SMTP_ADDR"), "发送提醒邮件的 SMTP 服务器 HOST:PORT，不设则仅站内通知（环境变量 JINGZI_SMTP_ADDR）/ SMTP server for reminder mail; unset: in-app only")
	smtpFrom := fs.String("smtp-from", os.Getenv("JINGZI_SMTP_FROM"), "提醒邮件的发件人地址（环境变量 JINGZI_SMTP_FROM）/ sender address of reminder mail")
	smtpUser := fs.String("smtp-user", os.Getenv("JINGZI_SMTP_USER"), "SMTP 登录名；密码只从环境变量 JINGZI_SMTP_PASSWORD 读取（环境变量 JINGZI_SMTP_USER）/ SMTP login; password from JINGZI_SMTP_PASSWORD only")
	if code := parse(fs, args); code >= 0 {
		return code
	}
	mailer, err := newMailer(*smtpAddr, *smtpFrom, *smtpUser)
	if err != nil {
		return fail(e, err)
	}
	logger := slog.New(slog.NewTextHandler(e.stderr, &slog.HandlerOptions{Level: slog.LevelInfo}))

	db := sqldb.NewDB(*dsn)
	if err := shiftClock(db, os.Getenv("JINGZI_CLOCK_OFFSET"), logger); err != nil {
		return fail(e, err)
	}
	if db.Dialect == sqldb.SQLite {
		unlock, err := sqldb.LockDatabase(db.Path)
		if err != nil {
			return fail(e, err)
		}
		defer unlock()
	}
	if err := db.Open(); err != nil {
		return fail(e, fmt.Errorf("打开数据库 %s 失败：%w", redactDSN(*dsn), err))
	}
	defer db.Close()

	if *demo {
		if err := loadDemo(ctx, db, e); err != nil && jingzi.ErrorCode(err) != jingzi.ECONFLICT {
			return fail(e, err)
		}
	}
	if err := bootstrapAdmin(ctx, db, e); err != nil {
		return fail(e, err)
	}

	srv, err := newWebServer(ctx, db, logger)
	if err != nil {
		return fail(e, err)
	}
	srv.SecureCookies, srv.TrustProxyHeaders = *secure, *proxy
	if err := srv.Open(*addr); err != nil {
		return fail(e, fmt.Errorf("无法监听 %s：%w", *addr, err))
	}
	fmt.Fprintf(e.stdout, "jingzi 已启动：%s （按 Ctrl+C 停止）\n", srv.URL())
	logger.Info("serving", "url", srv.URL(), "db", redactDSN(*dsn), "mail", mailSummary(mailer))
	mail := &reminderMail{notes: sqldb.NewNotificationService(db), mailer: mailer, logger: logger}
	reminders, grades, overdue := make(chan struct{}), make(chan struct{}), make(chan struct{})
	go remindDeadlines(ctx, db, mail, logger, reminders)
	if g, ok := srv.StatementService.(gradedStatements); ok {
		go gradeStatements(ctx, g.grader, grades)
	} else { // a server wired without grading has nothing to backfill
		close(grades)
	}
	hourly := time.NewTicker(time.Hour) // wakes the daily 逾期检查, which runs once per day of the clock
	defer hourly.Stop()
	go (&overdueJob{ledger: srv.LedgerService, now: db.Now, logger: logger, mail: mail}).loop(ctx, hourly.C, overdue)
	<-ctx.Done()
	fmt.Fprintln(e.stdout, "正在停止……")
	if err := srv.Close(); err != nil {
		logger.Warn("shutdown", "err", err)
	}
	<-reminders
	<-grades
	<-overdue
	return 0
}

// shiftClock moves the database's clock, and with it the web server's and the
// daily jobs', by JINGZI_CLOCK_OFFSET (a Go duration such as 720h or -48h), so
// a drill or a browser test can see deadlines pass without waiting. It is
// never meant for production, and says so loudly at start.
func shiftClock(db *sqldb.DB, offset string, logger *slog.Logger) error {
	if offset == "" {
		return nil
	}
	d, err := time.ParseDuration(offset)
	if err != nil {
		return jingzi.Errorf(jingzi.EINVALID, "环境变量 JINGZI_CLOCK_OFFSET=%q 不是有效的时长，应写作 720h、-48h 这样的形式。", offset)
	}
	clock := db.Now
	db.Now = func() time.Time { return clock().Add(d) }
	logger.Warn("警告：JINGZI_CLOCK_OFFSET 已将服务器时钟偏移，仅供演练/测试用，切勿用于正式环境", "offset", d.String(), "now", db.Now().Format(time.DateTime))
	return nil
}

// remindDeadlines is the server's hourly job: it tells organisers and reviewers
// of meeting deadlines three days ahead and when they pass (each reminder once),
// on the database's clock. It closes done when ctx ends.
func remindDeadlines(ctx context.Context, db *sqldb.DB, mail *reminderMail, logger *slog.Logger, done chan<- struct{}) {
	defer close(done)
	svc := sqldb.NewNotificationService(db)
	tick := time.NewTicker(time.Hour)
	defer tick.Stop()
	for {
		if n, err := remindOnce(ctx, svc, db.Now(), mail); err != nil && ctx.Err() == nil {
			logger.Warn("deadline reminders", "err", err)
		} else if n > 0 {
			logger.Info("deadline reminders", "sent", n)
		}
		select {
		case <-ctx.Done():
			return
		case <-tick.C:
		}
	}
}

// newWebServer wires the database services, the document adapter and the
// checker into the web layer.
func newWebServer(ctx context.Context, db *sqldb.DB, logger *slog.Logger) (*web.Server, error) {
	srv := web.NewServer()
	srv.OrgService = sqldb.NewOrgService(db)
	srv.UserService = sqldb.NewUserService(db)
	srv.AuditService = sqldb.NewAuditService(db)
	srv.AuthService = sqldb.NewAuthService(db)
	srv.MeetingService = sqldb.NewMeetingService(db)
	statements := sqldb.NewStatementService(db)
	srv.StatementService = statements
	srv.FrameworkService = sqldb.NewFrameworkService(db)
	srv.DocumentService = documents{}
	files, err := filestore.New(filesDir(db))
	if err != nil {
		return nil, err
	}
	srv.StudyService = sqldb.NewStudyService(db, files)
	srv.LedgerService = sqldb.NewLedgerService(db, files) // 整改台账 with its 佐证材料
	srv.TalkService = sqldb.NewTalkService(db)
	srv.SolicitationService = sqldb.NewSolicitationService(db)
	srv.OpinionService = sqldb.NewOpinionService(db)
	srv.ReviewService = sqldb.NewReviewService(db)
	srv.NotificationService = sqldb.NewNotificationService(db)
	srv.SupervisionService = sqldb.NewSupervisionService(db)
	srv.MinutesService = sqldb.NewMinutesService(db)
	rec := &records{studies: srv.StudyService, talks: srv.TalkService, solicitations: srv.SolicitationService,
		opinions: srv.OpinionService, statements: srv.StatementService, meetings: srv.MeetingService, reviews: srv.ReviewService,
		minutes: srv.MinutesService, ledger: srv.LedgerService}
	srv.ProgressSource, srv.CountService = rec, rec
	tpl, err := newTemplates(ctx, sqldb.NewCorpusService(db), srv.OrgService)
	if err != nil {
		return nil, err
	}
	srv.CorpusService = tpl // the index follows every upload and deletion
	chk := &checker{statements: srv.StatementService, meetings: srv.MeetingService, templates: tpl, counts: rec}
	srv.CheckService = chk
	srv.StatementService = gradedStatements{StatementService: statements, grader: &grader{checker: chk, store: statements, logger: logger}}
	srv.Logger, srv.Now = logger, db.Now
	srv.ArchiveService = newArchiveService(db, files, srv)
	return srv, nil
}

// filesDir is where uploaded files (学习材料, later 佐证材料) live: beside a
// SQLite database, or JINGZI_FILES (default ./data/files) with PostgreSQL. It is
// never served as a directory; files go out only through handlers that check
// permissions.
func filesDir(db *sqldb.DB) string {
	if dir := os.Getenv("JINGZI_FILES"); dir != "" {
		return dir
	}
	if db.Dialect == sqldb.SQLite {
		return filepath.Join(filepath.Dir(db.Path), "files")
	}
	return filepath.Join("data", "files")
}

// bootstrapAdmin creates the first system administrator when no account exists,
// with a random one-time password shown once and to be changed at first login.
// There is no fixed default password anywhere.
func bootstrapAdmin(ctx context.Context, db *sqldb.DB, e *env) error {
	if n, err := db.CountUsers(ctx); err != nil || n > 0 {
		return err
	}
	ctx = jingzi.SystemContext(ctx, "首次启动")
	orgs := sqldb.NewOrgService(db)
	list, _, err := orgs.FindOrgs(ctx, jingzi.OrgFilter{})
	if err != nil {
		return err
	}
	var root *jingzi.Org
	if len(list) > 0 {
		root = list[0]
	} else {
		root = &jingzi.Org{Name: "本单位党委（请在“组织管理”中修改名称）", Kind: jingzi.OrgCommittee}
		if err := orgs.CreateOrg(ctx, root); err != nil {
			return err
		}
	}
	password, err := randomPassword(16)
	if err != nil {
		return err
	}
	admin := &jingzi.User{Login: "admin", Name: "系统管理员", OrgID: root.ID, MustChangePassword: true,
		Grants: []jingzi.Grant{{Role: jingzi.RoleSysadmin, OrgID: root.ID}}}
	if err := sqldb.NewUserService(db).CreateUser(ctx, admin, password); err != nil {
		return err
	}
	fmt.Fprintf(e.stdout, "\n首次启动：已创建系统管理员账号。\n  登录名：admin\n  一次性密码：%s\n请立即登录并修改密码；此密码不会再次显示。\n\n", password)
	return nil
}

// randomPassword returns n characters from every class, so that it passes any
// policy of up to four classes.
func randomPassword(n int) (string, error) {
	classes := []string{"ABCDEFGHJKLMNPQRSTUVWXYZ", "abcdefghijkmnpqrstuvwxyz", "23456789", "#%+=@"}
	out := make([]byte, n)
	for i := range out {
		set := classes[i%len(classes)]
		k, err := rand.Int(rand.Reader, big.NewInt(int64(len(set))))
		if err != nil {
			return "", err
		}
		out[i] = set[k.Int64()]
	}
	// Shuffle so the classes do not sit in a fixed pattern.
	for i := len(out) - 1; i > 0; i-- {
		k, err := rand.Int(rand.Reader, big.NewInt(int64(i+1)))
		if err != nil {
			return "", err
		}
		j := k.Int64()
		out[i], out[j] = out[j], out[i]
	}
	return string(out), nil
}
