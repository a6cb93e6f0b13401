package web

import (
	"net/http"
	"strconv"
	"strings"
	"time"

	"jingzi"
)

// ledgerPage 整改台账 is the 整改 phase of a meeting: the items with their
// colours, the filters, the dashboard, and for the organiser the new-item form
// and what the minutes hold that is not yet in the ledger.
type ledgerPage struct {
	Meeting   *jingzi.Meeting
	Rows      []ledgerRow
	Total     int // items before filtering
	Filter    ledgerFilter
	Owners    []string
	Statuses  []jingzi.LedgerStatus
	Colours   []jingzi.Colour
	Summary   jingzi.LedgerSummary
	Charts    ledgerCharts
	CanManage bool
	Form      ledgerFormView
	Imports   []ledgerImport
	items     []*jingzi.LedgerItem // every item, unfiltered
}

func (p ledgerPage) meeting() *jingzi.Meeting { return p.Meeting }

// ledgerFilter is what the list shows: "" means all.
type ledgerFilter struct {
	Status, Colour, Owner string
}

// ledgerRow is one item in the list.
type ledgerRow struct {
	Item       *jingzi.LedgerItem
	Colour     jingzi.Colour
	SourceHref string
	Deadline   string // 限期整改 2024年3月1日
	Targets    string // 12/20家；3/4次
	Problem    string // the problem shortened for the list; the item page has it whole
	// CarriedTo, for an item recorded here and carried into a later meeting,
	// says where: 已转入2022年度台账. The item is changed there, not here.
	CarriedTo string
}

// listProblemRunes is how much of a problem the list shows before “…”.
const listProblemRunes = 60

// ledgerFormView is the item form with its choices and, after a refusal, why.
type ledgerFormView struct {
	Form    ledgerForm
	Source  *jingzi.LedgerSource // the source being taken over, shown above the form
	Open    bool
	Error   string
	Taken   *jingzi.LedgerItem // the item that already answers the source (冲突)
	Roster  []*jingzi.Participant
	Kinds   []jingzi.DeadlineKind
	Aspects []string
	// Measures are the source statement's measures to choose from (采用此措施),
	// sent back to MeasureHref with the typed fields; new-item form only.
	Measures    []measureChoice
	MeasureHref string
}

var ledgerStatuses = []jingzi.LedgerStatus{jingzi.LedgerOpen, jingzi.LedgerDoing, jingzi.LedgerRequested, jingzi.LedgerClosed}

func rectifyHref(meetingID int64) string { return meetingHref(meetingID) + "/rectify" }

func ledgerItemHref(id int64) string { return "/ledger/" + strconv.FormatInt(id, 10) }

// ledgerList is GET /meetings/{id}/rectify.
func (s *Server) ledgerList(w http.ResponseWriter, r *http.Request) {
	m, err := s.findMeeting(r)
	if err != nil {
		s.error(w, r, err)
		return
	}
	p, err := s.newLedgerPage(r, m, ledgerForm{DeadlineKind: string(jingzi.DeadlineDated)}.padded())
	if err != nil {
		s.error(w, r, err)
		return
	}
	s.render(w, r, http.StatusOK, "ledger", "整改台账 · "+m.Title, p)
}

// ledgerNew is GET /meetings/{id}/rectify/new?kind=…: the list with the new-item
// form open and prefilled from the source.
func (s *Server) ledgerNew(w http.ResponseWriter, r *http.Request) {
	m, err := s.findMeeting(r)
	if err != nil {
		s.error(w, r, err)
		return
	}
	if !jingzi.CanManageLedger(r.Context(), m) {
		s.error(w, r, jingzi.Errorf(jingzi.EFORBIDDEN, "只有党办组织者可以新增整改事项。"))
		return
	}
	q := r.URL.Query()
	src, f, err := s.sourceOf(r, m, readSourceRef(q.Get))
	var choices []measureChoice
	if err == nil {
		choices, err = s.statementMeasures(r, f.Source)
	}
	if err != nil {
		s.error(w, r, err)
		return
	}
	f, ferr := withMeasure(f, q, choices)
	p, err := s.newLedgerPage(r, m, f.padded())
	if err != nil {
		s.error(w, r, err)
		return
	}
	p.Form.Open = true
	p.Form.offerMeasures(m, choices)
	if ferr != nil {
		p.Form.Error = jingzi.ErrorMessage(ferr)
	}
	if src.Kind != jingzi.SourceManual {
		p.Form.Source = &src
		p.Form.Taken = takenBy(p.items, src)
	}
	s.render(w, r, http.StatusOK, "ledger", "新增整改事项 · "+m.Title, p)
}

// offerMeasures puts the statement's measures beside the 整改措施 field.
func (v *ledgerFormView) offerMeasures(m *jingzi.Meeting, choices []measureChoice) {
	if len(choices) > 0 {
		v.Measures, v.MeasureHref = markChosen(choices, v.Form), rectifyHref(m.ID)+"/new#ledger-new"
	}
}

