package jingzi

import (
	"context"
	"time"
)

// Severity of a check finding: an error blocks submission, a warning should be
// fixed, a hint is advice.
type Severity string

const (
	SeverityError   Severity = "error"
	SeverityWarning Severity = "warning"
	SeverityHint    Severity = "hint"
)

// Label is the Chinese name of the severity.
func (s Severity) Label() string {
	switch s {
	case SeverityError:
		return "错误"
	case SeverityWarning:
		return "警告"
	}
	return "提示"
}

// Finding 检查发现 is one thing a rule of the 材料质量检查 found. Positions refer to
// the statement as rendered by Statement.Document(): Line is the 1-based block of
// Document().PlainText(), Col the 1-based character within the block's lead and
// text, Offset the 0-based character offset in the whole plain text and Length
// the number of characters found. Part, Section and Item index the statement's
// Parts, the part's Sections and the items (of the section, or of the part when
// Section is -1); each is -1 when the finding is not inside one.
type Finding struct {
	Rule       string   `json:"rule"`
	Severity   Severity `json:"severity"`
	Message    string   `json:"message"`
	Line       int      `json:"line"`
	Col        int      `json:"col"`
	Offset     int      `json:"offset"`
	Length     int      `json:"length"`
	Part       int      `json:"part"`
	Section    int      `json:"section"`
	Item       int      `json:"item"`
	Excerpt    string   `json:"excerpt"`
	Suggestion string   `json:"suggestion,omitempty"`
}

// Grades of a check report.
const (
	GradeFail   = "不达标"
	GradeRevise = "需修改"
	GradePass   = "达标"
)

// CheckReport 检查结果 is every finding for one statement, a score from 0 to 100
// and a grade.
type CheckReport struct {
	Findings []Finding `json:"findings"`
	Score    int       `json:"score"`
	Grade    string    `json:"grade"`
}

// HasErrors reports whether some finding has error severity.
func (r *CheckReport) HasErrors() bool { return r.Count(SeverityError) > 0 }

// Count returns how many findings have the severity.
func (r *CheckReport) Count(s Severity) int {
	n := 0
	for _, f := range r.Findings {
		if f.Severity == s {
			n++
		}
	}
	return n
}

// CheckService 材料质量检查 checks a stored statement with everything jingzi knows
// about it: its meeting's framework, the opinions aimed at its owner, and 查重
// against templates, last year's statements and colleagues' statements.
type CheckService interface {
	// CheckStatement returns ENOTFOUND when the caller may not see the statement.
	CheckStatement(ctx context.Context, statementID int64) (*CheckReport, error)
}

// CorpusDoc 查重语料 is a text that 查重 compares statements with: a template or
// model statement an organiser imported. Sketch is the 查重 fingerprint data,
// computed once when the text is added, so that the index is rebuilt at start
// without hashing every text again.
type CorpusDoc struct {
	ID        int64
	OrgID     int64 // the org whose subtree the template serves
	Title     string
	Text      string
	Sketch    []byte
	CreatedAt time.Time
	CreatedBy string
}

// CorpusService 查重语料库.
type CorpusService interface {
	// AddCorpusDoc stores a template; organisers over OrgID only.
	AddCorpusDoc(ctx context.Context, d *CorpusDoc) error
	// FindCorpusDocs lists the templates serving an org: its own and its superiors'.
	FindCorpusDocs(ctx context.Context, filter CorpusFilter) ([]*CorpusDoc, int, error)
	DeleteCorpusDoc(ctx context.Context, id int64) error
}

// CorpusFilter selects templates. ForOrg lists those an org's statements are
// checked against; nil lists every template the caller may see.
type CorpusFilter struct {
	ForOrg        *int64
	WithText      bool
	Offset, Limit int
}
