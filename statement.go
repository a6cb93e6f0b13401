package jingzi

import (
	"strings"
	"time"
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
