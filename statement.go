package jingzi

import (
	"context"
	"strings"
	"time"
	"unicode/utf8"
)

// PartKind is the kind of a part of a statement.
type PartKind string

const (
	PartProblems PartKind = "problems" // 存在问题及表现
	PartCase     PartKind = "case"     // 反面典型案例剖析
	PartCauses   PartKind = "causes"   // 原因剖析
	PartMeasures PartKind = "measures" // 努力方向和整改措施
	PartOther    PartKind = "other"    // anything else (e.g. 上年度整改落实情况)
)

// Valid reports whether k is a known part kind.
func (k PartKind) Valid() bool {
	switch k {
	case PartProblems, PartCase, PartCauses, PartMeasures, PartOther:
		return true
	}
	return false
}

// Label is the Chinese name of the part kind.
func (k PartKind) Label() string {
	switch k {
	case PartProblems:
		return "存在问题及表现"
	case PartCase:
		return "反面典型案例剖析"
	case PartCauses:
		return "原因剖析"
	case PartMeasures:
		return "努力方向和整改措施"
	}
	return "其他"
}

// CountKey names a number the preface quotes, computed from records.
type CountKey string

const (
	CountTalks    CountKey = "talks"    // 谈心谈话N人次
	CountOpinions CountKey = "opinions" // 征求意见建议N条
	CountUnits    CountKey = "units"    // 覆盖N个单位
	CountStudies  CountKey = "studies"  // 学习研讨N次
)

// CountKeys lists the count keys in preface order.
var CountKeys = []CountKey{CountStudies, CountTalks, CountUnits, CountOpinions}

// Label is the Chinese name of the count.
func (k CountKey) Label() string {
	switch k {
	case CountTalks:
		return "谈心谈话人次"
	case CountOpinions:
		return "征求意见建议条数"
	case CountUnits:
		return "征求意见覆盖单位数"
	case CountStudies:
		return "学习研讨次数"
	}
	return string(k)
}

// Token is how the count appears inside Statement.Preface: "{{talks}}".
func (k CountKey) Token() string { return "{{" + string(k) + "}}" }

// Count sources.
const (
	CountManual  = "manual"  // entered by hand
	CountRecords = "records" // computed from jingzi's records
)

// Count 人次/条 is one number of the preface with where it came from. A nil Value
// is unknown and renders as "XX", which the check reports.
type Count struct {
	Key    CountKey `json:"key"`
	Value  *int     `json:"value"`
	Source string   `json:"source"`
}

// Target 量化目标 is a quantified promise in a measure: "全年深入基层企业宣讲调研不少于20家".
type Target struct {
	Text     string `json:"text"`     // the phrase as written
	Quantity *int   `json:"quantity"` // nil when the text has XX or no number
	Unit     string `json:"unit"`     // 家、篇、本、次…
	Period   string `json:"period"`   // 全年、每季度… or a deadline as written
}

// Item is a numbered item of a part or section: a problem (一是…), a cause, a
// measure. Heading is its lead sentence; Body the rest of its text, paragraphs
// separated by "\n".
type Item struct {
	Heading string `json:"heading"`
	Body    string `json:"body"`
	// Examples are the sentences of Body that give a concrete instance (比如…).
	Examples []string `json:"examples,omitempty"`
	// Targets are the quantified promises of a measure.
	Targets []Target `json:"targets,omitempty"`
	// OpinionIDs are the opinions this problem answers (对号入座).
	OpinionIDs []string `json:"opinion_ids,omitempty"`
}

// Text returns heading and body as one text.
func (it *Item) Text() string { return it.Heading + it.Body }

// Section is a sub-heading of a part, e.g. （一）在…方面 of the problems part.
// AspectIndex is the framework aspect it maps to (0-based, -1 unknown) and
// AspectScore how sure that mapping is (0..1).
type Section struct {
	Heading     string  `json:"heading"`
	AspectIndex int     `json:"aspect_index"`
	AspectScore float64 `json:"aspect_score"`
	Intro       string  `json:"intro,omitempty"`
	Items       []*Item `json:"items"`
}

// Part is one top-level part (一、二、三、). A part has either sections (problems by
// aspect) or items directly (causes, measures).
type Part struct {
	Kind     PartKind   `json:"kind"`
	Heading  string     `json:"heading"`
	Intro    string     `json:"intro,omitempty"`
	Sections []*Section `json:"sections,omitempty"`
	Items    []*Item    `json:"items,omitempty"`
}

// AllItems returns the part's items, those in sections included, in order.
func (p *Part) AllItems() []*Item {
	out := append([]*Item(nil), p.Items...)
	for _, s := range p.Sections {
		out = append(out, s.Items...)
	}
	return out
}

