package docx_test

import (
	"fmt"
	"strings"
	"testing"
)

// lvl writes a w:lvl definition.
func lvl(ilvl int, format, text string, extra string) string {
	return fmt.Sprintf(`<w:lvl w:ilvl="%d"><w:start w:val="1"/><w:numFmt w:val="%s"/>%s<w:lvlText w:val="%s"/></w:lvl>`, ilvl, format, extra, text)
}

// numbered writes a paragraph in list numID at level ilvl.
func numbered(numID string, ilvl int, text string) string {
	return fmt.Sprintf(`<w:p><w:pPr><w:numPr><w:ilvl w:val="%d"/><w:numId w:val="%s"/></w:numPr></w:pPr><w:r><w:t>%s</w:t></w:r></w:p>`, ilvl, numID, text)
}

// The house numbering 一、 （一） 1. （1） ① as Word stores it in numbering.xml.
var houseList = `<w:abstractNum w:abstractNumId="0">` +
	lvl(0, "chineseCounting", "%1、", "") + lvl(1, "chineseCounting", "（%2）", "") +
	lvl(2, "decimal", "%3.", "") + lvl(3, "decimal", "（%4）", "") + lvl(4, "decimalEnclosedCircle", "%5", "") +
	`</w:abstractNum><w:num w:numId="1"><w:abstractNumId w:val="0"/></w:num>`

func labels(t *testing.T, body, styles, numbering string) string {
	t.Helper()
	var out []string
	for _, p := range readBytes(t, docxWith(t, body, styles, numbering)) {
		out = append(out, p.Number+"|"+p.Text)
	}
	return strings.Join(out, " ")
}

func TestReadListNumbers(t *testing.T) {
	tests := []struct {
		name, body, styles, numbering, want string
	}{
		{"house hierarchy with restarts", numbered("1", 0, "问题") + numbered("1", 1, "甲") + numbered("1", 1, "乙") +
			numbered("1", 2, "子") + numbered("1", 3, "细") + numbered("1", 4, "末") + numbered("1", 0, "原因") + numbered("1", 1, "丙"),
			"", houseList, "一、|问题 （一）|甲 （二）|乙 1.|子 （1）|细 ①|末 二、|原因 （一）|丙"},
		{"ten and beyond", strings.Repeat(numbered("1", 1, "项"), 12), "", houseList,
			"（一）|项 （二）|项 （三）|项 （四）|项 （五）|项 （六）|项 （七）|项 （八）|项 （九）|项 （十）|项 （十一）|项 （十二）|项"},
		{"multi-level label and start value", numbered("5", 0, "甲") + numbered("5", 1, "乙") + numbered("5", 1, "丙"), "",
			`<w:abstractNum w:abstractNumId="3"><w:lvl w:ilvl="0"><w:start w:val="3"/><w:numFmt w:val="decimal"/><w:lvlText w:val="%1."/></w:lvl>` +
				lvl(1, "decimal", "%1.%2", "") + `</w:abstractNum><w:num w:numId="5"><w:abstractNumId w:val="3"/></w:num>`,
			"3.|甲 3.1|乙 3.2|丙"},
		{"startOverride restarts a list sharing the definition", numbered("1", 0, "甲") + numbered("1", 0, "乙") + numbered("2", 0, "丙") + numbered("1", 0, "丁"), "",
			houseList + `<w:num w:numId="2"><w:abstractNumId w:val="0"/><w:lvlOverride w:ilvl="0"><w:startOverride w:val="1"/></w:lvlOverride></w:num>`,
			"一、|甲 二、|乙 一、|丙 二、|丁"},
		{"level override replaces the format", numbered("3", 0, "甲"), "",
			houseList + `<w:num w:numId="3"><w:abstractNumId w:val="0"/><w:lvlOverride w:ilvl="0">` + lvl(0, "ideographTraditional", "%1．", "") + `</w:lvlOverride></w:num>`,
			"甲．|甲"},
		{"lvlRestart 0 never restarts", numbered("7", 0, "A") + numbered("7", 1, "a") + numbered("7", 0, "B") + numbered("7", 1, "b"), "",
			`<w:abstractNum w:abstractNumId="7">` + lvl(0, "upperLetter", "%1)", "") + lvl(1, "lowerRoman", "%2)", `<w:lvlRestart w:val="0"/>`) +
				`</w:abstractNum><w:num w:numId="7"><w:abstractNumId w:val="7"/></w:num>`,
			"A)|A i)|a B)|B ii)|b"},
		{"legal numbering shows Arabic digits", numbered("8", 0, "甲") + numbered("8", 1, "乙"), "",
			`<w:abstractNum w:abstractNumId="8">` + lvl(0, "chineseCounting", "%1、", "") + lvl(1, "decimal", "%1.%2", `<w:isLgl/>`) +
				`</w:abstractNum><w:num w:numId="8"><w:abstractNumId w:val="8"/></w:num>`,
			"一、|甲 1.1|乙"},
		{"bullets and numId 0 have no label", numbered("9", 0, "点") + numbered("0", 0, "无"), "",
			`<w:abstractNum w:abstractNumId="9">` + lvl(0, "bullet", "•", "") + `</w:abstractNum><w:num w:numId="9"><w:abstractNumId w:val="9"/></w:num>`,
			"|点 |无"},
		{"numbering from the paragraph style", `<w:p><w:pPr><w:pStyle w:val="H2"/></w:pPr><w:r><w:t>甲</w:t></w:r></w:p><w:p><w:pPr><w:pStyle w:val="H2"/></w:pPr><w:r><w:t>乙</w:t></w:r></w:p>`,
			`<w:style w:type="paragraph" w:styleId="H2"><w:name w:val="heading 2"/><w:pPr><w:numPr><w:ilvl w:val="1"/><w:numId w:val="1"/></w:numPr></w:pPr></w:style>`,
			houseList, "（一）|甲 （二）|乙"},
		{"unknown list", numbered("42", 0, "甲"), "", houseList, "|甲"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			if got := labels(t, tc.body, tc.styles, tc.numbering); got != tc.want {
				t.Errorf("got  %s\nwant %s", got, tc.want)
			}
		})
	}
}
