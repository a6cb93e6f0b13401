package e2e

import (
	"context"
	"strings"
	"testing"

	"github.com/chromedp/chromedp"
)

const demoPassword = "Jingzi@2021"

// The demo organiser logs in, switches to a branch and back, and opens the
// 2021 meeting with its five aspects and its roster.
func TestOrganizerOpensMeeting(t *testing.T) {
	ctx := newBrowser(t)
	base := serveDemo(t)

	if err := chromedp.Do(ctx, chromedp.Navigate(base+"/login"), chromedp.WaitVisible(chromedp.CSS(`input[name=login]`))); err != nil {
		t.Fatal(err)
	}
	mustContain(t, mainText(t, ctx), "登录", "登录名", "密码")
	screenshot(t, ctx, "login")

	logIn(t, ctx, base, "dangban", demoPassword)
	text := mainText(t, ctx)
	mustContain(t, text, "当前党组织：江城市民政局党委", "孙丽", "市民政局党委2021年度党史学习教育专题民主生活会")

	// The switcher lists the branches under the 党委; switch to one and back.
	err := chromedp.Do(ctx,
		chromedp.SetValue(chromedp.CSS(`select[name=org_id]`), branchOption(t, ctx, "市民政局机关第一党支部")),
		chromedp.Submit(chromedp.CSS(`form.org-switch`)),
		chromedp.WaitVisible(chromedp.CSS(`p.flash`)),
	)
	if err != nil {
		t.Fatal(err)
	}
	mustContain(t, mainText(t, ctx), "当前党组织：市民政局机关第一党支部", "已切换到“市民政局机关第一党支部”")
	err = chromedp.Do(ctx,
		chromedp.SetValue(chromedp.CSS(`select[name=org_id]`), branchOption(t, ctx, "江城市民政局党委")),
		chromedp.Submit(chromedp.CSS(`form.org-switch`)),
		chromedp.WaitVisible(chromedp.CSS(`p.flash`)),
	)
	if err != nil {
		t.Fatal(err)
	}
	mustContain(t, mainText(t, ctx), "当前党组织：江城市民政局党委")

	err = chromedp.Do(ctx,
		chromedp.Click(chromedp.Search(`//a[contains(., "市民政局党委2021年度党史学习教育专题民主生活会")]`)),
		chromedp.WaitVisible(chromedp.CSS(`ol.phase-strip`)),
	)
	if err != nil {
		t.Fatal(err)
	}
	text = mainText(t, ctx)
	mustContain(t, text, "2021年度", "民主生活会", "对照检查", "当前环节",
		"在对照深刻感悟\"两个确立\"方面", "在带头深刻汲取历史中正反两方面经验方面",
		"王建国", "党委书记、局长", "主要负责人", "社会救助科、养老服务科")
	screenshot(t, ctx, "meeting")

	// The phase strip leads to each phase's page in the meeting's context.
	err = chromedp.Do(ctx,
		chromedp.Click(chromedp.CSS(`ol.phase-strip a[href$="/rectify"]`)),
		chromedp.WaitVisible(chromedp.CSS(`main h1`)),
	)
	if err != nil {
		t.Fatal(err)
	}
	text = mainText(t, ctx)
	mustContain(t, text, "整改台账", "新增整改事项")
	if strings.Contains(text, "正在建设中") {
		t.Error("the 整改 phase still says it is being built")
	}
}

// branchOption returns the value of the switcher option with the org's name.
func branchOption(t *testing.T, ctx context.Context, name string) string {
	t.Helper()
	res, err := chromedp.Run(ctx, chromedp.AttributeValue(chromedp.Search(`//select[@name="org_id"]/option[normalize-space(.)="`+name+`"]`), "value"))
	if err != nil || !res.Exists {
		t.Fatalf("switcher has no option %q: %v", name, err)
	}
	return res.Value
}
