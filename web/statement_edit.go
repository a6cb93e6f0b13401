package web

import (
	"bytes"
	"net/http"
	"strconv"

	"jingzi"
)

// statementPage 对照检查材料编辑 is the editor, or the read-only view for those
// who may see but not edit the statement.
type statementPage struct {
	Statement *jingzi.Statement
	Meeting   *jingzi.Meeting
	Version   int // the version the form was rendered from
	CanEdit   bool
	Error     string
	SavedBy   string
	Counts    []countField
	Parts     []partView
	Preface   string // the preface with the numbers filled in, for the read-only view
	Formats   []string
	// Check is the 材料质量检查 of the stored statement; nil when the page shows
	// the user's unsaved text, which the check has not seen.
	Check *checkView
	// Review is the 审阅审核 panel; nil when reviews are not connected.
	Review *reviewView
}

func (p statementPage) meeting() *jingzi.Meeting { return p.Meeting }

// countField is one preface number as the form shows it.
type countField struct {
	Key    jingzi.CountKey
	Token  string
	Label  string
	Value  string
	Manual bool
}

// partView, sectionView and itemView are the statement laid out for the template,
// each with its field-name key and its house numbering.
type partView struct {
	Key, Number string
	Part        *jingzi.Part
	Sections    []sectionView
	Items       []itemView
	Problems    bool
	Findings    []findingView
	Comments    []commentThread
}

type sectionView struct {
	Key, Number string
	Section     *jingzi.Section
	Aspect      string // the framework wording it maps to, "" when none
	Aspects     []aspectOption
	Items       []itemView
	Findings    []findingView
	Comments    []commentThread
}

type aspectOption struct {
	Index    int
	Label    string
	Selected bool
}

type itemView struct {
	StatementID   int64
	Version       int
	Key, Number   string
	Item          *jingzi.Item
	Measure       bool
	Targets       []targetField
	CanEdit       bool
	First, Last   bool
	Error, Notice string
	Findings      []findingView
	Comments      []commentThread // the threads anchored here, shown beside the text
	Ledger        *ledgerMark     // for the organiser, a problem's place in the 整改台账
}

// itemSavedView is the answer to an htmx item save: the item with its fresh
// findings, and the new check report swapped in out of band.
type itemSavedView struct {
	Item  itemView
	Check *checkView
}

// targetField is one target row; an empty Quantity is unknown (数量待定).
type targetField struct {
	Key                          string
	Text, Quantity, Unit, Period string
}

func (s *Server) newStatementPage(r *http.Request, st *jingzi.Statement, m *jingzi.Meeting, version int, raw map[string]string) statementPage {
	p := statementPage{Statement: st, Meeting: m, Version: version, Preface: st.RenderPreface(), Formats: exportFormats}
	p.CanEdit = jingzi.CanEditStatement(r.Context(), m, st)
	for _, k := range jingzi.CountKeys {
		f := countField{Key: k, Token: k.Token(), Label: k.Label(), Manual: true}
		if c := st.Count(k); c != nil {
			f.Manual = c.Source != jingzi.CountRecords
			if c.Value != nil {
				f.Value = strconv.Itoa(*c.Value)
			}
		}
		if v, ok := raw["count-"+string(k)]; ok {
			f.Value = v
		}
		p.Counts = append(p.Counts, f)
	}
	for i, part := range st.Parts {
		p.Parts = append(p.Parts, partViewOf(st, m, i, part, version, p.CanEdit, raw))
	}
	return p
}

func partViewOf(st *jingzi.Statement, m *jingzi.Meeting, i int, part *jingzi.Part, version int, canEdit bool, raw map[string]string) partView {
	pv := partView{Key: itemPath{i, -1, -1}.String(), Number: jingzi.ChineseNumeral(i+1) + "、", Part: part,
		Problems: part.Kind == jingzi.PartProblems}
	for j, sec := range part.Sections {
		sv := sectionView{Key: itemPath{i, j, -1}.String(), Number: "（" + jingzi.ChineseNumeral(j+1) + "）", Section: sec}
		sv.Aspects = append(sv.Aspects, aspectOption{Index: -1, Label: "（未对应检视方面）", Selected: sec.AspectIndex < 0})
		if m.Framework != nil {
			for a, asp := range m.Framework.Aspects {
				sv.Aspects = append(sv.Aspects, aspectOption{Index: a, Label: asp.Wording, Selected: a == sec.AspectIndex})
				if a == sec.AspectIndex {
					sv.Aspect = asp.Wording
				}
			}
		}
		for k, it := range sec.Items {
			sv.Items = append(sv.Items, newItemView(st, itemPath{i, j, k}, it, len(sec.Items), version, canEdit, raw))
		}
		pv.Sections = append(pv.Sections, sv)
	}
	for k, it := range part.Items {
		pv.Items = append(pv.Items, newItemView(st, itemPath{i, -1, k}, it, len(part.Items), version, canEdit, raw))
	}
	return pv
}

