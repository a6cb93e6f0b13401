package e2e

import (
	"archive/zip"
	"bytes"
	"context"
	"html"
	"io"
	"net"
	"net/http"
	"net/http/cookiejar"
	"net/url"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/chromedp/cdproto/network"
	"github.com/chromedp/chromedp"
	"github.com/xuri/excelize/v2"
)

// 整改台账 from end to end: the organiser turns a problem of 王建国's statement
// into a ledger item for 李红梅 with a date a few days ahead; 李红梅 records
// progress with an evidence file and asks for 销号; the organiser approves and
// the item is locked; the .xlsx export reads back with the item 已销号. A
// second item, due in three days, is not red today; after the server restarts
// with its clock ten days on, it is red in the list, its 责任人 has been told,
// and the superior's 督导一览 counts it.
func TestLedgerFlow(t *testing.T) {
	org := newFlowBrowser(t, 8*time.Minute)
	db := filepath.Join(t.TempDir(), "jingzi.db")
	srv := serveOn(t, db, true)
	base := srv.base
	logIn(t, org, base, "dangban", demoPassword)
	meetingURL := openDemoMeeting(t, org)
	meetingPath := strings.TrimPrefix(meetingURL, base)

	// The organiser takes the first problem of 王建国's statement into the ledger.
	statementURL := openHeadStatement(t, org, meetingURL)
	due := time.Now().AddDate(0, 0, 5).Format("2006-01-02")
	itemURL := takeProblem(t, org, statementURL, "p0-s0-i0", "李红梅", due)
	mustContain(t, mainText(t, org), "理论学习不系统", "李红梅", "限期整改", "对照检查查摆", "待整改")
	seq := itemSeq(t, org)
	err := chromedp.Do(org,
		chromedp.Navigate(statementURL),
		chromedp.WaitVisible(chromedp.CSS(`#p0-s0-i0 p.ledger-mark`)),
	)
	if err != nil {
		t.Fatal(err)
	}
	mark, err := chromedp.Run(org, chromedp.Text(chromedp.CSS(`#p0-s0-i0 p.ledger-mark`)))
	if err != nil || !strings.Contains(mark, "已列入整改台账（第"+seq+"项）") {
		t.Errorf("the problem's mark after 转入 = %q, %v; want 已列入整改台账（第%s项）", mark, err, seq)
	}

	// 李红梅, the 责任人, records progress with a file and asks for 销号.
	li := newBrowserContext(t, org)
	logIn(t, li, base, "lihongmei", demoPassword)
	evidence := filepath.Join(t.TempDir(), "理论学习中心组学习记录.txt")
	content := "2022年3月理论学习中心组专题学习记录：集中学习习近平新时代中国特色社会主义思想，王建国同志领学并作交流发言。\n"
	if err := os.WriteFile(evidence, []byte(content), 0o644); err != nil {
		t.Fatal(err)
	}
	err = chromedp.Do(li,
		chromedp.Navigate(itemURL),
		chromedp.WaitVisible(chromedp.CSS(`#ledger-progress-form`)),
		chromedp.SendKeys(chromedp.CSS(`#ledger-progress-form textarea[name=text]`), "制定个人学习计划，参加中心组专题学习1次并作交流发言。"),
		chromedp.SetUploadFiles(chromedp.CSS(`#ledger-progress-form input[type=file][name=evidence]`), []string{evidence}),
		chromedp.Click(chromedp.CSS(`#ledger-progress-form button[type=submit]`)),
		chromedp.WaitVisible(chromedp.Search(`//p[contains(@class, "flash")][contains(., "整改进展已登记")]`)),
	)
	if err != nil {
		t.Fatal(err)
	}
	mustContain(t, mainText(t, li), "上传佐证材料1份", "整改中")
	link, err := chromedp.Run(li, chromedp.AttributeValue(chromedp.Search(`//ul[contains(@class, "ledger-evidence")]//a[contains(., "理论学习中心组学习记录.txt")]`), "href"))
	if err != nil || !link.Exists {
		t.Fatalf("no evidence link named after the file: %v", err)
	}
	if _, body := download(t, li, base, link.Value); string(body) != content {
		t.Errorf("the evidence downloads as %q, want the uploaded file %q", body, content)
	}
	err = chromedp.Do(li,
		chromedp.Click(chromedp.CSS(`#ledger-request-form button[type=submit]`)),
		chromedp.WaitVisible(chromedp.Search(`//p[contains(@class, "flash")][contains(., "已申请销号")]`)),
	)
	if err != nil {
		t.Fatal(err)
	}
	if status := ledgerStatus(t, li); status != "申请销号" {
		t.Errorf("status after the request = %q, want 申请销号", status)
	}
	if n := count(t, li, `#ledger-approve-form`); n != 0 {
		t.Error("the 责任人 is offered 同意销号 on her own request")
	}
	screenshot(t, li, "ledger-requested")

	// The organiser is told the task is still open, confirms and approves:
	// the item is 已销号, green and locked.
	err = chromedp.Do(org,
		chromedp.Navigate(itemURL),
		chromedp.WaitVisible(chromedp.CSS(`#ledger-approve-form`)),
	)
	if err != nil {
		t.Fatal(err)
	}
	if warning := textOf(t, org, `#ledger-outstanding`); !strings.Contains(warning, "尚有1项任务未完成") {
		t.Errorf("the approve form warns %q, want 尚有1项任务未完成", warning)
	}
	err = chromedp.Do(org,
		chromedp.Click(chromedp.CSS(`#ledger-approve-form input[name=confirm_open]`)),
		chromedp.Click(chromedp.CSS(`#ledger-approve-form button[type=submit]`)),
		chromedp.WaitVisible(chromedp.Search(`//p[contains(@class, "flash")][contains(., "已同意销号")]`)),
	)
	if err != nil {
		t.Fatal(err)
	}
	if status := ledgerStatus(t, org); status != "已销号" {
		t.Errorf("status after approval = %q, want 已销号", status)
	}
	today := time.Now().Format("2006-01-02")
	mustContain(t, mainText(t, org), "该事项已销号，内容已锁定", "已完成", jingziDate(time.Now())+"销号")
	for _, form := range []string{`#ledger-progress-form`, `#ledger-request-form`, `#ledger-approve-form`, `#ledger-edit-form`, `#ledger-delete-form`} {
		if n := count(t, org, form); n != 0 {
			t.Errorf("the closed item still offers %s", form)
		}
	}
	screenshot(t, org, "ledger-closed")
	err = chromedp.Do(li, chromedp.Navigate(itemURL), chromedp.WaitVisible(chromedp.CSS(`#ledger-locked`)))
	if err != nil {
		t.Fatal(err)
	}
	if n := count(t, li, `#ledger-progress-form`); n != 0 {
		t.Error("the 责任人 can still record progress on a closed item")
	}

	// The export reads back with its header and the item 已销号.
	contentType, xlsx := download(t, org, base, meetingPath+"/ledger.xlsx")
	if !strings.Contains(contentType, "spreadsheetml") {
		t.Errorf("ledger.xlsx comes as %q", contentType)
	}
	checkLedgerSheet(t, xlsx, seq, today)

	// A second item, due in three days: not red today.
	soon := time.Now().AddDate(0, 0, 3)
	second := takeProblem(t, org, statementURL, "p0-s0-i1", "张伟", soon.Format("2006-01-02"))
	secondID := regexp.MustCompile(`\d+$`).FindString(second)
	secondSeq := itemSeq(t, org)
	row := `tr#ledger-` + secondID
	if colour := ledgerRowColour(t, org, meetingURL, row); colour != "colour-yellow" {
		t.Errorf("the item due on %s shows %q today, want colour-yellow", soon.Format("2006-01-02"), colour)
	}
	rev := newBrowserContext(t, org)
	logIn(t, rev, base, "zuzhibu", demoPassword)
	overdueBefore := supervisionOverdue(t, rev, base)

	// The server restarts on the same database with its clock ten days on.
	srv.stop(t)
	srv = serveOn(t, db, false, "JINGZI_CLOCK_OFFSET=240h")
	if !strings.Contains(srv.log.String(), "仅供演练/测试用") {
		t.Errorf("the shifted clock is not announced at start:\n%s", srv.log.String())
	}
	base = srv.base
	meetingURL = base + meetingPath
	org = newBrowserContext(t, org)
	logIn(t, org, base, "dangban", demoPassword)
	if colour := ledgerRowColour(t, org, meetingURL, row); colour != "colour-red" {
		t.Errorf("the item due on %s shows %q ten days later, want colour-red", soon.Format("2006-01-02"), colour)
	}
	marker, err := chromedp.Run(org, chromedp.Text(chromedp.CSS(row+` span.marker`)))
	if err != nil || strings.TrimSpace(marker) != "逾期" {
		t.Errorf("marker of the overdue item = %q, %v; want 逾期", marker, err)
	}
	first := `tr#ledger-` + regexp.MustCompile(`\d+$`).FindString(itemURL)
	if colour, _ := chromedp.Run(org, chromedp.AttributeValue(chromedp.CSS(first), "class")); !strings.Contains(colour.Value, "colour-green") {
		t.Errorf("the closed item shows %q after the clock moved, want colour-green", colour.Value)
	}
	screenshot(t, org, "ledger-overdue")

	// The 通报 of that day praises the closed item and names the overdue one.
	_, bulletin := download(t, org, base, meetingPath+"/bulletin.docx")
	late := daysBetween(soon, time.Now().Add(240*time.Hour))
	text := docxText(t, bulletin)
	for _, want := range []string{"李红梅：已完成", "第" + seq + "项“理论学习不系统", "（" + jingziDate(time.Now()) + "销号）",
		"第" + secondSeq + "项“", "（时限" + jingziDate(soon) + "，已逾期" + strconv.Itoa(late) + "天）"} {
		if !strings.Contains(text, want) {
			t.Errorf("the 通报 does not say %q:\n%s", want, text)
		}
	}

	// The daily 逾期检查 ran on the shifted clock and told the 责任人.
	zhang := newBrowserContext(t, org)
	logIn(t, zhang, base, "zhangwei", demoPassword)
	waitNotification(t, zhang, base, "已超过完成时限（"+jingziDate(soon)+"）")

	rev = newBrowserContext(t, org)
	logIn(t, rev, base, "zuzhibu", demoPassword)
	if after := supervisionOverdue(t, rev, base); after < overdueBefore+1 {
		t.Errorf("督导一览 counts %d overdue items after the clock moved, %d before; want at least one more", after, overdueBefore)
	}
	screenshot(t, rev, "ledger-supervision")
}

