package web

import (
	"net/http"
	"strconv"
	"strings"
	"unicode/utf8"

	"jingzi"
)

// ledgerMark says, beside a source, whether it is already in the ledger: a link
// to its item, or to the prefilled form that takes it over.
type ledgerMark struct {
	Taken bool
	Seq   int
	Href  string
}

// sourceOf resolves a reference into the source an item records, with the
// fields the new-item form starts from. It loads the source through the
// services, so the caller must be able to see it.
func (s *Server) sourceOf(r *http.Request, m *jingzi.Meeting, ref sourceRef) (jingzi.LedgerSource, ledgerForm, error) {
	src := jingzi.LedgerSource{Kind: jingzi.SourceKind(ref.Kind)}
	f := ledgerForm{Source: ref, DeadlineKind: string(jingzi.DeadlineDated)}
	switch src.Kind {
	case jingzi.SourceManual:
		return src, f, nil
	case jingzi.SourceStatement:
		return s.statementSource(r, m, ref, f)
	case jingzi.SourceOpinion:
		return s.opinionSource(r, m, ref, f)
	case jingzi.SourceCriticism, jingzi.SourceSupervisor:
		return s.minutesSource(r, m, ref, f)
	}
	return src, f, jingzi.Errorf(jingzi.EINVALID, "问题来源无效，请从对照检查材料、意见建议或会议记录中重新选择。")
}

var errNoSource = jingzi.Errorf(jingzi.ENOTFOUND, "所选问题不存在，或已被修改，请返回原页面重新选择。")

// statementSource is a problem of a statement: the section's aspect, the item's
// text, and the measure that answers it with its targets, when one matches.
func (s *Server) statementSource(r *http.Request, m *jingzi.Meeting, ref sourceRef, f ledgerForm) (jingzi.LedgerSource, ledgerForm, error) {
	src := jingzi.LedgerSource{Kind: jingzi.SourceStatement, StatementID: ref.StatementID}
	st, err := s.StatementService.FindStatementByID(r.Context(), ref.StatementID)
	if err != nil {
		return src, f, err
	}
	p, ok := parseItemPath(ref.Anchor)
	if !ok || st.MeetingID != m.ID || p.part >= len(st.Parts) || p.section < 0 || p.item < 0 ||
		st.Parts[p.part].Kind != jingzi.PartProblems || p.section >= len(st.Parts[p.part].Sections) ||
		p.item >= len(st.Parts[p.part].Sections[p.section].Items) {
		return src, f, errNoSource
	}
	sec := st.Parts[p.part].Sections[p.section]
	it := sec.Items[p.item]
	src.Anchor = jingzi.Anchor{Part: p.part, Section: p.section, Item: p.item}
	src.Label = st.OwnerLabel() + "对照检查材料" + src.Anchor.Label()
	src.Excerpt = it.Text()
	f.Aspect = strings.TrimSpace(sec.Heading)
	if m.Framework != nil && sec.AspectIndex >= 0 && sec.AspectIndex < len(m.Framework.Aspects) {
		f.Aspect = m.Framework.Aspects[sec.AspectIndex].Wording
	}
	f.Problem = it.Text()
	if measure := matchMeasure(st, p.section); measure != nil {
		f.Measures = measure.Text()
		for _, t := range measure.Targets {
			tf := ledgerTargetField{Text: t.Text, Unit: t.Unit, Period: t.Period}
			if t.Quantity != nil {
				tf.Quantity = strconv.Itoa(*t.Quantity)
			}
			f.Targets = append(f.Targets, tf)
		}
	}
	if pt := m.Participant(st.ParticipantID); pt != nil {
		f.OwnerPID, f.LeadID = strconv.FormatInt(pt.ID, 10), strconv.FormatInt(pt.ID, 10)
	} else if head := m.Head(); head != nil {
		f.LeadID = strconv.FormatInt(head.ID, 10)
	}
	return src, f, nil
}

// matchMeasure finds the measure answering the problems of section sec: when
// the measures part has one item per problem section, they go in the same
// order, as statements write them; otherwise none is guessed.
func matchMeasure(st *jingzi.Statement, sec int) *jingzi.Item {
	problems, measures := st.Part(jingzi.PartProblems), st.Part(jingzi.PartMeasures)
	if problems == nil || measures == nil {
		return nil
	}
	items := measures.AllItems()
	if len(items) != len(problems.Sections) || sec >= len(items) {
		return nil
	}
	return items[sec]
}

