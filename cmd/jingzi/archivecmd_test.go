package main

import (
	"bytes"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"jingzi/archive"
)

func TestArchiveVerifyCommand(t *testing.T) {
	dir := t.TempDir()
	var buf bytes.Buffer
	w := archive.NewWriter(&buf, archive.Manifest{MeetingID: 1, Org: "中共江城市民政局委员会", Year: 2021,
		Title: "2021年度民主生活会", CreatedAt: time.Date(2022, 5, 6, 10, 0, 0, 0, time.UTC), CreatedBy: "李组织"})
	w.Add("01-对照检查材料/王建国.docx", strings.NewReader(strings.Repeat("对照检查", 100)))
	if _, err := w.Close(); err != nil {
		t.Fatal(err)
	}
	good := filepath.Join(dir, "归档包.zip")
	os.WriteFile(good, buf.Bytes(), 0o600)
	bad := filepath.Join(dir, "bad.zip")
	tampered := bytes.Replace(buf.Bytes(), []byte("manifest.json"), []byte("manifest.josn"), -1)
	os.WriteFile(bad, tampered, 0o600)
	cut := filepath.Join(dir, "cut.zip")
	os.WriteFile(cut, buf.Bytes()[:buf.Len()/2], 0o600)

	cases := []struct {
		args []string
		code int
		want string
	}{
		{[]string{"archive", "verify", good}, 0, "核验通过：1 个文件"},
		{[]string{"archive", "verify", bad}, 1, "包内没有 manifest.json"},
		{[]string{"archive", "verify", cut}, 1, "不是有效的归档包"},
		{[]string{"archive", "verify", filepath.Join(dir, "none.zip")}, 1, "不存在"},
		{[]string{"archive", "verify", dir}, 1, "不是文件"},
		{[]string{"archive", "verify"}, 2, "用法"},
		{[]string{"archive", "verify", good, good}, 2, "用法"},
		{[]string{"archive"}, 2, "verify"},
		{[]string{"archive", "verify", "-h"}, 0, "Checks an archive package"},
	}
	for _, c := range cases {
		out, code := runBin(t, "", c.args...)
		if code != c.code || !strings.Contains(out, c.want) {
			t.Errorf("%v: exit %d, want %d and %q\n%s", c.args[1:], code, c.code, c.want, out)
		}
	}
}
