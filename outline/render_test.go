package outline_test

import (
	"fmt"
	"strings"
	"testing"

	"jingzi"
	"jingzi/outline"
)

func TestHTML(t *testing.T) {
	s, _ := parseFile(t, "seed.txt")
	s.Parts[0].Sections[0].Items[0].Body = "学习<script>alert(1)</script>不深。"
	page, err := outline.HTML(s.Document())
	if err != nil {
		t.Fatal(err)
	}
	html := string(page)
	for _, want := range []string{
		`<html lang="zh-CN">`,
		"size: A4;",
		"margin: 37mm 26mm 35mm 28mm;",
		`"仿宋_GB2312", "FangSong_GB2312", "仿宋", "FangSong"`,
		"text-indent: 2em;",
		"text-align: center;",
		`<h1 class="title">民政局党委书记2021年专题民主生活会对照检查材料（五个带头）</h1>`,
		`<p class="h1">一、存在问题及表现</p>`,
		`<p class="body"><span class="h3">一是理论学习不系统。</span>学习&lt;script&gt;`,
	} {
		if !strings.Contains(html, want) {
			t.Errorf("print view lacks %q", want)
		}
	}
	if strings.Contains(html, "<script>") || strings.Contains(html, "http") {
		t.Error("print view must not run scripts or load anything")
	}
	if strings.Contains(html, "{{talks}}") || !strings.Contains(html, "谈心谈话XX人次") {
		t.Error("preface tokens must be rendered as numbers or XX")
	}
}

func TestMarkdown(t *testing.T) {
	d := &jingzi.Document{Title: "标题", Blocks: []jingzi.Block{
		{Kind: jingzi.BlockTitle, Text: "标题"},
		{Kind: jingzi.BlockHeading1, Text: "一、存在问题及表现"},
		{Kind: jingzi.BlockBody, Lead: "一是学习不够", LeadKind: jingzi.BlockHeading3, Text: "正文。"},
		{Kind: jingzi.BlockBody, Text: "# 不是标题"},
	}}
	want := "# 标题\n\n**一、存在问题及表现**\n\n一是学习不够\n\n正文。\n\n\\# 不是标题\n\n"
	if got := outline.Markdown(d); got != want {
		t.Errorf("Markdown =\n%q\nwant\n%q", got, want)
	}
	paras := outline.ParagraphsFromMarkdown(want)
	if len(paras) != 5 || paras[1].Text != "一、存在问题及表现" || !paras[1].Bold || paras[4].Text != "# 不是标题" {
		t.Errorf("Markdown read back as %+v", paras)
	}
}

func TestParagraphsFromMarkdown(t *testing.T) {
	md := "## 一、存在问题\n\n> **一是学习不深。**平时学得少。\n\n- 要点一\n\n---\n\n__原因剖析__\n"
	got := outline.ParagraphsFromMarkdown(md)
	want := []jingzi.Paragraph{
		{Text: "一、存在问题", OutlineLevel: 2},
		{Text: "一是学习不深。平时学得少。", BoldLead: "一是学习不深。"},
		{Text: "要点一", Number: "•"},
		{Text: "原因剖析", Bold: true},
	}
	if len(got) != len(want) {
		t.Fatalf("got %+v", got)
	}
	for i := range want {
		if got[i] != want[i] {
			t.Errorf("paragraph %d = %+v, want %+v", i, got[i], want[i])
		}
	}
}

func TestParseWarnings(t *testing.T) {
	all, err := jingzi.BuiltinFrameworks()
	if err != nil {
		t.Fatal(err)
	}
	cases := []struct {
		name, text, warning string
	}{
		{"unmapped section", "某某2021年度民主生活会对照检查材料\n一、存在问题\n（一）在食堂管理方面\n一是菜价偏高。\n",
			"第（一）部分未能对应检视方面：“在食堂管理方面”。"},
		{"no structure", "某某2021年度民主生活会对照检查材料\n这是一段没有层次的文字。\n",
			"未能识别材料的层次结构：没有找到“一、存在问题”等部分标题。"},
		{"unknown year", "某某2019年度民主生活会对照检查材料\n一、存在问题\n一是学习不深。\n",
			fmt.Sprintf("没有2019年度的内置检视框架，按%d年度检视框架识别。", all[0].Year)},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			_, rep, err := outline.Parse(outline.ParagraphsFromText(c.text), nil)
			if err != nil {
				t.Fatal(err)
			}
			if !strings.Contains(strings.Join(rep.Warnings, "\n"), c.warning) {
				t.Errorf("warnings %q lack %q", rep.Warnings, c.warning)
			}
		})
	}
	if _, _, err := outline.Parse(nil, nil); jingzi.ErrorCode(err) != jingzi.EINVALID {
		t.Errorf("Parse of no paragraphs: %v, want EINVALID", err)
	}
}
