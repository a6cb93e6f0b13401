package outline

import (
	"fmt"

	"jingzi"
)

// Report 导入情况 tells how Parse read a statement: which framework it used, how each
// problem section maps to an aspect, and what it could not recognise.
type Report struct {
	Framework string `json:"framework"` // key of the framework used, e.g. "2021"
	// Aspects has one entry per section of the problems part, in order.
	Aspects  []AspectMatch `json:"aspects"`
	Warnings []string      `json:"warnings"`
}

// AspectMatch is the mapping of one problem section to a framework aspect.
type AspectMatch struct {
	Section     int     `json:"section"` // 0-based index within the problems part
	Heading     string  `json:"heading"`
	AspectIndex int     `json:"aspect_index"` // -1 when unsure
	Wording     string  `json:"wording"`      // the aspect's official wording, "" when unsure
	Score       float64 `json:"score"`        // 0..1
}

// Result is what `jingzi import --json` prints: the statement's fields with the
// report beside them.
type Result struct {
	*jingzi.Statement
	Report *Report `json:"report"`
}

func (r *Report) warn(format string, args ...any) {
	r.Warnings = append(r.Warnings, fmt.Sprintf(format, args...))
}
