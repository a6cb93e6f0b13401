package e2e

import (
	"bytes"
	"context"
	"encoding/base64"
	"image/png"
	"regexp"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/chromedp"
)

// Before the meeting: the organiser starts a 征求意见 and prints the one-time
// code slips; an anonymous browser submits opinions with three codes, and a
// used code is refused exactly like an unknown one; after release 李红梅 reads
// the opinion aimed at her verbatim and links it to a problem of her
// statement; a talk fills its cell of the 四必谈 matrix; and her statement's
// preface takes its numbers from these records.
func TestBeforeMeetingFlow(t *testing.T) {
	org := newFlowBrowser(t, 8*time.Minute)
	base := serveDemo(t)
	logIn(t, org, base, "dangban", demoPassword)
	meetingURL := openDemoMeeting(t, org)

	codes := createSolicitationWithCodes(t, org)
	solicitationURL := base + "/solicitations/" + solicitationIDFrom(t, org)

	// An anonymous visitor, in a browser context of its own (no cookies), on a phone.
	anon := newBrowserContext(t, org)
	canary := "金丝雀0517：李红梅同志下基层调研偏少，<b>原样</b>反馈“请勿改动”"
	submitAnonymously(t, anon, base, codes, canary)

	// The organiser now sees the opinions (three submissions meet the threshold) and releases them.
	err := chromedp.Do(org,
		chromedp.Navigate(solicitationURL),
		chromedp.WaitVisible(chromedp.CSS(`#release-form`)),
	)
	if err != nil {
		t.Fatal(err)
	}
	text := mainText(t, org)
	mustContain(t, text, "已使用 3 个", canary)
	if strings.Contains(text, "匿名提交满") {
		t.Error("the threshold notice stays after three submissions with a threshold of 3")
	}
	err = chromedp.Do(org,
		chromedp.Click(chromedp.CSS(`#release-form button[type=submit]`)),
		chromedp.WaitVisible(chromedp.CSS(`p.flash`)),
	)
	if err != nil {
		t.Fatal(err)
	}
	mustContain(t, mainText(t, org), "已向班子成员发布意见反馈", "反馈：已向班子成员发布")
	screenshot(t, org, "before-solicitation-released")

	// The organiser prepares 李红梅's statement from the framework.
	err = chromedp.Do(org,
		chromedp.Navigate(meetingURL+"/statements"),
		chromedp.WaitVisible(chromedp.CSS(`table.statements`)),
		chromedp.Click(chromedp.Search(`//tr[contains(., "李红梅")]//button[contains(., "按框架新建")]`)),
		chromedp.WaitVisible(chromedp.CSS(`article.statement-view`)),
	)
	if err != nil {
		t.Fatal(err)
	}

	// 李红梅 writes a problem, reads the feedback and links the canary opinion to it.
	li := newBrowserContext(t, org)
	logIn(t, li, base, "lihongmei", demoPassword)
	statementURL, problem, _ := writeOwnProblem(t, li, meetingURL)
	linkFeedback(t, li, meetingURL, canary, problem)

	// The organiser records a talk between 王建国 and 李红梅: their cell turns done.
	recordTalk(t, org, meetingURL)

	// 李红梅's editor shows the preface numbers counted from the records.
	err = chromedp.Do(li,
		chromedp.Navigate(statementURL),
		chromedp.WaitVisible(chromedp.CSS(`form.statement-editor div.counts`)),
	)
	if err != nil {
		t.Fatal(err)
	}
	talks := recordCount(t, li, "谈心谈话人次")
	opinions := recordCount(t, li, "征求意见建议条数")
	if talks < 1 {
		t.Errorf("谈心谈话人次 = %d, want at least 1 after the talk", talks)
	}
	if opinions < 3 {
		t.Errorf("征求意见建议条数 = %d, want at least 3 after three codes", opinions)
	}
	screenshot(t, li, "before-statement-counts")

	// The organiser reads her statement: the preface quotes the same numbers, from the records.
	err = chromedp.Do(org,
		chromedp.Navigate(statementURL),
		chromedp.WaitVisible(chromedp.CSS(`article.statement-view table.counts`)),
	)
	if err != nil {
		t.Fatal(err)
	}
	view := mainText(t, org)
	mustContain(t, view, "深入开展谈心谈话"+strconv.Itoa(talks)+"人次", "共征求到意见建议"+strconv.Itoa(opinions)+"条")
	for _, label := range []string{"谈心谈话人次", "征求意见建议条数"} {
		row, err := chromedp.Run(org, chromedp.Text(chromedp.Search(`//table[contains(@class,"counts")]//tr[td[1][contains(., "`+label+`")]]`)))
		if err != nil || !strings.Contains(row, "由记录统计") {
			t.Errorf("read-only row %s = %q, %v; want 由记录统计", label, row, err)
		}
	}
	screenshot(t, org, "before-statement-view")
}

