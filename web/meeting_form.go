package web

import (
	"net/http"
	"sort"
	"strconv"
	"strings"
	"time"

	"jingzi"
)

// meetingFormPage is the form to create or edit a meeting: its plan.
type meetingFormPage struct {
	Meeting     *jingzi.Meeting // nil when creating
	Form        *jingzi.Meeting
	Orgs        []*jingzi.Org // creating: the orgs the caller organises
	Frameworks  []*jingzi.Framework
	FrameworkID int64
	MeetingDate string // as the date input shows it
	ReportedOn  string
	Rows        []rosterRow
	Reviewers   []reviewerOption
	Kinds       []jingzi.MeetingKind
	Phases      []jingzi.Phase
	Error       string

	DefaultReportDays int
}

func (p meetingFormPage) meeting() *jingzi.Meeting { return p.Meeting }

// rosterRow is one row of the roster table; P is empty on the blank rows.
type rosterRow struct {
	Index     int
	P         *jingzi.Participant
	Portfolio string
	Accounts  []option
}

// option is one choice of a select or a checkbox list.
type option struct {
	ID       int64
	Label    string
	Selected bool
}

// reviewerOption is one account with the reviewer role over the team.
type reviewerOption struct {
	ID                   int64
	Label                string
	Reviewer, Supervisor bool
}

const maxRosterRows = 200

func (s *Server) meetingNewPage(w http.ResponseWriter, r *http.Request) {
	orgs, org, err := s.organisedOrgs(r, r.URL.Query().Get("org"))
	if err != nil {
		s.error(w, r, err)
		return
	}
	year := s.Now().Year()
	if s.Now().Month() <= time.June { // meetings of a year are mostly held early in the next
		year--
	}
	m := &jingzi.Meeting{OrgID: org.ID, OrgName: org.Name, OrgPath: org.Path, Year: year, Kind: jingzi.KindDemocratic,
		Title: org.Name + strconv.Itoa(year) + "年度民主生活会", ReportDays: jingzi.DefaultReportDays}
	s.renderMeetingForm(w, r, http.StatusOK, nil, m, orgs, 0, "")
}

// organisedOrgs returns the orgs where the caller may create a meeting and the
// chosen one: the one asked for, else the working org, else the first.
func (s *Server) organisedOrgs(r *http.Request, want string) ([]*jingzi.Org, *jingzi.Org, error) {
	all, _, err := s.OrgService.FindOrgs(r.Context(), jingzi.OrgFilter{})
	if err != nil {
		return nil, nil, err
	}
	var out []*jingzi.Org
	var chosen, working *jingzi.Org
	for _, o := range all {
		if o.Archived || !jingzi.CanManageMeeting(r.Context(), o.Path) {
			continue
		}
		out = append(out, o)
		if strconv.FormatInt(o.ID, 10) == want {
			chosen = o
		}
		if o.ID == jingzi.ActorFromContext(r.Context()).OrgID {
			working = o
		}
	}
	switch {
	case len(out) == 0:
		return nil, nil, jingzi.Errorf(jingzi.EFORBIDDEN, "只有党办组织者可以新建会议。")
	case want != "" && chosen == nil:
		return nil, nil, jingzi.Errorf(jingzi.EFORBIDDEN, "您不是该党组织的党办组织者，不能为其新建会议。")
	case chosen == nil && working != nil:
		chosen = working
	case chosen == nil:
		chosen = out[0]
	}
	return out, chosen, nil
}

func (s *Server) createMeeting(w http.ResponseWriter, r *http.Request) {
	if err := parseForm(r); err != nil {
		s.error(w, r, err)
		return
	}
	orgs, org, err := s.organisedOrgs(r, r.PostFormValue("org_id"))
	if err != nil {
		s.error(w, r, err)
		return
	}
	m, fwID, err := s.parseMeetingForm(r, &jingzi.Meeting{OrgID: org.ID, OrgName: org.Name, OrgPath: org.Path})
	if err == nil {
		err = s.MeetingService.CreateMeeting(r.Context(), m)
	}
	if err != nil {
		s.formError(w, r, err, func(msg string) { s.renderMeetingForm(w, r, statusOf(err), nil, m, orgs, fwID, msg) })
		return
	}
	s.redirectWithFlash(w, r, meetingHref(m.ID), "已新建会议“"+m.Title+"”。")
}

func (s *Server) meetingEditPage(w http.ResponseWriter, r *http.Request) {
	m, err := s.editableMeeting(r)
	if err != nil {
		s.error(w, r, err)
		return
	}
	s.renderMeetingForm(w, r, http.StatusOK, m, m, nil, 0, "")
}