func newItemView(st *jingzi.Statement, p itemPath, it *jingzi.Item, n, version int, canEdit bool, raw map[string]string) itemView {
	v := itemView{StatementID: st.ID, Version: version, Key: p.String(), Number: itemOrdinal(st, p), Item: it,
		CanEdit: canEdit, First: p.item == 0, Last: p.item == n-1,
		Measure: st.Parts[p.part].Kind == jingzi.PartMeasures}
	for n, t := range it.Targets {
		tf := targetFieldOf(v.Key, n, t)
		if q, ok := raw[tf.Key+"-quantity"]; ok {
			tf.Quantity = q
		}
		v.Targets = append(v.Targets, tf)
	}
	if canEdit && (v.Measure || len(it.Targets) > 0) {
		v.Targets = append(v.Targets, targetField{Key: v.Key + "-t" + strconv.Itoa(len(it.Targets))})
	}
	return v
}

func targetFieldOf(itemKey string, n int, t jingzi.Target) targetField {
	f := targetField{Key: itemKey + "-t" + strconv.Itoa(n), Text: t.Text, Unit: t.Unit, Period: t.Period}
	if t.Quantity != nil {
		f.Quantity = strconv.Itoa(*t.Quantity)
	}
	return f
}

func (s *Server) statementPage(w http.ResponseWriter, r *http.Request) {
	st, m, err := s.findStatement(r)
	if err != nil {
		s.error(w, r, err)
		return
	}
	p := s.newStatementPage(r, st, m, st.Version, nil)
	p.SavedBy = s.lastSavedBy(r, st)
	p.Check = s.checkStatement(r, st)
	p.attachFindings()
	p.Review = s.newReviewView(r, st, m)
	p.attachComments()
	p.attachLedger(m, s.meetingLedger(r, m))
	s.render(w, r, http.StatusOK, "statement", st.Title, p)
}

// saveStatement 保存 stores the whole form as a new version, after the structural
// change the pressed button asks for. A save based on an older version than the
// current one is refused and the form shown again with the user's text.
func (s *Server) saveStatement(w http.ResponseWriter, r *http.Request) {
	cur, m, err := s.findStatement(r)
	if err != nil {
		s.error(w, r, err)
		return
	}
	if !jingzi.CanEditStatement(r.Context(), m, cur) {
		s.error(w, r, jingzi.Errorf(jingzi.EFORBIDDEN, "只有材料本人可以修改这份对照检查材料。"))
		return
	}
	f, err := parseStatementForm(r, cur)
	if f == nil {
		s.error(w, r, err)
		return
	}
	again := func(status int, msg string) {
		p := s.newStatementPage(r, f.Statement, m, f.Version, f.Raw)
		p.Error = msg
		s.render(w, r, status, "statement", f.Statement.Title, p)
	}
	if err != nil {
		again(http.StatusBadRequest, jingzi.ErrorMessage(err))
		return
	}
	note, anchor, err := applyAction(f.Statement, f.Action)
	if err != nil {
		again(http.StatusBadRequest, jingzi.ErrorMessage(err))
		return
	}
	f.Statement.Version = f.Version
	if err := s.StatementService.SaveStatement(r.Context(), f.Statement, note); err != nil {
		s.saveFailed(w, r, err, cur.ID, again)
		return
	}
	saved := max(f.Statement.Version, f.Version+1) // every save is one version on from the form's
	to := statementHref(cur.ID)
	if anchor != "" {
		to += "#" + anchor
	}
	s.redirectWithFlash(w, r, to, "已保存（"+note+"），当前为第"+strconv.Itoa(saved)+"版。")
}

// saveFailed shows the form again for a conflict or invalid input; a conflict
// names the version that is now current.
func (s *Server) saveFailed(w http.ResponseWriter, r *http.Request, err error, id int64, again func(int, string)) {
	switch jingzi.ErrorCode(err) {
	case jingzi.ECONFLICT:
		again(http.StatusConflict, s.conflictMessage(r, id))
	case jingzi.EINVALID:
		again(http.StatusBadRequest, jingzi.ErrorMessage(err))
	default:
		s.error(w, r, err)
	}
}

