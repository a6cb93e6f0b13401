package web

import (
	"net/http"
	"strconv"
	"strings"
	"time"

	"jingzi"
)

// minutesTimeLayout is how the 会议时间 field (datetime-local) writes a time.
const minutesTimeLayout = "2006-01-02T15:04"

// Blank rows offered below the agenda and the criticisms, so that rows can be
// added without JavaScript; a blank row left empty is ignored.
const (
	blankAgendaRows    = 2
	blankCriticismRows = 3
)

// minutesForm is the posted form as typed: the minutes it describes, the
// version the editor started from, and the time field's text.
type minutesForm struct {
	Minutes   *jingzi.Minutes
	StartedAt string
}

// parseMinutesForm reads the one form of the 召开 page. Rows come as parallel
// fields (agenda_title, agenda_kind …); a row whose index is in agenda_remove
// or crit_remove is dropped, an empty row is ignored. A field it cannot read
// is an EINVALID error; the form read so far comes back with it.
func parseMinutesForm(r *http.Request, m *jingzi.Meeting) (minutesForm, error) {
	min := &jingzi.Minutes{MeetingID: m.ID, Place: r.PostFormValue("place"), Host: r.PostFormValue("host"),
		Recorder: r.PostFormValue("recorder"), Attendees: r.PostFormValue("attendees"),
		SupervisorRemarks: r.PostFormValue("supervisor_remarks"), Summary: r.PostFormValue("summary")}
	f := minutesForm{Minutes: min, StartedAt: strings.TrimSpace(r.PostFormValue("started_at"))}
	min.Version, _ = strconv.Atoi(r.PostFormValue("version"))
	for _, p := range m.Participants {
		key := strconv.FormatInt(p.ID, 10)
		status := r.PostFormValue("status-" + key)
		if status != jingzi.AttendLeave {
			status = jingzi.AttendPresent
		}
		min.Attendance = append(min.Attendance, &jingzi.Attendance{ParticipantID: p.ID, Status: status, Reason: r.PostFormValue("reason-" + key)})
	}
	agendaErr := parseAgendaRows(r, min)
	critErr := parseCriticismRows(r, min)
	var err error
	if f.StartedAt != "" {
		t, perr := time.ParseInLocation(minutesTimeLayout, f.StartedAt, time.UTC)
		if perr != nil {
			err = jingzi.Errorf(jingzi.EINVALID, "会议时间不正确，请按“2024-01-20 09:00”的格式填写。")
		} else {
			min.StartedAt = &t
		}
	}
	days := strings.TrimSpace(r.PostFormValue("report_days"))
	if n, perr := strconv.Atoi(days); days != "" && (perr != nil || n < 1) {
		err = jingzi.Errorf(jingzi.EINVALID, "情况报告的报送期限应为会后1至%d天。", jingzi.MaxReportDays)
	} else {
		min.ReportDays = n
	}
	for _, e := range []error{agendaErr, critErr} {
		if err == nil {
			err = e
		}
	}
	return f, err
}

// removed returns the row indexes ticked in a remove column.
func removed(r *http.Request, key string) map[int]bool {
	out := map[int]bool{}
	for _, v := range r.PostForm[key] {
		if i, err := strconv.Atoi(v); err == nil {
			out[i] = true
		}
	}
	return out
}

// column returns the i-th value of a parallel field, or "".
func column(r *http.Request, key string, i int) string {
	if v := r.PostForm[key]; i < len(v) {
		return v[i]
	}
	return ""
}

func parseAgendaRows(r *http.Request, min *jingzi.Minutes) error {
	gone := removed(r, "agenda_remove")
	var err error
	for i := range r.PostForm["agenda_title"] {
		it := &jingzi.AgendaItem{Kind: jingzi.AgendaKind(column(r, "agenda_kind", i)), Title: column(r, "agenda_title", i),
			Notes: column(r, "agenda_notes", i)}
		if gone[i] || (strings.TrimSpace(it.Title) == "" && strings.TrimSpace(it.Notes) == "") {
			continue
		}
		pos, perr := strconv.Atoi(strings.TrimSpace(column(r, "agenda_position", i)))
		if perr != nil {
			pos = 1000 + i // an unnumbered row goes last, in the order shown
		}
		it.Position = pos
		speaker, e1 := strconv.ParseInt(column(r, "agenda_speaker", i), 10, 64)
		statement, e2 := strconv.ParseInt(column(r, "agenda_statement", i), 10, 64)
		if (e1 != nil && column(r, "agenda_speaker", i) != "") || (e2 != nil && column(r, "agenda_statement", i) != "") {
			err = jingzi.Errorf(jingzi.EINVALID, "所选发言人或材料无效，请重新选择。")
		}
		it.ParticipantID, it.StatementID = speaker, statement
		min.Agenda = append(min.Agenda, it)
	}
	return err
}

func parseCriticismRows(r *http.Request, min *jingzi.Minutes) error {
	gone := removed(r, "crit_remove")
	var err error
	for i := range r.PostForm["crit_content"] {
		c := &jingzi.Criticism{MeetingID: min.MeetingID, Content: column(r, "crit_content", i), Response: column(r, "crit_response", i)}
		id, e0 := strconv.ParseInt(column(r, "crit_id", i), 10, 64)
		from, e1 := strconv.ParseInt(column(r, "crit_from", i), 10, 64)
		to, e2 := strconv.ParseInt(column(r, "crit_to", i), 10, 64)
		c.ID, c.FromID, c.ToID = id, from, to
		blank := strings.TrimSpace(c.Content) == "" && strings.TrimSpace(c.Response) == "" && from == 0 && to == 0
		if gone[i] || (blank && id == 0) {
			continue
		}
		if e0 != nil && column(r, "crit_id", i) != "" || e1 != nil && column(r, "crit_from", i) != "" || e2 != nil && column(r, "crit_to", i) != "" {
			err = jingzi.Errorf(jingzi.EINVALID, "所选批评人或被批评人无效，请重新选择。")
		}
		min.Criticisms = append(min.Criticisms, c)
	}
	return err
}

// formatMinutesTime writes a stored start time into the datetime-local field.
func formatMinutesTime(t *time.Time) string {
	if t == nil {
		return ""
	}
	return t.UTC().Format(minutesTimeLayout)
}