// openHeadStatement opens 王建国's statement (the demo's imported seed) from
// the statements list and returns its URL.
func openHeadStatement(t *testing.T, ctx context.Context, meetingURL string) string {
	t.Helper()
	err := chromedp.Do(ctx,
		chromedp.Navigate(meetingURL+"/statements"),
		chromedp.WaitVisible(chromedp.CSS(`table.statements`)),
		chromedp.Click(chromedp.Search(`//table[contains(@class, "statements")]//tr[contains(., "王建国")]//a[contains(., "查看")]`)),
		chromedp.WaitVisible(chromedp.CSS(`article.statement-view`)),
	)
	if err != nil {
		t.Fatal(err)
	}
	u, err := chromedp.Run(ctx, chromedp.Location())
	u, _, _ = strings.Cut(u, "#")
	if err != nil || !regexp.MustCompile(`/statements/\d+$`).MatchString(u) {
		t.Fatalf("statement URL = %q, %v", u, err)
	}
	return u
}

// takeProblem follows a problem's 转入整改台账 link, checks the form is filled
// from the problem, sets the 责任人 and the date, and saves; it returns the
// new item's URL.
func takeProblem(t *testing.T, ctx context.Context, statementURL, key, owner, due string) string {
	t.Helper()
	err := chromedp.Do(ctx,
		chromedp.Navigate(statementURL),
		chromedp.WaitVisible(chromedp.CSS(`#`+key+` a.ledger-take`)),
	)
	if err != nil {
		t.Fatal(err)
	}
	problem, err := chromedp.Run(ctx, chromedp.Text(chromedp.CSS(`#`+key+` p strong`)))
	if err != nil {
		t.Fatal(err)
	}
	problem = strings.TrimSpace(problem)
	err = chromedp.Do(ctx,
		chromedp.Click(chromedp.CSS(`#`+key+` a.ledger-take`)),
		chromedp.WaitVisible(chromedp.CSS(`#ledger-new-form`)),
	)
	if err != nil {
		t.Fatal(err)
	}
	note, err := chromedp.Run(ctx, chromedp.Text(chromedp.CSS(`p.ledger-source-note`)))
	if err != nil || !strings.Contains(note, "对照检查查摆") || !strings.Contains(note, "王建国") {
		t.Errorf("the form's source note = %q, %v; want 对照检查查摆 from 王建国's statement", note, err)
	}
	prefilled, err := chromedp.Run(ctx, chromedp.Value(chromedp.CSS(`#ledger-new-form textarea[name=problem]`)))
	if head := firstClause(prefilled); err != nil || head == "" || !strings.Contains(problem, head) {
		t.Errorf("the problem field starts %.40q, %v; want it filled from %q", prefilled, err, problem)
	}
	screenshot(t, ctx, "ledger-new-"+key)
	err = chromedp.Do(ctx,
		chromedp.SetValue(chromedp.CSS(`#ledger-new-form select[name=owner_pid]`), optionValue(t, ctx, "owner_pid", owner)),
		chromedp.SendKeys(chromedp.CSS(`#ledger-new-form input[name=department]`), "办公室"),
		chromedp.SendKeys(chromedp.CSS(`#ledger-new-form textarea[name=measures]`), "制定个人学习计划，每月参加中心组专题学习，年内撰写理论文章1篇。"),
		chromedp.SetValue(chromedp.CSS(`#ledger-new-form select[name=deadline_kind]`), "dated"),
		chromedp.SetValue(chromedp.CSS(`#ledger-new-form input[name=due]`), due),
		chromedp.SendKeys(chromedp.CSS(`#ledger-new-form input[name="task-0-text"]`), "制定个人年度学习计划"),
		chromedp.Click(chromedp.CSS(`#ledger-new-form button[type=submit]`)),
		chromedp.WaitVisible(chromedp.Search(`//p[contains(@class, "flash")][contains(., "已列入整改台账")]`)),
	)
	if err != nil {
		t.Fatalf("转入 %s: %v", key, err)
	}
	u, err := chromedp.Run(ctx, chromedp.Location())
	u, _, _ = strings.Cut(u, "#")
	if err != nil || !regexp.MustCompile(`/ledger/\d+$`).MatchString(u) {
		t.Fatalf("item URL = %q, %v", u, err)
	}
	if colour := strings.TrimSpace(textOf(t, ctx, `#ledger-colour`)); colour != "整改中" {
		t.Errorf("a new item due on %s is marked %q, want 整改中", due, colour)
	}
	return u
}

