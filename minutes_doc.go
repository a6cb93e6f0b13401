package jingzi

import (
	"fmt"
	"strings"
	"time"
)

// MinutesDocument lays out the 会议记录: the header (时间、地点、主持人、记录人、
// 应到/实到/缺席及原因、列席), the agenda with each speech's notes, the 相互批评
// with the responses, the 督导组点评 and the 总结讲话. Empty parts are left out;
// nothing is written that the minutes do not hold.
func MinutesDocument(m *Meeting, min *Minutes, statements []*Statement) Document {
	d := Document{Title: m.Title + "会议记录"}
	d.Blocks = append(d.Blocks, Block{Kind: BlockTitle, Text: d.Title})
	d.addHeader(m, min)
	sec := &sectionNumbers{}
	if len(min.Agenda) > 0 {
		d.heading1(sec, "会议议程及发言情况")
		for i, it := range min.Agenda {
			ord := "（" + ChineseNumeral(i+1) + "）"
			d.Blocks = append(d.Blocks, Block{Kind: BlockHeading2, Text: ord + agendaHeading(m, it), Ordinal: ord})
			if st := statementByID(statements, it.StatementID); st != nil {
				d.Blocks = append(d.Blocks, Block{Kind: BlockBody, Text: "发言材料：《" + st.Title + "》"})
			}
			d.addParagraphs(it.Notes)
		}
	}
	if len(min.Criticisms) > 0 {
		d.heading1(sec, "相互批评")
		for _, c := range min.Criticisms {
			d.Blocks = append(d.Blocks, Block{Kind: BlockBody, Lead: c.FromName + "同志对" + c.ToName + "同志提出批评：",
				LeadKind: BlockHeading3, Text: oneLine(c.Content)})
			if c.Response != "" {
				d.Blocks = append(d.Blocks, Block{Kind: BlockBody, Lead: c.ToName + "同志表态：", LeadKind: BlockHeading3, Text: oneLine(c.Response)})
			}
		}
	}
	if min.SupervisorRemarks != "" {
		d.heading1(sec, "督导组点评")
		d.addParagraphs(min.SupervisorRemarks)
	}
	if min.Summary != "" {
		d.heading1(sec, "总结")
		d.addParagraphs(min.Summary)
	}
	return d
}

// sectionNumbers hands out 一、二、三、 to the parts that are present.
type sectionNumbers struct{ n int }

func (d *Document) heading1(sec *sectionNumbers, text string) {
	sec.n++
	ord := ChineseNumeral(sec.n) + "、"
	d.Blocks = append(d.Blocks, Block{Kind: BlockHeading1, Text: ord + text, Ordinal: ord})
}

// addHeader writes the 会议记录's header lines, each only when recorded.
func (d *Document) addHeader(m *Meeting, min *Minutes) {
	line := func(label, value string) {
		if value != "" {
			d.Blocks = append(d.Blocks, Block{Kind: BlockBody, Lead: label + "：", LeadKind: BlockHeading3, Text: value})
		}
	}
	line("时间", meetingTime(m, min))
	line("地点", min.Place)
	line("主持人", min.Host)
	line("记录人", min.Recorder)
	present, expected, _ := min.Quorum()
	if expected > 0 {
		line("应到人数", fmt.Sprintf("%d人", expected))
		line("实到人数", fmt.Sprintf("%d人", present))
		line("出席人员", strings.Join(attendeeNames(m, min, AttendPresent), "、"))
		if absent := attendeeNames(m, min, AttendLeave); len(absent) > 0 {
			line("缺席人员及原因", strings.Join(absent, "；"))
		}
	}
	line("列席人员", min.Attendees)
}

// meetingTime is the recorded start, or the meeting date; "" when neither is known.
func meetingTime(m *Meeting, min *Minutes) string {
	switch {
	case min.StartedAt != nil && (min.StartedAt.Hour() != 0 || min.StartedAt.Minute() != 0):
		return fmt.Sprintf("%s %d:%02d", FormatDate(*min.StartedAt), min.StartedAt.Hour(), min.StartedAt.Minute())
	case min.StartedAt != nil:
		return FormatDate(*min.StartedAt)
	case m.MeetingDate != nil:
		return FormatDate(*m.MeetingDate)
	}
	return ""
}

// meetingDay is the day the meeting was held, or nil.
func meetingDay(m *Meeting, min *Minutes) *time.Time {
	if m.MeetingDate != nil {
		return m.MeetingDate
	}
	return min.StartedAt
}

// attendeeNames lists the roster members with the status in roster order;
// absentees carry their reason: 张伟（因公出差）.
func attendeeNames(m *Meeting, min *Minutes, status string) []string {
	var out []string
	for _, p := range m.Participants {
		a := min.Attendee(p.ID)
		if a == nil || a.Status != status {
			continue
		}
		if status == AttendLeave && a.Reason != "" {
			out = append(out, p.Name+"（"+a.Reason+"）")
		} else {
			out = append(out, p.Name)
		}
	}
	return out
}

// agendaHeading is the item's title; a speech names its speaker when the
// title does not already.
func agendaHeading(m *Meeting, it *AgendaItem) string {
	p := m.Participant(it.ParticipantID)
	if p == nil || strings.Contains(it.Title, p.Name) {
		return it.Title
	}
	return it.Title + "（" + p.Name + "）"
}

func statementByID(list []*Statement, id int64) *Statement {
	if id == 0 {
		return nil
	}
	for _, s := range list {
		if s.ID == id {
			return s
		}
	}
	return nil
}

// oneLine joins a multi-line text into one paragraph.
func oneLine(s string) string {
	return strings.Join(splitParagraphs(s), "")
}
