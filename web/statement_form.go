package web

import (
	"fmt"
	"net/http"
	"strconv"
	"strings"
	"unicode/utf8"

	"jingzi"
)

// Limits of the statement editor's fields, in characters, and of repeated rows.
const (
	maxPrefaceLen  = 5000
	maxIntroLen    = 5000
	maxHeadingLen  = 500
	maxBodyLen     = 20000
	maxExampleLen  = 1000
	maxTargetLen   = 200
	maxUnitLen     = 10
	maxPeriodLen   = 50
	maxRows        = 200 // parts, sections, items, examples or targets in one list
	maxCountValue  = 1000000
	maxPartHeading = 100
)

// statementForm 材料表单 is what the editor posted: the statement as typed, the
// version the form was rendered from, the button pressed, and the raw text of
// mistyped numbers by field name, so that they are shown back as typed.
type statementForm struct {
	Statement *jingzi.Statement
	Version   int
	Action    string
	Raw       map[string]string
}

// fieldErrors collects the first validation error of a form while parsing goes
// on, so that the whole text the user typed is kept for the re-rendered form;
// raw keeps the numbers that could not be read.
type fieldErrors struct {
	first error
	raw   map[string]string
}

func (e *fieldErrors) addf(format string, args ...any) {
	if e.first == nil {
		e.first = jingzi.Errorf(jingzi.EINVALID, format, args...)
	}
}

// text reads a trimmed text field and checks its length.
func (e *fieldErrors) text(r *http.Request, key string, max int, what string) string {
	v := strings.TrimSpace(strings.ReplaceAll(r.PostFormValue(key), "\r\n", "\n"))
	if n := utf8.RuneCountInString(v); n > max {
		e.addf("%s不能超过%d个字（现有%d个字）。", what, max, n)
	}
	return v
}

// number reads an optional whole number field between 0 and maxCountValue;
// empty is nil.
func (e *fieldErrors) number(r *http.Request, key, what string) *int {
	raw := strings.TrimSpace(r.PostFormValue(key))
	if raw == "" {
		return nil
	}
	n, err := strconv.Atoi(raw)
	if err != nil || n < 0 || n > maxCountValue {
		e.addf("%s应填写0至%d之间的整数。", what, maxCountValue)
		if e.raw == nil {
			e.raw = map[string]string{}
		}
		e.raw[key] = raw
		return nil
	}
	return &n
}

// parseStatementForm reads the editor's form over base, which supplies what the
// form does not carry (ids, owner, year). The statement is returned even with an
// error, so that nothing the user typed is lost.
func parseStatementForm(r *http.Request, base *jingzi.Statement) (*statementForm, error) {
	if err := parseForm(r); err != nil {
		return nil, err
	}
	st := *base
	f := &statementForm{Statement: &st, Action: r.PostFormValue("action")}
	var errs fieldErrors
	defer func() { f.Raw = errs.raw }()
	v, err := strconv.Atoi(r.PostFormValue("version"))
	if err != nil || v <= 0 {
		return nil, jingzi.Errorf(jingzi.EINVALID, "表单缺少版本信息，请刷新页面后重新修改。")
	}
	f.Version = v
	st.Title = errs.text(r, "title", 200, "材料标题")
	if st.Title == "" {
		errs.addf("请填写材料标题。")
	}
	st.Preface = errs.text(r, "preface", maxPrefaceLen, "前言")
	st.Closing = errs.text(r, "closing", maxIntroLen, "结束语")
	st.Counts = parseCounts(r, base, &errs)
	st.Parts = nil
	for i := 0; i < maxRows; i++ {
		key := fmt.Sprintf("p%d", i)
		if _, ok := r.PostForm[key+"-kind"]; !ok {
			break
		}
		st.Parts = append(st.Parts, parsePart(r, key, &errs))
	}
	return f, errs.first
}

// parseCounts reads the four preface numbers; a count that comes from records
// is not editable and keeps its value.
func parseCounts(r *http.Request, base *jingzi.Statement, errs *fieldErrors) []jingzi.Count {
	var out []jingzi.Count
	for _, k := range jingzi.CountKeys {
		if c := base.Count(k); c != nil && c.Source == jingzi.CountRecords {
			out = append(out, *c)
			continue
		}
		out = append(out, jingzi.Count{Key: k, Value: errs.number(r, "count-"+string(k), "“"+k.Label()+"”"), Source: jingzi.CountManual})
	}
	return out
}

