package e2e

import (
	"context"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/chromedp"
)

// The 审阅/审核 chain: 李红梅 submits her statement; the head 王建国 returns it
// with a comment anchored to her problem; she sees the comment beside the item,
// fixes the text and resubmits; the head passes it on; the 组织部 reviewer
// opens the diff against the returned version and approves it, and the
// dashboard of the superior shows the change.
func TestReviewFlow(t *testing.T) {
	org := newFlowBrowser(t, 6*time.Minute)
	base := serveDemo(t)
	logIn(t, org, base, "dangban", demoPassword)
	meetingURL := openDemoMeeting(t, org)
	err := chromedp.Do(org,
		chromedp.Navigate(meetingURL+"/statements"),
		chromedp.WaitVisible(chromedp.CSS(`table.statements`)),
		chromedp.Click(chromedp.Search(`//tr[contains(., "李红梅")]//button[contains(., "按框架新建")]`)),
		chromedp.WaitVisible(chromedp.CSS(`#review-state`)),
	)
	if err != nil {
		t.Fatal(err)
	}

	li := newBrowserContext(t, org)
	logIn(t, li, base, "lihongmei", demoPassword)
	statementURL, _, key := writeOwnProblem(t, li, meetingURL)
	reviewAction(t, li, "提交审阅", "")
	mustContain(t, stateText(t, li), "待审阅")

	// The head returns it with a comment on the problem.
	head := newBrowserContext(t, org)
	logIn(t, head, base, "wangjianguo", demoPassword)
	comment := "请写明具体到过哪些基层站所、几次，用数字说话。"
	err = chromedp.Do(head,
		chromedp.Navigate(statementURL),
		chromedp.WaitVisible(chromedp.CSS(`form.comment-new`)),
		chromedp.SetValue(chromedp.CSS(`form.comment-new select[name=anchor]`), key),
		chromedp.SendKeys(chromedp.CSS(`form.comment-new textarea[name=body]`), comment),
		chromedp.Click(chromedp.CSS(`form.comment-new button[type=submit]`)),
		chromedp.WaitVisible(chromedp.CSS(`article.comment-thread`)),
	)
	if err != nil {
		t.Fatal(err)
	}
	reviewAction(t, head, "退回", "问题不够具体，请补充事例和数字。")
	mustContain(t, stateText(t, head), "退回")

	// 李红梅 sees the comment beside her problem, fixes it and resubmits.
	err = chromedp.Do(li,
		chromedp.Navigate(statementURL),
		chromedp.WaitVisible(chromedp.CSS(`form.statement-editor`)),
	)
	if err != nil {
		t.Fatal(err)
	}
	beside, err := chromedp.Run(li, chromedp.Text(chromedp.CSS(`#`+key+` aside.comments-beside`)))
	if err != nil || !strings.Contains(beside, comment) {
		t.Fatalf("comment beside the problem = %q, %v", beside, err)
	}
	screenshot(t, li, "review-returned")
	fix := "比如2021年只到社会救助站调研2次。"
	err = chromedp.Do(li,
		chromedp.SendKeys(chromedp.CSS(`textarea[name="`+key+`-body"]`), fix),
		chromedp.Click(chromedp.CSS(`button[value="save"]`)),
		chromedp.WaitVisible(chromedp.Search(`//p[contains(@class, "flash") and contains(., "已保存")]`)),
	)
	if err != nil {
		t.Fatal(err)
	}
	reviewAction(t, li, "提交审阅", "")

	// The head passes it on to the superior.
	err = chromedp.Do(head, chromedp.Navigate(statementURL), chromedp.WaitVisible(chromedp.CSS(`#review-state`)))
	if err != nil {
		t.Fatal(err)
	}
	reviewAction(t, head, "通过", "")

	// The 组织部 reviewer sees what changed since the return, and approves.
	rev := newBrowserContext(t, org)
	logIn(t, rev, base, "zuzhibu", demoPassword)
	err = chromedp.Do(rev,
		chromedp.Navigate(statementURL),
		chromedp.WaitVisible(chromedp.CSS(`#review-diff a`)),
		chromedp.Click(chromedp.CSS(`#review-diff a`)),
		chromedp.WaitVisible(chromedp.CSS(`main ins`)),
	)
	if err != nil {
		t.Fatal(err)
	}
	ins, err := chromedp.Run(rev, chromedp.Evaluate[string](`Array.from(document.querySelectorAll("main ins")).map(e => e.textContent).join("")`))
	if err != nil || !strings.Contains(ins, "2021年只到社会救助站调研2次") {
		t.Errorf("inserted text in the diff = %q, %v; want the fix %q", ins, err, fix)
	}
	screenshot(t, rev, "review-diff")
	// The dashboard counted the statement as 待审阅 before; it now shows it 已通过.
	row := `//table[@id="supervision"]//tr[contains(., "江城市民政局党委")]`
	err = chromedp.Do(rev, chromedp.Navigate(base+"/supervision"), chromedp.WaitVisible(chromedp.Search(row)))
	if err != nil {
		t.Fatal(err)
	}
	before, err := chromedp.Run(rev, chromedp.Text(chromedp.Search(row)))
	if err != nil {
		t.Fatal(err)
	}
	err = chromedp.Do(rev, chromedp.Navigate(statementURL), chromedp.WaitVisible(chromedp.CSS(`#review-state`)))
	if err != nil {
		t.Fatal(err)
	}
	reviewAction(t, rev, "通过", "")
	mustContain(t, stateText(t, rev), "已通过")
	err = chromedp.Do(rev, chromedp.Navigate(base+"/supervision"), chromedp.WaitVisible(chromedp.Search(row)))
	if err != nil {
		t.Fatal(err)
	}
	after, err := chromedp.Run(rev, chromedp.Text(chromedp.Search(row)))
	if err != nil {
		t.Fatal(err)
	}
	// The row names only the states that occur: none approved before, one after.
	if strings.Contains(before, "已通过") || !strings.Contains(after, "已通过1") {
		t.Errorf("dashboard row before %q, after %q; want 已通过 none → 1", before, after)
	}
	screenshot(t, rev, "review-dashboard")
}

