package e2e

import (
	"archive/zip"
	"context"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/cdproto/browser"
	"github.com/chromedp/chromedp"
)

// The organiser opens the 对照检查 phase, creates the team statement from the
// framework's skeleton, writes a problem under the first aspect, imports the
// seed .docx for a member, sees the check's findings beside the text, and
// downloads it as a .docx.
func TestStatementFlow(t *testing.T) {
	ctx := newBrowser(t)
	base := serveDemo(t)
	logIn(t, ctx, base, "dangban", demoPassword)

	err := chromedp.Do(ctx,
		chromedp.Click(chromedp.Search(`//a[contains(., "市民政局党委2021年度党史学习教育专题民主生活会")]`)),
		chromedp.WaitVisible(chromedp.CSS(`ol.phase-strip`)),
		chromedp.Click(chromedp.CSS(`ol.phase-strip a[href$="/statements"]`)),
		chromedp.WaitVisible(chromedp.CSS(`table.statements`)),
	)
	if err != nil {
		t.Fatal(err)
	}
	mustContain(t, mainText(t, ctx), "领导班子对照检查材料", "王建国", "未创建", "导入已有文稿")
	listURL, err := chromedp.Run(ctx, chromedp.Location())
	if err != nil {
		t.Fatal(err)
	}

	// The skeleton: last year's rectification from the team's 2020 ledger,
	// then the year's parts and one section per aspect.
	err = chromedp.Do(ctx,
		chromedp.Click(chromedp.Search(`//tr[contains(., "领导班子对照检查材料")]//button[contains(., "按框架新建")]`)),
		chromedp.WaitVisible(chromedp.CSS(`form.statement-editor`)),
	)
	if err != nil {
		t.Fatal(err)
	}
	for i, want := range []string{"上年度民主生活会整改措施落实情况", "存在问题及表现", "存在问题的原因剖析", "努力方向和整改措施"} {
		got, err := chromedp.Run(ctx, chromedp.Value(chromedp.CSS(fmt.Sprintf(`input[name="p%d-heading"]`, i))))
		if err != nil || got != want {
			t.Errorf("part %d heading = %q, %v; want %q", i, got, err, want)
		}
	}
	mustContain(t, mainText(t, ctx), "在对照深刻感悟", "在带头深刻汲取历史中正反两方面经验方面")
	intro, err := chromedp.Run(ctx, chromedp.Value(chromedp.CSS(`textarea[name="p0-intro"]`)))
	if err != nil || !strings.Contains(intro, "上年度民主生活会查摆的4个问题，已整改完成2个，其余2个正在整改") {
		t.Errorf("last year's rectification = %q, %v; want the 2020 ledger's numbers", intro, err)
	}

	// Write a problem under the first aspect and save.
	heading := "理论学习不系统。"
	body := "平时忙于日常工作多，个人专门自学少。比如2021年只参加集中学习6次。"
	err = chromedp.Do(ctx,
		chromedp.Click(chromedp.CSS(`button[value="add-item:p1-s0"]`)),
		chromedp.WaitVisible(chromedp.CSS(`input[name="p1-s0-i0-heading"]`)),
		chromedp.SendKeys(chromedp.CSS(`input[name="p1-s0-i0-heading"]`), heading),
		chromedp.SendKeys(chromedp.CSS(`textarea[name="p1-s0-i0-body"]`), body),
		chromedp.Click(chromedp.CSS(`button[value="save"]`)),
		// Adding the item saved version 2; wait for the page of version 3.
		chromedp.WaitVisible(chromedp.Search(`//p[contains(@class, "flash") and contains(., "第3版")]`)),
	)

	if err != nil {
		t.Fatal(err)
	}
	value, err := chromedp.Run(ctx, chromedp.Value(chromedp.CSS(`input[name="p1-s0-i0-heading"]`)))
	if err != nil || value != heading {
		t.Fatalf("saved heading = %q, %v", value, err)
	}
	screenshot(t, ctx, "statement-editor")
	err = chromedp.Do(ctx,
		chromedp.Click(chromedp.Search(`//a[contains(., "版本记录")]`)),
		chromedp.WaitVisible(chromedp.CSS(`main table`)),
	)
	if err != nil {
		t.Fatal(err)
	}
	mustContain(t, mainText(t, ctx), "第1版", "第2版")

	// Import the seed .docx for 李红梅: every section maps to its aspect.
	seed, _ := filepath.Abs("../docx/testdata/seed-libreoffice.docx")
	err = chromedp.Do(ctx,
		chromedp.Navigate(listURL),
		chromedp.WaitVisible(chromedp.CSS(`select[name=owner]`)),
	)
	if err != nil {
		t.Fatal(err)
	}
	screenshot(t, ctx, "statement-list")
	err = chromedp.Do(ctx,
		chromedp.SetValue(chromedp.CSS(`select[name=owner]`), optionValue(t, ctx, "owner", "李红梅")),
		chromedp.SetUploadFiles(chromedp.CSS(`input[type=file][name=file]`), []string{seed}),
		chromedp.Click(chromedp.Search(`//button[contains(., "上传并导入")]`)),
		chromedp.WaitVisible(chromedp.Search(`//th[contains(., "识别把握")]`)),
	)
	if err != nil {
		t.Fatal(err)
	}
	text := mainText(t, ctx)
	mustContain(t, text, "在对照深刻感悟", "在带头深刻汲取历史中正反两方面经验方面")
	if n := strings.Count(text, "把握较大"); n != 5 {
		t.Errorf("%d sections mapped with confidence, want 5", n)
	}
	screenshot(t, ctx, "statement-import")

	// Download the imported statement as GB/T 9704 .docx.
	dir := t.TempDir()
	if _, err := chromedp.CallBrowser(ctx, browser.SetDownloadBehavior, browser.SetDownloadBehaviorParams{
		Behavior: browser.SetDownloadBehaviorBehaviorAllow, DownloadPath: dir}); err != nil {
		t.Fatal(err)
	}
	err = chromedp.Do(ctx,
		chromedp.Navigate(listURL),
		chromedp.WaitVisible(chromedp.CSS(`table.statements`)),
		chromedp.Click(chromedp.Search(`//tr[contains(., "李红梅")]//a[contains(., "查看")]`)),
		chromedp.WaitVisible(chromedp.Search(`//a[contains(., "下载 Word 文档")]`)),
	)
	if err != nil {
		t.Fatal(err)
	}
	// 材料质量检查: the grade on top, and the measure's XX reported beside it.
	grade, err := chromedp.Run(ctx, chromedp.Text(chromedp.CSS(`#check-grade`)))
	if err != nil || !strings.Contains(grade, "不达标") {
		t.Errorf("grade = %q, %v; want 不达标", grade, err)
	}
	beside, err := chromedp.Run(ctx, chromedp.Text(chromedp.CSS(`#p2-i0 ul.findings`)))
	if err != nil || !strings.Contains(beside, "XX") {
		t.Errorf("findings beside the first measure = %q, %v", beside, err)
	}
	screenshot(t, ctx, "statement-findings")
	if err := chromedp.Do(ctx, chromedp.Click(chromedp.Search(`//a[contains(., "下载 Word 文档")]`))); err != nil {
		t.Fatal(err)
	}
	docx := waitForDownload(t, dir, ".docx")
	xml := readZipEntry(t, docx, "word/document.xml")
	for _, want := range []string{"理论学习不系统", "仿宋_GB2312", "存在问题及表现"} {
		if !strings.Contains(xml, want) {
			t.Errorf("downloaded %s lacks %q", filepath.Base(docx), want)
		}
	}
}

