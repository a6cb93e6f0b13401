package main

import (
	"context"
	"net"
	"net/http"
	"os"
	"os/exec"
	"path/filepath"
	"runtime"
	"strings"
	"syscall"
	"testing"
	"time"
)

// jingziServer is a real `jingzi serve --demo` process started by a test.
type jingziServer struct {
	cmd    *exec.Cmd
	exited chan struct{} // closed once the process is reaped
	base   string
	log    string
}

// buildJingzi builds the server binary once per test; the test is skipped with
// the reason when it cannot be built.
func buildJingzi(t *testing.T) string {
	t.Helper()
	goBin := filepath.Join(runtime.GOROOT(), "bin", "go")
	if _, err := os.Stat(goBin); err != nil {
		if goBin, err = exec.LookPath("go"); err != nil {
			t.Skip("找不到 go 命令，无法构建 jingzi，跳过本测试。")
		}
	}
	bin := filepath.Join(t.TempDir(), "jingzi")
	out, err := exec.Command(goBin, "build", "-o", bin, "jingzi/cmd/jingzi").CombinedOutput()
	if err != nil {
		t.Skipf("无法构建 jingzi，跳过本测试：%v\n%s", err, out)
	}
	return bin
}

// freeAddr returns a loopback address with a port nobody listens on.
func freeAddr(t *testing.T) string {
	t.Helper()
	l, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	defer l.Close()
	return l.Addr().String()
}

// startServer starts `serve --demo` on the database and waits until the login page answers.
func startServer(t *testing.T, bin, dbPath string) *jingziServer {
	t.Helper()
	addr := freeAddr(t)
	s := &jingziServer{base: "http://" + addr, log: filepath.Join(t.TempDir(), "serve.log"), exited: make(chan struct{})}
	logFile, err := os.Create(s.log)
	if err != nil {
		t.Fatal(err)
	}
	defer logFile.Close()
	s.cmd = exec.Command(bin, "serve", "--demo", "--addr", addr, "--db", dbPath)
	s.cmd.Stdout, s.cmd.Stderr = logFile, logFile
	for _, kv := range os.Environ() {
		if !strings.HasPrefix(kv, "JINGZI_") {
			s.cmd.Env = append(s.cmd.Env, kv)
		}
	}
	if err := s.cmd.Start(); err != nil {
		t.Fatal(err)
	}
	go func() { s.cmd.Wait(); close(s.exited) }()
	t.Cleanup(func() {
		s.cmd.Process.Kill() // a no-op error once it has exited
		<-s.exited
	})
	// A liveness guard, not a timing assertion: a healthy start takes well under a second.
	for deadline := time.Now().Add(60 * time.Second); time.Now().Before(deadline); time.Sleep(50 * time.Millisecond) {
		if resp, err := http.Get(s.base + "/login"); err == nil {
			resp.Body.Close()
			if resp.StatusCode == http.StatusOK {
				return s
			}
		}
		select {
		case <-s.exited:
			log, _ := os.ReadFile(s.log)
			t.Fatalf("jingzi serve 启动后即退出：\n%s", log)
		default:
		}
	}
	log, _ := os.ReadFile(s.log)
	t.Fatalf("jingzi serve 未能启动：\n%s", log)
	return nil
}

// kill sends SIGKILL and reaps the process.
func (s *jingziServer) kill(t *testing.T) {
	t.Helper()
	if err := s.cmd.Process.Signal(syscall.SIGKILL); err != nil {
		t.Fatal(err)
	}
	<-s.exited
}

// stop asks the server to shut down as Ctrl+C does and waits for it.
func (s *jingziServer) stop(t *testing.T) {
	t.Helper()
	if err := s.cmd.Process.Signal(os.Interrupt); err != nil {
		t.Fatal(err)
	}
	select {
	case <-s.exited:
	case <-time.After(30 * time.Second):
		s.cmd.Process.Kill()
		<-s.exited
		t.Fatal("jingzi serve 在30秒内未能停止。")
	}
}

// waitContext is a context for one step of a test, cancelled with the test.
func waitContext(t *testing.T) context.Context {
	ctx, cancel := context.WithTimeout(context.Background(), 2*time.Minute)
	t.Cleanup(cancel)
	return ctx
}