// Statement 对照检查材料 is a participant's, or the team's, self-inspection,
// held as structure: preface, parts, sections, items.
type Statement struct {
	ID            int64   `json:"-"`
	MeetingID     int64   `json:"-"`
	ParticipantID int64   `json:"-"` // 0 for the team's statement (班子对照检查材料)
	Year          int     `json:"year,omitempty"`
	Title         string  `json:"title"`
	Preface       string  `json:"preface"` // may hold count tokens, see CountKey.Token
	Counts        []Count `json:"counts,omitempty"`
	Parts         []*Part `json:"parts"`
	// Closing is text after the last part (e.g. 以上，请批评指正。).
	Closing   string    `json:"closing,omitempty"`
	Version   int       `json:"-"`
	UpdatedAt time.Time `json:"-"`
	// OwnerName is the participant's name, filled when read from the store.
	OwnerName string `json:"-"`
	// State and Desk: where the statement stands in the review chain (see review.go).
	State StatementState `json:"-"`
	Desk  Desk           `json:"-"`
}

// Part returns the first part of the kind, or nil.
func (s *Statement) Part(k PartKind) *Part {
	for _, p := range s.Parts {
		if p.Kind == k {
			return p
		}
	}
	return nil
}

// Count returns the count with the key, or nil.
func (s *Statement) Count(k CountKey) *Count {
	for i := range s.Counts {
		if s.Counts[i].Key == k {
			return &s.Counts[i]
		}
	}
	return nil
}

// RenderPreface returns the preface with each count token replaced by its number,
// or by "XX" while the number is unknown.
func (s *Statement) RenderPreface() string {
	out := s.Preface
	for _, k := range CountKeys {
		v := "XX"
		if c := s.Count(k); c != nil && c.Value != nil {
			v = itoa(*c.Value)
		}
		out = strings.ReplaceAll(out, k.Token(), v)
	}
	return out
}

func itoa(n int) string {
	if n == 0 {
		return "0"
	}
	neg := n < 0
	if neg {
		n = -n
	}
	var b [20]byte
	i := len(b)
	for n > 0 {
		i--
		b[i] = byte('0' + n%10)
		n /= 10
	}
	if neg {
		i--
		b[i] = '-'
	}
	return string(b[i:])
}

// StatementVersion 版本 is one saved state of a statement. Every save makes one.
type StatementVersion struct {
	Version int
	SavedAt time.Time
	SavedBy string
	Note    string // e.g. 导入自 xxx.docx, 编辑“存在问题”
}

// StatementService 对照检查材料.
type StatementService interface {
	// FindStatementByID returns ENOTFOUND when it does not exist or the caller may not see it.
	FindStatementByID(ctx context.Context, id int64) (*Statement, error)
	// FindStatements lists the statements of a meeting the caller may see: the team's first,
	// then the participants' in roster order.
	FindStatements(ctx context.Context, filter StatementFilter) ([]*Statement, int, error)
	// CreateStatement stores version 1. ECONFLICT when the owner already has one in the meeting.
	CreateStatement(ctx context.Context, s *Statement, note string) error
	// SaveStatement stores a new version. s.Version must be the version the editor
	// started from; ECONFLICT when someone saved in between (no silent overwrite).
	SaveStatement(ctx context.Context, s *Statement, note string) error
	FindStatementVersions(ctx context.Context, id int64) ([]*StatementVersion, error)
	FindStatementVersion(ctx context.Context, id int64, version int) (*Statement, error)
}

// StatementFilter selects statements. Nil fields do not filter.
type StatementFilter struct {
	MeetingID     *int64
	ParticipantID *int64
	Offset, Limit int
}

// OwnerLabel names whose statement it is, for titles and lists.
func (s *Statement) OwnerLabel() string {
	if s.ParticipantID == 0 {
		return "领导班子"
	}
	return s.OwnerName
}

// Validate returns an EINVALID error when the statement cannot be stored.
func (s *Statement) Validate() error {
	s.Title = strings.TrimSpace(s.Title)
	switch {
	case s.MeetingID == 0:
		return Errorf(EINVALID, "对照检查材料必须属于一次会议。")
	case s.Title == "":
		return Errorf(EINVALID, "请填写材料标题。")
	case utf8.RuneCountInString(s.Title) > 200:
		return Errorf(EINVALID, "材料标题不能超过200个字。")
	}
	for _, p := range s.Parts {
		if !p.Kind.Valid() {
			return Errorf(EINVALID, "材料中有未知的部分类型。")
		}
	}
	for _, c := range s.Counts {
		if c.Value != nil && (*c.Value < 0 || *c.Value > 1000000) {
			return Errorf(EINVALID, "“%s”应为0至1000000之间的整数。", c.Key.Label())
		}
	}
	return nil
}

