package main

import (
	"context"
	"encoding/json"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"

	"jingzi"
)

func runImport(ctx context.Context, args []string, e *env) int {
	fs, _ := newFlagSet(e, "import", "FILE",
		"读取对照检查材料（.docx、.txt（UTF-8或GBK）、.md），识别标题层级、检视方面、问题、原因、措施和量化目标，输出结构；不写数据库。",
		"Reads a statement (.docx, .txt in UTF-8 or GBK, .md), recognises its structure and prints it; writes nothing.")
	asJSON := fs.Bool("json", false, "输出JSON（格式见 docs/import-json.md）/ print JSON (schema in docs/import-json.md)")
	fwKey := fs.String("framework", "", "检视框架年度，如 2021；默认按标题中的年份 / framework year, default from the title")
	if code := parse(fs, args); code >= 0 {
		return code
	}
	if fs.NArg() != 1 {
		fs.Usage()
		return 2
	}
	s, rep, err := importFile(ctx, fs.Arg(0), *fwKey)
	if err != nil {
		return unreadable(e, fs.Arg(0), err)
	}
	if *asJSON {
		out := struct {
			*jingzi.Statement
			Report *jingzi.ImportReport `json:"report"`
		}{s, rep}
		enc := json.NewEncoder(e.stdout)
		enc.SetIndent("", "  ")
		enc.SetEscapeHTML(false)
		if err := enc.Encode(out); err != nil {
			return fail(e, err)
		}
		return 0
	}
	printStructure(e.stdout, s, rep)
	return 0
}

// importFile reads and recognises one file; fwKey picks a built-in framework.
func importFile(ctx context.Context, path, fwKey string) (*jingzi.Statement, *jingzi.ImportReport, error) {
	var fw *jingzi.Framework
	if fwKey != "" {
		var err error
		if fw, err = jingzi.BuiltinFramework(fwKey); err != nil {
			return nil, nil, err
		}
	}
	data, err := readLimited(path)
	if err != nil {
		return nil, nil, err
	}
	return documents{}.ImportStatement(ctx, filepath.Base(path), data, fw)
}

// readLimited reads a file of at most MaxImportBytes.
func readLimited(path string) ([]byte, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, jingzi.Errorf(jingzi.ENOTFOUND, "无法打开文件：%s", path)
	}
	defer f.Close()
	data, err := io.ReadAll(io.LimitReader(f, MaxImportBytes+1))
	if err != nil {
		return nil, jingzi.Errorf(jingzi.EINVALID, "读取文件失败：%s", path)
	} else if len(data) > MaxImportBytes {
		return nil, jingzi.Errorf(jingzi.EINVALID, "文件超过%d MB，请精简后再导入。", MaxImportBytes>>20)
	}
	return data, nil
}

func unreadable(e *env, path string, err error) int {
	fmt.Fprintf(e.stderr, "%s: %s\n", path, jingzi.ErrorMessage(err))
	return 2
}

// printStructure prints what the importer understood, for a person to check.
func printStructure(w io.Writer, s *jingzi.Statement, rep *jingzi.ImportReport) {
	fmt.Fprintf(w, "标题：%s\n检视框架：%s年度\n", s.Title, rep.Framework)
	for _, c := range s.Counts {
		v := "XX（待填）"
		if c.Value != nil {
			v = fmt.Sprint(*c.Value)
		}
		fmt.Fprintf(w, "前言计数 %s：%s\n", c.Key.Label(), v)
	}
	for i, p := range s.Parts {
		kind := ""
		if p.Kind.Label() != p.Heading {
			kind = "（识别为：" + p.Kind.Label() + "）"
		}
		fmt.Fprintf(w, "%s、%s%s\n", jingzi.ChineseNumeral(i+1), p.Heading, kind)
		for j, sec := range p.Sections {
			where := "未能对应检视方面"
			if sec.AspectIndex >= 0 {
				where = fmt.Sprintf("对应第%d个检视方面，把握%.0f%%", sec.AspectIndex+1, sec.AspectScore*100)
			}
			fmt.Fprintf(w, "  （%s）%s —— %s，%d条\n", jingzi.ChineseNumeral(j+1), sec.Heading, where, len(sec.Items))
		}
		if len(p.Items) > 0 {
			fmt.Fprintf(w, "  共%d条\n", len(p.Items))
		}
		for _, it := range p.AllItems() {
			for _, t := range it.Targets {
				q := "数量待定"
				if t.Quantity != nil {
					q = fmt.Sprintf("%d%s", *t.Quantity, t.Unit)
				}
				fmt.Fprintf(w, "  量化目标：%s（%s）\n", t.Text, q)
			}
		}
	}
	for _, warn := range rep.Warnings {
		fmt.Fprintln(w, "提示：", warn)
	}
}

func runExport(ctx context.Context, args []string, e *env) int {
	fs, _ := newFlagSet(e, "export", "IN -o OUT",
		"把对照检查材料（.txt、.md、.docx）导出为符合GB/T 9704的.docx、Markdown（.md）或可打印的HTML（.html），格式由OUT的扩展名决定。",
		"Exports a statement (.txt/.md/.docx) to GB/T 9704 .docx, Markdown or a printable HTML page; OUT's extension picks the format.")
	out := fs.String("o", "", "输出文件 / output file (.docx, .md, .html, .txt)")
	fwKey := fs.String("framework", "", "检视框架年度，如 2021 / framework year")
	if code := parse(fs, args); code >= 0 {
		return code
	}
	if fs.NArg() != 1 || *out == "" {
		fs.Usage()
		return 2
	}
	s, _, err := importFile(ctx, fs.Arg(0), *fwKey)
	if err != nil {
		return unreadable(e, fs.Arg(0), err)
	}
	format := strings.TrimPrefix(strings.ToLower(filepath.Ext(*out)), ".")
	data, _, err := documents{}.ExportStatement(ctx, s, format)
	if err != nil {
		return fail(e, err)
	}
	if err := writeFileAtomic(*out, data); err != nil {
		return fail(e, err)
	}
	fmt.Fprintf(e.stdout, "已导出：%s\n", *out)
	return 0
}

// writeFileAtomic writes through a temporary file, so that a failed export
// never leaves half a document under the real name.
func writeFileAtomic(path string, data []byte) error {
	tmp, err := os.CreateTemp(filepath.Dir(path), ".jingzi-*")
	if err != nil {
		return err
	}
	defer os.Remove(tmp.Name())
	if _, err := tmp.Write(data); err != nil {
		tmp.Close()
		return err
	}
	if err := tmp.Sync(); err != nil {
		tmp.Close()
		return err
	}
	if err := tmp.Close(); err != nil {
		return err
	}
	return os.Rename(tmp.Name(), path)
}
