package web

import (
	"bytes"
	"context"
	"net/http"
	"net/url"
	"strings"
	"testing"
	"time"

	"github.com/xuri/excelize/v2"

	"jingzi"
)

// supervisionStore is the dashboard over the fixture's tree: the bureau's
// meeting (late with both reports), the branch's and the 财政局's. The fixture
// knows one meeting, so every row links to it.
type supervisionStore struct{ rows []*jingzi.SupervisionRow }

func day(y int, m time.Month, d int) *time.Time {
	t := time.Date(y, m, d, 0, 0, 0, 0, time.UTC)
	return &t
}

func newSupervisionStore() *supervisionStore {
	return &supervisionStore{rows: []*jingzi.SupervisionRow{
		{MeetingID: 7, Title: "市民政局党委2022年度民主生活会", OrgID: 2, OrgName: "市民政局党委", OrgPath: "/1/2/", Year: 2022,
			Phase: jingzi.PhaseOpinions, MeetingDate: day(2024, 2, 1), ReportBy: day(2024, 1, 17),
			Statements: jingzi.StatementCounts{Draft: 2, Submitted: 1}, Opinions: 5, TalkPairs: 8, TalkDone: 2,
			Grades: jingzi.GradeCounts{Pass: 1, Fail: 1, Unchecked: 1, Lowest: 45}, LedgerItems: 8, LedgerClosed: 2, LedgerOverdue: 3},
		{MeetingID: 7, Title: "办公室党支部2023年度组织生活会", OrgID: 3, OrgName: "办公室党支部", OrgPath: "/1/2/3/", Year: 2023,
			Phase: jingzi.PhaseTalks, MeetingDate: day(2024, 4, 1), ReportBy: day(2024, 3, 17),
			Statements: jingzi.StatementCounts{Approved: 3}, Opinions: 1, Grades: jingzi.GradeCounts{Pass: 3, Lowest: 88}},
		{MeetingID: 7, Title: "市财政局党组2023年度民主生活会", OrgID: 4, OrgName: "市财政局党组", OrgPath: "/1/4/", Year: 2023,
			Phase: jingzi.PhaseRectify, Opinions: 12, Statements: jingzi.StatementCounts{Returned: 1, Final: 4},
			MeetingDate: day(2024, 2, 1), ReportSent: true, Grades: jingzi.GradeCounts{Revise: 2, Lowest: 66}, LedgerItems: 4, LedgerClosed: 4},
	}}
}

func (s *supervisionStore) SupervisionRows(ctx context.Context, f jingzi.SupervisionFilter) ([]*jingzi.SupervisionRow, int, error) {
	var mine []*jingzi.SupervisionRow
	for _, r := range s.rows {
		if jingzi.CanSupervise(ctx, r.OrgPath) {
			mine = append(mine, r)
		}
	}
	list, n := jingzi.SelectSupervisionRows(mine, f)
	return list, n, nil
}

// order returns the org names in the order the body shows them.
func order(body string, names ...string) []string {
	type at struct {
		name string
		i    int
	}
	var found []at
	for _, n := range names {
		if i := strings.Index(body, "<td>"+n+"<br>"); i >= 0 {
			found = append(found, at{n, i})
		}
	}
	for i := range found {
		for j := i + 1; j < len(found); j++ {
			if found[j].i < found[i].i {
				found[i], found[j] = found[j], found[i]
			}
		}
	}
	var out []string
	for _, f := range found {
		out = append(out, f.name)
	}
	return out
}