// firstClause is a problem's heading up to its first full stop.
func firstClause(s string) string {
	s, _, _ = strings.Cut(s, "。")
	return strings.TrimSpace(s)
}

// itemSeq reads 第N项 off the item page.
func itemSeq(t *testing.T, ctx context.Context) string {
	t.Helper()
	m := regexp.MustCompile(`第(\d+)项`).FindStringSubmatch(textOf(t, ctx, `main h1`))
	if m == nil {
		t.Fatalf("no 第N项 in the item's heading")
	}
	return m[1]
}

func ledgerStatus(t *testing.T, ctx context.Context) string {
	t.Helper()
	return strings.TrimSpace(textOf(t, ctx, `#ledger-status`))
}

func textOf(t *testing.T, ctx context.Context, sel string) string {
	t.Helper()
	s, err := chromedp.Run(ctx, chromedp.Text(chromedp.CSS(sel)))
	if err != nil {
		t.Fatalf("%s: %v", sel, err)
	}
	return s
}

func count(t *testing.T, ctx context.Context, sel string) int {
	t.Helper()
	n, err := chromedp.Run(ctx, chromedp.Evaluate[int](`document.querySelectorAll(`+strconv.Quote(sel)+`).length`))
	if err != nil {
		t.Fatal(err)
	}
	return n
}

