package docx

// The fixed parts of every .docx jingzi writes. Sizes follow GB/T 9704-2012
// (see DESIGN.md): twips are 1/20 pt, w:sz half-points.
//
//	A4 11906 × 16838 twips; margins top 37 mm = 2098, bottom 35 mm = 1984,
//	left 28 mm = 1587, right 26 mm = 1474.
//	Body 仿宋_GB2312 三号 16 pt (w:sz 32), exact line spacing 28.95 pt (w:line 579)
//	→ 22 lines in the 225 mm text block (document grid of lines, pitch 579).
//	28 characters a line need 156 mm / 28 = 15.79 pt per character: the default
//	character spacing is condensed by 0.25 pt (w:spacing -5). A linesAndChars
//	grid with charSpace would do the same in Word, but LibreOffice lays such a
//	grid out with square cells (16 characters a line), so it is not used.
//	Title 方正小标宋简体 二号 22 pt (w:sz 44); headings 黑体 / 楷体_GB2312 / 仿宋_GB2312 三号.
//	Page numbers 宋体 四号 14 pt (w:sz 28), "— 1 —", odd pages right and even pages
//	left, each one character (280 twips) from the edge of the text block.
//
// Fonts are named (w:eastAsia for Chinese, Times New Roman for Latin), never
// embedded: they are commercial.

const (
	nsDecl = `xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main" ` +
		`xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"`
	xmlHeader = `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>` + "\n"

	fontFangSong = "仿宋_GB2312"
	fontHei      = "黑体"
	fontKai      = "楷体_GB2312"
	fontTitle    = "方正小标宋简体"
	fontSong     = "宋体"
	fontLatin    = "Times New Roman"
)

// rFonts names a Chinese font for East Asian text and Times New Roman for Latin.
func rFonts(eastAsia string) string {
	return `<w:rFonts w:ascii="` + fontLatin + `" w:hAnsi="` + fontLatin + `" w:eastAsia="` + eastAsia + `" w:cs="` + fontLatin + `"/>`
}

const contentTypesXML = xmlHeader +
	`<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">` +
	`<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>` +
	`<Default Extension="xml" ContentType="application/xml"/>` +
	`<Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/>` +
	`<Override PartName="/word/styles.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.styles+xml"/>` +
	`<Override PartName="/word/settings.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.settings+xml"/>` +
	`<Override PartName="/word/footer1.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.footer+xml"/>` +
	`<Override PartName="/word/footer2.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.footer+xml"/>` +
	`<Override PartName="/docProps/core.xml" ContentType="application/vnd.openxmlformats-package.core-properties+xml"/>` +
	`<Override PartName="/docProps/app.xml" ContentType="application/vnd.openxmlformats-officedocument.extended-properties+xml"/>` +
	`</Types>`

const packageRelsXML = xmlHeader +
	`<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">` +
	`<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="word/document.xml"/>` +
	`<Relationship Id="rId2" Type="http://schemas.openxmlformats.org/package/2006/relationships/metadata/core-properties" Target="docProps/core.xml"/>` +
	`<Relationship Id="rId3" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/extended-properties" Target="docProps/app.xml"/>` +
	`</Relationships>`

// The odd-page footer is the default one (rId3), the even-page footer rId4.
const documentRelsXML = xmlHeader +
	`<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">` +
	`<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/styles" Target="styles.xml"/>` +
	`<Relationship Id="rId2" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/settings" Target="settings.xml"/>` +
	`<Relationship Id="rId3" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/footer" Target="footer1.xml"/>` +
	`<Relationship Id="rId4" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/footer" Target="footer2.xml"/>` +
	`</Relationships>`

const appXML = xmlHeader +
	`<Properties xmlns="http://schemas.openxmlformats.org/officeDocument/2006/extended-properties">` +
	`<Application>jingzi</Application><DocSecurity>0</DocSecurity></Properties>`

// settingsXML turns on separate odd and even footers; element order follows
// the CT_Settings schema.
const settingsXML = xmlHeader +
	`<w:settings ` + nsDecl + `>` +
	`<w:zoom w:percent="100"/>` +
	`<w:defaultTabStop w:val="420"/>` +
	`<w:evenAndOddHeaders/>` +
	`<w:characterSpacingControl w:val="compressPunctuation"/>` +
	`<w:compat><w:compatSetting w:name="compatibilityMode" w:uri="http://schemas.microsoft.com/office/word" w:val="15"/></w:compat>` +
	`</w:settings>`

// Body paragraph properties: exact 28.95 pt lines, justified, first line
// indented two characters (firstLine 640 twips = 2 × 16 pt for readers that
// ignore firstLineChars).
const (
	exactLine   = `<w:spacing w:before="0" w:after="0" w:line="579" w:lineRule="exact"/>`
	indentTwo   = `<w:ind w:firstLineChars="200" w:firstLine="640"/>`
	indentNone  = `<w:ind w:firstLineChars="0" w:firstLine="0"/>`
	sizeSanHao  = `<w:sz w:val="32"/><w:szCs w:val="32"/>`
	sizeErHao   = `<w:sz w:val="44"/><w:szCs w:val="44"/>`
	sizeSiHao   = `<w:sz w:val="28"/><w:szCs w:val="28"/>`
	notBold     = `<w:b w:val="0"/><w:bCs w:val="0"/>`
	bold        = `<w:b/><w:bCs/>`
	condensed   = `<w:spacing w:val="-5"/>`
	langZH      = `<w:lang w:val="en-US" w:eastAsia="zh-CN" w:bidi="ar-SA"/>`
	pageNumFont = `<w:rFonts w:ascii="` + fontSong + `" w:hAnsi="` + fontSong + `" w:eastAsia="` + fontSong + `" w:cs="` + fontSong + `"/>`
)

