package main

import (
	"context"
	"io/fs"
	"os"
	"path/filepath"
	"strings"

	"github.com/schollz/progressbar/v3"
	"golang.org/x/term"

	"jingzi"
	"jingzi/check"
	"jingzi/simcheck"
)

func runCheck(ctx context.Context, args []string, e *env) int {
	flags, _ := newFlagSet(e, "check", "FILE…",
		"材料质量检查：占位符、易错词、标点、结构、具体性、整改措施、前后一致、查重。"+
			"退出状态：0 无错误级问题，1 有错误级问题，2 有文件无法读取。",
		"Checks statements (.docx/.txt/.md): exit 0 with no error-severity finding, 1 with some, 2 when a file cannot be read.")
	format := flags.String("format", "text", "输出格式 text 或 json（见 docs/check-json.md）/ output format")
	corpus := flags.String("corpus", "", "查重用的模板目录（.docx/.txt/.md）/ folder of templates to check copying against")
	fwKey := flags.String("framework", "", "检视框架年度，如 2021；默认按标题中的年份 / framework year")
	if code := parse(flags, args); code >= 0 {
		return code
	}
	if flags.NArg() == 0 || (*format != "text" && *format != "json") {
		flags.Usage()
		return 2
	}
	files := flags.Args()
	idx := simcheck.NewIndex(simcheck.DefaultOptions())
	if *corpus != "" {
		if err := addCorpus(ctx, idx, *corpus); err != nil {
			return fail(e, err)
		}
	}
	bar := newProgress(e, len(files), "检查")
	statements := make([]*jingzi.Statement, len(files))
	status := 0
	for i, f := range files {
		s, _, err := importFile(ctx, f, *fwKey)
		if err != nil {
			status = unreadable(e, f, err)
			continue
		}
		statements[i] = s
		// Every file checked is also a colleague's text for the others (千人一面).
		idx.Add(simcheck.Doc{ID: "file:" + f, Corpus: simcheck.CorpusColleague, Title: filepath.Base(f), Text: s.Document().PlainText()})
	}
	for i, s := range statements {
		bar.Add(1)
		if s == nil {
			continue
		}
		copies := findCopies(idx, "file:"+files[i], s.Document().PlainText())
		r := check.Check(s, check.Options{Copies: copies})
		if *format == "json" {
			check.WriteJSON(e.stdout, files[i], r)
		} else {
			check.WriteText(e.stdout, files[i], r)
		}
		if r.HasErrors() && status == 0 {
			status = 1
		}
	}
	bar.Finish()
	return status
}

// findCopies turns the passages 查重 finds into check findings' input.
func findCopies(idx *simcheck.Index, self, text string) []check.Copy {
	res := idx.Query(text, simcheck.QueryOptions{ExcludeIDs: []string{self}})
	var out []check.Copy
	for _, p := range res.Passages {
		title := p.DocID
		for _, d := range res.Docs {
			if d.DocID == p.DocID {
				title = d.Title
			}
		}
		source := "模板《" + title + "》"
		if p.Corpus == simcheck.CorpusColleague {
			source = "《" + title + "》"
		}
		out = append(out, check.Copy{Start: p.QueryStart, End: p.QueryEnd, Source: source, Similarity: p.Similarity})
	}
	return out
}

// addCorpus adds every readable statement file under dir as a template.
func addCorpus(ctx context.Context, idx *simcheck.Index, dir string) error {
	var docs []simcheck.Doc
	err := filepath.WalkDir(dir, func(path string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		switch strings.ToLower(filepath.Ext(path)) {
		case ".docx", ".txt", ".md":
		default:
			return nil
		}
		s, _, err := importFile(ctx, path, "")
		if err != nil {
			return nil // an unreadable template is skipped, not fatal
		}
		rel, _ := filepath.Rel(dir, path)
		docs = append(docs, simcheck.Doc{ID: "template:" + rel, Corpus: simcheck.CorpusTemplate, Title: rel, Text: s.Document().PlainText()})
		return nil
	})
	if err != nil {
		return jingzi.Errorf(jingzi.EINVALID, "无法读取模板目录 %s：%v", dir, err)
	}
	return idx.AddBatch(docs)
}

// newProgress shows a bar on a terminal for several files, nothing when piped.
func newProgress(e *env, n int, what string) *progressbar.ProgressBar {
	f, ok := e.stderr.(*os.File)
	if !ok || n < 2 || !term.IsTerminal(int(f.Fd())) {
		return progressbar.DefaultSilent(int64(n))
	}
	return progressbar.NewOptions(n, progressbar.OptionSetWriter(f), progressbar.OptionSetDescription(what),
		progressbar.OptionShowCount(), progressbar.OptionClearOnFinish())
}
