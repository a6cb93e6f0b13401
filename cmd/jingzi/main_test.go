package main

import (
	"bufio"
	"bytes"
	"fmt"
	"io"
	"net"
	"net/http"
	"net/http/cookiejar"
	"net/url"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strings"
	"sync"
	"testing"
	"time"
)

var binary string

// TestMain builds the real binary once; the tests below run it as a user would.
func TestMain(m *testing.M) {
	dir, err := os.MkdirTemp("", "jingzi-bin-")
	if err != nil {
		panic(err)
	}
	binary = filepath.Join(dir, "jingzi")
	build := exec.Command("go", "build", "-o", binary, ".")
	build.Env = append(os.Environ(), "CGO_ENABLED=0")
	if out, err := build.CombinedOutput(); err != nil {
		os.Stderr.Write(out)
		panic(err)
	}
	code := m.Run()
	os.RemoveAll(dir)
	os.Exit(code)
}

// runBin runs the binary to completion with the given standard input.
func runBin(t *testing.T, stdin string, args ...string) (string, int) {
	t.Helper()
	cmd := exec.Command(binary, args...)
	cmd.Stdin = strings.NewReader(stdin)
	cmd.Env = append(os.Environ(), "JINGZI_DB=", "JINGZI_ADDR=")
	out, err := cmd.CombinedOutput()
	code := 0
	if ee, ok := err.(*exec.ExitError); ok {
		code = ee.ExitCode()
	} else if err != nil {
		t.Fatal(err)
	}
	return string(out), code
}

// server is a running `jingzi serve`.
type server struct {
	cmd    *exec.Cmd
	url    string
	output *syncBuffer
}

// syncBuffer is a buffer that the copying goroutines of stdout and stderr may
// write at the same time.
type syncBuffer struct {
	mu  sync.Mutex
	buf bytes.Buffer
}

func (b *syncBuffer) Write(p []byte) (int, error) {
	b.mu.Lock()
	defer b.mu.Unlock()
	return b.buf.Write(p)
}

func (b *syncBuffer) String() string {
	b.mu.Lock()
	defer b.mu.Unlock()
	return b.buf.String()
}

func startServer(t *testing.T, args ...string) *server {
	t.Helper()
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	addr := ln.Addr().String()
	ln.Close()
	cmd := exec.Command(binary, append([]string{"serve", "--addr", addr}, args...)...)
	out := &syncBuffer{}
	pr, pw := io.Pipe()
	cmd.Stdout, cmd.Stderr = io.MultiWriter(out, pw), out
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	s := &server{cmd: cmd, url: "http://" + addr, output: out}
	t.Cleanup(func() { s.stop(t) })
	started := make(chan bool)
	go func() {
		sc := bufio.NewScanner(pr)
		for sc.Scan() {
			if strings.Contains(sc.Text(), "jingzi 已启动") {
				started <- true
			}
		}
	}()
	select {
	case <-started:
	case <-time.After(30 * time.Second):
		t.Fatalf("server did not start:\n%s", out)
	}
	return s
}

func (s *server) stop(t *testing.T) {
	if s.cmd.ProcessState != nil {
		return
	}
	s.cmd.Process.Signal(os.Interrupt)
	done := make(chan error)
	go func() { done <- s.cmd.Wait() }()
	select {
	case <-done:
	case <-time.After(15 * time.Second):
		s.cmd.Process.Kill()
		t.Error("server did not stop on SIGINT")
	}
}

func client(t *testing.T) *http.Client {
	jar, _ := cookiejar.New(nil)
	return &http.Client{Jar: jar, Timeout: 10 * time.Second}
}

func get(t *testing.T, c *http.Client, u string) (int, string) {
	t.Helper()
	resp, err := c.Get(u)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	body, _ := io.ReadAll(resp.Body)
	return resp.StatusCode, string(body)
}

func login(t *testing.T, c *http.Client, base, user, password string) (int, string) {
	t.Helper()
	resp, err := c.PostForm(base+"/login", url.Values{"login": {user}, "password": {password}})
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	body, _ := io.ReadAll(resp.Body)
	return resp.StatusCode, string(body)
}