func (s *Server) opinionSource(r *http.Request, m *jingzi.Meeting, ref sourceRef, f ledgerForm) (jingzi.LedgerSource, ledgerForm, error) {
	src := jingzi.LedgerSource{Kind: jingzi.SourceOpinion, OpinionID: ref.OpinionID}
	if s.OpinionService == nil || ref.OpinionID == "" {
		return src, f, errNoSource
	}
	o, err := s.OpinionService.FindOpinionByID(r.Context(), ref.OpinionID)
	if err != nil {
		return src, f, err
	}
	sol, err := s.SolicitationService.FindSolicitationByID(r.Context(), o.SolicitationID)
	if err != nil {
		return src, f, err
	} else if sol.MeetingID != m.ID {
		return src, f, errNoSource
	}
	src.Label = o.Channel.Label() + "意见"
	if o.Unit != "" {
		src.Label += "，" + o.Unit
	}
	src.Excerpt, f.Problem = o.Text, o.Text
	if m.Framework != nil && o.AspectIndex >= 0 && o.AspectIndex < len(m.Framework.Aspects) {
		f.Aspect = m.Framework.Aspects[o.AspectIndex].Wording
	}
	if pt := m.Participant(o.ParticipantID); pt != nil {
		f.OwnerPID, f.LeadID = strconv.FormatInt(pt.ID, 10), strconv.FormatInt(pt.ID, 10)
	} else if head := m.Head(); head != nil {
		f.LeadID = strconv.FormatInt(head.ID, 10)
	}
	return src, f, nil
}

// minutesSource is a criticism given at the meeting, or the 督导组点评.
func (s *Server) minutesSource(r *http.Request, m *jingzi.Meeting, ref sourceRef, f ledgerForm) (jingzi.LedgerSource, ledgerForm, error) {
	src := jingzi.LedgerSource{Kind: jingzi.SourceKind(ref.Kind), CriticismID: ref.CriticismID}
	if s.MinutesService == nil {
		return src, f, errNoSource
	}
	min, err := s.MinutesService.FindMinutes(r.Context(), m.ID)
	if err != nil {
		return src, f, err
	}
	if src.Kind == jingzi.SourceSupervisor {
		if strings.TrimSpace(min.SupervisorRemarks) == "" {
			return src, f, errNoSource
		}
		src.Label, src.Excerpt = "督导组点评", min.SupervisorRemarks
		f.Problem = clip(min.SupervisorRemarks, 1000)
		if head := m.Head(); head != nil {
			f.LeadID, f.OwnerPID = strconv.FormatInt(head.ID, 10), strconv.FormatInt(head.ID, 10)
		}
		return src, f, nil
	}
	c := min.Criticism(ref.CriticismID)
	if c == nil {
		return src, f, errNoSource
	}
	src.Label = c.FromName + "同志对" + c.ToName + "同志的批评意见"
	src.Excerpt, f.Problem = c.Content, clip(c.Content, 1000)
	if to := m.Participant(c.ToID); to != nil {
		f.OwnerPID, f.LeadID = strconv.FormatInt(to.ID, 10), strconv.FormatInt(to.ID, 10)
	}
	return src, f, nil
}

// clip shortens a text to n characters.
func clip(s string, n int) string {
	s = strings.TrimSpace(s)
	if utf8.RuneCountInString(s) <= n {
		return s
	}
	return string([]rune(s)[:n])
}

// sameSource reports whether two items answer the same source.
func sameSource(a, b jingzi.LedgerSource) bool {
	if a.Kind != b.Kind {
		return false
	}
	switch a.Kind {
	case jingzi.SourceStatement:
		return a.StatementID == b.StatementID && a.Anchor.Part == b.Anchor.Part &&
			a.Anchor.Section == b.Anchor.Section && a.Anchor.Item == b.Anchor.Item
	case jingzi.SourceOpinion:
		return a.OpinionID == b.OpinionID
	case jingzi.SourceCriticism:
		return a.CriticismID == b.CriticismID
	case jingzi.SourceSupervisor:
		return true
	}
	return false
}

// takenBy returns the item that already answers the source, or nil.
func takenBy(items []*jingzi.LedgerItem, src jingzi.LedgerSource) *jingzi.LedgerItem {
	for _, it := range items {
		if sameSource(it.Source, src) {
			return it
		}
	}
	return nil
}

// markOf is the mark beside a source on its own page.
func markOf(m *jingzi.Meeting, items []*jingzi.LedgerItem, src jingzi.LedgerSource, ref sourceRef) ledgerMark {
	if it := takenBy(items, src); it != nil {
		return ledgerMark{Taken: true, Seq: it.Seq, Href: ledgerItemHref(it.ID)}
	}
	return ledgerMark{Href: rectifyHref(m.ID) + "/new?" + ref.Query() + "#ledger-new"}
}

