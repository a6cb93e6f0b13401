package outline

import (
	"fmt"
	"regexp"
	"strconv"

	"jingzi"
)

var yearRe = regexp.MustCompile(`(20\d\d)\s*年`)

// chooseFramework returns fw, or when it is nil the built-in framework of the year
// named in the title (or the preface), falling back to the newest. It sets s.Year.
func chooseFramework(fw *jingzi.Framework, s *jingzi.Statement, lines []line, rep *Report) (*jingzi.Framework, error) {
	if fw != nil {
		s.Year, rep.Framework = fw.Year, fw.Key
		return fw, nil
	}
	year := findYear(s.Title)
	if year == 0 && len(lines) > 0 {
		year = findYear(lines[0].full)
	}
	all, err := jingzi.BuiltinFrameworks()
	if err != nil || len(all) == 0 {
		return nil, fmt.Errorf("load built-in frameworks: %w", err)
	}
	chosen := all[0]
	for _, f := range all {
		if f.Year == year {
			chosen = f
		}
	}
	switch {
	case year == 0:
		rep.warn("标题中未写明年度，按最新的%d年度检视框架识别。", chosen.Year)
		year = chosen.Year
	case chosen.Year != year:
		rep.warn("没有%d年度的内置检视框架，按%d年度检视框架识别。", year, chosen.Year)
	}
	s.Year, rep.Framework = year, chosen.Key
	return chosen, nil
}

func findYear(text string) int {
	m := yearRe.FindStringSubmatch(text)
	if m == nil {
		return 0
	}
	y, _ := strconv.Atoi(m[1])
	return y
}
