package web

import (
	"context"
	"encoding/json"
	"net/http"
	"strings"
	"time"

	"github.com/xuri/excelize/v2"

	"jingzi"
)

// ledgerCharts are the JSON the dashboard's charts read from data-chart.
type ledgerCharts struct {
	Colours, Owners, Aspects string
}

// groupChart is a stacked bar per group: closed, in progress, overdue.
type groupChart struct {
	Labels  []string `json:"labels"`
	Closed  []int    `json:"closed"`
	Doing   []int    `json:"doing"`
	Overdue []int    `json:"overdue"`
}

func groupChartJSON(groups []jingzi.LedgerGroup) string {
	c := groupChart{Labels: []string{}, Closed: []int{}, Doing: []int{}, Overdue: []int{}}
	for _, g := range groups {
		c.Labels = append(c.Labels, g.Name)
		c.Closed, c.Overdue = append(c.Closed, g.Closed), append(c.Overdue, g.Overdue)
		c.Doing = append(c.Doing, g.Items-g.Closed-g.Overdue)
	}
	b, _ := json.Marshal(c)
	return string(b)
}

func ledgerChartsOf(s jingzi.LedgerSummary) ledgerCharts {
	colours := chartJSON([]stateCount{{jingzi.Green.Label(), s.Total.Closed}, {jingzi.Yellow.Label(), s.Yellow},
		{jingzi.Red.Label(), s.Total.Overdue}})
	return ledgerCharts{Colours: colours, Owners: groupChartJSON(s.ByOwner), Aspects: groupChartJSON(s.ByAspect)}
}

// ledgerSheetHeader is the header row of the exported 整改台账.
var ledgerSheetHeader = []any{"序号", "方面", "问题", "来源", "整改措施", "责任领导", "责任部门", "责任人", "时限", "进展", "状态", "佐证材料", "销号日期"}

// ledgerForExport loads the meeting of the route and its items, each with its
// progress and evidence, for those who may see the ledger.
func (s *Server) ledgerForExport(r *http.Request) (*jingzi.Meeting, []*jingzi.LedgerItem, error) {
	m, err := s.findMeeting(r)
	if err != nil {
		return nil, nil, err
	}
	if !jingzi.CanViewLedger(r.Context(), m) {
		return nil, nil, jingzi.Errorf(jingzi.EFORBIDDEN, "只有党办组织者、上级审核人和本班子成员可以导出整改台账。")
	}
	items, err := LedgerItemsForExport(r.Context(), s.LedgerService, m)
	return m, items, err
}

// LedgerItemsForExport lists the meeting's items, those carried out of it
// included under their number here, each with its progress and evidence: what
// the ledger .xlsx and the documents are written from (also in the 归档包).
func LedgerItemsForExport(ctx context.Context, ledger jingzi.LedgerService, m *jingzi.Meeting) ([]*jingzi.LedgerItem, error) {
	list, _, err := ledger.FindLedgerItems(ctx, jingzi.LedgerFilter{MeetingID: &m.ID, WithCarried: true})
	if err != nil {
		return nil, err
	}
	out := make([]*jingzi.LedgerItem, 0, len(list))
	for _, it := range list {
		full, err := ledger.FindLedgerItemByID(ctx, it.ID)
		if jingzi.ErrorCode(err) == jingzi.ENOTFOUND && it.CarriedOut(m.ID) {
			full = it // carried into a meeting the caller does not see: its row as listed
		} else if err != nil {
			return nil, err
		}
		full.Seq = it.Seq // a carried item keeps its number in this meeting
		out = append(out, full)
	}
	return out, nil
}

// exportLedger is GET /meetings/{id}/ledger.xlsx.
func (s *Server) exportLedger(w http.ResponseWriter, r *http.Request) {
	m, items, err := s.ledgerForExport(r)
	if err != nil {
		s.error(w, r, err)
		return
	}
	data, err := LedgerWorkbook(m, items)
	if err != nil {
		s.error(w, r, err)
		return
	}
	sendFile(w, "attachment", m.Title+"整改台账.xlsx", "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", data)
}

