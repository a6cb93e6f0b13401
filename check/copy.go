package check

import "fmt"

// Copy is a passage found copied elsewhere: Start and End are character offsets
// in the text the rules look at (Statement.Document().PlainText(), or the text
// given to CheckText), Source names where it came from (e.g. 模板《…》, 张伟同志的材料).
type Copy struct {
	Start, End int
	Source     string
	Similarity float64 // 0..1
	// SourceStart and SourceEnd are the character offsets of the aligned passage
	// in the source; SourceText is that passage as the source has it.
	SourceStart, SourceEnd int
	SourceText             string
}

// checkCopies reports each copied passage where it starts, covering its length.
func (d *doc) checkCopies() {
	for _, c := range d.opts.Copies {
		start, end := byteOffset(d.text, c.Start), byteOffset(d.text, c.End)
		if start < 0 || end <= start {
			continue
		}
		// A finding stays on its line: a passage running on is cut at the line's end.
		if l := d.lines[lineAt(d.lines, start)]; end > l.end {
			end = l.end
		}
		msg := fmt.Sprintf("这段文字与%s雷同（相似度%.0f%%，%d字），请结合本人实际重写。", c.Source, c.Similarity*100, c.End-c.Start)
		if c.SourceText != "" {
			msg += fmt.Sprintf("对方第%d至%d字：“%s”", c.SourceStart+1, c.SourceEnd, clip(c.SourceText, 60))
		}
		d.add(RuleCopy, start, end, msg, "用本人、本单位的具体事例和数字改写，不照搬模板或他人材料。")
	}
}

// byteOffset converts a character offset into a byte offset of text, or -1.
func byteOffset(text string, chars int) int {
	if chars < 0 {
		return -1
	}
	n := 0
	for i := range text {
		if n == chars {
			return i
		}
		n++
	}
	if n == chars {
		return len(text)
	}
	return -1
}
