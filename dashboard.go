package jingzi

import (
	"context"
	"sort"
	"strconv"
	"strings"
	"time"
)

// SupervisionRow 督导一览 is one team's meeting as the superior's dashboard shows
// it: phase, dates, deadlines and the plain counts of the records.
type SupervisionRow struct {
	MeetingID   int64
	Title       string
	OrgID       int64
	OrgName     string
	OrgPath     string
	Year        int
	Kind        MeetingKind
	Phase       Phase
	MeetingDate *time.Time
	ReportBy    *time.Time // last day to report theme and plan; nil while the date is unset
	Reported    bool
	Statements  StatementCounts
	Opinions    int // 意见建议条数, merged duplicates not counted
	TalkPairs   int // 四必谈 required pairs
	TalkDone    int // of those, pairs filled by a talk
	Grades      GradeCounts
	// ReportDays: the 情况报告 is due this many days after the meeting
	// (MeetingReportDays when 0); ReportSent once it went to the superior.
	ReportDays int
	ReportSent bool
	// The 整改台账 at the filter's Now: every item, those closed (已销号), and
	// those red (overdue or stalled, as LedgerItem.Colour says).
	LedgerItems, LedgerClosed, LedgerOverdue int
}

// GradeCounts 材料质量 counts a meeting's statements by the grade of their last
// 材料质量检查, with the lowest score among the checked ones.
type GradeCounts struct {
	Pass, Revise, Fail int
	Unchecked          int // not checked yet
	Lowest             int // lowest score; meaningful when Checked() > 0
}

// Add counts n statements with the grade and lowest among them the lowest
// score; grade "" is not checked yet.
func (g *GradeCounts) Add(grade string, n, lowest int) {
	first := g.Checked() == 0
	switch grade {
	case GradePass:
		g.Pass += n
	case GradeRevise:
		g.Revise += n
	case GradeFail:
		g.Fail += n
	default:
		g.Unchecked += n
		return
	}
	if first || lowest < g.Lowest {
		g.Lowest = lowest
	}
}

// Checked is the number of statements with a grade.
func (g GradeCounts) Checked() int { return g.Pass + g.Revise + g.Fail }

// Worse reports whether g looks worse than o to a reviewer: more 不达标, then
// more 需修改, then a lower lowest score; meetings with nothing checked last.
func (g GradeCounts) Worse(o GradeCounts) bool {
	switch {
	case g.Checked() == 0 || o.Checked() == 0:
		return g.Checked() > 0 && o.Checked() == 0
	case g.Fail != o.Fail:
		return g.Fail > o.Fail
	case g.Revise != o.Revise:
		return g.Revise > o.Revise
	}
	return g.Lowest < o.Lowest
}

// Summary is the grades in a few characters, e.g. "达标2 需修改3 不达标1（最低58分）";
// "—" when the meeting has no statements.
func (g GradeCounts) Summary() string {
	var parts []string
	for _, c := range []struct {
		label string
		n     int
	}{{GradePass, g.Pass}, {GradeRevise, g.Revise}, {GradeFail, g.Fail}, {"未检查", g.Unchecked}} {
		if c.n > 0 {
			parts = append(parts, c.label+strconv.Itoa(c.n))
		}
	}
	if len(parts) == 0 {
		return "—"
	}
	s := strings.Join(parts, " ")
	if g.Checked() > 0 {
		s += "（最低" + strconv.Itoa(g.Lowest) + "分）"
	}
	return s
}

// StatementCounts 材料状态统计 counts a meeting's statements by state.
type StatementCounts struct {
	Draft, Submitted, Returned, Approved, Final int
}

// Total is the number of statements.
func (c StatementCounts) Total() int {
	return c.Draft + c.Submitted + c.Returned + c.Approved + c.Final
}

// Add counts n statements in state st.
func (c *StatementCounts) Add(st StatementState, n int) {
	switch st {
	case StateSubmitted:
		c.Submitted += n
	case StateReturned:
		c.Returned += n
	case StateApproved:
		c.Approved += n
	case StateFinal:
		c.Final += n
	default:
		c.Draft += n
	}
}

// ReportDue is the last day of the 情况报告, ReportDays (by default
// MeetingReportDays) after the meeting; nil while the date is unset.
func (r *SupervisionRow) ReportDue() *time.Time {
	return (&Minutes{ReportDays: r.ReportDays}).ReportDue(r.MeetingDate)
}

// ReportByOverdue reports whether the theme and plan are late.
func (r *SupervisionRow) ReportByOverdue(now time.Time) bool {
	return r.ReportBy != nil && !r.Reported && DaysPast(*r.ReportBy, now) > 0
}

// ReportDueOverdue reports whether the 情况报告 deadline has passed and the
// report has not been sent.
func (r *SupervisionRow) ReportDueOverdue(now time.Time) bool {
	d := r.ReportDue()
	return d != nil && !r.ReportSent && DaysPast(*d, now) > 0 && r.Phase != PhaseArchive
}

// Overdue reports whether any deadline of the row has passed or an item of
// its 整改台账 is red.
func (r *SupervisionRow) Overdue(now time.Time) bool {
	return r.ReportByOverdue(now) || r.ReportDueOverdue(now) || r.LedgerOverdue > 0
}

