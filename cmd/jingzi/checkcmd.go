package main

import (
	"context"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"unicode/utf8"

	"github.com/schollz/progressbar/v3"
	"golang.org/x/term"

	"jingzi"
	"jingzi/check"
	"jingzi/outline"
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
		copies := findCopies(idx, "file:"+files[i], s.Document(), nil)
		r := check.Check(s, check.Options{Copies: copies})
		sourceLines(files[i], s, r)
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

// sourceLines points findings at the lines of a .txt or .md file when its
// paragraphs are the statement's blocks one for one (the usual case), so that an
// editor jumps to the right line; otherwise Line stays the paragraph number.
func sourceLines(path string, s *jingzi.Statement, r *check.Report) {
	switch strings.ToLower(filepath.Ext(path)) {
	case ".txt", ".md":
	default:
		return
	}
	data, err := readLimited(path)
	if err != nil {
		return
	}
	text, err := outline.Decode(data)
	if err != nil {
		return
	}
	var lines []int
	for i, l := range strings.Split(text, "\n") {
		if strings.TrimSpace(l) != "" {
			lines = append(lines, i+1)
		}
	}
	if len(lines) != len(s.Document().Blocks) {
		return
	}
	for i := range r.Findings {
		if l := r.Findings[i].Line; l >= 1 && l <= len(lines) {
			r.Findings[i].Line = lines[l-1]
		}
	}
}

// findCopies turns the passages 查重 finds into the check's input, one per
// paragraph of body text: headings are shared by every statement of a year and
// copying them is expected, so only body text counts.
func findCopies(idx *simcheck.Index, self string, d *jingzi.Document, keep func(docID string) bool) []check.Copy {
	res := idx.Query(d.PlainText(), simcheck.QueryOptions{ExcludeIDs: []string{self}})
	titles := map[string]string{}
	for _, m := range res.Docs {
		titles[m.DocID] = m.Title
	}
	var out []check.Copy
	for _, p := range res.Passages {
		if keep != nil && !keep(p.DocID) {
			continue
		}
		source := "模板《" + titles[p.DocID] + "》"
		if p.Corpus == simcheck.CorpusColleague {
			source = "《" + titles[p.DocID] + "》"
		}
		for _, span := range bodySpans(d, p.QueryStart, p.QueryEnd) {
			out = append(out, check.Copy{Start: span[0], End: span[1], Source: source, Similarity: p.Similarity,
				SourceStart: p.DocStart, SourceEnd: p.DocEnd, SourceText: p.DocText})
		}
	}
	return out
}

// minCopyChars is the shortest stretch of one paragraph reported as copied.
const minCopyChars = 20

// bodySpans cuts [start, end) (character offsets in d.PlainText()) at paragraph
// ends and keeps the pieces inside body paragraphs.
func bodySpans(d *jingzi.Document, start, end int) [][2]int {
	var out [][2]int
	pos := 0
	for _, b := range d.Blocks {
		n := utf8.RuneCountInString(b.Lead) + utf8.RuneCountInString(b.Text)
		lo, hi := max(start, pos), min(end, pos+n)
		if b.Kind == jingzi.BlockBody && hi-lo >= minCopyChars {
			out = append(out, [2]int{lo, hi})
		}
		pos += n + 1 // the newline after each block
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