func paraStyle(id, name string, outline int, ppr, rpr string) string {
	s := `<w:style w:type="paragraph" w:styleId="` + id + `"><w:name w:val="` + name + `"/>` +
		`<w:basedOn w:val="Normal"/><w:next w:val="Normal"/><w:qFormat/><w:pPr>`
	if outline >= 0 {
		s += `<w:keepNext/>`
	}
	s += ppr
	if outline >= 0 {
		s += `<w:outlineLvl w:val="` + string(rune('0'+outline)) + `"/>`
	}
	return s + `</w:pPr><w:rPr>` + rpr + `</w:rPr></w:style>`
}

var stylesXML = xmlHeader +
	`<w:styles ` + nsDecl + `>` +
	`<w:docDefaults><w:rPrDefault><w:rPr>` + rFonts(fontFangSong) + condensed + sizeSanHao + langZH + `</w:rPr></w:rPrDefault>` +
	`<w:pPrDefault><w:pPr>` + exactLine + `</w:pPr></w:pPrDefault></w:docDefaults>` +
	`<w:style w:type="paragraph" w:default="1" w:styleId="Normal"><w:name w:val="Normal"/><w:qFormat/>` +
	`<w:pPr><w:widowControl/>` + exactLine + indentTwo + `<w:jc w:val="both"/></w:pPr>` +
	`<w:rPr>` + rFonts(fontFangSong) + sizeSanHao + `</w:rPr></w:style>` +
	`<w:style w:type="character" w:default="1" w:styleId="DefaultParagraphFont"><w:name w:val="Default Paragraph Font"/><w:uiPriority w:val="1"/><w:semiHidden/></w:style>` +
	paraStyle("Title", "Title", -1, indentNone+`<w:jc w:val="center"/>`, rFonts(fontTitle)+notBold+sizeErHao) +
	paraStyle("Subtitle", "Subtitle", -1, indentNone+`<w:jc w:val="center"/>`, rFonts(fontKai)+notBold+sizeSanHao) +
	paraStyle("Heading1", "heading 1", 0, "", rFonts(fontHei)+notBold+sizeSanHao) +
	paraStyle("Heading2", "heading 2", 1, "", rFonts(fontKai)+notBold+sizeSanHao) +
	paraStyle("Heading3", "heading 3", 2, "", rFonts(fontFangSong)+bold+sizeSanHao) +
	`<w:style w:type="paragraph" w:styleId="Footer"><w:name w:val="footer"/><w:basedOn w:val="Normal"/>` +
	`<w:pPr><w:spacing w:before="0" w:after="0" w:line="240" w:lineRule="auto"/>` + indentNone + `</w:pPr>` +
	`<w:rPr>` + pageNumFont + sizeSiHao + `</w:rPr></w:style>` +
	`</w:styles>`

// footerXML is a page-number footer "— PAGE —"; odd pages align right, even
// pages left, each indented one character of 四号.
func footerXML(odd bool) string {
	ppr := `<w:jc w:val="left"/><w:ind w:left="280" w:firstLine="0"/>`
	if odd {
		ppr = `<w:jc w:val="right"/><w:ind w:right="280" w:firstLine="0"/>`
	}
	rpr := `<w:rPr>` + pageNumFont + sizeSiHao + `</w:rPr>`
	run := func(inner string) string { return `<w:r>` + rpr + inner + `</w:r>` }
	return xmlHeader + `<w:ftr ` + nsDecl + `><w:p><w:pPr><w:pStyle w:val="Footer"/>` + ppr + `</w:pPr>` +
		run(`<w:t xml:space="preserve">— </w:t>`) +
		run(`<w:fldChar w:fldCharType="begin"/>`) +
		run(`<w:instrText xml:space="preserve"> PAGE </w:instrText>`) +
		run(`<w:fldChar w:fldCharType="separate"/>`) +
		run(`<w:t>1</w:t>`) +
		run(`<w:fldChar w:fldCharType="end"/>`) +
		run(`<w:t xml:space="preserve"> —</w:t>`) +
		`</w:p></w:ftr>`
}

// sectPrXML closes the body: footers, A4 page, margins and the 22 × 28 grid.
const sectPrXML = `<w:sectPr>` +
	`<w:footerReference w:type="even" r:id="rId4"/>` +
	`<w:footerReference w:type="default" r:id="rId3"/>` +
	`<w:pgSz w:w="11906" w:h="16838"/>` +
	`<w:pgMar w:top="2098" w:right="1474" w:bottom="1984" w:left="1587" w:header="851" w:footer="1247" w:gutter="0"/>` +
	`<w:pgNumType w:start="1"/>` +
	`<w:cols w:space="425"/>` +
	`<w:docGrid w:type="lines" w:linePitch="579"/>` +
	`</w:sectPr>`
