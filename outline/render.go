package outline

import (
	"strings"

	"jingzi"
)

// Text renders a generated document as plain text: the title, then one paragraph a
// line with an empty line between paragraphs. A run-in heading that does not end a
// sentence gets a line of its own, so that Parse reads heading and text apart again.
func Text(d *jingzi.Document) string {
	var b strings.Builder
	for _, bl := range d.Blocks {
		writeBlock(&b, bl, bl.Text)
	}
	return b.String()
}

// Markdown renders a generated document as Markdown in the seed's manner: "# " for
// the title, parts (一、) in **bold**, everything else as plain paragraphs. Marks
// that Markdown would read as syntax at the start of a line are escaped.
func Markdown(d *jingzi.Document) string {
	var b strings.Builder
	for _, bl := range d.Blocks {
		switch bl.Kind {
		case jingzi.BlockTitle:
			if bl.Text != "" {
				b.WriteString("# " + bl.Text + "\n\n")
			}
		case jingzi.BlockHeading1:
			b.WriteString("**" + bl.Lead + bl.Text + "**\n\n")
		default:
			bl.Lead = escapeMarkdown(bl.Lead)
			if bl.Lead == "" {
				bl.Text = escapeMarkdown(bl.Text)
			}
			writeBlock(&b, bl, bl.Text)
		}
	}
	return b.String()
}

func writeBlock(b *strings.Builder, bl jingzi.Block, text string) {
	switch {
	case bl.Lead == "" && text == "":
		return
	case bl.Lead == "":
		b.WriteString(text)
	case text == "":
		b.WriteString(bl.Lead)
	case endsSentence(bl.Lead):
		b.WriteString(bl.Lead + text)
	default:
		b.WriteString(bl.Lead + "\n\n" + text)
	}
	b.WriteString("\n\n")
}

// escapeMarkdown escapes a line start that Markdown would take for a heading, list,
// quote or emphasis.
func escapeMarkdown(s string) string {
	if s == "" {
		return s
	}
	if strings.IndexByte("#*-+>_", s[0]) >= 0 || strings.HasPrefix(s, "\\") {
		return `\` + s
	}
	return s
}