// LedgerPercent is the 整改完成率, the closed share of the ledger in whole
// percent; ok is false while the ledger is empty.
func (r *SupervisionRow) LedgerPercent() (pct int, ok bool) {
	if r.LedgerItems == 0 {
		return 0, false
	}
	return r.LedgerClosed * 100 / r.LedgerItems, true
}

// TalkCoverage is the share of required pairs filled, in whole percent; ok is
// false while the roster requires no pairs.
func (r *SupervisionRow) TalkCoverage() (pct int, ok bool) {
	if r.TalkPairs == 0 {
		return 0, false
	}
	return r.TalkDone * 100 / r.TalkPairs, true
}

// SupervisionFilter selects and orders the rows of the dashboard.
type SupervisionFilter struct {
	Within      *int64 // the subtree's root org; nil: every org the caller supervises
	Phase       Phase  // "" for every phase
	OverdueOnly bool
	Query       string // part of the org's name
	Sort        string // one of SupervisionSorts; "" sorts by org
	Desc        bool
	Now         time.Time // decides what is overdue
	Offset      int
	Limit       int
}

// SupervisionSorts are the columns the dashboard sorts by.
var SupervisionSorts = []string{"org", "phase", "date", "reportby", "reportdue", "statements", "grades", "opinions", "talks",
	"ledger", "ledgeroverdue"}

// SupervisionService 督导一览 gives the dashboard over a reviewer's (or
// organiser's) subtree. Rows the caller may not supervise are left out; the
// int is the number of rows before Offset and Limit.
type SupervisionService interface {
	SupervisionRows(ctx context.Context, f SupervisionFilter) ([]*SupervisionRow, int, error)
}

// CanSupervise: reviewers (组织部、纪委、督导组) and organisers over the team see
// its row on the dashboard.
func CanSupervise(ctx context.Context, orgPath string) bool {
	return hasAnyRoleOver(ctx, orgPath, RoleReviewer, RoleOrganizer)
}

// SelectSupervisionRows filters and sorts rows as f asks and returns the page and
// the number of rows that matched.
func SelectSupervisionRows(rows []*SupervisionRow, f SupervisionFilter) ([]*SupervisionRow, int) {
	var out []*SupervisionRow
	q := strings.TrimSpace(f.Query)
	for _, r := range rows {
		if (f.Phase == "" || r.Phase == f.Phase) && (!f.OverdueOnly || r.Overdue(f.Now)) &&
			(q == "" || strings.Contains(r.OrgName, q)) {
			out = append(out, r)
		}
	}
	less := supervisionLess(f.Sort)
	sort.SliceStable(out, func(i, j int) bool {
		if f.Desc {
			return less(out[j], out[i])
		}
		return less(out[i], out[j])
	})
	n := len(out)
	if f.Offset >= n {
		return nil, n
	}
	out = out[f.Offset:]
	if f.Limit > 0 && f.Limit < len(out) {
		out = out[:f.Limit]
	}
	return out, n
}

func supervisionLess(key string) func(a, b *SupervisionRow) bool {
	byInt := func(v func(*SupervisionRow) int) func(a, b *SupervisionRow) bool {
		return func(a, b *SupervisionRow) bool { return v(a) < v(b) }
	}
	byDate := func(v func(*SupervisionRow) *time.Time) func(a, b *SupervisionRow) bool {
		return func(a, b *SupervisionRow) bool { // undated rows last
			da, db := v(a), v(b)
			return da != nil && (db == nil || da.Before(*db))
		}
	}
	switch key {
	case "phase":
		return byInt(func(r *SupervisionRow) int { return phaseIndex(r.Phase) })
	case "date":
		return byDate(func(r *SupervisionRow) *time.Time { return r.MeetingDate })
	case "reportby":
		return byDate(func(r *SupervisionRow) *time.Time { return r.ReportBy })
	case "reportdue":
		return byDate((*SupervisionRow).ReportDue)
	case "statements":
		return byInt(func(r *SupervisionRow) int { return r.Statements.Total() })
	case "opinions":
		return byInt(func(r *SupervisionRow) int { return r.Opinions })
	case "grades": // ascending: the worst first
		return func(a, b *SupervisionRow) bool { return a.Grades.Worse(b.Grades) }
	case "talks":
		return byInt(func(r *SupervisionRow) int { return pctOr(r.TalkCoverage()) })
	case "ledger":
		return byInt(func(r *SupervisionRow) int { return pctOr(r.LedgerPercent()) })
	case "ledgeroverdue":
		return byInt(func(r *SupervisionRow) int { return r.LedgerOverdue })
	}
	return func(a, b *SupervisionRow) bool { return a.OrgPath < b.OrgPath }
}

// pctOr is the percentage, or -1 when there is none, so that empty rows sort first.
func pctOr(pct int, ok bool) int {
	if !ok {
		return -1
	}
	return pct
}

func phaseIndex(p Phase) int {
	for i, v := range Phases {
		if v == p {
			return i
		}
	}
	return len(Phases)
}
