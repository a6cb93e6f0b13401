//go:build !unix

package docx

import "os/exec"

func killGroup(cmd *exec.Cmd) {}