func (s *Server) editableMeeting(r *http.Request) (*jingzi.Meeting, error) {
	m, err := s.findMeeting(r)
	if err != nil {
		return nil, err
	} else if !jingzi.CanManageMeeting(r.Context(), m.OrgPath) {
		return nil, jingzi.Errorf(jingzi.EFORBIDDEN, "只有本党组织或上级的党办组织者可以修改会议。")
	}
	return m, nil
}

func (s *Server) updateMeeting(w http.ResponseWriter, r *http.Request) {
	orig, err := s.editableMeeting(r)
	if err == nil {
		err = parseForm(r)
	}
	if err != nil {
		s.error(w, r, err)
		return
	}
	m, fwID, err := s.parseMeetingForm(r, orig)
	if err == nil {
		_, err = s.MeetingService.UpdateMeeting(r.Context(), orig.ID, meetingUpdateOf(m, fwID != 0))
	}
	if err != nil {
		s.formError(w, r, err, func(msg string) { s.renderMeetingForm(w, r, statusOf(err), orig, m, nil, fwID, msg) })
		return
	}
	s.redirectWithFlash(w, r, meetingHref(orig.ID), "已保存会议“"+m.Title+"”的筹备信息。")
}

// meetingUpdateOf sends every field the form holds; the framework only when another was chosen.
func meetingUpdateOf(m *jingzi.Meeting, newFramework bool) jingzi.MeetingUpdate {
	zero := time.Time{}
	upd := jingzi.MeetingUpdate{Version: m.Version, Title: &m.Title, Year: &m.Year, Kind: &m.Kind, Phase: &m.Phase,
		ReportDays: &m.ReportDays, MeetingDate: &zero, ReportedOn: &zero, Participants: &m.Participants, Reviewers: &m.Reviewers}
	if m.MeetingDate != nil {
		upd.MeetingDate = m.MeetingDate
	}
	if m.ReportedOn != nil {
		upd.ReportedOn = m.ReportedOn
	}
	if newFramework {
		upd.Framework = m.Framework
	}
	return upd
}

// parseMeetingForm reads the form over orig, which supplies what the form does
// not carry (for a new meeting: only the org). The meeting is returned with the
// error, so the form shows again what was typed.
func (s *Server) parseMeetingForm(r *http.Request, orig *jingzi.Meeting) (*jingzi.Meeting, int64, error) {
	var errs fieldErrors
	m := &jingzi.Meeting{ID: orig.ID, OrgID: orig.OrgID, OrgName: orig.OrgName, OrgPath: orig.OrgPath, Framework: orig.Framework,
		Phase: orig.Phase, Kind: jingzi.MeetingKind(r.PostFormValue("kind"))}
	if orig.ID != 0 {
		if v, err := formInt(r, "version", "版本"); err == nil {
			m.Version = v
		}
		if p := jingzi.Phase(r.PostFormValue("phase")); p != "" {
			m.Phase = p
		}
	}
	m.Title = errs.text(r, "title", 100, "会议名称")
	m.Year = errs.whole(r, "year", "年度应填写四位数年份，如2024。")
	m.ReportDays = errs.whole(r, "report_days", "报送上级的提前天数应填写1至60之间的整数。")
	m.MeetingDate = errs.date(r, "meeting_date", "召开日期")
	m.ReportedOn = errs.date(r, "reported_on", "报送上级日期")
	m.Participants = errs.roster(r)
	m.Reviewers = reviewersOf(r)
	fwID, err := formID(r, "framework_id")
	if err != nil {
		errs.addf("%s", jingzi.ErrorMessage(err))
	} else if fwID != 0 {
		fw, err := s.FrameworkService.FindFrameworkByID(r.Context(), fwID)
		if err != nil {
			return m, fwID, err
		}
		m.Framework = fw.Clone()
	}
	if errs.first != nil {
		return m, fwID, errs.first
	}
	return m, fwID, m.Validate()
}

// whole reads a whole number; a bad one records msg.
func (e *fieldErrors) whole(r *http.Request, key, msg string) int {
	n, err := strconv.Atoi(strings.TrimSpace(r.PostFormValue(key)))
	if err != nil {
		e.addf("%s", msg)
	}
	return n
}

// date reads an optional yyyy-mm-dd date as midnight UTC.
func (e *fieldErrors) date(r *http.Request, key, what string) *time.Time {
	v := strings.TrimSpace(r.PostFormValue(key))
	if v == "" {
		return nil
	}
	t, err := time.Parse("2006-01-02", v)
	if err != nil || t.Year() < 2000 || t.Year() > 2100 {
		e.addf("%s应按“年-月-日”填写，如2025-01-20。", what)
		return nil
	}
	return &t
}