func (s *Server) conflictMessage(r *http.Request, id int64) string {
	n := "新"
	if now, err := s.StatementService.FindStatementByID(r.Context(), id); err == nil {
		n = strconv.Itoa(now.Version)
	}
	return "材料已被他人修改（当前为第" + n + "版），您的修改未保存，请刷新后重新修改。"
}

// saveStatementItem 保存本项 stores one item: htmx posts it from the item's own
// button and swaps the returned fragment in; the page's version field follows.
func (s *Server) saveStatementItem(w http.ResponseWriter, r *http.Request) {
	st, m, err := s.findStatement(r)
	if err != nil {
		s.error(w, r, err)
		return
	}
	if !jingzi.CanEditStatement(r.Context(), m, st) {
		s.error(w, r, jingzi.Errorf(jingzi.EFORBIDDEN, "只有材料本人可以修改这份对照检查材料。"))
		return
	}
	if err := parseForm(r); err != nil {
		s.error(w, r, err)
		return
	}
	p, ok := parseItemPath(r.PathValue("key"))
	if !ok || p.find(st) == nil {
		s.error(w, r, jingzi.Errorf(jingzi.ENOTFOUND, "要保存的条目已不存在，请刷新页面后重新修改。"))
		return
	}
	version, _ := strconv.Atoi(r.PostFormValue("version"))
	var errs fieldErrors
	typed := parseItem(r, p.String(), &errs)
	list := p.items(st)
	old := (*list)[p.item]
	(*list)[p.item] = typed
	view := newItemView(st, p, typed, len(*list), version, true, errs.raw)
	switch {
	case errs.first != nil:
		err = errs.first
	case version != st.Version:
		err = jingzi.Errorf(jingzi.ECONFLICT, "版本不一致")
	default:
		st.Version = version
		err = s.StatementService.SaveStatement(r.Context(), st, "编辑"+p.label(st))
	}
	if err != nil {
		(*list)[p.item] = old
		s.itemSaveFailed(w, r, err, st, m, p, typed, view)
		return
	}
	view.Version = max(st.Version, version+1)
	view.Notice = "已保存，当前为第" + strconv.Itoa(view.Version) + "版。"
	if r.Header.Get("HX-Request") == "true" {
		check := s.checkStatement(r, st)
		check.OOB, view.Findings = true, check.at(view.Key)
		s.renderFragment(w, r, http.StatusOK, "statement", "item-saved", itemSavedView{Item: view, Check: check})
		return
	}
	s.redirectWithFlash(w, r, statementHref(st.ID)+"#"+p.String(), view.Notice)
}

// itemSaveFailed answers htmx with the item as typed and the message (htmx swaps
// only successful responses), and a plain request with the whole editor.
func (s *Server) itemSaveFailed(w http.ResponseWriter, r *http.Request, err error, st *jingzi.Statement, m *jingzi.Meeting, p itemPath, typed *jingzi.Item, view itemView) {
	msg := jingzi.ErrorMessage(err)
	if jingzi.ErrorCode(err) == jingzi.ECONFLICT {
		msg = s.conflictMessage(r, st.ID)
	} else if jingzi.ErrorCode(err) != jingzi.EINVALID {
		s.error(w, r, err)
		return
	}
	if r.Header.Get("HX-Request") == "true" {
		view.Error = msg
		s.renderFragment(w, r, http.StatusOK, "statement", "item", view)
		return
	}
	(*p.items(st))[p.item] = typed
	page := s.newStatementPage(r, st, m, view.Version, nil)
	page.Error = msg
	s.render(w, r, statusOf(err), "statement", st.Title, page)
}

// renderFragment writes one named template of a page without the layout, for htmx.
func (s *Server) renderFragment(w http.ResponseWriter, r *http.Request, status int, page, name string, data any) {
	var buf bytes.Buffer
	if err := s.pages.byName[page].ExecuteTemplate(&buf, name, data); err != nil {
		s.Logger.Error("render fragment", "page", page, "fragment", name, "err", err)
		s.renderStatus(w, r, http.StatusInternalServerError, "")
		return
	}
	w.Header().Set("Content-Type", "text/html; charset=utf-8")
	w.Header().Set("Cache-Control", "no-store")
	w.WriteHeader(status)
	w.Write(buf.Bytes())
}
