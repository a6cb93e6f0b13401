package jingzi

import (
	"strings"
	"time"
	"unicode/utf8"
)

// Anchor 批注位置 places a comment on a statement: a part, optionally one of
// its sections and an item, and optionally a character range of the item's
// text (heading then body, counted in characters). -1 means "not narrowed".
type Anchor struct {
	Part    int
	Section int // -1 when the item belongs to the part directly or no item is named
	Item    int // -1 for the whole part or section
	Start   int // character range of Item.Text(); Start == End means the whole item
	End     int
}

// Label names the place in Chinese, e.g. 第1部分第2节第3条.
func (a Anchor) Label() string {
	if a.Part < 0 {
		return "全文"
	}
	s := "第" + itoa(a.Part+1) + "部分"
	if a.Section >= 0 {
		s += "第" + itoa(a.Section+1) + "节"
	}
	if a.Item >= 0 {
		s += "第" + itoa(a.Item+1) + "条"
	}
	if a.End > a.Start {
		s += "（第" + itoa(a.Start+1) + "至" + itoa(a.End) + "字）"
	}
	return s
}

// Quote returns the text the anchor points at in the statement, or "" when the
// statement no longer has it.
func (a Anchor) Quote(s *Statement) string {
	if a.Part < 0 || a.Part >= len(s.Parts) || a.Item < 0 {
		return ""
	}
	p := s.Parts[a.Part]
	items := p.Items
	if a.Section >= 0 {
		if a.Section >= len(p.Sections) {
			return ""
		}
		items = p.Sections[a.Section].Items
	}
	if a.Item >= len(items) {
		return ""
	}
	text := []rune(items[a.Item].Text())
	if a.End > a.Start && a.End <= len(text) {
		return string(text[a.Start:a.End])
	}
	return string(text)
}

// Comment 批注 is a remark on a statement, anchored to a place, threaded by
// ParentID, open until resolved.
type Comment struct {
	ID          int64
	StatementID int64
	ParentID    int64 // 0 for a thread's first comment
	Anchor      Anchor
	Body        string
	Version     int // the statement version commented on
	AuthorID    int64
	AuthorName  string
	Resolved    bool
	CreatedAt   time.Time
}

// Validate returns EINVALID when the comment cannot be stored.
func (c *Comment) Validate() error {
	c.Body = strings.TrimSpace(c.Body)
	a := c.Anchor
	switch {
	case c.Body == "":
		return Errorf(EINVALID, "请填写批注内容。")
	case utf8.RuneCountInString(c.Body) > 5000:
		return Errorf(EINVALID, "批注不能超过5000个字。")
	case a.Part < -1 || a.Section < -1 || a.Item < -1 || a.Start < 0 || a.End < a.Start:
		return Errorf(EINVALID, "批注位置不正确。")
	}
	return nil
}

// Threads groups comments into threads: each first comment followed by its replies, in order.
func Threads(list []*Comment) [][]*Comment {
	idx := map[int64]int{}
	var out [][]*Comment
	for _, c := range list {
		if i, ok := idx[c.ParentID]; ok && c.ParentID != 0 {
			out[i] = append(out[i], c)
			idx[c.ID] = i
			continue
		}
		idx[c.ID] = len(out)
		out = append(out, []*Comment{c})
	}
	return out
}