// roster reads the roster rows in the order of their 序号; a row without a name is dropped.
func (e *fieldErrors) roster(r *http.Request) []*jingzi.Participant {
	type row struct {
		order int
		p     *jingzi.Participant
	}
	var rows []row
	for i := 0; i < maxRosterRows; i++ {
		k := "p-" + strconv.Itoa(i)
		if _, ok := r.PostForm[k+"-name"]; !ok {
			break
		}
		p := &jingzi.Participant{Name: e.text(r, k+"-name", 50, "班子成员姓名"), Title: e.text(r, k+"-title", 100, "职务"),
			Head: formBool(r, k+"-head"), Portfolio: jingzi.SplitPortfolio(r.PostFormValue(k + "-portfolio"))}
		var err error
		if p.ID, err = formID(r, k+"-id"); err == nil {
			p.UserID, err = formID(r, k+"-user")
		}
		if err != nil {
			e.addf("%s", jingzi.ErrorMessage(err))
		}
		if p.Name != "" {
			rows = append(rows, row{rowOrder(r, k, i), p})
		}
	}
	sort.SliceStable(rows, func(i, j int) bool { return rows[i].order < rows[j].order })
	out := make([]*jingzi.Participant, len(rows))
	for i, x := range rows {
		out[i] = x.p
	}
	return out
}

// reviewersOf reads the ticked 审核人 and 督导.
func reviewersOf(r *http.Request) []*jingzi.MeetingReviewer {
	var out []*jingzi.MeetingReviewer
	for _, key := range []string{"reviewer", "supervisor"} {
		for _, v := range r.PostForm[key] {
			if id, err := strconv.ParseInt(v, 10, 64); err == nil && id > 0 {
				out = append(out, &jingzi.MeetingReviewer{UserID: id, Supervisor: key == "supervisor"})
			}
		}
	}
	return out
}

func (s *Server) renderMeetingForm(w http.ResponseWriter, r *http.Request, status int, orig, form *jingzi.Meeting, orgs []*jingzi.Org, fwID int64, msg string) {
	cand, err := s.MeetingService.FindMeetingCandidates(r.Context(), form.OrgID)
	if err != nil {
		s.error(w, r, err)
		return
	}
	fws, err := s.FrameworkService.FindFrameworks(r.Context())
	if err != nil {
		s.error(w, r, err)
		return
	}
	p := meetingFormPage{Meeting: orig, Form: form, Orgs: orgs, Frameworks: fws, FrameworkID: fwID, Error: msg,
		MeetingDate: dateValue(form.MeetingDate), ReportedOn: dateValue(form.ReportedOn),
		Kinds: []jingzi.MeetingKind{jingzi.KindDemocratic, jingzi.KindBranch}, Phases: jingzi.Phases,
		Reviewers: reviewerOptions(cand.Reviewers, form), DefaultReportDays: jingzi.DefaultReportDays}
	if orig == nil && fwID == 0 {
		p.FrameworkID = frameworkFor(fws, form.Year)
	}
	blank := 3
	if orig == nil {
		blank = max(8-len(form.Participants), 3)
	}
	for i := 0; i < len(form.Participants)+blank; i++ {
		p.Rows = append(p.Rows, rosterRowOf(i, form.Participants, cand.Members))
	}
	title := "新建会议"
	if orig != nil {
		title = "修改会议：" + orig.Title
	}
	s.render(w, r, status, "meeting_form", title, p)
}

// frameworkFor picks the framework of the meeting's year, else the newest.
func frameworkFor(fws []*jingzi.Framework, year int) int64 {
	for _, f := range fws {
		if f.Year == year && f.Builtin {
			return f.ID
		}
	}
	if len(fws) > 0 {
		return fws[0].ID
	}
	return 0
}

func rosterRowOf(i int, list []*jingzi.Participant, members []*jingzi.User) rosterRow {
	row := rosterRow{Index: i, P: &jingzi.Participant{}}
	if i < len(list) {
		row.P, row.Portfolio = list[i], strings.Join(list[i].Portfolio, "、")
	}
	found := row.P.UserID == 0
	for _, u := range members {
		sel := u.ID == row.P.UserID
		found = found || sel
		row.Accounts = append(row.Accounts, option{ID: u.ID, Label: u.Name + "（" + u.Login + "）", Selected: sel})
	}
	if !found { // an account no longer offered stays linked until changed
		row.Accounts = append(row.Accounts, option{ID: row.P.UserID, Label: "原关联账号", Selected: true})
	}
	return row
}

func reviewerOptions(users []*jingzi.User, m *jingzi.Meeting) []reviewerOption {
	var out []reviewerOption
	for _, u := range users {
		o := reviewerOption{ID: u.ID, Label: u.Name}
		if u.Title != "" {
			o.Label += "（" + u.Title + "）"
		}
		for _, r := range m.Reviewers {
			if r.UserID == u.ID {
				o.Reviewer, o.Supervisor = o.Reviewer || !r.Supervisor, o.Supervisor || r.Supervisor
			}
		}
		out = append(out, o)
	}
	return out
}

func dateValue(t *time.Time) string {
	if t == nil {
		return ""
	}
	return t.Format("2006-01-02")
}