// optionValue returns the value of the option of a select whose label contains text.
func optionValue(t *testing.T, ctx context.Context, name, text string) string {
	t.Helper()
	res, err := chromedp.Run(ctx, chromedp.AttributeValue(chromedp.Search(`//select[@name="`+name+`"]/option[contains(., "`+text+`")]`), "value"))
	if err != nil || !res.Exists {
		t.Fatalf("select %s has no option %q: %v", name, text, err)
	}
	return res.Value
}

// waitForDownload waits for a finished file with the extension in dir.
func waitForDownload(t *testing.T, dir, ext string) string {
	t.Helper()
	deadline := time.Now().Add(30 * time.Second)
	for time.Now().Before(deadline) {
		matches, _ := filepath.Glob(filepath.Join(dir, "*"+ext))
		if len(matches) == 1 {
			if st, err := os.Stat(matches[0]); err == nil && st.Size() > 0 {
				return matches[0]
			}
		}
		time.Sleep(100 * time.Millisecond)
	}
	entries, _ := os.ReadDir(dir)
	t.Fatalf("no %s downloaded into %s (found %v)", ext, dir, entries)
	return ""
}

func readZipEntry(t *testing.T, path, name string) string {
	t.Helper()
	zr, err := zip.OpenReader(path)
	if err != nil {
		t.Fatalf("%s is not a .docx: %v", path, err)
	}
	defer zr.Close()
	for _, f := range zr.File {
		if f.Name == name {
			rc, _ := f.Open()
			defer rc.Close()
			data, _ := io.ReadAll(rc)
			return string(data)
		}
	}
	t.Fatalf("%s has no %s", path, name)
	return ""
}
