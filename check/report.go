package check

import (
	"slices"
	"strings"

	"jingzi"
)

// Grades of a report.
const (
	GradeFail   = jingzi.GradeFail
	GradeRevise = jingzi.GradeRevise
	GradePass   = jingzi.GradePass
)

// Report 检查结果 is every finding for one statement or text, a score from 0
// to 100 and a grade.
type Report = jingzi.CheckReport

// deduction per finding, the most one rule can take off the score (so that
// twenty-five XX cost no more than a few missing parts) and the most one
// severity can take off (so that hints alone never fail a statement).
var deductions = map[Severity]struct{ each, ruleCap, total float64 }{
	SeverityError:   {8, 30, 50},
	SeverityWarning: {2, 10, 30},
	SeverityHint:    {0.5, 3, 10},
}

// finish sorts the findings by position and computes score and grade.
func finish(r *Report) {
	slices.SortStableFunc(r.Findings, func(a, b Finding) int {
		if a.Offset != b.Offset {
			return a.Offset - b.Offset
		}
		return strings.Compare(a.Rule, b.Rule)
	})
	if r.Findings == nil {
		r.Findings = []Finding{}
	}
	byRule := map[string]float64{}
	bySeverity := map[Severity]float64{}
	for _, f := range r.Findings {
		d := deductions[f.Severity]
		take := min(d.each, d.ruleCap-byRule[f.Rule], d.total-bySeverity[f.Severity])
		if take > 0 {
			byRule[f.Rule] += take
			bySeverity[f.Severity] += take
		}
	}
	total := bySeverity[SeverityError] + bySeverity[SeverityWarning] + bySeverity[SeverityHint]
	r.Score = max(0, 100-int(total+0.5))
	r.Grade = grade(r.Score, r.HasErrors())
}

// grade: any error fails; otherwise below 60 fails, below 85 needs revision.
func grade(score int, errors bool) string {
	switch {
	case errors || score < 60:
		return GradeFail
	case score < 85:
		return GradeRevise
	}
	return GradePass
}
