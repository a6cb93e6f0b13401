package outline

import (
	"regexp"
	"strconv"

	"jingzi"
)

// countPatterns find the preface's counts; group 1 is the number or the XX
// placeholder, which Parse replaces with the count's token.
var countPatterns = []struct {
	key jingzi.CountKey
	re  *regexp.Regexp
}{
	{jingzi.CountStudies, regexp.MustCompile(`学习研讨(?:活动)?[共达]?(\d+|XX|xx|××|X)次`)},
	{jingzi.CountTalks, regexp.MustCompile(`谈心谈话[共达]?(\d+|XX|xx|××|X)人次`)},
	{jingzi.CountUnits, regexp.MustCompile(`(\d+|XX|xx|××|X)个单位`)},
	{jingzi.CountOpinions, regexp.MustCompile(`意见建议[共达]?(\d+|XX|xx|××|X)条`)},
}

// extractCounts replaces the first number (or XX) of each count in the preface with
// the count's token and returns the counts found, in jingzi.CountKeys order. An XX
// gives a nil Value.
func extractCounts(preface string) (string, []jingzi.Count) {
	var counts []jingzi.Count
	for _, cp := range countPatterns {
		loc := cp.re.FindStringSubmatchIndex(preface)
		if loc == nil {
			continue
		}
		c := jingzi.Count{Key: cp.key, Source: jingzi.CountManual}
		if n, err := strconv.Atoi(preface[loc[2]:loc[3]]); err == nil {
			c.Value = &n
		}
		preface = preface[:loc[2]] + cp.key.Token() + preface[loc[3]:]
		counts = append(counts, c)
	}
	return preface, counts
}
