package main

import (
	"strconv"
	"strings"

	"github.com/xuri/excelize/v2"

	"jingzi"
)

// opinionHeader heads the 归档包's 意见建议清单: every solicitation of the
// meeting in one sheet, as stored.
var opinionHeader = []any{"征求意见", "序号", "意见对象", "检视方面", "意见建议内容", "征求渠道", "单位", "处理情况", "重复意见"}

// workbook is a one-sheet .xlsx: a title row, a header row and the rows.
func workbook(sheet, title string, header []any, rows [][]any) ([]byte, error) {
	f := excelize.NewFile()
	defer f.Close()
	if err := f.SetSheetName("Sheet1", sheet); err != nil {
		return nil, err
	}
	if err := f.SetCellValue(sheet, "A1", title); err != nil {
		return nil, err
	}
	if err := f.SetSheetRow(sheet, "A2", &header); err != nil {
		return nil, err
	}
	for i, row := range rows {
		cell, _ := excelize.CoordinatesToCellName(1, i+3)
		if err := f.SetSheetRow(sheet, cell, &row); err != nil {
			return nil, err
		}
	}
	buf, err := f.WriteToBuffer()
	if err != nil {
		return nil, err
	}
	return buf.Bytes(), nil
}

// participantName names a roster entry, the team for 0.
func participantName(m *jingzi.Meeting, id int64) string {
	if id == 0 {
		return "领导班子"
	} else if p := m.Participant(id); p != nil {
		return p.Name
	}
	return "（已不在名单）"
}

// opinionSheetRows lists a solicitation's opinions as stored: no submitter,
// no time; duplicates point at the number of the opinion they repeat.
func opinionSheetRows(m *jingzi.Meeting, sol *jingzi.Solicitation, list []*jingzi.Opinion) [][]any {
	number := map[string]int{}
	for i, o := range list {
		number[o.ID] = i + 1
	}
	var rows [][]any
	for i, o := range list {
		aspect := "未分类"
		if m.Framework != nil && o.AspectIndex >= 0 && o.AspectIndex < len(m.Framework.Aspects) {
			aspect = m.Framework.Aspects[o.AspectIndex].Label
		}
		merged := ""
		if n, ok := number[o.MergedInto]; ok {
			merged = "合并至第" + strconv.Itoa(n) + "条"
		}
		rows = append(rows, []any{sol.Title, i + 1, participantName(m, o.ParticipantID), aspect, o.Text,
			o.Channel.Label(), o.Unit, o.Status.Label(), merged})
	}
	return rows
}

// studyRecord is the 学习研讨记录: per session the date, form, content,
// attendance and each 研讨发言.
func studyRecord(m *jingzi.Meeting, list []*jingzi.Study) *jingzi.Document {
	d := &jingzi.Document{Title: m.Title + "学习研讨记录"}
	d.Blocks = append(d.Blocks, jingzi.Block{Kind: jingzi.BlockTitle, Text: d.Title})
	for i, st := range list {
		d.Blocks = append(d.Blocks, jingzi.Block{Kind: jingzi.BlockHeading1, Ordinal: jingzi.ChineseNumeral(i+1) + "、",
			Text: jingzi.ChineseNumeral(i+1) + "、" + jingzi.FormatDate(st.Date) + " " + st.Topic + "（" + st.Form.Label() + "）"})
		if st.Materials != "" {
			d.Blocks = append(d.Blocks, body("学习内容：", st.Materials))
		}
		var present, leave []string
		for _, a := range st.Attendance {
			if a.Status == jingzi.AttendPresent {
				present = append(present, participantName(m, a.ParticipantID))
			} else {
				leave = append(leave, participantName(m, a.ParticipantID)+"（"+a.Reason+"）")
			}
		}
		if len(present)+len(leave) > 0 {
			d.Blocks = append(d.Blocks, body("出席：", orNone(present)), body("请假：", orNone(leave)))
		}
		for _, n := range st.Notes {
			d.Blocks = append(d.Blocks, body(participantName(m, n.ParticipantID)+"同志研讨发言：", n.Text))
		}
		for _, f := range st.Files {
			d.Blocks = append(d.Blocks, body("学习材料：", f.Name))
		}
	}
	return d
}

// talkRecord is the 谈心谈话记录: per talk the day, the two sides, the topics
// and the opinions each raised.
func talkRecord(m *jingzi.Meeting, list []*jingzi.Talk) *jingzi.Document {
	d := &jingzi.Document{Title: m.Title + "谈心谈话记录"}
	d.Blocks = append(d.Blocks, jingzi.Block{Kind: jingzi.BlockTitle, Text: d.Title})
	for i, t := range list {
		d.Blocks = append(d.Blocks, jingzi.Block{Kind: jingzi.BlockHeading1, Ordinal: jingzi.ChineseNumeral(i+1) + "、",
			Text: jingzi.ChineseNumeral(i+1) + "、" + jingzi.FormatDate(t.Date) + " " + t.A.Label() + "与" + t.B.Label()})
		if t.Topics != "" {
			d.Blocks = append(d.Blocks, body("谈话内容：", t.Topics))
		}
		for _, o := range t.Opinions {
			to, from := t.A, t.B
			if o.Toward == jingzi.TowardB {
				to, from = t.B, t.A
			}
			d.Blocks = append(d.Blocks, body(from.Label()+"对"+to.Label()+"提出：", o.Text))
		}
	}
	return d
}

func body(lead, text string) jingzi.Block {
	return jingzi.Block{Kind: jingzi.BlockBody, Lead: lead, LeadKind: jingzi.BlockBody, Text: text}
}

func orNone(names []string) string {
	if len(names) == 0 {
		return "无"
	}
	return strings.Join(names, "、")
}
