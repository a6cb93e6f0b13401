package jingzi

import (
	"context"
	"sort"
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

// ReportDue is the last day of the 情况报告, MeetingReportDays after the meeting.
func (r *SupervisionRow) ReportDue() *time.Time {
	if r.MeetingDate == nil {
		return nil
	}
	d := r.MeetingDate.AddDate(0, 0, MeetingReportDays)
	return &d
}

// ReportByOverdue reports whether the theme and plan are late.
func (r *SupervisionRow) ReportByOverdue(now time.Time) bool {
	return r.ReportBy != nil && !r.Reported && DaysPast(*r.ReportBy, now) > 0
}

// ReportDueOverdue reports whether the 情况报告 deadline has passed. Nothing
// records the report yet, so a passed deadline counts as overdue.
func (r *SupervisionRow) ReportDueOverdue(now time.Time) bool {
	d := r.ReportDue()
	return d != nil && DaysPast(*d, now) > 0 && r.Phase != PhaseArchive
}

// Overdue reports whether any deadline of the row has passed.
func (r *SupervisionRow) Overdue(now time.Time) bool {
	return r.ReportByOverdue(now) || r.ReportDueOverdue(now)
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
var SupervisionSorts = []string{"org", "phase", "date", "reportby", "reportdue", "statements", "opinions", "talks"}

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
	case "talks":
		return byInt(func(r *SupervisionRow) int {
			p, ok := r.TalkCoverage()
			if !ok {
				return -1
			}
			return p
		})
	}
	return func(a, b *SupervisionRow) bool { return a.OrgPath < b.OrgPath }
}

func phaseIndex(p Phase) int {
	for i, v := range Phases {
		if v == p {
			return i
		}
	}
	return len(Phases)
}
