package web

import (
	"fmt"
	"strconv"
	"strings"

	"jingzi"
)

// itemPath addresses a part, a section or an item of a statement as the editor's
// field names do: "p0", "p0-s1", "p0-s1-i2", "p2-i0". -1 is "not given".
type itemPath struct{ part, section, item int }

func (p itemPath) String() string {
	out := fmt.Sprintf("p%d", p.part)
	if p.section >= 0 {
		out += fmt.Sprintf("-s%d", p.section)
	}
	if p.item >= 0 {
		out += fmt.Sprintf("-i%d", p.item)
	}
	return out
}

// parseItemPath reads a key; anything malformed is refused.
func parseItemPath(key string) (itemPath, bool) {
	p := itemPath{-1, -1, -1}
	for n, tok := range strings.Split(key, "-") {
		if len(tok) < 2 || len(tok) > 4 {
			return p, false
		}
		v, err := strconv.Atoi(tok[1:])
		if err != nil || v < 0 {
			return p, false
		}
		switch {
		case n == 0 && tok[0] == 'p':
			p.part = v
		case n == 1 && tok[0] == 's':
			p.section = v
		case n >= 1 && tok[0] == 'i' && p.item < 0:
			p.item = v
		default:
			return p, false
		}
	}
	return p, p.part >= 0
}

// items returns the item list the path's part or section holds, or nil when the
// path does not exist in st.
func (p itemPath) items(st *jingzi.Statement) *[]*jingzi.Item {
	if p.part < 0 || p.part >= len(st.Parts) {
		return nil
	}
	part := st.Parts[p.part]
	if p.section < 0 {
		return &part.Items
	}
	if p.section >= len(part.Sections) {
		return nil
	}
	return &part.Sections[p.section].Items
}

// item returns the addressed item, or nil.
func (p itemPath) find(st *jingzi.Statement) *jingzi.Item {
	list := p.items(st)
	if list == nil || p.item < 0 || p.item >= len(*list) {
		return nil
	}
	return (*list)[p.item]
}

// label names the place for version notes and messages: "第一部分（二）三是".
func (p itemPath) label(st *jingzi.Statement) string {
	out := "第" + jingzi.ChineseNumeral(p.part+1) + "部分"
	if p.part < len(st.Parts) && st.Parts[p.part].Heading != "" {
		out = "“" + st.Parts[p.part].Heading + "”"
	}
	if p.section >= 0 {
		out += "（" + jingzi.ChineseNumeral(p.section+1) + "）"
	}
	if p.item >= 0 {
		out += itemOrdinal(st, p)
	}
	return out
}

// itemOrdinal is the house numbering of an item: 一是, or （一） for causes.
func itemOrdinal(st *jingzi.Statement, p itemPath) string {
	if p.section < 0 && p.part < len(st.Parts) && st.Parts[p.part].Kind == jingzi.PartCauses {
		return "（" + jingzi.ChineseNumeral(p.item+1) + "）"
	}
	return jingzi.ChineseNumeral(p.item+1) + "是"
}

// applyAction carries out the structural button the user pressed ("add-item:p0-s1",
// "remove-item:p0-s1-i2", "up:…", "down:…", "add-section:p0", "remove-section:p0-s3")
// and returns the version note and the anchor to return to.
func applyAction(st *jingzi.Statement, action string) (note, anchor string, err error) {
	verb, key, _ := strings.Cut(action, ":")
	if verb == "" || verb == "save" || verb == "save-item" {
		return "编辑材料", key, nil
	}
	bad := jingzi.Errorf(jingzi.EINVALID, "要操作的条目已不存在，请刷新页面后重新操作。")
	p, ok := parseItemPath(key)
	if !ok {
		return "", "", bad
	}
	switch verb {
	case "add-item":
		list := p.items(st)
		if list == nil || p.item >= 0 {
			return "", "", bad
		}
		*list = append(*list, &jingzi.Item{})
		p.item = len(*list) - 1
		return "新增" + p.label(st), p.String(), nil
	case "remove-item", "up", "down":
		return moveItem(st, p, verb, bad)
	case "add-section":
		if p.part >= len(st.Parts) || p.section >= 0 {
			return "", "", bad
		}
		part := st.Parts[p.part]
		part.Sections = append(part.Sections, &jingzi.Section{AspectIndex: -1})
		p.section = len(part.Sections) - 1
		return "新增" + p.label(st), p.String(), nil
	case "remove-section":
		if p.part >= len(st.Parts) || p.section < 0 || p.section >= len(st.Parts[p.part].Sections) || p.item >= 0 {
			return "", "", bad
		}
		note = "删除" + p.label(st)
		secs := &st.Parts[p.part].Sections
		*secs = append((*secs)[:p.section], (*secs)[p.section+1:]...)
		return note, fmt.Sprintf("p%d", p.part), nil
	}
	return "", "", bad
}

func moveItem(st *jingzi.Statement, p itemPath, verb string, bad error) (string, string, error) {
	list := p.items(st)
	if p.find(st) == nil {
		return "", "", bad
	}
	items, i := *list, p.item
	switch verb {
	case "remove-item":
		note := "删除" + p.label(st)
		*list = append(items[:i], items[i+1:]...)
		p.item = -1
		return note, p.String(), nil
	case "up":
		if i > 0 {
			items[i-1], items[i] = items[i], items[i-1]
			p.item--
		}
	case "down":
		if i+1 < len(items) {
			items[i+1], items[i] = items[i], items[i+1]
			p.item++
		}
	}
	return "调整" + p.label(st) + "的顺序", p.String(), nil
}