// meetingLedger lists the meeting's items for the marks beside sources; it is
// nil when there is no ledger or the caller may not keep it.
func (s *Server) meetingLedger(r *http.Request, m *jingzi.Meeting) []*jingzi.LedgerItem {
	if s.LedgerService == nil || !jingzi.CanManageLedger(r.Context(), m) {
		return nil
	}
	// Items carried into the next meeting still answer their sources here.
	items, _, err := s.LedgerService.FindLedgerItems(r.Context(), jingzi.LedgerFilter{MeetingID: &m.ID, WithCarried: true})
	if err != nil {
		s.Logger.Warn("ledger items for sources", "meeting", m.ID, "err", err)
		return nil
	}
	if items == nil {
		items = []*jingzi.LedgerItem{}
	}
	return items
}

// sourceHref links an item to where its source stands; solicitations maps an
// opinion to its solicitation, when known.
func sourceHref(it *jingzi.LedgerItem, solicitations map[string]int64) string {
	src := it.Source
	switch src.Kind {
	case jingzi.SourceStatement:
		return statementHref(src.StatementID) + "#" + itemPath{src.Anchor.Part, src.Anchor.Section, src.Anchor.Item}.String()
	case jingzi.SourceOpinion:
		if id, ok := solicitations[src.OpinionID]; ok {
			return "/solicitations/" + strconv.FormatInt(id, 10) + "#opinion-" + src.OpinionID
		}
		return meetingHref(it.MeetingID) + "/opinions"
	case jingzi.SourceCriticism:
		return meetingHref(it.MeetingID) + "/meeting#criticism-" + strconv.FormatInt(src.CriticismID, 10)
	case jingzi.SourceSupervisor:
		return meetingHref(it.MeetingID) + "/meeting#remarks"
	}
	return ""
}

// opinionSolicitations maps the opinions the items answer to their solicitations.
func (s *Server) opinionSolicitations(r *http.Request, m *jingzi.Meeting, items []*jingzi.LedgerItem) map[string]int64 {
	out := map[string]int64{}
	need := false
	for _, it := range items {
		need = need || it.Source.Kind == jingzi.SourceOpinion
	}
	if !need || s.OpinionService == nil {
		return out
	}
	list, _, err := s.OpinionService.FindOpinions(r.Context(), jingzi.OpinionFilter{MeetingID: &m.ID})
	if err != nil {
		s.Logger.Warn("opinions for ledger sources", "meeting", m.ID, "err", err)
		return out
	}
	for _, o := range list {
		out[o.ID] = o.SolicitationID
	}
	return out
}

// ledgerImport is a criticism or the 督导组点评 not yet in the ledger.
type ledgerImport struct {
	Label, Excerpt, Href string
}

// minutesImports lists what the minutes hold that the ledger does not yet answer.
func (s *Server) minutesImports(r *http.Request, m *jingzi.Meeting, items []*jingzi.LedgerItem) []ledgerImport {
	if s.MinutesService == nil {
		return nil
	}
	min, err := s.MinutesService.FindMinutes(r.Context(), m.ID)
	if err != nil {
		s.Logger.Warn("minutes for ledger import", "meeting", m.ID, "err", err)
		return nil
	}
	var out []ledgerImport
	for _, c := range min.Criticisms {
		src := jingzi.LedgerSource{Kind: jingzi.SourceCriticism, CriticismID: c.ID}
		if takenBy(items, src) == nil {
			ref := sourceRef{Kind: string(jingzi.SourceCriticism), CriticismID: c.ID}
			out = append(out, ledgerImport{Label: c.FromName + "同志对" + c.ToName + "同志的批评意见", Excerpt: excerpt(c.Content, 60),
				Href: rectifyHref(m.ID) + "/new?" + ref.Query() + "#ledger-new"})
		}
	}
	if strings.TrimSpace(min.SupervisorRemarks) != "" && takenBy(items, jingzi.LedgerSource{Kind: jingzi.SourceSupervisor}) == nil {
		out = append(out, ledgerImport{Label: "督导组点评", Excerpt: excerpt(min.SupervisorRemarks, 60),
			Href: rectifyHref(m.ID) + "/new?kind=supervisor#ledger-new"})
	}
	return out
}

// attachLedger marks each problem of the statement with its place in the
// ledger; items is nil when the caller does not keep the ledger.
func (p *statementPage) attachLedger(m *jingzi.Meeting, items []*jingzi.LedgerItem) {
	if items == nil {
		return
	}
	for i := range p.Parts {
		pv := &p.Parts[i]
		if !pv.Problems {
			continue
		}
		for j := range pv.Sections {
			for k := range pv.Sections[j].Items {
				src := jingzi.LedgerSource{Kind: jingzi.SourceStatement, StatementID: p.Statement.ID, Anchor: jingzi.Anchor{Part: i, Section: j, Item: k}}
				ref := sourceRef{Kind: string(jingzi.SourceStatement), StatementID: p.Statement.ID, Anchor: itemPath{i, j, k}.String()}
				mark := markOf(m, items, src, ref)
				pv.Sections[j].Items[k].Ledger = &mark
			}
		}
	}
}