// LedgerWorkbook is the 整改台账 .xlsx: one row per item with the usual columns,
// laid out to print.
func LedgerWorkbook(m *jingzi.Meeting, items []*jingzi.LedgerItem) ([]byte, error) {
	f := excelize.NewFile()
	defer f.Close()
	const sheet = "整改台账"
	if err := f.SetSheetName("Sheet1", sheet); err != nil {
		return nil, err
	} else if err := f.SetSheetRow(sheet, "A1", &ledgerSheetHeader); err != nil {
		return nil, err
	}
	for i, it := range items {
		values := ledgerSheetRow(m, it)
		cell, _ := excelize.CoordinatesToCellName(1, i+2)
		if err := f.SetSheetRow(sheet, cell, &values); err != nil {
			return nil, err
		}
	}
	if err := layoutLedgerSheet(f, sheet, len(items)); err != nil {
		return nil, err
	}
	buf, err := f.WriteToBuffer()
	if err != nil {
		return nil, err
	}
	return buf.Bytes(), nil
}

func ledgerSheetRow(m *jingzi.Meeting, it *jingzi.LedgerItem) []any {
	var progress, evidence []string
	for _, p := range it.Progress {
		progress = append(progress, jingzi.FormatDate(p.On)+"："+p.Text)
		for _, e := range p.Evidence {
			evidence = append(evidence, e.Name)
		}
	}
	if t := targetsText(it); t != "" {
		progress = append(progress, "量化目标完成："+t)
	}
	closed := ""
	if it.ClosedOn != nil {
		closed = it.ClosedOn.Format("2006-01-02")
	}
	source := it.Source.Kind.Label()
	if it.Source.Label != "" {
		source += "：" + it.Source.Label
	}
	return []any{it.Seq, it.Aspect, it.Problem, source, it.Measures, it.LeadName, it.Department, it.OwnerName,
		deadlineText(it), strings.Join(progress, "\n"), it.StatusIn(m.ID), strings.Join(evidence, "\n"), closed}
}

// layoutLedgerSheet sets widths, wrapping, the repeated header and landscape
// A4, so that the sheet prints as a table.
func layoutLedgerSheet(f *excelize.File, sheet string, rows int) error {
	widths := []float64{6, 14, 36, 18, 36, 10, 12, 10, 14, 36, 10, 20, 12}
	for i, w := range widths {
		col, _ := excelize.ColumnNumberToName(i + 1)
		if err := f.SetColWidth(sheet, col, col, w); err != nil {
			return err
		}
	}
	wrap, err := f.NewStyle(&excelize.Style{Alignment: &excelize.Alignment{WrapText: true, Vertical: "top"},
		Border: ledgerBorders()})
	if err != nil {
		return err
	}
	head, err := f.NewStyle(&excelize.Style{Font: &excelize.Font{Bold: true}, Border: ledgerBorders(),
		Alignment: &excelize.Alignment{Horizontal: "center", Vertical: "center", WrapText: true}})
	if err != nil {
		return err
	}
	last, _ := excelize.CoordinatesToCellName(len(widths), rows+1)
	if err := f.SetCellStyle(sheet, "A1", last, wrap); err != nil {
		return err
	} else if err := f.SetCellStyle(sheet, "A1", "M1", head); err != nil {
		return err
	}
	landscape, a4 := "landscape", 9
	if err := f.SetPageLayout(sheet, &excelize.PageLayoutOptions{Orientation: &landscape, Size: &a4}); err != nil {
		return err
	}
	return f.SetDefinedName(&excelize.DefinedName{Name: "_xlnm.Print_Titles", RefersTo: "'" + sheet + "'!$1:$1", Scope: sheet})
}

func ledgerBorders() []excelize.Border {
	var out []excelize.Border
	for _, side := range []string{"left", "right", "top", "bottom"} {
		out = append(out, excelize.Border{Type: side, Color: "000000", Style: 1})
	}
	return out
}

// exportLedgerDocument answers /meetings/{id}/bulletin.docx (通报) and
// /meetings/{id}/rectification-report.docx (整改落实情况报告) through the document service.
func (s *Server) exportLedgerDocument(build func(*jingzi.Meeting, []*jingzi.LedgerItem, time.Time) jingzi.Document, suffix string) http.HandlerFunc {
	return func(w http.ResponseWriter, r *http.Request) {
		m, items, err := s.ledgerForExport(r)
		if err != nil {
			s.error(w, r, err)
			return
		}
		d := build(m, items, s.Now())
		data, contentType, err := s.DocumentService.ExportDocument(r.Context(), &d, jingzi.FormatDocx)
		if err != nil {
			s.error(w, r, err)
			return
		}
		sendFile(w, "attachment", m.Title+suffix+".docx", contentType, data)
	}
}
