//go:build unix

package docx

import (
	"os/exec"
	"syscall"
)

// killGroup runs soffice in its own process group and, on cancellation, kills
// the whole group: soffice starts soffice.bin, which would otherwise outlive it.
func killGroup(cmd *exec.Cmd) {
	cmd.SysProcAttr = &syscall.SysProcAttr{Setpgid: true}
	cmd.Cancel = func() error {
		return syscall.Kill(-cmd.Process.Pid, syscall.SIGKILL)
	}
}
