package outline

import (
	"strings"

	"jingzi"
)

// ParagraphsFromText splits plain text into paragraphs, one a non-empty line. A line
// wrapped as **…** becomes a Bold paragraph without the markers, and a line led by
// "# " (as many .txt files written in Markdown habit are) a heading with its
// OutlineLevel.
func ParagraphsFromText(text string) []jingzi.Paragraph {
	var out []jingzi.Paragraph
	for _, line := range strings.Split(text, "\n") {
		line = trimSpace(line)
		if line == "" {
			continue
		}
		p := jingzi.Paragraph{}
		p.OutlineLevel, line = atxHeading(line)
		p.Text, p.Bold = wholeBold(line)
		if p.Text = trimSpace(p.Text); p.Text != "" {
			out = append(out, p)
		}
	}
	return out
}

// ParagraphsFromMarkdown splits Markdown into paragraphs, one a non-empty line:
// "#" headings set OutlineLevel, a line wholly in **bold** (or __bold__) sets Bold,
// a leading bold run sets BoldLead, bullets ("- ", "* ", "+ ") set Number "•",
// block quotes and backslash escapes are removed. Ordered-list labels such as "1."
// are kept in Text, because their numbers are part of the statement.
func ParagraphsFromMarkdown(text string) []jingzi.Paragraph {
	var out []jingzi.Paragraph
	for _, line := range strings.Split(text, "\n") {
		line = trimSpace(line)
		for strings.HasPrefix(line, ">") {
			line = trimSpace(line[1:])
		}
		if line == "" || isRule(line) {
			continue
		}
		p := jingzi.Paragraph{}
		p.OutlineLevel, line = atxHeading(line)
		if bullet, rest := bulletLabel(line); bullet {
			p.Number, line = "•", rest
		}
		line = strings.ReplaceAll(line, "__", "**")
		p.Text, p.Bold = wholeBold(line)
		if !p.Bold {
			p.BoldLead, p.Text = boldLead(p.Text)
		}
		p.Text = trimSpace(unescape(p.Text))
		p.BoldLead = unescape(p.BoldLead)
		if p.Text != "" {
			out = append(out, p)
		}
	}
	return out
}

// atxHeading strips a leading "# " … "###### " and returns the level.
func atxHeading(line string) (int, string) {
	hashes := leadingRun(line, "#")
	if n := len(hashes); n >= 1 && n <= 6 && strings.HasPrefix(line[n:], " ") {
		return n, trimSpace(strings.TrimRight(line[n:], "#"))
	}
	return 0, line
}

// wholeBold removes ** markers that wrap the whole line.
func wholeBold(line string) (string, bool) {
	if len(line) > 4 && strings.HasPrefix(line, "**") && strings.HasSuffix(line, "**") &&
		!strings.Contains(line[2:len(line)-2], "**") {
		return line[2 : len(line)-2], true
	}
	return line, false
}

// boldLead splits "**一是理论学习不系统。**平时…" into lead and text without markers.
func boldLead(line string) (lead, text string) {
	if !strings.HasPrefix(line, "**") {
		return "", line
	}
	end := strings.Index(line[2:], "**")
	if end <= 0 {
		return "", line
	}
	lead = line[2 : 2+end]
	return trimSpace(lead), lead + line[2+end+2:]
}

func bulletLabel(line string) (bool, string) {
	for _, b := range []string{"- ", "* ", "+ ", "• ", "· "} {
		if strings.HasPrefix(line, b) {
			return true, trimSpace(line[len(b):])
		}
	}
	return false, line
}

func isRule(line string) bool {
	compact := strings.ReplaceAll(line, " ", "")
	return len(compact) >= 3 && (strings.Trim(compact, "-") == "" || strings.Trim(compact, "*") == "" ||
		strings.Trim(compact, "_") == "")
}

// unescape removes Markdown backslash escapes before punctuation.
func unescape(s string) string {
	if !strings.Contains(s, `\`) {
		return s
	}
	var b strings.Builder
	for i := 0; i < len(s); i++ {
		if s[i] == '\\' && i+1 < len(s) && strings.IndexByte("\\`*_{}[]()#+-.!>|", s[i+1]) >= 0 {
			i++
		}
		b.WriteByte(s[i])
	}
	return b.String()
}
