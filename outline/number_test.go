package outline_test

import (
	"reflect"
	"testing"

	"jingzi"
	"jingzi/outline"
)

// wordParagraphs is what the .docx reader gives for a statement whose labels come
// from Word list numbering (Number, not in Text) and whose items have bold leads.
var wordParagraphs = []jingzi.Paragraph{
	{Text: "赵某某2024年度民主生活会对照检查材料", Bold: true},
	{Text: "会前开展谈心谈话20人次，征求意见建议15条。"},
	{Text: "存在问题及表现", Number: "一、", OutlineLevel: 1},
	{Text: "在带头严守政治纪律和政治规矩，维护党的团结统一方面", Number: "（一）", OutlineLevel: 2},
	{Text: "落实请示报告制度不够严格。个别事项报告不及时。", Number: "1.", BoldLead: "落实请示报告制度不够严格。"},
	{Text: "民主集中制执行有偏差", Number: "2.", BoldLead: "民主集中制执行有偏差"},
	{Text: "个别议题会前沟通不充分。"},
	{Text: "在带头增强党性、严守纪律、砥砺作风方面", Number: "（二）", OutlineLevel: 2},
	{Text: "调查研究不深入。调研次数偏少。", Number: "1."},
	{Text: "原因剖析", Number: "二、", OutlineLevel: 1},
	{Text: "理想信念有所松懈。", Number: "（一）"},
	{Text: "努力方向和整改措施", Number: "三、", OutlineLevel: 1},
	{Text: "强化政治建设。每季度开展专题学习不少于1次。", Number: "（一）"},
	{Text: "细化落实举措：", Number: "1)"},
	{Text: "按月调度进展。", Number: "•"},
}

func TestWordNumbering(t *testing.T) {
	fw, err := jingzi.BuiltinFramework("2024")
	if err != nil {
		t.Fatal(err)
	}
	s, rep, err := outline.Parse(wordParagraphs, fw)
	if err != nil {
		t.Fatal(err)
	}
	if got, want := shape(s), "problems[2@0 1@1] causes(1) measures(1)"; got != want {
		t.Errorf("shape %s, want %s", got, want)
	}
	items := s.Parts[0].Sections[0].Items
	if items[1].Heading != "民主集中制执行有偏差" || items[1].Body != "个别议题会前沟通不充分。" {
		t.Errorf("bold-lead item = %q / %q", items[1].Heading, items[1].Body)
	}
	if m := s.Parts[2].Items[0]; len(m.Targets) != 1 || *m.Targets[0].Quantity != 1 || m.Targets[0].Period != "每季度" {
		t.Errorf("measure targets = %+v", m.Targets)
	}
	if want := "强化政治建设。"; s.Parts[2].Items[0].Heading != want {
		t.Errorf("measure heading %q, want %q", s.Parts[2].Items[0].Heading, want)
	}
	if body := s.Parts[2].Items[0].Body; body != "每季度开展专题学习不少于1次。\n1)细化落实举措：\n按月调度进展。" {
		t.Errorf("a deeper label must stay in the body with its text, a bullet without its glyph: %q", body)
	}
	if len(rep.Aspects) != 2 || rep.Aspects[1].Wording != fw.Aspects[1].Wording {
		t.Errorf("report aspects = %+v", rep.Aspects)
	}
	again, _, err := outline.Parse(outline.ParagraphsFromText(outline.Text(s.Document())), fw)
	if err != nil || !reflect.DeepEqual(s, again) {
		t.Errorf("round trip through text changed the statement (err %v)", err)
	}
}
