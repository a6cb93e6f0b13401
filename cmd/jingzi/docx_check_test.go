package main

import (
	"encoding/json"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
)

// The checks every generated .docx passes, as the statements do: python-docx
// opens it and reads the paragraphs; LibreOffice converts it to PDF and the
// PDF's text holds the key lines.

// docTool finds an external program for the document checks. Without it the
// test skips, unless JINGZI_REQUIRE_E2E=1 (set by .ci/run) makes that a failure.
func docTool(t *testing.T, name string) string {
	t.Helper()
	if testing.Short() {
		t.Skip("integration test skipped in -short mode")
	}
	path, err := exec.LookPath(name)
	if err == nil && name == "/usr/bin/python3" {
		err = exec.Command(path, "-c", "import docx").Run()
	}
	if err != nil {
		if os.Getenv("JINGZI_REQUIRE_E2E") == "1" {
			t.Fatalf("没有找到 %s（或 python-docx），而 JINGZI_REQUIRE_E2E=1 要求运行文档检查", name)
		}
		t.Skipf("没有找到 %s（或 python-docx），跳过生成文档的检查", name)
	}
	return path
}

// writeDocs writes each document as NAME.docx into a temporary directory.
func writeDocs(t *testing.T, docs map[string][]byte) (dir string, paths map[string]string) {
	t.Helper()
	dir, paths = t.TempDir(), map[string]string{}
	for name, data := range docs {
		paths[name] = filepath.Join(dir, name+".docx")
		if err := os.WriteFile(paths[name], data, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	return dir, paths
}

// checkDocxInPython: python-docx reads every document, which holds its key
// lines and no "XX".
func checkDocxInPython(t *testing.T, make func(*testing.T) map[string][]byte, lines map[string][]string) {
	python := docTool(t, "/usr/bin/python3")
	_, paths := writeDocs(t, make(t))
	for name, path := range paths {
		out, err := exec.Command(python, "-c", `import docx, json, sys
print(json.dumps([p.text for p in docx.Document(sys.argv[1]).paragraphs], ensure_ascii=False))`, path).Output()
		if err != nil {
			t.Fatalf("%s: python-docx: %v", name, err)
		}
		var paras []string
		if err := json.Unmarshal(out, &paras); err != nil {
			t.Fatalf("%s: %v: %s", name, err, out)
		}
		text := strings.Join(paras, "\n")
		for _, want := range lines[name] {
			if !strings.Contains(text, want) {
				t.Errorf("%s.docx lacks %q\n%s", name, want, text)
			}
		}
		if strings.Contains(text, "XX") {
			t.Errorf("%s.docx has a placeholder", name)
		}
	}
}

var blank = regexp.MustCompile(`\s+`)

// checkDocxInLibreOffice: LibreOffice converts every document to PDF, and the
// PDF text holds the key lines.
func checkDocxInLibreOffice(t *testing.T, make func(*testing.T) map[string][]byte, lines map[string][]string) {
	soffice, pdftotext := docTool(t, "soffice"), docTool(t, "pdftotext")
	dir, paths := writeDocs(t, make(t))
	for name, path := range paths {
		profile := t.TempDir() // a private profile: no clash with another LibreOffice
		cmd := exec.Command(soffice, "--headless", "--norestore", "-env:UserInstallation=file://"+profile,
			"--convert-to", "pdf", "--outdir", dir, path)
		cmd.Env = append(os.Environ(), "HOME="+profile)
		if out, err := cmd.CombinedOutput(); err != nil {
			t.Fatalf("%s: soffice: %v\n%s", name, err, out)
		}
		text, err := exec.Command(pdftotext, filepath.Join(dir, name+".pdf"), "-").Output()
		if err != nil {
			t.Fatalf("%s: pdftotext: %v", name, err)
		}
		flat := blank.ReplaceAllString(string(text), "")
		for _, want := range lines[name] {
			// Long lines break across PDF lines; compare without white space
			// and on the first 14 characters, as the statement check does.
			w := []rune(blank.ReplaceAllString(want, ""))
			if len(w) > 14 {
				w = w[:14]
			}
			if !strings.Contains(flat, string(w)) {
				t.Errorf("%s.pdf lacks %q", name, string(w))
			}
		}
	}
}