// newFlowBrowser is newBrowser with a timeout long enough for a flow through
// several pages and users on a slow shared machine.
func newFlowBrowser(t *testing.T, timeout time.Duration) context.Context {
	t.Helper()
	opts := append(chromedp.DefaultExecAllocatorOptions[:],
		chromedp.ExecPath(browserPath(t)),
		chromedp.Headless,
		chromedp.NoSandbox,
		chromedp.DisableGPU,
		chromedp.Flag("disable-quic", true),
		chromedp.Flag("disable-background-networking", true),
		chromedp.Flag("lang", "zh-CN"),
		chromedp.WindowSize(1280, 900),
	)
	actx, cancelAlloc := chromedp.NewExecAllocator(context.Background(), opts...)
	ctx, cancel := chromedp.NewContext(actx)
	ctx, cancelTimeout := context.WithTimeout(ctx, timeout)
	t.Cleanup(func() { cancelTimeout(); cancel(); cancelAlloc() })
	return ctx
}

// newBrowserContext opens a tab in a fresh browser context of the running
// browser: its own cookies, as a second person on another machine.
func newBrowserContext(t *testing.T, parent context.Context) context.Context {
	t.Helper()
	ctx, cancel := chromedp.NewContext(parent, chromedp.WithNewBrowserContext())
	t.Cleanup(cancel)
	if err := chromedp.Do(ctx); err != nil {
		t.Fatalf("new browser context: %v", err)
	}
	return ctx
}

// openDemoMeeting opens the demo meeting from the dashboard and returns its URL.
func openDemoMeeting(t *testing.T, ctx context.Context) string {
	t.Helper()
	err := chromedp.Do(ctx,
		chromedp.Click(chromedp.Search(`//a[contains(., "市民政局党委2021年度党史学习教育专题民主生活会")]`)),
		chromedp.WaitVisible(chromedp.CSS(`ol.phase-strip`)),
	)
	if err != nil {
		t.Fatal(err)
	}
	u, err := chromedp.Run(ctx, chromedp.Location())
	if err != nil || !regexp.MustCompile(`/meetings/\d+$`).MatchString(u) {
		t.Fatalf("meeting URL = %q, %v", u, err)
	}
	return u
}

// printedSlip is what one printed slip carries.
type printedSlip struct {
	Code string `json:"code"`
	URL  string `json:"url"`
	Src  string `json:"src"`
}

// createSolicitationWithCodes starts a 征求意见 with the lowest threshold from
// the phase strip, generates ten codes and reads them off the print slips.
func createSolicitationWithCodes(t *testing.T, ctx context.Context) []string {
	t.Helper()
	err := chromedp.Do(ctx,
		chromedp.Click(chromedp.CSS(`ol.phase-strip a[href$="/opinions"]`)),
		chromedp.WaitVisible(chromedp.CSS(`#solicitation-create`)),
	)
	if err != nil {
		t.Fatal(err)
	}
	mustContain(t, mainText(t, ctx), "征求意见", "会前征求意见（座谈会、个别访谈）", "匿名意见显示门槛")
	err = chromedp.Do(ctx,
		chromedp.SetValue(chromedp.CSS(`#solicitation-create input[name=threshold]`), "3"),
		chromedp.Click(chromedp.CSS(`#solicitation-create button[type=submit]`)),
		chromedp.WaitVisible(chromedp.CSS(`#codes-form`)),
	)
	if err != nil {
		t.Fatal(err)
	}
	mustContain(t, mainText(t, ctx), "已创建征求意见", "匿名提交满 3 份后才显示匿名意见（目前 0 份）")
	err = chromedp.Do(ctx,
		chromedp.SetValue(chromedp.CSS(`#codes-form input[name=count]`), "10"),
		chromedp.Click(chromedp.CSS(`#codes-form button[type=submit]`)),
		chromedp.WaitVisible(chromedp.CSS(`.slip-page .slip`)),
	)
	if err != nil {
		t.Fatal(err)
	}
	screenshot(t, ctx, "before-slips")
	mustContain(t, mainText(t, ctx), "意见征求单", "共 10 张")
	slips, err := chromedp.Run(ctx, chromedp.Evaluate[[]printedSlip](`Array.from(document.querySelector('.slip-page').querySelectorAll('.slip')).map(s => ({
		code: s.querySelector('.slip-code').textContent.trim(),
		url: s.querySelector('.slip-url').textContent.trim(),
		src: s.querySelector('img').getAttribute('src')}))`))
	if err != nil {
		t.Fatal(err)
	}
	if len(slips) < 8 || len(slips) > 12 {
		t.Fatalf("the first A4 page has %d slips, want 8 to 12", len(slips))
	}
	seen := map[string]bool{}
	var codes []string
	for i, s := range slips {
		if s.Code == "" || seen[s.Code] {
			t.Fatalf("slip %d has code %q (empty or repeated)", i, s.Code)
		}
		seen[s.Code] = true
		codes = append(codes, s.Code)
		if !strings.HasSuffix(s.URL, "/o?code="+s.Code) || !strings.HasPrefix(s.URL, "http://127.0.0.1:") {
			t.Errorf("slip %d URL = %q, want the site's /o?code=%s", i, s.URL, s.Code)
		}
		qrIsPNG(t, i, s.Src)
	}
	return codes
}