// The first start on an empty database creates an administrator with a random
// one-time password, shown once, which works and must be changed at once.
func TestFirstStartAdmin(t *testing.T) {
	db := filepath.Join(t.TempDir(), "jingzi.db")
	s := startServer(t, "--db", db)
	m := regexp.MustCompile(`一次性密码：(\S+)`).FindStringSubmatch(s.output.String())
	if m == nil {
		t.Fatalf("no one-time password printed:\n%s", s.output)
	}
	c := client(t)
	if code, body := get(t, c, s.url+"/login"); code != 200 || !strings.Contains(body, "登录") {
		t.Fatalf("login page: %d", code)
	}
	if _, body := login(t, c, s.url, "admin", "Jingzi@2021"); !strings.Contains(body, "登录名或密码错误") {
		t.Error("a guessed password was not refused")
	}
	code, body := login(t, c, s.url, "admin", m[1])
	if code != 200 || !strings.Contains(body, "修改密码") {
		t.Fatalf("after first login: %d, want the change-password page", code)
	}
	s.stop(t)

	// A second start does not create another administrator or print a password.
	s2 := startServer(t, "--db", db)
	if strings.Contains(s2.output.String(), "一次性密码") {
		t.Error("second start printed a new password")
	}
}

// The demo loads once; a second run says the database is not empty and
// changes nothing.
func TestDemoIdempotent(t *testing.T) {
	db := filepath.Join(t.TempDir(), "jingzi.db")
	out, code := runBin(t, "", "demo", "--db", db)
	if code != 0 || !strings.Contains(out, "dangban") || !strings.Contains(out, "Jingzi@2021") {
		t.Fatalf("demo: exit %d\n%s", code, out)
	}
	before, _ := runBin(t, "", "user", "list", "--db", db)
	out, code = runBin(t, "", "demo", "--db", db)
	if code == 0 || !strings.Contains(out, "数据库不是空的") {
		t.Errorf("second demo: exit %d\n%s", code, out)
	}
	after, _ := runBin(t, "", "user", "list", "--db", db)
	if before != after || strings.Count(after, "\n") != 12 {
		t.Errorf("accounts changed by the second demo run:\n%s\n---\n%s", before, after)
	}
	s := startServer(t, "--db", db, "--demo")
	if !strings.Contains(s.output.String(), "数据库不是空的") {
		t.Errorf("serve --demo on a loaded database:\n%s", s.output)
	}
	c := client(t)
	if code, body := login(t, c, s.url, "dangban", "Jingzi@2021"); code != 200 || !strings.Contains(body, "市民政局党委2021年度党史学习教育专题民主生活会") {
		t.Errorf("demo organiser's dashboard: %d, meeting missing", code)
	}
}

func TestUserCommands(t *testing.T) {
	db := filepath.Join(t.TempDir(), "jingzi.db")
	runBin(t, "", "demo", "--db", db)
	out, code := runBin(t, "Strong#Pass1\n", "user", "add", "--db", db, "--org", "市民政局机关第一党支部",
		"--login", "XiaoLi", "--name", "小李", "--role", "organizer,participant", "--email", "xiaoli@mzj.jiangcheng.gov.cn", "--password-stdin")
	if code != 0 {
		t.Fatalf("user add: %d\n%s", code, out)
	}
	out, code = runBin(t, "Strong#Pass1\n", "user", "add", "--db", db, "--org", "市民政局机关第一党支部",
		"--login", "xl3", "--name", "小李", "--email", "小李 <xl3@example.cn>", "--password-stdin")
	if code == 0 || !strings.Contains(out, "电子邮箱") {
		t.Errorf("a malformed email was taken: %d\n%s", code, out)
	}
	out, code = runBin(t, "weak\n", "user", "add", "--db", db, "--org", "市民政局机关第一党支部",
		"--login", "xl2", "--name", "小李", "--password-stdin")
	if code == 0 || !strings.Contains(out, "密码长度不能少于8位") {
		t.Errorf("weak password: %d\n%s", code, out)
	}
	out, _ = runBin(t, "", "user", "list", "--db", db)
	if !strings.Contains(out, "xiaoli") || !strings.Contains(out, "党办组织者（市民政局机关第一党支部）") ||
		!strings.Contains(out, "xiaoli@mzj.jiangcheng.gov.cn") || strings.Contains(out, "xl3") {
		t.Errorf("user list:\n%s", out)
	}
	if out, code = runBin(t, "New#Pass2022\n", "user", "passwd", "--db", db, "xiaoli", "--password-stdin"); code != 0 {
		t.Errorf("user passwd: %d\n%s", code, out)
	}
	out, code = runBin(t, "", "user", "passwd", "--db", db, "xiaoli")
	if code == 0 || !strings.Contains(out, "--password-stdin") {
		t.Errorf("passwd without a terminal: %d\n%s", code, out)
	}
}