// ledgerRowColour opens the ledger list and returns the colour class of a row.
func ledgerRowColour(t *testing.T, ctx context.Context, meetingURL, row string) string {
	t.Helper()
	err := chromedp.Do(ctx,
		chromedp.Navigate(meetingURL+"/rectify"),
		chromedp.WaitVisible(chromedp.CSS(`#ledger-list`)),
	)
	if err != nil {
		t.Fatal(err)
	}
	class, err := chromedp.Run(ctx, chromedp.AttributeValue(chromedp.CSS(row), "class"))
	if err != nil || !class.Exists {
		t.Fatalf("no row %s in the ledger: %v", row, err)
	}
	for _, c := range strings.Fields(class.Value) {
		if strings.HasPrefix(c, "colour-") {
			return c
		}
	}
	return class.Value
}

// supervisionOverdue reads the 逾期 count of the demo meeting on 督导一览.
func supervisionOverdue(t *testing.T, ctx context.Context, base string) int {
	t.Helper()
	cell := `//table[@id="supervision"]//tr[contains(., "市民政局党委2021年度")]/td[last()]`
	err := chromedp.Do(ctx, chromedp.Navigate(base+"/supervision"), chromedp.WaitVisible(chromedp.Search(cell)))
	if err != nil {
		t.Fatal(err)
	}
	text, err := chromedp.Run(ctx, chromedp.Text(chromedp.Search(cell)))
	if err != nil {
		t.Fatal(err)
	}
	n, err := strconv.Atoi(strings.TrimSuffix(strings.TrimSpace(text), "项"))
	if err != nil {
		t.Fatalf("督导一览 overdue cell = %q", text)
	}
	return n
}

