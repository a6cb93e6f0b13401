package jingzi_test

import (
	"testing"

	"jingzi"
)

func TestAnchorLabelAndQuote(t *testing.T) {
	s := &jingzi.Statement{Parts: []*jingzi.Part{
		{Kind: jingzi.PartProblems, Sections: []*jingzi.Section{{Items: []*jingzi.Item{{Heading: "理论学习不够深入。", Body: "比如学习不系统。"}}}}},
		{Kind: jingzi.PartCauses, Items: []*jingzi.Item{{Heading: "宗旨意识淡化。"}}},
	}}
	for _, c := range []struct {
		a            jingzi.Anchor
		label, quote string
	}{
		{jingzi.Anchor{Part: -1, Section: -1, Item: -1}, "全文", ""},
		{jingzi.Anchor{Part: 0, Section: -1, Item: -1}, "第1部分", ""},
		{jingzi.Anchor{Part: 0, Section: 0, Item: 0}, "第1部分第1节第1条", "理论学习不够深入。比如学习不系统。"},
		{jingzi.Anchor{Part: 0, Section: 0, Item: 0, Start: 2, End: 4}, "第1部分第1节第1条（第3至4字）", "学习"},
		{jingzi.Anchor{Part: 1, Section: -1, Item: 0}, "第2部分第1条", "宗旨意识淡化。"},
		{jingzi.Anchor{Part: 1, Section: -1, Item: 5}, "第2部分第6条", ""},
		{jingzi.Anchor{Part: 0, Section: 3, Item: 0}, "第1部分第4节第1条", ""},
	} {
		if got := c.a.Label(); got != c.label {
			t.Errorf("%+v label %q, want %q", c.a, got, c.label)
		}
		if got := c.a.Quote(s); got != c.quote {
			t.Errorf("%+v quote %q, want %q", c.a, got, c.quote)
		}
	}
}

func TestStatementStateEditable(t *testing.T) {
	for _, c := range []struct {
		s    jingzi.StatementState
		want bool
	}{{"", true}, {jingzi.StateDraft, true}, {jingzi.StateReturned, true}, {jingzi.StateSubmitted, false}, {jingzi.StateApproved, false}, {jingzi.StateFinal, false}} {
		if got := c.s.Editable(); got != c.want {
			t.Errorf("%s editable = %v, want %v", c.s.Label(), got, c.want)
		}
	}
}

func TestValidateReasonsAndLastReturned(t *testing.T) {
	if err := jingzi.ValidateReasons(jingzi.ReviewReturn, " "); jingzi.ErrorCode(err) != jingzi.EINVALID {
		t.Errorf("return without reasons: %v", err)
	}
	if err := jingzi.ValidateReasons(jingzi.ReviewApprove, ""); err != nil {
		t.Errorf("approve without reasons: %v", err)
	}
	chain := []*jingzi.Review{{Action: jingzi.ReviewSubmit, Version: 1}, {Action: jingzi.ReviewReturn, Version: 1}, {Action: jingzi.ReviewSubmit, Version: 3}}
	if got := jingzi.LastReturned(chain); got != 1 {
		t.Errorf("last returned %d, want 1", got)
	}
	if got := jingzi.LastReturned(chain[:1]); got != 0 {
		t.Errorf("never returned: %d", got)
	}
}