// qrIsPNG checks that a slip's QR code is an inline PNG large enough to scan.
func qrIsPNG(t *testing.T, i int, src string) {
	t.Helper()
	data, ok := strings.CutPrefix(src, "data:image/png;base64,")
	if !ok {
		t.Errorf("slip %d QR src starts %.30q, want data:image/png", i, src)
		return
	}
	raw, err := base64.StdEncoding.DecodeString(data)
	if err != nil {
		t.Errorf("slip %d QR is not base64: %v", i, err)
		return
	}
	cfg, err := png.DecodeConfig(bytes.NewReader(raw))
	if err != nil || cfg.Width < 100 || cfg.Width != cfg.Height {
		t.Errorf("slip %d QR PNG = %dx%d, %v; want a square of at least 100 px", i, cfg.Width, cfg.Height, err)
	}
}

// solicitationIDFrom reads the solicitation's id from the slips page's back link.
func solicitationIDFrom(t *testing.T, ctx context.Context) string {
	t.Helper()
	res, err := chromedp.Run(ctx, chromedp.AttributeValue(chromedp.Search(`//a[contains(., "返回征求意见")]`), "href"))
	id, ok := strings.CutPrefix(res.Value, "/solicitations/")
	if err != nil || !ok {
		t.Fatalf("back link = %q, %v", res.Value, err)
	}
	return id
}