func TestSupervisionPage(t *testing.T) {
	f := newFixture(t)
	orgs := []string{"市民政局党委", "办公室党支部", "市财政局党组"}
	tests := []struct {
		login, query string
		want         []string
	}{
		{"reviewer", "", []string{"市民政局党委", "办公室党支部", "市财政局党组"}},
		{"organizer", "", []string{"市民政局党委", "办公室党支部"}},
		{"reviewer", "?sort=opinions&dir=desc", []string{"市财政局党组", "市民政局党委", "办公室党支部"}},
		{"reviewer", "?sort=opinions", []string{"办公室党支部", "市民政局党委", "市财政局党组"}},
		{"reviewer", "?sort=talks&dir=desc", []string{"市民政局党委", "办公室党支部", "市财政局党组"}},
		{"reviewer", "?q=" + url.QueryEscape("财政"), []string{"市财政局党组"}},
		{"reviewer", "?overdue=1", []string{"市民政局党委"}},
		{"reviewer", "?phase=talks", []string{"办公室党支部"}},
		{"reviewer", "?sort=grades", []string{"市民政局党委", "市财政局党组", "办公室党支部"}},
		{"reviewer", "?sort=ledger", []string{"办公室党支部", "市民政局党委", "市财政局党组"}},
		{"reviewer", "?sort=ledgeroverdue&dir=desc", []string{"市民政局党委", "办公室党支部", "市财政局党组"}},
		{"reviewer", "?phase=archive", nil},
	}
	for _, tt := range tests {
		rec := f.get("/supervision"+tt.query, f.session(t, tt.login))
		if rec.Code != http.StatusOK {
			t.Fatalf("%s %s: %d", tt.login, tt.query, rec.Code)
		}
		body := rec.Body.String()
		if got := order(body, orgs...); strings.Join(got, ",") != strings.Join(tt.want, ",") {
			t.Errorf("%s %s: rows %v, want %v", tt.login, tt.query, got, tt.want)
		}
		if tt.want == nil && !strings.Contains(body, "没有符合条件的会议") {
			t.Errorf("%s %s: no notice for an empty result", tt.login, tt.query)
		}
	}
	body := f.get("/supervision", f.session(t, "reviewer")).Body.String()
	for _, want := range []string{`<td class="overdue"><span class="date">2024年1月17日</span><br>（已逾期）</td>`,
		`<td class="overdue"><span class="date">2024年2月16日</span><br>（已逾期）</td>`, `<td><span class="date">2024年3月17日</span></td>`, "<td>25%</td>", "<td>—</td>", "<td>共3份<br>草稿2<br>待审阅1</td>",
		`href="/supervision?dir=desc&amp;sort=org"`, `href="/supervision?sort=phase"`, `aria-sort="ascending"`,
		`data-chart="{&#34;labels&#34;:[&#34;草稿&#34;,&#34;待审阅&#34;,&#34;退回&#34;,&#34;已通过&#34;,&#34;定稿&#34;],&#34;values&#34;:[2,1,1,3,4]}"`,
		"<tr><td>已通过</td><td>3</td></tr>", "vendor/echarts-5.6.0.min.js",
		`<td class="overdue">达标1 不达标1 未检查1（最低45分）</td>`, "<td>需修改2（最低66分）</td>", "<td>25%（2/8）</td>",
		`<td class="overdue">3项</td>`, "<td>100%（4/4）</td>", "<td>0项</td>", `<td><span class="date">2024年2月16日</span><br>（已报送）</td>`,
		`href="/supervision?sort=grades"`, `href="/supervision?sort=ledgeroverdue"`,
		`data-chart="{&#34;labels&#34;:[&#34;已完成&#34;,&#34;整改中&#34;,&#34;逾期&#34;],&#34;values&#34;:[6,3,3]}"`, "supervision.js", `href="/supervision/export.xlsx"`} {
		if !strings.Contains(body, want) {
			t.Errorf("page lacks %s", want)
		}
	}
	if rec := f.get("/supervision", f.session(t, "auditor")); rec.Code != http.StatusForbidden {
		t.Errorf("the auditor gets %d", rec.Code)
	}
}

func TestSupervisionExport(t *testing.T) {
	f := newFixture(t)
	rec := f.get("/supervision/export.xlsx?sort=opinions&dir=desc&q="+url.QueryEscape("市"), f.session(t, "organizer"))
	if rec.Code != http.StatusOK || !strings.Contains(rec.Header().Get("Content-Type"), "spreadsheetml") {
		t.Fatalf("export: %d %s", rec.Code, rec.Header().Get("Content-Type"))
	}
	book, err := excelize.OpenReader(bytes.NewReader(rec.Body.Bytes()))
	if err != nil {
		t.Fatal(err)
	}
	rows, err := book.GetRows("督导一览")
	if err != nil {
		t.Fatal(err)
	}
	want := [][]string{
		{"党组织", "会议名称", "年度", "当前环节", "召开日期", "报送上级期限", "是否已报送", "情况报告期限", "情况报告是否已报送",
			"材料总数", "草稿", "待审阅", "退回", "已通过", "定稿", "材料达标", "材料需修改", "材料不达标", "材料未检查", "材料最低得分",
			"意见建议", "谈心谈话覆盖率", "整改事项", "已销号", "整改完成率", "逾期事项"},
		{"市民政局党委", "市民政局党委2022年度民主生活会", "2022", "征求意见", "2024年2月1日", "2024年1月17日", "否", "2024年2月16日", "否",
			"3", "2", "1", "0", "0", "0", "1", "0", "1", "1", "45", "5", "25%", "8", "2", "25%", "3"},
	}
	if len(rows) != len(want) {
		t.Fatalf("rows %v", rows)
	}
	for i := range want {
		if strings.Join(rows[i], "|") != strings.Join(want[i], "|") {
			t.Errorf("row %d: %v, want %v", i, rows[i], want[i])
		}
	}
}
