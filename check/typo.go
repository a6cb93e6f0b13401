package check

// checkTypos reports every word of data/typos.txt with its correct form.
func (d *doc) checkTypos() {
	for _, h := range d.hits[listTypo] {
		t := lex.typos[h.idx]
		msg := "“" + t.wrong + "”应为“" + t.right + "”。"
		if t.note != "" {
			msg = "“" + t.wrong + "”应为“" + t.right + "”（" + t.note + "）。"
		}
		d.add(RuleTypo, h.start, h.end, msg, t.right)
	}
}
