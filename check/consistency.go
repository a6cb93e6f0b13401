package check

import (
	"fmt"
	"slices"
	"sort"
	"strconv"
	"strings"
)

// titleLine returns the index of the title line, or -1.
func (d *doc) titleLine() int {
	for i, l := range d.lines {
		if l.role == roleTitle {
			return i
		}
	}
	return -1
}

// checkUnit compares the unit named in the title with the body's vocabulary:
// a 民政局 title over a text full of 职工、劳模、集体协商 was copied from a
// trade union's statement.
func (d *doc) checkUnit() {
	ti := d.titleLine()
	if ti < 0 {
		return
	}
	t := d.lines[ti]
	title := d.text[t.start:t.end]
	own, at, alias := titleUnit(title)
	if own < 0 {
		return
	}
	counts := make([]int, len(lex.units))
	words := make([]map[string]int, len(lex.units))
	for _, h := range d.hits[listVocab] {
		if h.start >= t.start && h.end <= t.end {
			continue
		}
		for _, u := range lex.vocabOf[h.idx] {
			counts[u]++
			if words[u] == nil {
				words[u] = map[string]int{}
			}
			words[u][lex.vocab[h.idx]]++
		}
	}
	other := -1
	for u := range counts {
		if u != own && (other < 0 || counts[u] > counts[other]) {
			other = u
		}
	}
	if other < 0 || counts[other] < 5 || counts[other] <= 2*(counts[own]+1) {
		return
	}
	msg := fmt.Sprintf("标题所署单位为“%s”，但正文用语多属“%s”（%s），本单位用语仅%d处，请核对是否套用了其他单位的材料。",
		lex.units[own].name, lex.units[other].name, topWords(words[other], 3), counts[own])
	d.add(RuleUnit, t.start+at, t.start+at+len(alias), msg, "")
}

// titleUnit finds the unit type named in the title: its index, the byte
// position and the alias found; the longest alias wins.
func titleUnit(title string) (unit, at int, alias string) {
	unit = -1
	for u, uv := range lex.units {
		for _, a := range uv.aliases {
			if i := strings.Index(title, a); i >= 0 && len(a) > len(alias) {
				unit, at, alias = u, i, a
			}
		}
	}
	return unit, at, alias
}

// topWords lists the most frequent words as “职工42处、集体协商4处”.
func topWords(counts map[string]int, n int) string {
	type wc struct {
		w string
		c int
	}
	var all []wc
	for w, c := range counts {
		all = append(all, wc{w, c})
	}
	sort.Slice(all, func(i, j int) bool {
		if all[i].c != all[j].c {
			return all[i].c > all[j].c
		}
		return all[i].w < all[j].w
	})
	var parts []string
	for _, x := range all[:min(n, len(all))] {
		parts = append(parts, x.w+strconv.Itoa(x.c)+"处")
	}
	return strings.Join(parts, "、")
}

// maxEventGap is how far (in bytes) after 今年/去年 an event may start.
const maxEventGap = 24

// maxEventBytes bounds the length of an event phrase, for the scan.
const maxEventBytes = 256

// checkEventYears reports 今年/去年/明年 + event when the event did not happen
// in the year that the relative word means for this statement.
func (d *doc) checkEventYears() {
	if d.year == 0 {
		return
	}
	events := d.hits[listEvent]
	for _, r := range d.hits[listRelative] {
		e, ok := eventAfter(d.text, r.end, events)
		if !ok {
			continue
		}
		rel := relativeWords[r.idx]
		year := d.year + rel.offset
		ev := lex.events[e.idx]
		if slices.Contains(ev.years, year) {
			continue
		}
		msg := fmt.Sprintf("“%s”与材料年度不符：本材料为%d年度，“%s”即%d年，而“%s”在%s。",
			d.text[r.start:e.end], d.year, rel.word, year, ev.phrase, yearList(ev.years))
		d.add(RuleYear, r.start, e.end, msg, strconv.Itoa(nearestYear(ev.years, year))+"年"+d.text[r.end:e.end])
	}
}

// eventAfter returns the event that starts soonest after pos in the same
// clause, the longest when several start there.
func eventAfter(text string, pos int, events []hit) (hit, bool) {
	best, found := hit{}, false
	first := sort.Search(len(events), func(i int) bool { return events[i].end > pos })
	for _, e := range events[first:] {
		if e.end > pos+maxEventGap+maxEventBytes {
			break
		}
		if e.start < pos || e.start-pos > maxEventGap || strings.ContainsAny(text[pos:e.start], "，。；！？\n") {
			continue
		}
		if !found || e.start < best.start || e.start == best.start && e.end > best.end {
			best, found = e, true
		}
	}
	return best, found
}

func yearList(years []int) string {
	var parts []string
	for i := 0; i < len(years); {
		j := i
		for j+1 < len(years) && years[j+1] == years[j]+1 {
			j++
		}
		if j > i {
			parts = append(parts, fmt.Sprintf("%d—%d年", years[i], years[j]))
		} else {
			parts = append(parts, fmt.Sprintf("%d年", years[i]))
		}
		i = j + 1
	}
	return strings.Join(parts, "、")
}

func nearestYear(years []int, y int) int {
	best := years[0]
	for _, x := range years {
		if abs(x-y) < abs(best-y) {
			best = x
		}
	}
	return best
}

func abs(n int) int {
	if n < 0 {
		return -n
	}
	return n
}

// checkTitleYear reports a title whose year differs from the statement's.
func (d *doc) checkTitleYear() {
	ti := d.titleLine()
	if ti < 0 || d.year == 0 {
		return
	}
	t := d.lines[ti]
	title := d.text[t.start:t.end]
	loc := titleYear.FindStringSubmatchIndex(title)
	if loc == nil {
		return
	}
	if y, _ := strconv.Atoi(title[loc[2]:loc[3]]); y != d.year {
		d.add(RuleTitleYear, t.start+loc[2], t.start+loc[3], fmt.Sprintf("标题中的年份%d与材料年度%d不符。", y, d.year), strconv.Itoa(d.year))
	}
}
