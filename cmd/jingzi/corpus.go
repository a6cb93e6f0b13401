package main

import (
	"context"
	"fmt"
	"io/fs"
	"path/filepath"
	"strings"

	"jingzi"
	"jingzi/sqldb"
)

func runCorpus(ctx context.Context, args []string, e *env) int {
	if len(args) == 0 || args[0] != "add" {
		fmt.Fprintln(e.stderr, "用法 / usage: jingzi corpus add --org ORG DIR")
		fmt.Fprintln(e.stderr, "  add  把目录中的范文、模板（.docx/.txt/.md）导入查重语料库 / import templates for 查重")
		if len(args) > 0 && (args[0] == "-h" || args[0] == "--help") {
			return 0
		}
		return 2
	}
	flags, dsn := newFlagSet(e, "corpus add", "DIR",
		"把目录（含子目录）中的范文、模板导入查重语料库，供该党组织及其下级的材料查重；已导入的同名模板不重复导入。",
		"Imports the templates in DIR (recursively) into the 查重 corpus of an org and its subtree; titles already present are skipped.")
	org := flags.String("org", "", "模板服务的党组织：编号或名称 / org id or name (required)")
	if code := parse(flags, args[1:]); code >= 0 {
		return code
	}
	if flags.NArg() != 1 || *org == "" {
		flags.Usage()
		return 2
	}
	db, err := openDB(*dsn)
	if err != nil {
		return fail(e, err)
	}
	defer db.Close()
	ctx = cli(ctx)
	o, err := findOrgArg(ctx, db, *org)
	if err != nil {
		return fail(e, err)
	}
	store := sqldb.NewCorpusService(db)
	t, err := newTemplates(ctx, store, sqldb.NewOrgService(db))
	if err != nil {
		return fail(e, err)
	}
	added, skipped, status := addTemplates(ctx, t, o, flags.Arg(0), e)
	fmt.Fprintf(e.stdout, "已导入查重模板%d份，跳过%d份（已存在）。\n", added, skipped)
	return status
}

// addTemplates imports every readable file under dir; a file that cannot be
// read is reported and skipped.
func addTemplates(ctx context.Context, t *templates, org *jingzi.Org, dir string, e *env) (added, skipped, status int) {
	have := map[string]bool{}
	existing, _, _ := t.FindCorpusDocs(ctx, jingzi.CorpusFilter{ForOrg: &org.ID})
	for _, d := range existing {
		if d.OrgID == org.ID {
			have[d.Title] = true
		}
	}
	err := filepath.WalkDir(dir, func(path string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		switch strings.ToLower(filepath.Ext(path)) {
		case ".docx", ".txt", ".md":
		default:
			return nil
		}
		title, _ := filepath.Rel(dir, path)
		if have[title] {
			skipped++
			return nil
		}
		s, _, err := importFile(ctx, path, "")
		if err != nil {
			status = unreadable(e, path, err)
			return nil
		}
		if err := t.AddCorpusDoc(ctx, &jingzi.CorpusDoc{OrgID: org.ID, Title: title, Text: s.Document().PlainText()}); err != nil {
			status = unreadable(e, path, err)
			return nil
		}
		added++
		return nil
	})
	if err != nil {
		fmt.Fprintf(e.stderr, "无法读取目录 %s：%v\n", dir, err)
		return added, skipped, 2
	}
	return added, skipped, status
}