// submitAnonymously writes the canary for 李红梅 with the first code, opinions
// with the next two (the second arriving by the QR link), and tries the first
// code again and an unknown one.
func submitAnonymously(t *testing.T, ctx context.Context, base string, codes []string, canary string) {
	t.Helper()
	err := chromedp.Do(ctx,
		chromedp.EmulateViewport(375, 740, chromedp.EmulateMobile),
		chromedp.Navigate(base+"/o"),
		chromedp.WaitVisible(chromedp.CSS(`#code-form input[name=code]`)),
		chromedp.SendKeys(chromedp.CSS(`#code-form input[name=code]`), codes[0]),
		chromedp.Click(chromedp.CSS(`#code-form button[type=submit]`)),
		chromedp.WaitVisible(chromedp.CSS(`#ballot-form`)),
	)
	if err != nil {
		t.Fatal(err)
	}
	mustContain(t, mainText(t, ctx), "对领导班子的意见建议", "对李红梅")
	noSideways(t, ctx, "ballot")
	forLi := chromedp.Search(`//fieldset[contains(legend, "李红梅")]/textarea`)
	err = chromedp.Do(ctx,
		chromedp.SendKeys(forLi, canary),
		chromedp.Click(chromedp.CSS(`#ballot-form button[type=submit]`)),
		chromedp.WaitVisible(chromedp.CSS(`#public-done`)),
	)
	if err != nil {
		t.Fatal(err)
	}
	done := mainText(t, ctx)
	u, _ := chromedp.Run(ctx, chromedp.Location())
	mustContain(t, done, "提交成功", "您的意见建议已提交")
	for _, leak := range []string{codes[0], canary, "李红梅"} {
		if strings.Contains(done, leak) || strings.Contains(u, leak) {
			t.Errorf("the confirmation (%s) echoes %q", u, leak)
		}
	}
	screenshot(t, ctx, "before-public-done")

	// Two more codes, the second as the QR code opens it; they write for
	// 张伟 too, which 李红梅 must not see.
	for i, code := range codes[1:3] {
		steps := []chromedp.Action[chromedp.Void]{chromedp.Navigate(base + "/o?code=" + code)}
		if i == 0 {
			steps = []chromedp.Action[chromedp.Void]{
				chromedp.Navigate(base + "/o"),
				chromedp.WaitVisible(chromedp.CSS(`#code-form input[name=code]`)),
				chromedp.SendKeys(chromedp.CSS(`#code-form input[name=code]`), code),
				chromedp.Click(chromedp.CSS(`#code-form button[type=submit]`)),
			}
		}
		steps = append(steps,
			chromedp.WaitVisible(chromedp.CSS(`#ballot-form`)),
			chromedp.SendKeys(chromedp.CSS(`textarea[name=text_0]`), "班子调查研究要多听基层意见（第"+strconv.Itoa(i+2)+"份）"),
			chromedp.SendKeys(forLi, "希望李红梅同志加强分管科室的日常督导（第"+strconv.Itoa(i+2)+"份）"),
			chromedp.SendKeys(chromedp.Search(`//fieldset[contains(legend, "张伟")]/textarea`), forZhang+"（第"+strconv.Itoa(i+2)+"份）"),
			chromedp.Click(chromedp.CSS(`#ballot-form button[type=submit]`)),
			chromedp.WaitVisible(chromedp.CSS(`#public-done`)),
		)
		if err := chromedp.Do(ctx, steps...); err != nil {
			t.Fatalf("submission with code %d: %v", i+2, err)
		}
	}

	used := refusal(t, ctx, base, codes[0])
	screenshot(t, ctx, "before-public-used")
	unknown := refusal(t, ctx, base, "ZZZZ-ZZZZ-ZZZZ")
	if used == "" || used != unknown {
		t.Errorf("a used code gets %q, an unknown one %q; want the same refusal", used, unknown)
	}
}

// forZhang begins the opinions aimed at 张伟 only.
const forZhang = "张伟同志对分管科室要求不够严格"

// refusal enters a code on the public page and returns the error it shows.
func refusal(t *testing.T, ctx context.Context, base, code string) string {
	t.Helper()
	err := chromedp.Do(ctx,
		chromedp.Navigate(base+"/o"),
		chromedp.WaitVisible(chromedp.CSS(`#code-form input[name=code]`)),
		chromedp.SendKeys(chromedp.CSS(`#code-form input[name=code]`), code),
		chromedp.Click(chromedp.CSS(`#code-form button[type=submit]`)),
		chromedp.WaitVisible(chromedp.CSS(`#public-error`)),
	)
	if err != nil {
		t.Fatalf("code %s: %v", code, err)
	}
	msg, err := chromedp.Run(ctx, chromedp.Text(chromedp.CSS(`#public-error`)))
	if err != nil {
		t.Fatal(err)
	}
	if n, _ := chromedp.Run(ctx, chromedp.Evaluate[int](`document.querySelectorAll('#ballot-form').length`)); n != 0 {
		t.Errorf("code %s still opens the opinion form", code)
	}
	return strings.TrimSpace(msg)
}

// noSideways fails when the page scrolls horizontally on the phone's width.
func noSideways(t *testing.T, ctx context.Context, page string) {
	t.Helper()
	over, err := chromedp.Run(ctx, chromedp.Evaluate[int](`document.documentElement.scrollWidth - document.documentElement.clientWidth`))
	if err != nil || over > 0 {
		t.Errorf("the %s page scrolls sideways by %d px on a 375 px phone (%v)", page, over, err)
	}
}

