package web

import (
	"encoding/json"
	"net/http"
	"net/url"
	"strconv"
	"strings"
	"time"

	"github.com/xuri/excelize/v2"

	"jingzi"
)

// supervisionColumn is a sortable column header of the 督导一览.
type supervisionColumn struct {
	Key, Label string
	Href       string // sorts by this column; toggles the direction when already sorted by it
	Sorted     bool
	Desc       bool
}

// supervisionLine is one row of the table with its dates and percentages written out.
type supervisionLine struct {
	*jingzi.SupervisionRow
	ReportByLate, ReportDueLate bool
	Talks                       string // "35%" or "—"
	Ledger                      string // 整改完成率 "25%" or "—"
	GradesLate                  bool   // some statement 不达标
}

// supervisionView is the page: filter, headers, rows, totals and chart data.
type supervisionView struct {
	Filter      jingzi.SupervisionFilter
	Phases      []jingzi.Phase
	Columns     []supervisionColumn
	Rows        []supervisionLine
	Total       int
	Sum         jingzi.StatementCounts
	States      []stateCount
	Chart       string // JSON for the chart script
	Colours     []stateCount
	LedgerChart string // the 整改台账 by colour, for the chart script
	Export      string // the export link with the same filter
}

// stateCount is one bar of the chart and one line of the table beside it.
type stateCount struct {
	Label string
	Count int
}

var supervisionHeaders = [][2]string{{"org", "党组织"}, {"phase", "当前环节"}, {"date", "召开日期"}, {"reportby", "报送上级期限"},
	{"reportdue", "情况报告期限"}, {"statements", "对照检查材料"}, {"grades", "材料质量"}, {"opinions", "意见建议"},
	{"talks", "谈心谈话覆盖率"}, {"ledger", "整改完成率"}, {"ledgeroverdue", "逾期事项"}}

// supervisionFilter reads the filter and order from the query string.
func supervisionFilter(r *http.Request, now time.Time) jingzi.SupervisionFilter {
	q := r.URL.Query()
	f := jingzi.SupervisionFilter{Query: strings.TrimSpace(q.Get("q")), OverdueOnly: q.Get("overdue") == "1",
		Desc: q.Get("dir") == "desc", Now: now}
	if p := jingzi.Phase(q.Get("phase")); p.Valid() {
		f.Phase = p
	}
	for _, k := range jingzi.SupervisionSorts {
		if q.Get("sort") == k {
			f.Sort = k
		}
	}
	if v, err := strconv.ParseInt(q.Get("org"), 10, 64); err == nil && v > 0 {
		f.Within = &v
	}
	return f
}

// supervisionQuery writes the filter back as a query string, sorted as given.
func supervisionQuery(f jingzi.SupervisionFilter, sort string, desc bool) string {
	v := url.Values{}
	if f.Phase != "" {
		v.Set("phase", string(f.Phase))
	}
	if f.OverdueOnly {
		v.Set("overdue", "1")
	}
	if f.Query != "" {
		v.Set("q", f.Query)
	}
	if f.Within != nil {
		v.Set("org", strconv.FormatInt(*f.Within, 10))
	}
	if sort != "" {
		v.Set("sort", sort)
	}
	if desc {
		v.Set("dir", "desc")
	}
	if len(v) == 0 {
		return ""
	}
	return "?" + v.Encode()
}

// supervisionRows asks the service for the rows; only reviewers and organisers have a dashboard.
func (s *Server) supervisionRows(r *http.Request) (jingzi.SupervisionFilter, []*jingzi.SupervisionRow, int, error) {
	f := supervisionFilter(r, s.Now())
	u := jingzi.UserFromContext(r.Context())
	if u == nil || !(u.Holds(jingzi.RoleReviewer) || u.Holds(jingzi.RoleOrganizer)) {
		return f, nil, 0, jingzi.Errorf(jingzi.EFORBIDDEN, "只有上级审核人、督导和党办组织者可以查看督导一览。")
	}
	rows, n, err := s.SupervisionService.SupervisionRows(r.Context(), f)
	return f, rows, n, err
}

// supervisionDashboard is GET /supervision: every team's meeting in the caller's subtree.
func (s *Server) supervisionDashboard(w http.ResponseWriter, r *http.Request) {
	if s.SupervisionService == nil {
		s.supervisionPage(w, r)
		return
	}
	f, rows, n, err := s.supervisionRows(r)
	if err != nil {
		s.error(w, r, err)
		return
	}
	v := supervisionView{Filter: f, Phases: jingzi.Phases, Total: n, Export: "/supervision/export.xlsx" + supervisionQuery(f, f.Sort, f.Desc)}
	for _, h := range supervisionHeaders {
		sorted := f.Sort == h[0] || (f.Sort == "" && h[0] == "org")
		v.Columns = append(v.Columns, supervisionColumn{Key: h[0], Label: h[1], Sorted: sorted, Desc: sorted && f.Desc,
			Href: "/supervision" + supervisionQuery(f, h[0], sorted && !f.Desc)})
	}
	var ledger jingzi.LedgerGroup
	for _, row := range rows {
		v.Rows = append(v.Rows, supervisionLineOf(row, f.Now))
		c := row.Statements
		v.Sum = jingzi.StatementCounts{Draft: v.Sum.Draft + c.Draft, Submitted: v.Sum.Submitted + c.Submitted,
			Returned: v.Sum.Returned + c.Returned, Approved: v.Sum.Approved + c.Approved, Final: v.Sum.Final + c.Final}
		ledger.Items, ledger.Closed, ledger.Overdue = ledger.Items+row.LedgerItems, ledger.Closed+row.LedgerClosed, ledger.Overdue+row.LedgerOverdue
	}
	v.States = statesOf(v.Sum)
	v.Chart = chartJSON(v.States)
	v.Colours = []stateCount{{jingzi.Green.Label(), ledger.Closed}, {jingzi.Yellow.Label(), ledger.Items - ledger.Closed - ledger.Overdue},
		{jingzi.Red.Label(), ledger.Overdue}}
	v.LedgerChart = chartJSON(v.Colours)
	s.render(w, r, http.StatusOK, "supervision", "督导一览", v)
}