// waitNotification reloads the notifications until one contains text: the
// daily job runs beside the server's start, not before it.
func waitNotification(t *testing.T, ctx context.Context, base, text string) {
	t.Helper()
	var page string
	for deadline := time.Now().Add(30 * time.Second); time.Now().Before(deadline); time.Sleep(500 * time.Millisecond) {
		if err := chromedp.Do(ctx, chromedp.Navigate(base+"/notifications"), chromedp.WaitVisible(chromedp.CSS(`main h1`))); err != nil {
			t.Fatal(err)
		}
		if page = mainText(t, ctx); strings.Contains(page, text) {
			return
		}
	}
	t.Errorf("no notification %q:\n%s", text, page)
}

// daysBetween counts calendar days from a to b.
func daysBetween(a, b time.Time) int {
	day := func(t time.Time) time.Time { return time.Date(t.Year(), t.Month(), t.Day(), 0, 0, 0, 0, time.UTC) }
	return int(day(b).Sub(day(a)).Hours() / 24)
}

// docxText is the text of a .docx body, its runs joined.
func docxText(t *testing.T, data []byte) string {
	t.Helper()
	zr, err := zip.NewReader(bytes.NewReader(data), int64(len(data)))
	if err != nil {
		t.Fatalf("not a .docx: %v", err)
	}
	for _, f := range zr.File {
		if f.Name == "word/document.xml" {
			rc, err := f.Open()
			if err != nil {
				t.Fatal(err)
			}
			defer rc.Close()
			xml, _ := io.ReadAll(rc)
			return html.UnescapeString(regexp.MustCompile(`<[^>]*>`).ReplaceAllString(string(xml), ""))
		}
	}
	t.Fatal("the .docx has no word/document.xml")
	return ""
}

func jingziDate(d time.Time) string {
	return strconv.Itoa(d.Year()) + "年" + strconv.Itoa(int(d.Month())) + "月" + strconv.Itoa(d.Day()) + "日"
}

// checkLedgerSheet reads the exported workbook: the header row as the 台账
// prints it, and the item's row 已销号 with its evidence and today's date.
func checkLedgerSheet(t *testing.T, data []byte, seq, today string) {
	t.Helper()
	f, err := excelize.OpenReader(bytes.NewReader(data))
	if err != nil {
		t.Fatalf("ledger.xlsx does not open: %v", err)
	}
	defer f.Close()
	rows, err := f.GetRows(f.GetSheetName(0))
	if err != nil || len(rows) < 2 {
		t.Fatalf("ledger.xlsx has %d rows, %v", len(rows), err)
	}
	header := []string{"序号", "方面", "问题", "来源", "整改措施", "责任领导", "责任部门", "责任人", "时限", "进展", "状态", "佐证材料", "销号日期"}
	if strings.Join(rows[0], "|") != strings.Join(header, "|") {
		t.Errorf("header row = %q, want %q", rows[0], header)
	}
	for _, r := range rows[1:] {
		if len(r) == 0 || r[0] != seq {
			continue
		}
		if len(r) < len(header) {
			t.Fatalf("row %s has %d cells: %q", seq, len(r), r)
		}
		want := map[int]string{2: "理论学习不系统", 3: "王建国", 7: "李红梅", 8: "限期整改", 9: "中心组专题学习",
			10: "已销号", 11: "理论学习中心组学习记录.txt", 12: today}
		for col, w := range want {
			if !strings.Contains(r[col], w) {
				t.Errorf("row %s, %s = %q; want it to contain %q", seq, header[col], r[col], w)
			}
		}
		return
	}
	t.Errorf("ledger.xlsx has no row with 序号 %s", seq)
}

