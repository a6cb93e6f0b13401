package docx_test

import (
	"os"
	"regexp"
	"strings"
	"testing"

	"jingzi"
)

const seedPath = "/work/shared/seed/000_eed19f38cfb13fc4.txt"

// seedLines returns the non-empty lines of the seed statement, from the copy
// committed next to the fixtures (testdata/seed.txt).
func seedLines(t testing.TB) []string {
	t.Helper()
	data, err := os.ReadFile("testdata/seed.txt")
	if err != nil {
		t.Fatal(err)
	}
	var out []string
	for _, l := range strings.Split(string(data), "\n") {
		if l = strings.TrimSpace(l); l != "" {
			out = append(out, l)
		}
	}
	return out
}

var (
	sectionRe = regexp.MustCompile(`^（[一二三四五六七八九十]+）`)
	itemRe    = regexp.MustCompile(`^[一二三四五六七八九十]+是[^。]*。`)
	causeRe   = regexp.MustCompile(`^（[一二三四五六七八九十]+）[^。]*。`)
)

// seedDocument lays the seed out as the statement renderer would: title, part
// headings (一、), section headings (（一）), and item paragraphs led by their
// run-in heading (一是…。). The outline package cannot be imported here.
func seedDocument(t testing.TB) *jingzi.Document {
	lines := seedLines(t)
	title := strings.TrimSpace(strings.TrimPrefix(lines[0], "#"))
	d := &jingzi.Document{Title: title}
	d.Blocks = append(d.Blocks, jingzi.Block{Kind: jingzi.BlockTitle, Text: title})
	part := 0
	for _, l := range lines[1:] {
		switch {
		case strings.HasPrefix(l, "**"):
			part++
			d.Blocks = append(d.Blocks, jingzi.Block{Kind: jingzi.BlockHeading1, Text: strings.Trim(l, "*")})
		case part == 1 && sectionRe.MatchString(l):
			d.Blocks = append(d.Blocks, jingzi.Block{Kind: jingzi.BlockHeading2, Text: l})
		case causeRe.MatchString(l):
			lead := causeRe.FindString(l)
			d.Blocks = append(d.Blocks, jingzi.Block{Kind: jingzi.BlockBody, Lead: lead, LeadKind: jingzi.BlockHeading2, Text: l[len(lead):]})
		case itemRe.MatchString(l):
			lead := itemRe.FindString(l)
			d.Blocks = append(d.Blocks, jingzi.Block{Kind: jingzi.BlockBody, Lead: lead, LeadKind: jingzi.BlockHeading3, Text: l[len(lead):]})
		default:
			d.Blocks = append(d.Blocks, jingzi.Block{Kind: jingzi.BlockBody, Text: l})
		}
	}
	return d
}