// writeOwnProblem opens the participant's own statement, adds a problem under
// the first aspect and saves; it returns the statement's URL, the problem and
// the new item's key (e.g. p1-s0-i0: a statement may open with last year's
// rectification before its problems).
func writeOwnProblem(t *testing.T, ctx context.Context, meetingURL string) (string, string, string) {
	t.Helper()
	problem := "深入基层调研不够。"
	err := chromedp.Do(ctx,
		chromedp.Navigate(meetingURL+"/statements"),
		chromedp.WaitVisible(chromedp.CSS(`table.statements`)),
		chromedp.Click(chromedp.Search(`//tr[contains(., "李红梅")]//a[contains(., "编辑")]`)),
		chromedp.WaitVisible(chromedp.CSS(`form.statement-editor`)),
	)
	if err != nil {
		t.Fatal(err)
	}
	// The first aspect is the first section of the first part with sections.
	add, err := chromedp.Run(ctx, chromedp.Evaluate[string](`document.querySelector('button[value^="add-item:"][value$="-s0"]').value`))
	if err != nil {
		t.Fatal(err)
	}
	key := strings.TrimPrefix(add, "add-item:") + "-i0"
	err = chromedp.Do(ctx,
		chromedp.Click(chromedp.CSS(`button[value="`+add+`"]`)),
		chromedp.WaitVisible(chromedp.CSS(`input[name="`+key+`-heading"]`)),
	)
	if err != nil {
		t.Fatal(err)
	}
	// Adding the item saved already and left a flash: wait for the next one.
	added, err := chromedp.Run(ctx, chromedp.Text(chromedp.CSS(`p.flash`)))
	if err != nil {
		t.Fatal(err)
	}
	err = chromedp.Do(ctx,
		chromedp.SendKeys(chromedp.CSS(`input[name="`+key+`-heading"]`), problem),
		chromedp.SendKeys(chromedp.CSS(`textarea[name="`+key+`-body"]`), "到分管科室和基层站所调研次数偏少，了解情况不够深入。"),
		chromedp.Click(chromedp.CSS(`button[value="save"]`)),
		chromedp.WaitVisible(chromedp.Search(`//p[contains(@class, "flash")][not(contains(., "`+strings.TrimSpace(added)+`"))]`)),
	)
	if err != nil {
		t.Fatal(err)
	}
	saved, err := chromedp.Run(ctx, chromedp.Value(chromedp.CSS(`input[name="`+key+`-heading"]`)))
	if err != nil || saved != problem {
		t.Fatalf("saved problem = %q, %v; want %q", saved, err, problem)
	}
	u, err := chromedp.Run(ctx, chromedp.Location())
	u, _, _ = strings.Cut(u, "#")
	if err != nil || !regexp.MustCompile(`/statements/\d+$`).MatchString(u) {
		t.Fatalf("statement URL = %q, %v", u, err)
	}
	return u, problem, key
}

// linkFeedback reads the released feedback, finds the canary verbatim and
// links it to the problem (对号入座).
func linkFeedback(t *testing.T, ctx context.Context, meetingURL, canary, problem string) {
	t.Helper()
	article := `//article[contains(@class, "opinion")][p[contains(@class, "opinion-text")][contains(., "金丝雀0517")]]`
	err := chromedp.Do(ctx,
		chromedp.Navigate(meetingURL+"/feedback"),
		chromedp.WaitVisible(chromedp.CSS(`main h1`)),
	)
	if err != nil {
		t.Fatal(err)
	}
	if n, _ := chromedp.Run(ctx, chromedp.Evaluate[int](`document.querySelectorAll('#no-feedback').length`)); n != 0 {
		t.Fatalf("李红梅 sees no feedback after release: %s", mainText(t, ctx))
	}
	if strings.Contains(mainText(t, ctx), forZhang) {
		t.Error("李红梅's feedback shows an opinion aimed at 张伟")
	}
	got, err := chromedp.Run(ctx, chromedp.Text(chromedp.Search(article+`/p[contains(@class, "opinion-text")]`)))
	if err != nil {
		t.Fatalf("the canary opinion is not on 李红梅's feedback page: %v", err)
	}
	if strings.TrimSpace(got) != canary {
		t.Errorf("feedback shows %q, want verbatim %q", got, canary)
	}
	option, err := chromedp.Run(ctx, chromedp.AttributeValue(chromedp.Search(article+`//select[@name="item"]/option[contains(., "`+strings.TrimSuffix(problem, "。")+`")]`), "value"))
	if err != nil || !option.Exists {
		t.Fatalf("the link form offers no option for %q: %v", problem, err)
	}
	err = chromedp.Do(ctx,
		chromedp.SetValue(chromedp.Search(article+`//select[@name="item"]`), option.Value),
		chromedp.Click(chromedp.Search(article+`//button[contains(., "对号入座")]`)),
		chromedp.WaitVisible(chromedp.CSS(`p.flash`)),
	)
	if err != nil {
		t.Fatal(err)
	}
	mustContain(t, mainText(t, ctx), "已将该意见对应到")
	linked, err := chromedp.Run(ctx, chromedp.Text(chromedp.Search(article+`/p[contains(@class, "linked")]`)))
	if err != nil || !strings.Contains(linked, "已对应") || !strings.Contains(linked, strings.TrimSuffix(problem, "。")) {
		t.Errorf("after 对号入座 the opinion shows %q, %v", linked, err)
	}
	screenshot(t, ctx, "before-feedback-linked")
}

