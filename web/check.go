package web

import (
	"net/http"
	"strconv"

	"jingzi"
)

// checkView 检查结果 is a statement's check report laid out for the page: the
// grade and counts, the findings grouped by severity for the list, and each
// finding filed under the block it points at (an item, a section heading, a
// part, or the top of the statement).
type checkView struct {
	Report      *jingzi.CheckReport
	Unavailable bool
	Groups      []findingGroup
	Top         []findingView // title, preface, closing, or a place no longer in the statement
	OOB         bool          // rendered as an htmx out-of-band swap after an item save

	byBlock map[string][]findingView
}

// findingGroup is the findings of one severity.
type findingGroup struct {
	Severity jingzi.Severity
	Label    string
	Findings []findingView
}

// findingView is one finding with its element id, the id of the block it sits
// beside (the anchor the list links to) and the place named in words.
type findingView struct {
	jingzi.Finding
	ID     string // "finding-3"
	Anchor string // "p0-s0-i1", "p0-s2", "p1" or "check-top"
	Place  string
}

// Class is the CSS class of the finding's severity.
func (f findingView) Class() string { return "finding finding-" + string(f.Severity) }

// SeverityLabel is 错误, 警告 or 提示.
func (f findingView) SeverityLabel() string { return f.Severity.Label() }

// Count returns how many findings have the severity, for the summary.
func (c *checkView) Count(s string) int { return c.Report.Count(jingzi.Severity(s)) }

// GradeClass is the CSS class that colours the grade.
func (c *checkView) GradeClass() string { return gradeClass(c.Report.Grade) }

func gradeClass(grade string) string {
	switch grade {
	case jingzi.GradeFail:
		return "grade grade-fail"
	case jingzi.GradeRevise:
		return "grade grade-revise"
	case jingzi.GradePass:
		return "grade grade-pass"
	}
	return "grade"
}

// at returns the findings beside the block with the id.
func (c *checkView) at(id string) []findingView {
	if c == nil {
		return nil
	}
	return c.byBlock[id]
}

// checkStatement runs the check of the stored statement st. A missing service
// or a failure leaves a view that says so (暂时无法完成材料质量检查); the page
// goes on without findings, and the statement can still be read and edited.
func (s *Server) checkStatement(r *http.Request, st *jingzi.Statement) *checkView {
	if s.CheckService == nil {
		return &checkView{Unavailable: true}
	}
	rep, err := s.CheckService.CheckStatement(r.Context(), st.ID)
	if err != nil || rep == nil {
		s.Logger.Warn("check statement", "statement", st.ID, "err", err)
		return &checkView{Unavailable: true}
	}
	return newCheckView(st, rep)
}

var severities = []jingzi.Severity{jingzi.SeverityError, jingzi.SeverityWarning, jingzi.SeverityHint}

func newCheckView(st *jingzi.Statement, rep *jingzi.CheckReport) *checkView {
	c := &checkView{Report: rep, byBlock: map[string][]findingView{}}
	prefaceEnd := prefaceLines(st)
	var all []findingView
	for i, f := range rep.Findings {
		v := findingView{Finding: f, ID: "finding-" + strconv.Itoa(i+1)}
		if v.Severity != jingzi.SeverityError && v.Severity != jingzi.SeverityWarning {
			v.Severity = jingzi.SeverityHint
		}
		if p, ok := findingPath(st, f); ok {
			v.Anchor, v.Place = p.String(), p.label(st)
			c.byBlock[v.Anchor] = append(c.byBlock[v.Anchor], v)
		} else {
			v.Anchor, v.Place = "check-top", topPlace(f, prefaceEnd)
			c.Top = append(c.Top, v)
		}
		all = append(all, v)
	}
	for _, sev := range severities {
		g := findingGroup{Severity: sev, Label: sev.Label()}
		for _, v := range all {
			if v.Severity == sev {
				g.Findings = append(g.Findings, v)
			}
		}
		if len(g.Findings) > 0 {
			c.Groups = append(c.Groups, g)
		}
	}
	return c
}

// findingPath is the block a finding belongs to: its item, else its section,
// else its part. A position outside the statement as it now stands (the text
// changed since the check) is not a block.
func findingPath(st *jingzi.Statement, f jingzi.Finding) (itemPath, bool) {
	if f.Part < 0 || f.Part >= len(st.Parts) {
		return itemPath{}, false
	}
	part := st.Parts[f.Part]
	p := itemPath{f.Part, -1, -1}
	if f.Section >= 0 {
		if f.Section >= len(part.Sections) {
			return p, true
		}
		p.section = f.Section
	}
	if f.Item >= 0 {
		if list := p.items(st); list != nil && f.Item < len(*list) {
			p.item = f.Item
		}
	}
	return p, true
}

// prefaceLines is the number of plain-text lines before the first part: the
// title and the preface. Lines after the parts are the closing.
func prefaceLines(st *jingzi.Statement) int {
	for i, b := range st.Document().Blocks {
		if b.Kind == jingzi.BlockHeading1 {
			return i
		}
	}
	return -1
}

func topPlace(f jingzi.Finding, prefaceEnd int) string {
	switch {
	case f.Line == 1:
		return "标题"
	case f.Part >= 0:
		return "材料正文"
	case prefaceEnd < 0 || f.Line <= prefaceEnd:
		return "前言"
	}
	return "结束语"
}

// attachFindings files each finding of the page's check beside its block.
func (p *statementPage) attachFindings() {
	for i := range p.Parts {
		pv := &p.Parts[i]
		pv.Findings = p.Check.at(pv.Key)
		for j := range pv.Sections {
			sv := &pv.Sections[j]
			sv.Findings = p.Check.at(sv.Key)
			for k := range sv.Items {
				sv.Items[k].Findings = p.Check.at(sv.Items[k].Key)
			}
		}
		for k := range pv.Items {
			pv.Items[k].Findings = p.Check.at(pv.Items[k].Key)
		}
	}
}
