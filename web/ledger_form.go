package web

import (
	"net/http"
	"net/url"
	"strconv"
	"strings"
	"time"

	"jingzi"
)

// ledgerForm is the 整改事项 form as typed, kept when it is shown again with an error.
type ledgerForm struct {
	Aspect, Problem, Measures, Department string
	LeadID                                string // roster participant id, "" for none
	OwnerPID                              string // roster participant who answers for it
	OwnerName                             string // a 责任人 not on the roster, written by hand
	DeadlineKind, Due                     string
	Targets                               []ledgerTargetField
	Tasks                                 []ledgerTaskField
	Version                               string
	Source                                sourceRef
}

// ledgerTargetField is one 量化目标 row; Done is shown, not edited.
type ledgerTargetField struct {
	Text, Quantity, Unit, Period string
	Done                         int
}

// ledgerTaskField is one 整改任务 row.
type ledgerTaskField struct {
	ID, Text, Owner, Due string
	Done                 bool
}

// sourceRef names a source in a form or a query: what kind and which one.
type sourceRef struct {
	Kind        string
	StatementID int64
	Anchor      string // the problem's key in the statement, e.g. p0-s1-i0
	OpinionID   string
	CriticismID int64
}

// Query writes the reference as the query string of the prefilled new-item form.
func (s sourceRef) Query() string {
	v := "kind=" + s.Kind
	switch jingzi.SourceKind(s.Kind) {
	case jingzi.SourceStatement:
		v += "&statement=" + strconv.FormatInt(s.StatementID, 10) + "&anchor=" + s.Anchor
	case jingzi.SourceOpinion:
		v += "&opinion=" + s.OpinionID
	case jingzi.SourceCriticism:
		v += "&criticism=" + strconv.FormatInt(s.CriticismID, 10)
	}
	return v
}

// readSourceRef reads a reference from the query (GET) or the form (POST).
func readSourceRef(get func(string) string) sourceRef {
	ref := sourceRef{Kind: get("kind"), Anchor: get("anchor"), OpinionID: get("opinion")}
	ref.StatementID, _ = strconv.ParseInt(get("statement"), 10, 64)
	ref.CriticismID, _ = strconv.ParseInt(get("criticism"), 10, 64)
	if ref.Kind == "" {
		ref.Kind = string(jingzi.SourceManual)
	}
	return ref
}

// ledgerFormRows is how many empty rows the form offers for new targets and tasks.
const ledgerFormRows = 2

func readLedgerForm(r *http.Request) ledgerForm { return readLedgerValues(r.PostForm) }

// readLedgerValues reads the form from posted values, or from the query when
// the new-item form comes back with a measure chosen (采用此措施).
func readLedgerValues(form url.Values) ledgerForm {
	v := func(k string) string { return strings.TrimSpace(form.Get(k)) }
	f := ledgerForm{Aspect: v("aspect"), Problem: v("problem"), Measures: v("measures"), Department: v("department"),
		LeadID: v("lead_id"), OwnerPID: v("owner_pid"), OwnerName: v("owner_name"), DeadlineKind: v("deadline_kind"),
		Due: v("due"), Version: v("version"), Source: readSourceRef(form.Get)}
	for i := 0; i < 100; i++ {
		p := "target-" + strconv.Itoa(i) + "-"
		if _, ok := form[p+"text"]; !ok {
			break
		}
		f.Targets = append(f.Targets, ledgerTargetField{Text: v(p + "text"), Quantity: v(p + "quantity"), Unit: v(p + "unit"), Period: v(p + "period")})
	}
	for i := 0; i < 100; i++ {
		p := "task-" + strconv.Itoa(i) + "-"
		if _, ok := form[p+"text"]; !ok {
			break
		}
		done := v(p + "done")
		f.Tasks = append(f.Tasks, ledgerTaskField{ID: v(p + "id"), Text: v(p + "text"), Owner: v(p + "owner"), Due: v(p + "due"),
			Done: done == "on" || done == "1" || done == "true"})
	}
	return f
}

// padded returns the form with empty rows to add targets and tasks.
func (f ledgerForm) padded() ledgerForm {
	for i := 0; i < ledgerFormRows; i++ {
		f.Targets = append(f.Targets, ledgerTargetField{})
		f.Tasks = append(f.Tasks, ledgerTaskField{})
	}
	return f
}

