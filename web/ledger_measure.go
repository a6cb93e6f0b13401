package web

import (
	"net/http"
	"net/url"
	"strconv"
	"strings"

	"jingzi"
)

// measureChoice is one measure of the source's statement offered on the
// new-item form (采用此措施): its lead sentence, the start of its body and its
// quantified targets as the statement writes them.
type measureChoice struct {
	Key     string // the measure's place in the statement, e.g. p2-i0
	Heading string
	Excerpt string
	Targets []string // 全年深入基层企业宣讲调研不少于20家（20家）
	Chosen  bool     // its text is what the form's 整改措施 holds
	item    *jingzi.Item
}

// measureExcerptRunes is how much of a measure's body the choice shows.
const measureExcerptRunes = 60

// statementMeasures lists the measures of the statement the source points to,
// in the order the statement writes them; nil for other sources.
func (s *Server) statementMeasures(r *http.Request, ref sourceRef) ([]measureChoice, error) {
	if jingzi.SourceKind(ref.Kind) != jingzi.SourceStatement {
		return nil, nil
	}
	st, err := s.StatementService.FindStatementByID(r.Context(), ref.StatementID)
	if err != nil {
		return nil, err
	}
	var out []measureChoice
	for pi, part := range st.Parts {
		if part.Kind != jingzi.PartMeasures {
			continue
		}
		for i, it := range part.Items {
			out = append(out, choiceOf(itemPath{pi, -1, i}, it))
		}
		for si, sec := range part.Sections {
			for i, it := range sec.Items {
				out = append(out, choiceOf(itemPath{pi, si, i}, it))
			}
		}
	}
	return out, nil
}

func choiceOf(p itemPath, it *jingzi.Item) measureChoice {
	c := measureChoice{Key: p.String(), Heading: strings.TrimSpace(it.Heading), Excerpt: excerpt(it.Body, measureExcerptRunes), item: it}
	for _, t := range it.Targets {
		c.Targets = append(c.Targets, t.Text+"（"+targetPlan(t)+"）")
	}
	return c
}

// targetPlan is a target's planned quantity as the form shows it: 20家, or 数量待定 for XX.
func targetPlan(t jingzi.Target) string {
	if t.Quantity == nil {
		return "数量待定"
	}
	return strconv.Itoa(*t.Quantity) + t.Unit
}

// useMeasure fills the form's 整改措施 and 量化目标 from the measure; the other
// fields stay as they are.
func (f *ledgerForm) useMeasure(it *jingzi.Item) {
	f.Measures = it.Text()
	f.Targets = nil
	for _, t := range it.Targets {
		tf := ledgerTargetField{Text: t.Text, Unit: t.Unit, Period: t.Period}
		if t.Quantity != nil {
			tf.Quantity = strconv.Itoa(*t.Quantity)
		}
		f.Targets = append(f.Targets, tf)
	}
}

// withMeasure is the new-item form as it comes back from 采用此措施: the
// fields the user had typed (when the query carries them), with the chosen
// measure's text and targets filled in. An unknown key is EINVALID.
func withMeasure(f ledgerForm, q url.Values, choices []measureChoice) (ledgerForm, error) {
	if _, typed := q["problem"]; typed {
		f = readLedgerValues(q)
	}
	key := q.Get("measure")
	if key == "" {
		return f, nil
	}
	for _, c := range choices {
		if c.Key == key {
			f.useMeasure(c.item)
			return f, nil
		}
	}
	return f, jingzi.Errorf(jingzi.EINVALID, "所选整改措施在对照检查材料中已不存在，可能材料已被修改，请重新选择或直接填写整改措施。")
}

// markChosen marks the measure whose text the form holds.
func markChosen(choices []measureChoice, f ledgerForm) []measureChoice {
	for i := range choices {
		choices[i].Chosen = f.Measures != "" && strings.TrimSpace(choices[i].item.Text()) == f.Measures
	}
	return choices
}