func (s *Server) newLedgerPage(r *http.Request, m *jingzi.Meeting, form ledgerForm) (*ledgerPage, error) {
	items, _, err := s.LedgerService.FindLedgerItems(r.Context(), jingzi.LedgerFilter{MeetingID: &m.ID, WithCarried: true})
	if err != nil {
		return nil, err
	}
	now := s.Now()
	q := r.URL.Query()
	p := &ledgerPage{Meeting: m, Total: len(items), items: items, Statuses: ledgerStatuses,
		Colours:   []jingzi.Colour{jingzi.Red, jingzi.Yellow, jingzi.Green},
		Filter:    ledgerFilter{Status: q.Get("status"), Colour: q.Get("colour"), Owner: q.Get("owner")},
		Summary:   jingzi.SummarizeLedger(items, now),
		CanManage: jingzi.CanManageLedger(r.Context(), m)}
	p.Charts = ledgerChartsOf(p.Summary)
	p.Form = ledgerFormView{Form: form, Roster: m.Participants, Kinds: jingzi.DeadlineKinds, Aspects: frameworkAspects(m)}
	sols := s.opinionSolicitations(r, m, items)
	seen, years := map[string]bool{}, map[int64]string{}
	for _, it := range items {
		if name := it.OwnerName; name != "" && !seen[name] {
			seen[name] = true
			p.Owners = append(p.Owners, name)
		}
		row := ledgerRowOf(it, now, sols)
		if it.CarriedOut(m.ID) {
			row.CarriedTo = s.carriedTo(r, years, it.MeetingID)
		}
		if p.Filter.keeps(row) {
			p.Rows = append(p.Rows, row)
		}
	}
	if p.CanManage {
		p.Imports = s.minutesImports(r, m, items)
	}
	return p, nil
}

// carriedTo names the ledger an item was carried into: 已转入2022年度台账, or
// 已转入下一年度台账 when the caller may not see that meeting.
func (s *Server) carriedTo(r *http.Request, years map[int64]string, meetingID int64) string {
	if y, ok := years[meetingID]; ok {
		return y
	}
	y := "已转入下一年度台账"
	if s.MeetingService != nil {
		if next, err := s.MeetingService.FindMeetingByID(r.Context(), meetingID); err == nil {
			y = "已转入" + strconv.Itoa(next.Year) + "年度台账"
		}
	}
	years[meetingID] = y
	return y
}

func (f ledgerFilter) keeps(row ledgerRow) bool {
	return (f.Status == "" || f.Status == string(row.Item.Status)) && (f.Colour == "" || f.Colour == string(row.Colour)) &&
		(f.Owner == "" || f.Owner == row.Item.OwnerName)
}

func ledgerRowOf(it *jingzi.LedgerItem, now time.Time, sols map[string]int64) ledgerRow {
	return ledgerRow{Item: it, Colour: it.Colour(now), SourceHref: sourceHref(it, sols), Deadline: deadlineText(it), Targets: targetsText(it),
		Problem: excerpt(it.Problem, listProblemRunes)}
}

// deadlineText is the 时限 as the list writes it.
func deadlineText(it *jingzi.LedgerItem) string {
	s := it.DeadlineKind.Label()
	if d := it.DueDate(); d != nil {
		s += " " + jingzi.FormatDate(*d)
	}
	return s
}

// targetsText is 目标完成: done against planned for each target.
func targetsText(it *jingzi.LedgerItem) string {
	var parts []string
	for _, t := range it.Targets {
		if t.Quantity != nil {
			parts = append(parts, strconv.Itoa(t.Done)+"/"+strconv.Itoa(*t.Quantity)+t.Unit)
		} else {
			parts = append(parts, strconv.Itoa(t.Done)+t.Unit+"（数量待定）")
		}
	}
	return strings.Join(parts, "；")
}

func frameworkAspects(m *jingzi.Meeting) []string {
	var out []string
	if m.Framework != nil {
		for _, a := range m.Framework.Aspects {
			out = append(out, a.Wording)
		}
	}
	return out
}

// createLedgerItem is POST /meetings/{id}/ledger: the organiser records an item,
// from a source or typed in. A source already taken shows which item holds it.
func (s *Server) createLedgerItem(w http.ResponseWriter, r *http.Request) {
	m, err := s.findMeeting(r)
	if err == nil {
		err = parseForm(r)
	}
	if err != nil {
		s.error(w, r, err)
		return
	}
	in := readLedgerForm(r)
	src, _, err := s.sourceOf(r, m, in.Source)
	var it *jingzi.LedgerItem
	if err == nil {
		it, err = in.item(m)
	}
	if err == nil {
		it.Source = src
		err = s.LedgerService.CreateLedgerItem(r.Context(), it)
	}
	if err != nil {
		s.ledgerCreateFailed(w, r, m, in, src, err)
		return
	}
	s.redirectWithFlash(w, r, ledgerItemHref(it.ID), "已列入整改台账（第"+strconv.Itoa(it.Seq)+"项），请分解整改任务、明确量化目标。")
}

// ledgerCreateFailed shows the form again with the typed input and why nothing
// was saved; for a source already taken, the item that holds it.
func (s *Server) ledgerCreateFailed(w http.ResponseWriter, r *http.Request, m *jingzi.Meeting, in ledgerForm, src jingzi.LedgerSource, err error) {
	code := jingzi.ErrorCode(err)
	if code != jingzi.EINVALID && code != jingzi.ECONFLICT {
		s.error(w, r, err)
		return
	}
	p, lerr := s.newLedgerPage(r, m, in.padded())
	if lerr != nil {
		s.error(w, r, lerr)
		return
	}
	p.Form.Open, p.Form.Error = true, jingzi.ErrorMessage(err)
	status := http.StatusBadRequest
	if src.Kind != jingzi.SourceManual && src.Kind != "" {
		p.Form.Source = &src
		if choices, merr := s.statementMeasures(r, in.Source); merr == nil {
			p.Form.offerMeasures(m, choices)
		}
	}
	if code == jingzi.ECONFLICT {
		status = http.StatusConflict
		if taken := takenBy(p.items, src); taken != nil {
			p.Form.Taken = taken
			p.Form.Error = "该问题已列入整改台账（第" + strconv.Itoa(taken.Seq) + "项），未重复新增。"
		}
	}
	s.render(w, r, status, "ledger", "新增整改事项 · "+m.Title, p)
}