// download fetches a path with the browser's cookies, as a download from the
// page would, and returns the content type and the body.
func download(t *testing.T, ctx context.Context, base, path string) (string, []byte) {
	t.Helper()
	res, err := chromedp.Call(ctx, network.GetCookies, network.GetCookiesParams{URLs: []string{base}})
	if err != nil {
		t.Fatal(err)
	}
	jar, _ := cookiejar.New(nil)
	u, _ := url.Parse(base)
	var cookies []*http.Cookie
	for _, c := range res.Cookies {
		cookies = append(cookies, &http.Cookie{Name: c.Name, Value: c.Value})
	}
	jar.SetCookies(u, cookies)
	c := &http.Client{Jar: jar, Timeout: 30 * time.Second,
		CheckRedirect: func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse }}
	resp, err := c.Get(base + path)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	body, err := io.ReadAll(resp.Body)
	if err != nil || resp.StatusCode != http.StatusOK {
		t.Fatalf("GET %s: %d, %v", path, resp.StatusCode, err)
	}
	if cd := resp.Header.Get("Content-Disposition"); !strings.HasPrefix(cd, "attachment") {
		t.Errorf("GET %s: Content-Disposition %q, want attachment", path, cd)
	}
	return resp.Header.Get("Content-Type"), body
}

// jingziServer is a running `jingzi serve` that a test can stop and start
// again on the same database.
type jingziServer struct {
	base string
	cmd  *exec.Cmd
	out  *lockedBuffer // standard output: what an operator reads
	log  *lockedBuffer // standard error: the server's log
	done chan struct{}
}

// lockedBuffer collects output written by another goroutine.
type lockedBuffer struct {
	mu  sync.Mutex
	buf bytes.Buffer
}

func (b *lockedBuffer) Write(p []byte) (int, error) {
	b.mu.Lock()
	defer b.mu.Unlock()
	return b.buf.Write(p)
}

func (b *lockedBuffer) String() string {
	b.mu.Lock()
	defer b.mu.Unlock()
	return b.buf.String()
}

// serveOn starts `jingzi serve` on a free port with the database file db,
// loading the demo first when demo is set (`serve --demo` leaves a database
// that is not empty as it is), with extra environment such as
// JINGZI_CLOCK_OFFSET.
func serveOn(t *testing.T, db string, demo bool, env ...string) *jingziServer {
	t.Helper()
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	addr := ln.Addr().String()
	ln.Close()
	args := []string{"serve", "--addr", addr, "--db", db}
	if demo {
		args = append(args, "--demo")
	}
	s := &jingziServer{base: "http://" + addr, cmd: exec.Command(binary, args...), out: &lockedBuffer{}, log: &lockedBuffer{}, done: make(chan struct{})}
	s.cmd.Env = append(os.Environ(), env...)
	s.cmd.Stdout, s.cmd.Stderr = s.out, s.log
	if err := s.cmd.Start(); err != nil {
		t.Fatal(err)
	}
	go func() { s.cmd.Wait(); close(s.done) }()
	t.Cleanup(func() { s.stop(t) })
	for deadline := time.Now().Add(60 * time.Second); !strings.Contains(s.out.String(), "jingzi 已启动"); time.Sleep(50 * time.Millisecond) {
		select {
		case <-s.done:
			t.Fatalf("jingzi serve exited at start:\n%s%s", s.out, s.log)
		default:
		}
		if time.Now().After(deadline) {
			t.Fatalf("jingzi serve did not start within 60 s:\n%s%s", s.out, s.log)
		}
	}
	return s
}

// stop interrupts the server and waits until it has let go of the database.
func (s *jingziServer) stop(t *testing.T) {
	select {
	case <-s.done:
		return
	default:
	}
	s.cmd.Process.Signal(os.Interrupt)
	select {
	case <-s.done:
	case <-time.After(30 * time.Second):
		s.cmd.Process.Kill()
		<-s.done
		t.Error("jingzi serve did not stop on SIGINT within 30 s")
	}
}
