// Command jingzi runs the jingzi（镜子）server and its maintenance commands.
// Configuration and wiring live here only: flags, environment, and which
// implementation of each service the web layer gets.
package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"os/signal"
	"strings"
	"syscall"

	"jingzi"
	"jingzi/sqldb"
)

func main() {
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	defer stop()
	os.Exit(run(ctx, os.Args[1:], &env{stdin: os.Stdin, stdout: os.Stdout, stderr: os.Stderr}))
}

// env is the process's outside world, replaced in tests.
type env struct {
	stdin          io.Reader
	stdout, stderr io.Writer
}

// command is one subcommand.
type command struct {
	name    string
	summary string // 中文 / English
	run     func(ctx context.Context, args []string, e *env) int
}

var commands = []command{
	{"serve", "启动网页服务 / run the web server", runServe},
	{"demo", "向空数据库载入演示数据 / load demo data into an empty database", runDemo},
	{"user", "账号管理（add、passwd、list）/ manage accounts", runUser},
	{"migrate", "升级数据库结构 / apply database migrations", runMigrate},
	{"backup", "在线备份数据库 / back up the database online", runBackup},
	{"restore", "从备份恢复数据库 / restore the database from a backup", runRestore},
	{"import", "识别对照检查材料的结构 / recognise a statement's structure", runImport},
	{"export", "导出为GB/T 9704 .docx、Markdown、HTML / export a statement", runExport},
	{"check", "材料质量检查与查重 / check statements", runCheck},
	{"corpus", "查重语料库（add）/ templates for 查重", runCorpus},
	{"archive", "核验归档包（verify）/ verify an archive package", runArchive},
}

func run(ctx context.Context, args []string, e *env) int {
	if len(args) == 0 || args[0] == "-h" || args[0] == "--help" || args[0] == "help" {
		usage(e.stderr)
		if len(args) == 0 {
			return 2
		}
		return 0
	}
	for _, c := range commands {
		if c.name == args[0] {
			return c.run(ctx, args[1:], e)
		}
	}
	fmt.Fprintf(e.stderr, "未知命令：%s（unknown command）\n\n", args[0])
	usage(e.stderr)
	return 2
}

func usage(w io.Writer) {
	fmt.Fprintln(w, "jingzi（镜子）— 民主生活会全流程管理 / the 民主生活会 cycle, from study to rectification")
	fmt.Fprintln(w, "\n用法 / usage: jingzi <命令> [选项]")
	fmt.Fprintln(w, "\n命令 / commands:")
	for _, c := range commands {
		fmt.Fprintf(w, "  %-9s %s\n", c.name, c.summary)
	}
	fmt.Fprintln(w, "\n每个命令都接受 -h 查看说明；--db DSN 或环境变量 JINGZI_DB 指定数据库（默认 ./data/jingzi.db，postgres://… 使用 PostgreSQL）。")
	fmt.Fprintln(w, "Every command takes -h; --db DSN or JINGZI_DB selects the database (default ./data/jingzi.db; postgres://… for PostgreSQL).")
}

// newFlagSet returns a flag set whose -h prints a Chinese and an English usage
// and which has the --db flag every command shares.
func newFlagSet(e *env, name, args, zh, en string) (*flag.FlagSet, *string) {
	fs := flag.NewFlagSet(name, flag.ContinueOnError)
	fs.SetOutput(e.stderr)
	fs.Usage = func() {
		fmt.Fprintf(e.stderr, "用法 / usage: jingzi %s [选项] %s\n\n%s\n%s\n\n选项 / options:\n", name, args, zh, en)
		fs.PrintDefaults()
	}
	db := fs.String("db", envOr("JINGZI_DB", sqldb.DefaultDSN), "数据库 DSN：SQLite 文件路径或 postgres://…（环境变量 JINGZI_DB）/ database DSN")
	return fs, db
}

// parse parses flags, which may stand before or after the positional arguments
// (`jingzi user passwd LOGIN --password-stdin`); the positional arguments are
// left in fs.Args(). It returns an exit status ≥ 0 when the command should stop.
func parse(fs *flag.FlagSet, args []string) int {
	var positional []string
	for {
		if err := fs.Parse(args); errors.Is(err, flag.ErrHelp) {
			return 0
		} else if err != nil {
			return 2
		}
		if fs.NArg() == 0 {
			break
		}
		positional = append(positional, fs.Arg(0))
		args = fs.Args()[1:]
	}
	fs.Parse(append([]string{"--"}, positional...))
	return -1
}

func envOr(key, def string) string {
	if v := os.Getenv(key); v != "" {
		return v
	}
	return def
}

// openDB opens and migrates the database.
func openDB(dsn string) (*sqldb.DB, error) {
	db := sqldb.NewDB(dsn)
	if err := db.Open(); err != nil {
		return nil, fmt.Errorf("打开数据库 %s 失败：%w", redactDSN(dsn), err)
	}
	return db, nil
}

// redactDSN hides a PostgreSQL password before a DSN is printed.
func redactDSN(dsn string) string {
	if i := strings.Index(dsn, "://"); i >= 0 {
		if j := strings.Index(dsn[i+3:], "@"); j >= 0 {
			if k := strings.Index(dsn[i+3:i+3+j], ":"); k >= 0 {
				return dsn[:i+3+k] + ":***" + dsn[i+3+j:]
			}
		}
	}
	return dsn
}

// fail prints an error for a person: the Chinese message of a domain error, or
// the error itself.
func fail(e *env, err error) int {
	var je *jingzi.Error
	if errors.As(err, &je) {
		fmt.Fprintln(e.stderr, "错误："+je.Message)
	} else {
		fmt.Fprintln(e.stderr, "错误：", err)
	}
	return 1
}

// cli is the system actor for commands typed by an operator.
func cli(ctx context.Context) context.Context { return jingzi.SystemContext(ctx, "命令行") }