// NewStatementFromFramework returns the skeleton a new statement starts from: the
// year's parts in order, the problems part with one empty section per aspect,
// and a preface with the count tokens for the organiser or the records to fill.
func NewStatementFromFramework(fw *Framework, title string) *Statement {
	s := &Statement{Year: fw.Year, Title: title}
	s.Preface = "按照上级关于开好" + itoa(fw.Year) + "年度民主生活会的部署，会前认真学习了规定的有关文件，参加学习研讨" +
		CountStudies.Token() + "次；深入开展谈心谈话" + CountTalks.Token() + "人次，广泛征求" + CountUnits.Token() +
		"个单位意见建议，共征求到意见建议" + CountOpinions.Token() + "条。在此基础上查摆问题、深刻剖析，现对照检查如下："
	for _, k := range CountKeys {
		s.Counts = append(s.Counts, Count{Key: k, Source: CountManual})
	}
	for _, spec := range fw.Parts {
		p := &Part{Kind: spec.Kind, Heading: spec.Heading}
		if spec.Kind == PartProblems {
			for i, a := range fw.Aspects {
				p.Sections = append(p.Sections, &Section{Heading: a.Wording, AspectIndex: i, AspectScore: 1})
			}
		}
		s.Parts = append(s.Parts, p)
	}
	return s
}

// ImportReport says how an imported file was understood: which framework, which
// aspect each problem section was mapped to and how sure, and what could not be
// recognised.
type ImportReport struct {
	Framework string         `json:"framework"`
	Aspects   []AspectImport `json:"aspects"`
	Warnings  []string       `json:"warnings"`
}

// AspectImport is the mapping of one problem section to a framework aspect.
type AspectImport struct {
	Section     int     `json:"section"`
	Heading     string  `json:"heading"`
	AspectIndex int     `json:"aspect_index"`
	Wording     string  `json:"wording"`
	Score       float64 `json:"score"`
}

// Export formats.
const (
	FormatDocx     = "docx"
	FormatMarkdown = "md"
	FormatHTML     = "html"
	FormatText     = "txt"
)

// DocumentService 导入导出 reads statements from files (.docx, .txt in UTF-8 or
// GBK, .md) and writes them out (GB/T 9704 .docx, Markdown, an HTML print view).
type DocumentService interface {
	// ImportStatement returns EINVALID with a Chinese message for anything it
	// cannot read: a broken or hostile .docx, .doc/.wps, an unknown encoding.
	ImportStatement(ctx context.Context, filename string, data []byte, fw *Framework) (*Statement, *ImportReport, error)
	ExportStatement(ctx context.Context, s *Statement, format string) (data []byte, contentType string, err error)
	// ExportDocument writes any generated document (意见建议清单, 会议记录 …) the same ways.
	ExportDocument(ctx context.Context, d *Document, format string) (data []byte, contentType string, err error)
}

// RecordCounts are the preface numbers jingzi computed from its records
// (学习研讨、谈心谈话、征求意见); a key is absent while no record exists.
type RecordCounts map[CountKey]int

// CountService 计数 computes a statement's preface numbers from the records:
// for a participant, the study sessions they attended and their own talks; for
// the team, the meeting's totals; the opinions and units are the meeting's.
type CountService interface {
	StatementCounts(ctx context.Context, s *Statement) (RecordCounts, error)
}

// ApplyRecordCounts fills the statement's counts from the records: a count
// nobody entered takes the computed number (Source records); a number entered by
// hand stays as entered — the check reports it when it disagrees. Counts the
// preface has no token for are added so that the editor shows them.
func (s *Statement) ApplyRecordCounts(rc RecordCounts) {
	for _, k := range CountKeys {
		v, ok := rc[k]
		if !ok {
			continue
		}
		c := s.Count(k)
		if c == nil {
			s.Counts = append(s.Counts, Count{Key: k, Source: CountManual})
			c = &s.Counts[len(s.Counts)-1]
		}
		if c.Value == nil || c.Source == CountRecords {
			n := v
			c.Value, c.Source = &n, CountRecords
		}
	}
}

// CountMismatches returns the hand-entered counts that differ from the records.
func (s *Statement) CountMismatches(rc RecordCounts) []CountKey {
	var out []CountKey
	for _, c := range s.Counts {
		if v, ok := rc[c.Key]; ok && c.Source == CountManual && c.Value != nil && *c.Value != v {
			out = append(out, c.Key)
		}
	}
	return out
}