func parsePart(r *http.Request, key string, errs *fieldErrors) *jingzi.Part {
	p := &jingzi.Part{Kind: jingzi.PartKind(r.PostFormValue(key + "-kind"))}
	if !p.Kind.Valid() {
		errs.addf("材料中有未知的部分类型，请刷新页面后重新修改。")
	}
	p.Heading = errs.text(r, key+"-heading", maxPartHeading, "部分标题")
	p.Intro = errs.text(r, key+"-intro", maxIntroLen, "“"+p.Heading+"”的导语")
	for j := 0; j < maxRows; j++ {
		sk := fmt.Sprintf("%s-s%d", key, j)
		if _, ok := r.PostForm[sk+"-heading"]; !ok {
			break
		}
		sec := &jingzi.Section{AspectIndex: -1}
		sec.Heading = errs.text(r, sk+"-heading", maxHeadingLen, "小节标题")
		sec.Intro = errs.text(r, sk+"-intro", maxIntroLen, "小节导语")
		if a, err := strconv.Atoi(r.PostFormValue(sk + "-aspect")); err == nil && a >= -1 {
			sec.AspectIndex = a
		}
		if sc, err := strconv.ParseFloat(r.PostFormValue(sk+"-score"), 64); err == nil && sc >= 0 && sc <= 1 {
			sec.AspectScore = sc
		}
		sec.Items = parseItems(r, sk, errs)
		p.Sections = append(p.Sections, sec)
	}
	p.Items = parseItems(r, key, errs)
	return p
}

func parseItems(r *http.Request, parent string, errs *fieldErrors) []*jingzi.Item {
	var out []*jingzi.Item
	for k := 0; k < maxRows; k++ {
		ik := fmt.Sprintf("%s-i%d", parent, k)
		if _, ok := r.PostForm[ik+"-heading"]; !ok {
			break
		}
		out = append(out, parseItem(r, ik, errs))
	}
	return out
}

// parseItem reads one item: heading, body, examples (an emptied field removes
// one), targets (a row left empty is dropped) and the hidden opinion links.
func parseItem(r *http.Request, key string, errs *fieldErrors) *jingzi.Item {
	it := &jingzi.Item{}
	it.Heading = errs.text(r, key+"-heading", maxHeadingLen, "要点")
	it.Body = errs.text(r, key+"-body", maxBodyLen, "“"+shorten(it.Heading)+"”的正文")
	for _, ex := range r.PostForm[key+"-example"] {
		if ex = strings.TrimSpace(ex); ex == "" {
			continue
		} else if utf8.RuneCountInString(ex) > maxExampleLen {
			errs.addf("举例不能超过%d个字。", maxExampleLen)
		}
		it.Examples = append(it.Examples, ex)
	}
	for _, id := range r.PostForm[key+"-opinion"] {
		if id = strings.TrimSpace(id); id != "" {
			it.OpinionIDs = append(it.OpinionIDs, id)
		}
	}
	for n := 0; n < maxRows; n++ {
		tk := fmt.Sprintf("%s-t%d", key, n)
		if _, ok := r.PostForm[tk+"-text"]; !ok {
			break
		}
		t := jingzi.Target{
			Text:   errs.text(r, tk+"-text", maxTargetLen, "量化目标表述"),
			Unit:   errs.text(r, tk+"-unit", maxUnitLen, "计量单位"),
			Period: errs.text(r, tk+"-period", maxPeriodLen, "期限"),
		}
		t.Quantity = errs.number(r, tk+"-quantity", "量化目标的数量")
		if t.Text != "" || t.Unit != "" || t.Period != "" || t.Quantity != nil || errs.raw[tk+"-quantity"] != "" {
			it.Targets = append(it.Targets, t)
		}
	}
	if len(it.Examples) > maxRows || len(it.Targets) > maxRows {
		errs.addf("一项中的举例或量化目标过多。")
	}
	return it
}

// shorten returns the first characters of a heading for messages.
func shorten(s string) string {
	const n = 12
	if utf8.RuneCountInString(s) <= n {
		return s
	}
	return string([]rune(s)[:n]) + "…"
}
