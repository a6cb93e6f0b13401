package jingzi

import (
	"fmt"
	"strings"
)

// MeetingReportDocument lays out the 情况报告 to the superior 纪委 and 组织部:
// 会前准备 from the progress numbers, 会议召开情况 from the minutes, 批评与自我
// 批评开展情况, the main problems and the measures of the team's statement, and
// the closing. A number that is not known is left out of its sentence, never
// written as "XX"; what the records do not hold is not invented.
func MeetingReportDocument(m *Meeting, min *Minutes, p MeetingProgress, statements []*Statement) Document {
	d := Document{Title: "关于召开" + m.Title + "情况的报告"}
	d.Blocks = append(d.Blocks, Block{Kind: BlockTitle, Text: d.Title})
	d.Blocks = append(d.Blocks, Block{Kind: BlockBody, Text: "上级纪委、组织部："})
	opening := "按照上级关于开好" + itoa(m.Year) + "年度" + m.Kind.Label() + "的部署要求，" + m.OrgName
	if day := meetingDay(m, min); day != nil {
		opening += "于" + FormatDate(*day)
	}
	d.Blocks = append(d.Blocks, Block{Kind: BlockBody, Text: opening + "召开了" + m.Title + "。现将有关情况报告如下："})
	sec := &sectionNumbers{}
	d.heading1(sec, "会前准备情况")
	d.addParagraphs(preparationText(p))
	d.heading1(sec, "会议召开情况")
	d.addParagraphs(conductText(m, min))
	d.heading1(sec, "批评与自我批评开展情况")
	d.addParagraphs(criticismText(m, min))
	if min.SupervisorRemarks != "" {
		d.Blocks = append(d.Blocks, Block{Kind: BlockBody, Lead: "督导组点评：", LeadKind: BlockHeading3, Text: oneLine(min.SupervisorRemarks)})
	}
	team := teamStatement(statements)
	d.heading1(sec, "查摆的主要问题")
	d.addReportProblems(team)
	d.heading1(sec, "整改措施")
	d.addReportMeasures(team)
	d.Blocks = append(d.Blocks, Block{Kind: BlockBody, Text: "下一步，领导班子将对照查摆的问题和会上提出的批评意见，逐项制定整改措施，建立整改台账，明确责任人和完成时限，按期报告整改落实情况。"},
		Block{Kind: BlockBody, Text: "特此报告。"},
		Block{Kind: BlockSubtitle, Text: m.OrgName})
	if min.ReportSentOn != nil {
		d.Blocks = append(d.Blocks, Block{Kind: BlockSubtitle, Text: FormatDate(*min.ReportSentOn)})
	}
	return d
}

// preparationText says what was done before the meeting, with the numbers the
// records hold: a count that is unknown is left out, a count of zero drops the
// claim.
func preparationText(p MeetingProgress) string {
	var parts []string
	switch st := p.StudySessions; {
	case st == nil:
		parts = append(parts, "班子成员围绕会议主题开展学习研讨")
	case st.Sessions > 0:
		parts = append(parts, fmt.Sprintf("班子成员围绕会议主题开展学习研讨%d次", st.Sessions))
	}
	switch o := p.Opinions; {
	case o == nil:
		parts = append(parts, "广泛征求意见建议")
	case o.Opinions > 0 && o.Units > 0:
		parts = append(parts, fmt.Sprintf("广泛征求意见建议%d条，覆盖%d个单位", o.Opinions, o.Units))
	case o.Opinions > 0:
		parts = append(parts, fmt.Sprintf("广泛征求意见建议%d条", o.Opinions))
	}
	switch t := p.Talks; {
	case t == nil:
		parts = append(parts, "深入开展谈心谈话")
	case t.Talks > 0:
		parts = append(parts, fmt.Sprintf("开展谈心谈话%d人次", t.Talks))
	}
	text := "会前，" + strings.Join(parts, "；")
	if len(parts) == 0 {
		text = "会前，班子成员认真做好各项准备"
	}
	text += "。"
	if s := p.Statements; s != nil && (s.TeamCreated || s.Created > 0) {
		text += "在此基础上，领导班子和班子成员撰写了对照检查材料"
		if r := p.Reviews; r != nil && r.Approved > 0 {
			text += fmt.Sprintf("，其中%d份经审核通过", r.Approved)
		}
		text += "。"
	}
	return text
}

