// Command jingzi-load is the load tool of the anonymous 征求意见 page: it makes
// one-time codes through the organiser's pages of a running jingzi (or reads
// them from a file), redeems them concurrently with one opinion each, and
// reports redemptions per second, latency percentiles and errors by kind.
//
// It talks to loopback addresses only, and is bounded in time (--duration, at
// most 60 s) and count (--n, at most 100,000).
//
//	jingzi serve --demo --addr 127.0.0.1:8080 --db /tmp/load.db &
//	jingzi-load --addr 127.0.0.1:8080 --n 10000 --c 16 --duration 20s --ack /tmp/ack.txt
package main

import (
	"bufio"
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"os/signal"
	"strings"
	"time"
)

// Bounds of a run.
const (
	maxCount    = 100_000
	maxWorkers  = 256
	maxDuration = 60 * time.Second
)

// options 运行参数 are the command line of one run.
type options struct {
	addr      string
	n         int
	workers   int
	duration  time.Duration
	codesFile string
	saveCodes string
	ackFile   string
	meetingID int64
	login     string
	password  string
}

func main() {
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt)
	defer stop()
	os.Exit(run(ctx, os.Args[1:], os.Stdout, os.Stderr))
}

// run is the whole command; it returns the exit status: 0 when every
// submission was acknowledged, 1 on errors, 2 on a bad command line.
func run(ctx context.Context, args []string, stdout, stderr io.Writer) int {
	o, err := parseOptions(args, stderr)
	if errors.Is(err, flag.ErrHelp) {
		return 0
	} else if err != nil {
		fmt.Fprintln(stderr, err)
		return 2
	}
	base, err := baseURL(o.addr)
	if err != nil {
		fmt.Fprintln(stderr, err)
		return 2
	}
	codes, err := obtainCodes(ctx, base, o, stdout)
	if err != nil {
		fmt.Fprintln(stderr, err)
		return 1
	}
	if o.saveCodes != "" {
		return saveCodes(o.saveCodes, codes, stderr)
	}
	var ack *ackLog
	if o.ackFile != "" {
		if ack, err = openAckLog(o.ackFile); err != nil {
			fmt.Fprintln(stderr, err)
			return 1
		}
	}
	fmt.Fprintf(stdout, "开始提交：%s，并发 %d，匿名码 %d 个，最长 %s\n", base, o.workers, len(codes), o.duration)
	res := newLoad(base, codes, o.workers, o.duration, ack).run(ctx)
	if ack != nil {
		if err := ack.close(); err != nil {
			fmt.Fprintln(stderr, err)
			return 1
		}
	}
	s := res.summary()
	s.print(stdout)
	if s.errorCount() > 0 || s.acknowledged == 0 {
		return 1
	}
	return 0
}

func parseOptions(args []string, stderr io.Writer) (options, error) {
	var o options
	fs := flag.NewFlagSet("jingzi-load", flag.ContinueOnError)
	fs.SetOutput(stderr)
	fs.StringVar(&o.addr, "addr", "127.0.0.1:8080", "jingzi 服务地址，仅限本机回环地址 / loopback HOST:PORT of the server")
	fs.IntVar(&o.n, "n", 10_000, "最多提交份数（不超过100000）/ most submissions")
	fs.IntVar(&o.workers, "c", 16, "并发数（1至256）/ concurrent workers")
	fs.DurationVar(&o.duration, "duration", 10*time.Second, "最长提交时间（不超过60s）/ longest run")
	fs.StringVar(&o.codesFile, "codes", "", "匿名码文件，每行一个；不指定时通过组织者页面生成 / file of codes, one a line")
	fs.StringVar(&o.saveCodes, "save-codes", "", "只生成匿名码并写入此文件，不提交 / only make codes and write them here")
	fs.StringVar(&o.ackFile, "ack", "", "把已确认的提交逐行记入此文件（匿名码与意见内容，制表符分隔）/ record acknowledged submissions")
	fs.Int64Var(&o.meetingID, "meeting", 0, "在此会议上生成匿名码，0 为组织者的第一个会议 / meeting to make codes on")
	fs.StringVar(&o.login, "login", "dangban", "生成匿名码所用的组织者登录名 / organiser login")
	fs.StringVar(&o.password, "password", "Jingzi@2021", "组织者密码（默认为演示密码）/ organiser password")
	if err := fs.Parse(args); err != nil {
		return o, err
	}
	switch {
	case fs.NArg() > 0:
		return o, fmt.Errorf("无法识别的参数：%s", strings.Join(fs.Args(), " "))
	case o.n < 1 || o.n > maxCount:
		return o, fmt.Errorf("--n 应为1至%d之间的整数。", maxCount)
	case o.workers < 1 || o.workers > maxWorkers:
		return o, fmt.Errorf("--c 应为1至%d之间的整数。", maxWorkers)
	case o.saveCodes != "" && o.codesFile != "":
		return o, errors.New("--save-codes 与 --codes 不能同时使用。")
	case o.duration <= 0 || o.duration > maxDuration:
		return o, fmt.Errorf("--duration 应大于0且不超过%s。", maxDuration)
	}
	return o, nil
}

// obtainCodes reads the codes file or makes n codes through the organiser's pages.
func obtainCodes(ctx context.Context, base string, o options, stdout io.Writer) ([]string, error) {
	if o.codesFile != "" {
		return readCodes(o.codesFile, o.n)
	}
	began := time.Now()
	codes, err := prepareCodes(ctx, base, o.login, o.password, o.meetingID, o.n)
	if err != nil {
		return nil, err
	}
	fmt.Fprintf(stdout, "已通过组织者页面生成匿名码 %d 个，用时 %.1f 秒\n", len(codes), time.Since(began).Seconds())
	return codes, nil
}

// readCodes reads up to n codes, one a line; blank lines are skipped.
func readCodes(path string, n int) ([]string, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, fmt.Errorf("无法读取匿名码文件：%w", err)
	}
	defer f.Close()
	var codes []string
	sc := bufio.NewScanner(f)
	for sc.Scan() && len(codes) < n {
		if c := strings.TrimSpace(sc.Text()); c != "" {
			codes = append(codes, c)
		}
	}
	if err := sc.Err(); err != nil {
		return nil, fmt.Errorf("无法读取匿名码文件：%w", err)
	}
	if len(codes) == 0 {
		return nil, fmt.Errorf("匿名码文件 %s 中没有匿名码。", path)
	}
	return codes, nil
}

// saveCodes writes the codes one a line, for later runs with --codes.
func saveCodes(path string, codes []string, stderr io.Writer) int {
	if err := os.WriteFile(path, []byte(strings.Join(codes, "\n")+"\n"), 0o600); err != nil {
		fmt.Fprintf(stderr, "无法写入匿名码文件：%v\n", err)
		return 1
	}
	return 0
}
