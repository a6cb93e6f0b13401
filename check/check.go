package check

import (
	"regexp"
	"strconv"
	"unicode/utf8"

	"jingzi"
)

// DefaultProblemShare is the least share of the whole text that problems and
// causes should take.
const DefaultProblemShare = 0.5

// OpinionRef 意见建议 is an opinion aimed at the statement's owner, for the
// unanswered-opinion rule.
type OpinionRef struct {
	ID   string `json:"id"`
	Text string `json:"text"`
}

// Options of a check. The zero value works: the framework then comes from the
// built-in one of the statement's year.
type Options struct {
	// Framework of the meeting; nil takes jingzi.BuiltinFramework of the year.
	Framework *jingzi.Framework
	// Year of the statement (年度); 0 takes Statement.Year, then the
	// framework's year, then a year written in the title.
	Year int
	// ProblemShare is the least share of problems and causes in the whole
	// text; 0 means DefaultProblemShare.
	ProblemShare float64
	// Opinions aimed at the statement's owner; each should be answered by the
	// OpinionIDs of some problem.
	Opinions []OpinionRef
	// Copies are passages 查重 (package simcheck) found copied from a template,
	// last year's text or a colleague's statement.
	Copies []Copy
	// RecordCounts are the preface numbers computed from jingzi's records; a
	// hand-entered number that disagrees is reported.
	RecordCounts jingzi.RecordCounts
}

// doc is what the rules look at: the plain text, its lines and, for a
// statement, the structure behind them.
type doc struct {
	text     string
	lines    []line
	stmt     *jingzi.Statement // nil for CheckText
	fw       *jingzi.Framework
	year     int
	opts     Options
	hits     [numLists][]hit
	findings []Finding
}

// Check runs every rule over the statement. s must not be nil.
func Check(s *jingzi.Statement, opts Options) *Report {
	text, lines := statementLines(s)
	d := &doc{text: text, lines: lines, stmt: s, opts: opts}
	d.resolveYear(s.Year, s.Title)
	d.run()
	d.checkStatement()
	d.checkCounts()
	return d.report()
}

// CheckText runs the rules that need no structure over a plain text: one
// paragraph a line, the first non-empty line the title, parts recognised from
// headings like “三、努力方向和整改措施”.
func CheckText(text string, opts Options) *Report {
	d := &doc{text: text, lines: textLines(text), opts: opts}
	title := ""
	for _, l := range d.lines {
		if l.role == roleTitle {
			title = text[l.start:l.end]
		}
	}
	d.resolveYear(0, title)
	d.run()
	return d.report()
}

var titleYear = regexp.MustCompile(`(20\d\d)\s*年`)

// resolveYear picks the year and the framework, as Options documents.
func (d *doc) resolveYear(stmtYear int, title string) {
	d.year, d.fw = d.opts.Year, d.opts.Framework
	if d.year == 0 {
		d.year = stmtYear
	}
	if d.year == 0 && d.fw != nil {
		d.year = d.fw.Year
	}
	if m := titleYear.FindStringSubmatch(title); d.year == 0 && m != nil {
		d.year, _ = strconv.Atoi(m[1])
	}
	if d.fw == nil && d.year != 0 {
		d.fw, _ = jingzi.BuiltinFramework(strconv.Itoa(d.year))
	}
}

// run applies the text rules.
func (d *doc) run() {
	d.hits = lex.find(d.text)
	for _, k := range []listKind{listTypo, listVague, listPledge} {
		d.hits[k] = longest(d.hits[k])
	}
	d.checkPlaceholders()
	d.checkTypos()
	d.checkPunctuation()
	d.checkNumbering()
	d.checkQuantities()
	d.checkPledges()
	d.checkUnit()
	d.checkEventYears()
	d.checkTitleYear()
	d.checkCopies()
}

func (d *doc) report() *Report {
	r := &Report{Findings: d.findings}
	finish(r)
	return r
}

// add records a finding over text[start:end] (byte offsets).
func (d *doc) add(rule string, start, end int, msg, suggestion string) {
	li := lineAt(d.lines, start)
	l := d.lines[li]
	col := utf8.RuneCountInString(d.text[l.start:start]) + 1
	d.findings = append(d.findings, Finding{
		Rule:       rule,
		Severity:   ruleSeverity(rule),
		Message:    msg,
		Line:       li + 1,
		Col:        col,
		Offset:     l.char + col - 1,
		Length:     utf8.RuneCountInString(d.text[start:end]),
		Part:       l.part,
		Section:    l.section,
		Item:       l.item,
		Excerpt:    excerpt(d.text[l.start:l.end], start-l.start, end-l.start),
		Suggestion: suggestion,
	})
}

// addLine records a finding about a whole line.
func (d *doc) addLine(rule string, li int, msg, suggestion string) {
	l := d.lines[li]
	end := l.end
	if n := nthRune(d.text[l.start:l.end], 20); n >= 0 {
		end = l.start + n
	}
	d.add(rule, l.start, end, msg, suggestion)
	d.findings[len(d.findings)-1].Length = utf8.RuneCountInString(d.text[l.start:l.end])
}

const excerptContext = 12

// excerpt returns the found text with a few characters either side, within
// its line.
func excerpt(line string, start, end int) string {
	a := start
	for n := 0; n < excerptContext && a > 0; n++ {
		_, size := utf8.DecodeLastRuneInString(line[:a])
		a -= size
	}
	b := end
	for n := 0; n < excerptContext && b < len(line); n++ {
		_, size := utf8.DecodeRuneInString(line[b:])
		b += size
	}
	out := line[a:b]
	if a > 0 {
		out = "…" + out
	}
	if b < len(line) {
		out += "…"
	}
	return out
}

// nthRune returns the byte offset of the n-th rune of s, or -1.
func nthRune(s string, n int) int {
	for i := range s {
		if n == 0 {
			return i
		}
		n--
	}
	return -1
}
