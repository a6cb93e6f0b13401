package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"os"

	"jingzi/archive"
)

// runArchive is `jingzi archive verify FILE`: it checks a 归档包 against its
// manifest without any database, so a superior or an auditor can run it on a
// copy years later.
func runArchive(ctx context.Context, args []string, e *env) int {
	if len(args) == 0 || args[0] != "verify" {
		fmt.Fprintln(e.stderr, "用法 / usage: jingzi archive verify FILE")
		fmt.Fprintln(e.stderr, "  verify  按清单核验归档包（.zip）的每个文件 / check an archive package against its manifest")
		if len(args) > 0 && (args[0] == "-h" || args[0] == "--help") {
			return 0
		}
		return 2
	}
	fs := flag.NewFlagSet("archive verify", flag.ContinueOnError)
	fs.SetOutput(e.stderr)
	fs.Usage = func() {
		fmt.Fprint(e.stderr, "用法 / usage: jingzi archive verify FILE\n\n",
			"核验归档包：清单（manifest.json）列出的每个文件都在、大小和 SHA-256 一致，没有清单外的文件。核验通过退出码为 0，不通过为 1。\n",
			"Checks an archive package: every file of its manifest present with the listed size and SHA-256, nothing unlisted. Exit status 0 when it verifies, 1 when it does not.\n")
	}
	if code := parse(fs, args[1:]); code >= 0 {
		return code
	}
	if fs.NArg() != 1 {
		fs.Usage()
		return 2
	}
	return verifyFile(fs.Arg(0), e)
}

func verifyFile(name string, e *env) int {
	f, err := os.Open(name)
	if err != nil {
		if errors.Is(err, os.ErrNotExist) {
			fmt.Fprintf(e.stderr, "错误：文件 %s 不存在。\n", name)
			return 1
		}
		return fail(e, err)
	}
	defer f.Close()
	st, err := f.Stat()
	if err != nil {
		return fail(e, err)
	} else if !st.Mode().IsRegular() {
		fmt.Fprintf(e.stderr, "错误：%s 不是文件。\n", name)
		return 1
	}
	rep, err := archive.Verify(f, st.Size())
	if err != nil {
		fmt.Fprintf(e.stderr, "核验未通过：%s\n", name)
		return fail(e, err)
	}
	m := rep.Manifest
	fmt.Fprintf(e.stdout, "归档包：%s\n会议：%s（%s，%d年度）\n归档时间：%s，归档人：%s\n", name, m.Title, m.Org, m.Year,
		m.CreatedAt.Format("2006-01-02 15:04"), m.CreatedBy)
	if !rep.OK() {
		fmt.Fprintf(e.stderr, "核验未通过：发现 %d 处问题（%d 个文件一致）。\n", len(rep.Problems), rep.Verified)
		for _, p := range rep.Problems {
			fmt.Fprintln(e.stderr, "  - "+p)
		}
		return 1
	}
	fmt.Fprintf(e.stdout, "核验通过：%d 个文件的大小和 SHA-256 与清单一致。\n", rep.Verified)
	return 0
}