// formOfItem fills the form from a stored item.
func formOfItem(it *jingzi.LedgerItem, m *jingzi.Meeting) ledgerForm {
	f := ledgerForm{Aspect: it.Aspect, Problem: it.Problem, Measures: it.Measures, Department: it.Department,
		OwnerName: it.OwnerName, DeadlineKind: string(it.DeadlineKind), Version: strconv.Itoa(it.Version)}
	if it.LeadID != 0 {
		f.LeadID = strconv.FormatInt(it.LeadID, 10)
	}
	for _, p := range m.Participants {
		if it.OwnerUserID != 0 && p.UserID == it.OwnerUserID {
			f.OwnerPID, f.OwnerName = strconv.FormatInt(p.ID, 10), ""
		}
	}
	if it.Due != nil {
		f.Due = it.Due.Format("2006-01-02")
	}
	for _, t := range it.Targets {
		tf := ledgerTargetField{Text: t.Text, Unit: t.Unit, Period: t.Period, Done: t.Done}
		if t.Quantity != nil {
			tf.Quantity = strconv.Itoa(*t.Quantity)
		}
		f.Targets = append(f.Targets, tf)
	}
	for _, t := range it.Tasks {
		tf := ledgerTaskField{ID: strconv.FormatInt(t.ID, 10), Text: t.Text, Owner: t.Owner, Done: t.Done}
		if t.Due != nil {
			tf.Due = t.Due.Format("2006-01-02")
		}
		f.Tasks = append(f.Tasks, tf)
	}
	return f
}

// item turns the typed form into an item of meeting m; the first input error
// is returned as EINVALID with the field named.
func (f ledgerForm) item(m *jingzi.Meeting) (*jingzi.LedgerItem, error) {
	it := &jingzi.LedgerItem{MeetingID: m.ID, Aspect: f.Aspect, Problem: f.Problem, Measures: f.Measures,
		Department: f.Department, DeadlineKind: jingzi.DeadlineKind(f.DeadlineKind), OwnerName: f.OwnerName}
	it.Version, _ = strconv.Atoi(f.Version)
	if f.LeadID != "" {
		p := participantOf(m, f.LeadID)
		if p == nil {
			return nil, jingzi.Errorf(jingzi.EINVALID, "所选牵头领导不在本次会议的班子成员名单中，请重新选择。")
		}
		it.LeadID, it.LeadName = p.ID, p.Name
	}
	if f.OwnerPID != "" && f.OwnerName == "" {
		p := participantOf(m, f.OwnerPID)
		if p == nil {
			return nil, jingzi.Errorf(jingzi.EINVALID, "所选责任人不在本次会议的班子成员名单中，请重新选择。")
		}
		it.OwnerName, it.OwnerUserID = p.Name, p.UserID
	}
	var err error
	if it.Due, err = ledgerDate(f.Due, "完成时限"); err != nil {
		return nil, err
	}
	for i, t := range f.Targets {
		if t.Text == "" && t.Quantity == "" {
			continue
		}
		lt := jingzi.LedgerTarget{Text: t.Text, Unit: t.Unit, Period: t.Period}
		if t.Quantity != "" {
			q, err := strconv.Atoi(t.Quantity)
			if err != nil || q < 0 {
				return nil, jingzi.Errorf(jingzi.EINVALID, "第%d个量化目标的数量应填写不小于0的整数。", i+1)
			}
			lt.Quantity = &q
		}
		it.Targets = append(it.Targets, lt)
	}
	for i, t := range f.Tasks {
		if t.Text == "" && t.Owner == "" && t.Due == "" {
			continue
		}
		task := &jingzi.LedgerTask{Position: len(it.Tasks) + 1, Text: t.Text, Owner: t.Owner, Done: t.Done}
		task.ID, _ = strconv.ParseInt(t.ID, 10, 64)
		if task.Due, err = ledgerDate(t.Due, "第"+strconv.Itoa(i+1)+"项任务的时限"); err != nil {
			return nil, err
		}
		it.Tasks = append(it.Tasks, task)
	}
	return it, nil
}

func participantOf(m *jingzi.Meeting, id string) *jingzi.Participant {
	n, err := strconv.ParseInt(id, 10, 64)
	if err != nil {
		return nil
	}
	for _, p := range m.Participants {
		if p.ID == n {
			return p
		}
	}
	return nil
}

// ledgerDate reads an optional date; what names the field in the message.
func ledgerDate(v, what string) (*time.Time, error) {
	if v == "" {
		return nil, nil
	}
	for _, layout := range studyDateLayouts {
		if t, err := time.Parse(layout, v); err == nil {
			return &t, nil
		}
	}
	return nil, jingzi.Errorf(jingzi.EINVALID, "%s“%s”无法识别，请按“2024-03-01”的格式填写。", what, v)
}
