package check

import (
	"encoding/json"
	"fmt"
	"io"
)

// WriteText writes the report compiler-style: one line per finding,
// “file:line:col: severity rule: message”, the excerpt and the suggestion
// indented below it, then a summary line with score and grade.
func WriteText(w io.Writer, file string, r *Report) error {
	for _, f := range r.Findings {
		if _, err := fmt.Fprintf(w, "%s:%d:%d: %s %s: %s\n\t%s\n", file, f.Line, f.Col, f.Severity, f.Rule, f.Message, f.Excerpt); err != nil {
			return err
		}
		if f.Suggestion != "" {
			if _, err := fmt.Fprintf(w, "\t建议：%s\n", f.Suggestion); err != nil {
				return err
			}
		}
	}
	_, err := fmt.Fprintf(w, "%s: 得分%d，%s（错误%d处，警告%d处，提示%d处）\n", file, r.Score, r.Grade,
		r.Count(SeverityError), r.Count(SeverityWarning), r.Count(SeverityHint))
	return err
}

// jsonReport is the object `jingzi check --format json` writes per file; see
// docs/check-json.md.
type jsonReport struct {
	File     string    `json:"file"`
	Score    int       `json:"score"`
	Grade    string    `json:"grade"`
	Errors   int       `json:"errors"`
	Warnings int       `json:"warnings"`
	Hints    int       `json:"hints"`
	Findings []Finding `json:"findings"`
}

// WriteJSON writes the report as one JSON object on one line.
func WriteJSON(w io.Writer, file string, r *Report) error {
	findings := r.Findings
	if findings == nil {
		findings = []Finding{}
	}
	enc := json.NewEncoder(w)
	enc.SetEscapeHTML(false)
	return enc.Encode(jsonReport{
		File: file, Score: r.Score, Grade: r.Grade,
		Errors: r.Count(SeverityError), Warnings: r.Count(SeverityWarning), Hints: r.Count(SeverityHint),
		Findings: findings,
	})
}
