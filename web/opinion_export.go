package web

import (
	"net/http"
	"strconv"

	"github.com/xuri/excelize/v2"

	"jingzi"
)

// opinionSheetHeader is the header row of the 意见建议清单.
var opinionSheetHeader = []any{"序号", "意见对象", "检视方面", "意见建议内容", "征求渠道", "单位", "处理情况", "合并至序号"}

// exportOpinions writes the 意见建议清单 of a solicitation as .xlsx: every opinion
// the caller may see, merged duplicates pointing at the row they were merged into.
func (s *Server) exportOpinions(w http.ResponseWriter, r *http.Request) {
	sol, m, err := s.findSolicitation(r)
	if err != nil {
		s.error(w, r, err)
		return
	}
	list, _, err := s.OpinionService.FindOpinions(r.Context(), jingzi.OpinionFilter{SolicitationID: &sol.ID})
	if err != nil {
		s.error(w, r, err)
		return
	}
	data, err := opinionWorkbook(sol.Title, opinionRows(m, list))
	if err != nil {
		s.error(w, r, err)
		return
	}
	sendFile(w, "attachment", sol.Title+"意见建议清单.xlsx", "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", data)
}

func opinionWorkbook(title string, rows []opinionRow) ([]byte, error) {
	f := excelize.NewFile()
	defer f.Close()
	const sheet = "意见建议清单"
	if err := f.SetSheetName("Sheet1", sheet); err != nil {
		return nil, err
	}
	if err := f.SetCellValue(sheet, "A1", title+"意见建议清单"); err != nil {
		return nil, err
	}
	if err := f.SetSheetRow(sheet, "A2", &opinionSheetHeader); err != nil {
		return nil, err
	}
	number := map[string]int{}
	for i, row := range rows {
		number[row.ID] = i + 1
	}
	for i, row := range rows {
		merged := ""
		if n, ok := number[row.MergedInto]; ok {
			merged = strconv.Itoa(n)
		}
		values := []any{i + 1, row.Target, row.Aspect, row.Text, row.Channel.Label(), row.Unit, row.Status.Label(), merged}
		cell, _ := excelize.CoordinatesToCellName(1, i+3)
		if err := f.SetSheetRow(sheet, cell, &values); err != nil {
			return nil, err
		}
	}
	f.SetColWidth(sheet, "D", "D", 60)
	buf, err := f.WriteToBuffer()
	if err != nil {
		return nil, err
	}
	return buf.Bytes(), nil
}

// exportOpinionsDocx writes the 意见建议清单 as a GB/T 9704 .docx: the opinions
// grouped by whom they are aimed at, the team first, each with its channel, unit
// and how it was handled; merged duplicates are left out of the count but noted.
func (s *Server) exportOpinionsDocx(w http.ResponseWriter, r *http.Request) {
	sol, m, err := s.findSolicitation(r)
	if err != nil {
		s.error(w, r, err)
		return
	}
	list, _, err := s.OpinionService.FindOpinions(r.Context(), jingzi.OpinionFilter{SolicitationID: &sol.ID})
	if err != nil {
		s.error(w, r, err)
		return
	}
	data, contentType, err := s.DocumentService.ExportDocument(r.Context(), opinionDocument(sol.Title, opinionRows(m, list)), jingzi.FormatDocx)
	if err != nil {
		s.error(w, r, err)
		return
	}
	sendFile(w, "attachment", sol.Title+"意见建议清单.docx", contentType, data)
}

// opinionDocument lays the list out as a document, one part per target.
func opinionDocument(title string, rows []opinionRow) *jingzi.Document {
	d := &jingzi.Document{Title: title + "意见建议清单"}
	d.Blocks = append(d.Blocks, jingzi.Block{Kind: jingzi.BlockTitle, Text: d.Title})
	var order []string
	byTarget := map[string][]opinionRow{}
	for _, row := range rows {
		if _, ok := byTarget[row.Target]; !ok {
			order = append(order, row.Target)
		}
		byTarget[row.Target] = append(byTarget[row.Target], row)
	}
	for i, target := range order {
		group := byTarget[target]
		heading := jingzi.ChineseNumeral(i+1) + "、对" + target + "的意见建议（" + strconv.Itoa(countUnmerged(group)) + "条）"
		d.Blocks = append(d.Blocks, jingzi.Block{Kind: jingzi.BlockHeading1, Text: heading})
		for j, row := range group {
			note := row.Channel.Label()
			if row.Unit != "" {
				note += "；" + row.Unit
			}
			if row.Aspect != "" {
				note += "；" + row.Aspect
			}
			if row.Status != "" {
				note += "；" + row.Status.Label()
			}
			if row.MergedInto != "" {
				note += "；已与同类意见合并"
			}
			d.Blocks = append(d.Blocks, jingzi.Block{Kind: jingzi.BlockBody, Text: strconv.Itoa(j+1) + "．" + row.Text + "（" + note + "）"})
		}
	}
	if len(order) == 0 {
		d.Blocks = append(d.Blocks, jingzi.Block{Kind: jingzi.BlockBody, Text: "尚无可以列出的意见建议。"})
	}
	return d
}

func countUnmerged(rows []opinionRow) int {
	n := 0
	for _, r := range rows {
		if r.MergedInto == "" {
			n++
		}
	}
	return n
}