// conductText: date, host, attendance against the roster and the quorum, the agenda.
func conductText(m *Meeting, min *Minutes) string {
	var b strings.Builder
	if day := meetingDay(m, min); day != nil {
		b.WriteString(FormatDate(*day) + "，")
	}
	b.WriteString(m.OrgName + "召开" + m.Title + "。")
	if min.Host != "" {
		b.WriteString("会议由" + min.Host + "同志主持。")
	}
	present, expected, ok := min.Quorum()
	if expected > 0 {
		fmt.Fprintf(&b, "会议应到%d人，实到%d人", expected, present)
		if absent := attendeeNames(m, min, AttendLeave); len(absent) > 0 {
			b.WriteString("，" + strings.Join(absent, "、") + "请假")
		}
		if ok {
			b.WriteString("，到会人数达到应到人数的三分之二以上。")
		} else {
			b.WriteString("，到会人数未达到应到人数的三分之二。")
		}
	}
	if min.Attendees != "" {
		b.WriteString(min.Attendees + "列席会议。")
	}
	var items []string
	for _, it := range min.Agenda {
		items = append(items, agendaHeading(m, it))
	}
	if len(items) > 0 {
		b.WriteString("会议议程：" + strings.Join(items, "；") + "。")
	}
	return b.String()
}

// criticismText counts the criticisms, given and received per person, and says
// whether every receiver responded.
func criticismText(m *Meeting, min *Minutes) string {
	n := len(min.Criticisms)
	if n == 0 {
		return "会议记录中未登记相互批评意见。"
	}
	given, received := map[int64]int{}, map[int64]int{}
	responded := 0
	for _, c := range min.Criticisms {
		given[c.FromID]++
		received[c.ToID]++
		if c.Response != "" {
			responded++
		}
	}
	var per []string
	for _, p := range m.Participants {
		var counts []string
		if n := given[p.ID]; n > 0 {
			counts = append(counts, fmt.Sprintf("提出批评意见%d条", n))
		}
		if n := received[p.ID]; n > 0 {
			counts = append(counts, fmt.Sprintf("收到批评意见%d条", n))
		}
		if len(counts) > 0 {
			per = append(per, p.Name+"同志"+strings.Join(counts, "、"))
		}
	}
	text := fmt.Sprintf("会上，班子成员逐一作个人对照检查，相互提出批评意见共%d条。其中，%s。", n, strings.Join(per, "；"))
	switch {
	case responded == n:
		text += "被批评的同志均作了表态。"
	case responded > 0:
		text += fmt.Sprintf("被批评的同志对其中%d条作了表态。", responded)
	}
	return text
}

func teamStatement(list []*Statement) *Statement {
	for _, s := range list {
		if s.ParticipantID == 0 {
			return s
		}
	}
	return nil
}

// addReportProblems lists the team statement's problem sections and the lead
// sentence of each problem.
func (d *Document) addReportProblems(team *Statement) {
	var part *Part
	if team != nil {
		part = team.Part(PartProblems)
	}
	if part == nil || len(part.AllItems()) == 0 {
		d.addParagraphs("班子对照检查材料中尚未列出查摆的问题。")
		return
	}
	n := 0
	for _, sec := range part.Sections {
		if len(sec.Items) == 0 {
			continue
		}
		n++
		ord := "（" + ChineseNumeral(n) + "）"
		d.Blocks = append(d.Blocks, Block{Kind: BlockHeading2, Text: ord + sec.Heading, Ordinal: ord})
		d.addLeads(sec.Items)
	}
	d.addLeads(part.Items)
}

// addReportMeasures lists the lead sentence of each measure of the team statement.
func (d *Document) addReportMeasures(team *Statement) {
	var part *Part
	if team != nil {
		part = team.Part(PartMeasures)
	}
	if part == nil || len(part.AllItems()) == 0 {
		d.addParagraphs("班子对照检查材料中尚未列出整改措施。")
		return
	}
	d.addLeads(part.AllItems())
}

// addLeads writes each item as 一是…, heading only.
func (d *Document) addLeads(items []*Item) {
	for k, it := range items {
		lead := ChineseNumeral(k+1) + "是"
		text := it.Heading
		if text == "" {
			text = firstSentence(it.Body)
		}
		d.Blocks = append(d.Blocks, Block{Kind: BlockBody, Lead: lead, LeadKind: BlockHeading3, Text: text, Ordinal: lead})
	}
}

// firstSentence is the text up to and including the first 。, or the first paragraph.
func firstSentence(s string) string {
	paras := splitParagraphs(s)
	if len(paras) == 0 {
		return ""
	}
	if i := strings.Index(paras[0], "。"); i >= 0 {
		return paras[0][:i+len("。")]
	}
	return paras[0]
}