// reviewAction presses a review button on the statement page, with reasons when
// the action needs them, and waits until the next page has loaded (the form
// posts and redirects back to the same address, so a mark left on the old page
// tells them apart).
func reviewAction(t *testing.T, ctx context.Context, label, reasons string) {
	t.Helper()
	form := `//form[contains(@class, "review-action")][.//button[normalize-space(.)="` + label + `"]]`
	steps := []chromedp.Action[chromedp.Void]{
		chromedp.WaitReady(chromedp.CSS(`body`)),
		chromedp.WaitVisible(chromedp.Search(form)),
		chromedp.Func(func(c context.Context, tg *chromedp.Target) error {
			_, err := chromedp.Evaluate[bool](`window.__jzOld = true`)(c, tg)
			return err
		}),
	}
	if reasons != "" {
		steps = append(steps, chromedp.SendKeys(chromedp.Search(form+`//textarea[@name="reasons"]`), reasons))
	}
	steps = append(steps, chromedp.Click(chromedp.Search(form+`//button`)))
	if err := chromedp.Do(ctx, steps...); err != nil {
		t.Fatalf("%s: %v", label, err)
	}
	for deadline := time.Now().Add(30 * time.Second); time.Now().Before(deadline); time.Sleep(100 * time.Millisecond) {
		old, err := chromedp.Run(ctx, chromedp.Evaluate[bool](`window.__jzOld === true`))
		if err == nil && !old {
			if err := chromedp.Do(ctx, chromedp.WaitVisible(chromedp.CSS(`#review-state`))); err != nil {
				t.Fatalf("%s: %v", label, err)
			}
			return
		}
	}
	t.Fatalf("%s: the page did not change", label)
}

func stateText(t *testing.T, ctx context.Context) string {
	t.Helper()
	s, err := chromedp.Run(ctx, chromedp.Text(chromedp.CSS(`#review-state`)))
	if err != nil {
		t.Fatal(err)
	}
	return s
}
