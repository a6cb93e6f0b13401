package jingzi_test

import (
	"strings"
	"testing"

	"jingzi"
)

func TestDiffText(t *testing.T) {
	tests := []struct {
		a, b string
		want string // ops rendered as [-old][+new]
	}{
		{"理论学习不系统", "理论学习不系统", "理论学习不系统"},
		{"全年深入基层企业宣讲调研不少于XX家", "全年深入基层企业宣讲调研不少于20家", "全年深入基层企业宣讲调研不少于[-XX][+20]家"},
		{"雪中送碳少了", "雪中送炭少了", "雪中送[-碳][+炭]少了"},
		{"", "新增一句。", "[+新增一句。]"},
		{"删去一句。", "", "[-删去一句。]"},
		{"一是学习不够", "一是学习不够深入系统", "一是学习不够[+深入系统]"},
		{"甲乙丙丁", "乙丙丁戊", "[-甲]乙丙丁[+戊]"},
	}
	for _, tt := range tests {
		var b strings.Builder
		for _, op := range jingzi.DiffText(tt.a, tt.b) {
			switch op.Kind {
			case '=':
				b.WriteString(op.Text)
			case '-':
				b.WriteString("[-" + op.Text + "]")
			case '+':
				b.WriteString("[+" + op.Text + "]")
			}
		}
		if b.String() != tt.want {
			t.Errorf("DiffText(%q, %q) = %s, want %s", tt.a, tt.b, b.String(), tt.want)
		}
	}
}

// An edited item shows as one changed block with character marks; an inserted
// item does not mark the items after it as changed.
func TestDiffStatements(t *testing.T) {
	fw, _ := jingzi.BuiltinFramework("2021")
	old := jingzi.NewStatementFromFramework(fw, "对照检查材料")
	sec := old.Parts[0].Sections[0]
	sec.Items = []*jingzi.Item{{Heading: "理论学习不系统。", Body: "有时满足于原文通读了。"}, {Heading: "学思践悟不透彻。", Body: "对标对表还有差距。"}}

	new := jingzi.NewStatementFromFramework(fw, "对照检查材料")
	new.Parts[0].Sections[0].Items = []*jingzi.Item{
		{Heading: "理论学习不系统。", Body: "有时满足于原文通读了、笔记摘抄了。"},
		{Heading: "政治能力不够强。", Body: "新增的问题。"},
		{Heading: "学思践悟不透彻。", Body: "对标对表还有差距。"},
	}
	var changed, added int
	for _, d := range jingzi.DiffStatements(old, new) {
		switch {
		case d.Old != "" && d.New != "" && d.Changed():
			changed++
			if !strings.Contains(d.New, "笔记摘抄了") || len(d.Ops) < 2 {
				t.Errorf("changed block %q has ops %v", d.New, d.Ops)
			}
		case d.Old == "" && d.New != "" && d.Changed():
			added++
			if !strings.Contains(d.New, "政治能力不够强") {
				t.Errorf("added block %q", d.New)
			}
		case d.New == "" && d.Old != "" && d.Changed():
			t.Errorf("removed block %q, want none", d.Old)
		}
	}
	if changed != 1 || added != 1 {
		t.Errorf("changed %d, added %d blocks; want 1 and 1", changed, added)
	}
}

// The skeleton has the year's parts and one section per aspect, and its preface
// renders the unknown counts as XX until they are entered.
func TestNewStatementFromFramework(t *testing.T) {
	fw, _ := jingzi.BuiltinFramework("2024")
	s := jingzi.NewStatementFromFramework(fw, "标题")
	if len(s.Parts) != 4 || s.Parts[1].Kind != jingzi.PartCase || len(s.Parts[0].Sections) != 4 {
		t.Fatalf("skeleton parts: %+v", s.Parts)
	}
	if got := strings.Count(s.RenderPreface(), "XX"); got != 4 {
		t.Errorf("preface has %d XX, want 4 unknown counts", got)
	}
	n := 17
	s.Count(jingzi.CountTalks).Value = &n
	if !strings.Contains(s.RenderPreface(), "谈心谈话17人次") {
		t.Errorf("preface: %s", s.RenderPreface())
	}
}

// Counts nobody entered come from the records; a hand-entered number stays and
// is reported when it disagrees.
func TestApplyRecordCounts(t *testing.T) {
	fw, _ := jingzi.BuiltinFramework("2021")
	s := jingzi.NewStatementFromFramework(fw, "标题")
	twelve := 12
	s.Count(jingzi.CountTalks).Value = &twelve // entered by hand
	rc := jingzi.RecordCounts{jingzi.CountTalks: 14, jingzi.CountStudies: 4}
	s.ApplyRecordCounts(rc)
	if c := s.Count(jingzi.CountStudies); c.Value == nil || *c.Value != 4 || c.Source != jingzi.CountRecords {
		t.Errorf("studies = %+v, want 4 from records", c)
	}
	if c := s.Count(jingzi.CountTalks); *c.Value != 12 || c.Source != jingzi.CountManual {
		t.Errorf("talks = %+v, want the hand-entered 12 kept", c)
	}
	if c := s.Count(jingzi.CountOpinions); c.Value != nil {
		t.Errorf("opinions without records = %v, want unknown", *c.Value)
	}
	if got := s.CountMismatches(rc); len(got) != 1 || got[0] != jingzi.CountTalks {
		t.Errorf("mismatches = %v, want talks", got)
	}
	if !strings.Contains(s.RenderPreface(), "学习研讨4次") {
		t.Errorf("preface: %s", s.RenderPreface())
	}
	// Records that change later replace a number that came from records.
	s.ApplyRecordCounts(jingzi.RecordCounts{jingzi.CountStudies: 5})
	if *s.Count(jingzi.CountStudies).Value != 5 {
		t.Error("a count from records did not follow the records")
	}
}
