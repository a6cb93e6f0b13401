package docx

import (
	"context"
	"fmt"
	"net/url"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"time"
)

// convertTimeout bounds one LibreOffice conversion when the caller's context
// has no deadline of its own.
const convertTimeout = 90 * time.Second

// ConvertLegacy converts a legacy .doc or .wps file to .docx in outDir with
// LibreOffice (soffice --headless --convert-to docx) and returns the path of the
// new file. Without soffice on PATH it returns a *jingzi.Error asking the user
// to save the file as .docx.
func ConvertLegacy(ctx context.Context, inPath, outDir string) (string, error) {
	soffice, err := exec.LookPath("soffice")
	if err != nil {
		if soffice, err = exec.LookPath("libreoffice"); err != nil {
			return "", invalid(msgNoSoffice)
		}
	}
	if _, ok := ctx.Deadline(); !ok {
		var cancel context.CancelFunc
		ctx, cancel = context.WithTimeout(ctx, convertTimeout)
		defer cancel()
	}
	// A private profile lets conversions run next to each other and next to a
	// desktop LibreOffice of the same user.
	profile, err := os.MkdirTemp("", "jingzi-soffice-")
	if err != nil {
		return "", fmt.Errorf("convert legacy: %w", err)
	}
	defer os.RemoveAll(profile)
	cmd := exec.CommandContext(ctx, soffice, "--headless", "--norestore", "--nolockcheck",
		"-env:UserInstallation="+(&url.URL{Scheme: "file", Path: profile}).String(),
		"--convert-to", "docx", "--outdir", outDir, inPath)
	cmd.Env = append(os.Environ(), "HOME="+profile)
	killGroup(cmd)
	cmd.WaitDelay = 5 * time.Second
	if out, err := cmd.CombinedOutput(); err != nil {
		return "", fmt.Errorf("convert legacy: %w: %s: %w", err, strings.TrimSpace(string(out)), invalid(msgConvertFail))
	}
	base := strings.TrimSuffix(filepath.Base(inPath), filepath.Ext(inPath))
	outPath := filepath.Join(outDir, base+".docx")
	if fi, err := os.Stat(outPath); err != nil || fi.Size() == 0 {
		return "", invalid(msgConvertFail)
	}
	return outPath, nil
}