// recordTalk records a talk between 王建国 and 李红梅 and checks the matrix.
func recordTalk(t *testing.T, ctx context.Context, meetingURL string) {
	t.Helper()
	err := chromedp.Do(ctx,
		chromedp.Navigate(meetingURL+"/talks"),
		chromedp.WaitVisible(chromedp.CSS(`table.talk-matrix`)),
	)
	if err != nil {
		t.Fatal(err)
	}
	wang := optionValue(t, ctx, "a", "王建国")
	li := optionValue(t, ctx, "a", "李红梅")
	cell, back := "td#pair-"+wang+"-"+li, "td#pair-"+li+"-"+wang
	missingBefore := missingPairs(t, ctx)
	for _, sel := range []string{cell, back} {
		if class := cellClass(t, ctx, sel); class != "pair missing" {
			t.Errorf("%s before the talk has class %q, want pair missing", sel, class)
		}
	}
	record := `section#record form`
	err = chromedp.Do(ctx,
		chromedp.SetValue(chromedp.CSS(record+` select[name=a]`), wang),
		chromedp.SetValue(chromedp.CSS(record+` select[name=b]`), li),
		chromedp.SendKeys(chromedp.CSS(record+` textarea[name=topics]`), "交流分管工作和党史学习教育体会"),
		chromedp.Click(chromedp.CSS(record+` button[type=submit]`)),
		chromedp.WaitVisible(chromedp.CSS(`p.flash`)),
	)
	if err != nil {
		t.Fatal(err)
	}
	mustContain(t, mainText(t, ctx), "已登记", "谈心谈话")
	for _, sel := range []string{cell, back} {
		if class := cellClass(t, ctx, sel); class != "pair done" {
			t.Errorf("%s after the talk has class %q, want pair done", sel, class)
		}
	}
	if after := missingPairs(t, ctx); after != missingBefore-1 {
		t.Errorf("missing pairs %d after the talk, want %d", after, missingBefore-1)
	}
	times, err := chromedp.Run(ctx, chromedp.Text(chromedp.CSS(`#person-times-`+li)))
	if err != nil || !strings.Contains(times, "谈话1人次") {
		t.Errorf("李红梅's row says %q, %v; want 谈话1人次", times, err)
	}
	screenshot(t, ctx, "before-talk-matrix")
}

func cellClass(t *testing.T, ctx context.Context, sel string) string {
	t.Helper()
	res, err := chromedp.Run(ctx, chromedp.AttributeValue(chromedp.CSS(sel), "class"))
	if err != nil || !res.Exists {
		t.Fatalf("no matrix cell %s: %v", sel, err)
	}
	return res.Value
}

// missingPairs reads "N 对必谈尚未谈话".
func missingPairs(t *testing.T, ctx context.Context) int {
	t.Helper()
	text, err := chromedp.Run(ctx, chromedp.Text(chromedp.CSS(`#talks-missing`)))
	if err != nil {
		t.Fatal(err)
	}
	n, err := strconv.Atoi(strings.TrimSpace(strings.TrimSuffix(strings.TrimSpace(text), "对必谈尚未谈话")))
	if err != nil {
		t.Fatalf("missing count %q: %v", text, err)
	}
	return n
}

// recordCount reads a preface number in the editor, which must be counted from records.
func recordCount(t *testing.T, ctx context.Context, label string) int {
	t.Helper()
	field := `//div[contains(@class, "counts")]/label[contains(., "` + label + `")]`
	text, err := chromedp.Run(ctx, chromedp.Text(chromedp.Search(field)))
	if err != nil {
		t.Fatalf("editor has no count %s: %v", label, err)
	}
	if !strings.Contains(text, "由记录统计") || strings.Contains(text, "手工填写") {
		t.Errorf("count %s reads %q, want 由记录统计", label, text)
	}
	value, err := chromedp.Run(ctx, chromedp.Text(chromedp.Search(field+`/output`)))
	if err != nil {
		t.Fatalf("count %s has no number: %v", label, err)
	}
	n, err := strconv.Atoi(strings.TrimSpace(value))
	if err != nil {
		t.Fatalf("count %s = %q", label, value)
	}
	return n
}