// Backup works while the server runs; restore refuses until it stops.
func TestBackupRestoreCommands(t *testing.T) {
	dir := t.TempDir()
	db, backup := filepath.Join(dir, "jingzi.db"), filepath.Join(dir, "backup.db")
	runBin(t, "", "demo", "--db", db)
	// An uploaded file, as the file store names them.
	key := strings.Repeat("ab", 16)
	os.MkdirAll(filepath.Join(dir, "files"), 0o700)
	os.WriteFile(filepath.Join(dir, "files", key), []byte("学习材料"), 0o600)
	stored, _ := os.ReadDir(filepath.Join(dir, "files")) // the demo's 佐证材料 and this one
	s := startServer(t, "--db", db)
	if out, code := runBin(t, "", "backup", "--db", db, backup); code != 0 || !strings.Contains(out, "完整性检查通过") || !strings.Contains(out, fmt.Sprintf("上传的文件%d个", len(stored))) {
		t.Fatalf("backup: %d\n%s", code, out)
	}
	if out, code := runBin(t, "", "restore", "--db", db, backup); code == 0 || !strings.Contains(out, "先停止服务") {
		t.Errorf("restore while serving: %d\n%s", code, out)
	}
	s.stop(t)
	runBin(t, "Strong#Pass1\n", "user", "add", "--db", db, "--org", "江城市委组织部", "--login", "later", "--name", "后加", "--password-stdin")
	os.Remove(filepath.Join(dir, "files", key))
	out, code := runBin(t, "", "restore", "--db", db, backup)
	if code != 0 || !strings.Contains(out, "原数据库已保留为") || !strings.Contains(out, "已恢复上传的文件1个") {
		t.Fatalf("restore: %d\n%s", code, out)
	}
	if data, err := os.ReadFile(filepath.Join(dir, "files", key)); err != nil || string(data) != "学习材料" {
		t.Errorf("uploaded file after restore: %q, %v", data, err)
	}
	if out, _ := runBin(t, "", "user", "list", "--db", db); strings.Contains(out, "later") || !strings.Contains(out, "dangban") {
		t.Errorf("after restore the account added after the backup should be gone:\n%s", out)
	}
	if out, code := runBin(t, "", "restore", "--db", db, filepath.Join(dir, "nothing.db")); code == 0 || !strings.Contains(out, "找不到文件") {
		t.Errorf("restore from a missing file: %d\n%s", code, out)
	}
}

func TestHelpIsBilingual(t *testing.T) {
	for _, cmd := range [][]string{{"serve", "-h"}, {"demo", "-h"}, {"user", "add", "-h"}, {"backup", "-h"}, {"restore", "-h"}, {"migrate", "-h"}} {
		out, code := runBin(t, "", cmd...)
		if code != 0 || !strings.Contains(out, "用法") || !strings.Contains(out, "usage") || !strings.Contains(out, "-db") {
			t.Errorf("%v: exit %d\n%s", cmd, code, out)
		}
	}
}
