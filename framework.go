package jingzi

import (
	"context"
	"embed"
	"encoding/json"
	"fmt"
	"io/fs"
	"sort"
	"strings"
	"time"
	"unicode/utf8"
)

// Confidence of a framework's wording: "high" where the official text is known,
// "medium" where it was reconstructed from public reports and must be checked (待核对).
const (
	ConfidenceHigh   = "high"
	ConfidenceMedium = "medium"
)

// Aspect 检视方面 is one of the year's aspects (e.g. one of the 五个带头).
type Aspect struct {
	Wording    string `json:"wording"`    // official wording
	Label      string `json:"label"`      // short label for tables and charts
	Confidence string `json:"confidence"` // high / medium (待核对)
}

// NeedsCheck reports whether the wording is marked 待核对.
func (a Aspect) NeedsCheck() bool { return a.Confidence == ConfidenceMedium }

// PartSpec is one part a statement has in a given year, in order.
type PartSpec struct {
	Kind    PartKind `json:"kind"`
	Heading string   `json:"heading"` // e.g. 存在问题及表现
}

// Framework 检视框架 is a year's list of aspects and the parts of a statement. The
// built-in ones are data files embedded in the binary; an organiser can copy and
// edit them. A meeting keeps a copy of the framework it was created with.
type Framework struct {
	ID    int64  `json:"-"`
	Key   string `json:"key"` // "2021", or a generated key for copies
	Year  int    `json:"year"`
	Name  string `json:"name"`
	Theme string `json:"theme"`
	// Source says where the wording comes from.
	Source  string     `json:"source"`
	Aspects []Aspect   `json:"aspects"`
	Parts   []PartSpec `json:"parts"`
	// PrefaceLastYear: the preface reports last year's rectification (2025 on).
	PrefaceLastYear bool      `json:"preface_last_year"`
	Builtin         bool      `json:"-"`
	OrgID           int64     `json:"-"` // 0 for built-in frameworks
	UpdatedAt       time.Time `json:"-"`
}

// HasPart reports whether statements under the framework have a part of that kind.
func (f *Framework) HasPart(k PartKind) bool {
	for _, p := range f.Parts {
		if p.Kind == k {
			return true
		}
	}
	return false
}

// AnyNeedsCheck reports whether some wording is marked 待核对.
func (f *Framework) AnyNeedsCheck() bool {
	for _, a := range f.Aspects {
		if a.NeedsCheck() {
			return true
		}
	}
	return false
}

// Validate returns an EINVALID error when the framework cannot be used.
func (f *Framework) Validate() error {
	f.Name = strings.TrimSpace(f.Name)
	switch {
	case f.Name == "" || utf8.RuneCountInString(f.Name) > 100:
		return Errorf(EINVALID, "请填写框架名称（不超过100个字）。")
	case f.Year < 2000 || f.Year > 2100:
		return Errorf(EINVALID, "年度应为四位数年份。")
	case len(f.Aspects) == 0 || len(f.Aspects) > 12:
		return Errorf(EINVALID, "检视方面应有1至12项。")
	case !f.HasPart(PartProblems):
		return Errorf(EINVALID, "材料结构须包含“存在问题”部分。")
	}
	for i, a := range f.Aspects {
		if strings.TrimSpace(a.Wording) == "" {
			return Errorf(EINVALID, "第%d个检视方面的表述为空。", i+1)
		}
		if a.Confidence != ConfidenceMedium {
			f.Aspects[i].Confidence = ConfidenceHigh
		}
	}
	for _, p := range f.Parts {
		if !p.Kind.Valid() {
			return Errorf(EINVALID, "材料结构中有未知的部分类型。")
		}
	}
	return nil
}

// Clone returns a deep copy, for a meeting's snapshot or an organiser's edit.
func (f *Framework) Clone() *Framework {
	c := *f
	c.Aspects = append([]Aspect(nil), f.Aspects...)
	c.Parts = append([]PartSpec(nil), f.Parts...)
	return &c
}

//go:embed frameworks/*.json
var frameworkFiles embed.FS

// BuiltinFrameworks returns the embedded frameworks, newest year first.
func BuiltinFrameworks() ([]*Framework, error) {
	names, err := fs.Glob(frameworkFiles, "frameworks/*.json")
	if err != nil {
		return nil, err
	}
	var out []*Framework
	for _, name := range names {
		data, err := frameworkFiles.ReadFile(name)
		if err != nil {
			return nil, err
		}
		f := &Framework{Builtin: true}
		if err := json.Unmarshal(data, f); err != nil {
			return nil, fmt.Errorf("framework %s: %w", name, err)
		} else if err := f.Validate(); err != nil {
			return nil, fmt.Errorf("framework %s: %w", name, err)
		}
		out = append(out, f)
	}
	sort.Slice(out, func(i, j int) bool { return out[i].Year > out[j].Year })
	return out, nil
}

// BuiltinFramework returns the embedded framework with the key, e.g. "2021".
func BuiltinFramework(key string) (*Framework, error) {
	all, err := BuiltinFrameworks()
	if err != nil {
		return nil, err
	}
	for _, f := range all {
		if f.Key == key {
			return f, nil
		}
	}
	return nil, Errorf(ENOTFOUND, "没有%s年度的内置检视框架。", key)
}

// FrameworkService 检视框架管理.
type FrameworkService interface {
	FindFrameworkByID(ctx context.Context, id int64) (*Framework, error)
	// FindFrameworks returns the built-in frameworks and those of the caller's orgs.
	FindFrameworks(ctx context.Context) ([]*Framework, error)
	// CreateFramework stores an organiser's framework (a copy or a new one).
	CreateFramework(ctx context.Context, f *Framework) error
	UpdateFramework(ctx context.Context, id int64, f *Framework) error
}