func supervisionLineOf(row *jingzi.SupervisionRow, now time.Time) supervisionLine {
	l := supervisionLine{SupervisionRow: row, ReportByLate: row.ReportByOverdue(now), ReportDueLate: row.ReportDueOverdue(now),
		Talks: percent(row.TalkCoverage()), Ledger: percent(row.LedgerPercent()), GradesLate: row.Grades.Fail > 0}
	return l
}

// percent writes a share as "35%", or "—" when there is nothing to count.
func percent(pct int, ok bool) string {
	if !ok {
		return "—"
	}
	return strconv.Itoa(pct) + "%"
}

func statesOf(c jingzi.StatementCounts) []stateCount {
	return []stateCount{{jingzi.StateDraft.Label(), c.Draft}, {jingzi.StateSubmitted.Label(), c.Submitted},
		{jingzi.StateReturned.Label(), c.Returned}, {jingzi.StateApproved.Label(), c.Approved}, {jingzi.StateFinal.Label(), c.Final}}
}

func chartJSON(states []stateCount) string {
	data := struct {
		Labels []string `json:"labels"`
		Values []int    `json:"values"`
	}{}
	for _, s := range states {
		data.Labels, data.Values = append(data.Labels, s.Label), append(data.Values, s.Count)
	}
	b, _ := json.Marshal(data)
	return string(b)
}

// supervisionSheetHeader is the header row of the exported 督导一览.
var supervisionSheetHeader = []any{"党组织", "会议名称", "年度", "当前环节", "召开日期", "报送上级期限", "是否已报送", "情况报告期限",
	"情况报告是否已报送", "材料总数", "草稿", "待审阅", "退回", "已通过", "定稿", "材料达标", "材料需修改", "材料不达标", "材料未检查",
	"材料最低得分", "意见建议", "谈心谈话覆盖率", "整改事项", "已销号", "整改完成率", "逾期事项"}

// exportSupervision is GET /supervision/export.xlsx: the same rows as the page.
func (s *Server) exportSupervision(w http.ResponseWriter, r *http.Request) {
	if s.SupervisionService == nil {
		s.error(w, r, jingzi.Errorf(jingzi.ENOTFOUND, "该功能正在建设中。"))
		return
	}
	f, rows, _, err := s.supervisionRows(r)
	if err != nil {
		s.error(w, r, err)
		return
	}
	data, err := supervisionWorkbook(rows, f.Now)
	if err != nil {
		s.error(w, r, err)
		return
	}
	sendFile(w, "attachment", "督导一览.xlsx", "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", data)
}

func supervisionWorkbook(rows []*jingzi.SupervisionRow, now time.Time) ([]byte, error) {
	f := excelize.NewFile()
	defer f.Close()
	const sheet = "督导一览"
	if err := f.SetSheetName("Sheet1", sheet); err != nil {
		return nil, err
	} else if err := f.SetSheetRow(sheet, "A1", &supervisionSheetHeader); err != nil {
		return nil, err
	}
	for i, row := range rows {
		l, c, g := supervisionLineOf(row, now), row.Statements, row.Grades
		var lowest any = "—"
		if g.Checked() > 0 {
			lowest = g.Lowest
		}
		values := []any{row.OrgName, row.Title, row.Year, row.Phase.Label(), formatDate(row.MeetingDate), formatDate(row.ReportBy),
			yesNo(row.Reported), formatDate(row.ReportDue()), yesNo(row.ReportSent), c.Total(), c.Draft, c.Submitted, c.Returned,
			c.Approved, c.Final, g.Pass, g.Revise, g.Fail, g.Unchecked, lowest, row.Opinions, l.Talks,
			row.LedgerItems, row.LedgerClosed, l.Ledger, row.LedgerOverdue}
		cell, _ := excelize.CoordinatesToCellName(1, i+2)
		if err := f.SetSheetRow(sheet, cell, &values); err != nil {
			return nil, err
		}
	}
	f.SetColWidth(sheet, "A", "B", 30)
	buf, err := f.WriteToBuffer()
	if err != nil {
		return nil, err
	}
	return buf.Bytes(), nil
}

func yesNo(b bool) string {
	if b {
		return "是"
	}
	return "否"
}
