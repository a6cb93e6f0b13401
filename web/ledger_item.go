package web

import (
	"net/http"
	"strconv"

	"jingzi"
)

// ledgerItemPage 整改事项 is one item: its fields (the organiser edits them and
// the tasks), progress with evidence, and the 销号 steps. A closed item is
// locked and shows no forms.
type ledgerItemPage struct {
	Meeting    *jingzi.Meeting
	Item       *jingzi.LedgerItem
	Colour     jingzi.Colour
	SourceHref string
	Deadline   string
	CanManage  bool // edit fields and tasks, delete
	CanReport  bool // record progress, ask for 销号
	CanDecide  bool // approve or return a 销号 request
	CanRequest bool // the item may be put up for 销号 now
	// Outstanding is what the item still lacks (未完成情况), shown to the
	// decider above 同意销号, which then needs an explicit confirmation.
	Outstanding string
	Form        ledgerFormView
	Progress    progressForm
	MaxUpload   int // MB per file
	MaxFiles    int
	Error       string
	ErrorAt     string // edit, progress, closeout, delete
}

func (p ledgerItemPage) meeting() *jingzi.Meeting { return p.Meeting }

// progressForm is the progress entry as typed.
type progressForm struct {
	On, Text, Quantity, Target, Task string
}

// loadLedgerItemPage reads the item of the route, its meeting and what the caller may do.
func (s *Server) loadLedgerItemPage(r *http.Request) (*ledgerItemPage, error) {
	id, err := pathID(r)
	if err != nil {
		return nil, err
	}
	it, err := s.LedgerService.FindLedgerItemByID(r.Context(), id)
	if err != nil {
		return nil, err
	}
	m, err := s.MeetingService.FindMeetingByID(r.Context(), it.MeetingID)
	if err != nil {
		return nil, err
	}
	ctx, now := r.Context(), s.Now()
	p := &ledgerItemPage{Meeting: m, Item: it, Colour: it.Colour(now), Deadline: deadlineText(it),
		CanManage: jingzi.CanManageLedger(ctx, m) && it.Status != jingzi.LedgerClosed,
		CanReport: jingzi.CanReportProgress(ctx, m, it),
		CanDecide: jingzi.CanDecideCloseOut(ctx, m) && it.Status == jingzi.LedgerRequested,
		MaxUpload: maxEvidenceFileBytes >> 20, MaxFiles: jingzi.MaxEvidenceFiles,
		Progress: progressForm{On: now.Format("2006-01-02"), Target: "-1"}}
	p.CanRequest = p.CanReport && (it.Status == jingzi.LedgerOpen || it.Status == jingzi.LedgerDoing)
	if p.CanDecide {
		p.Outstanding = it.Outstanding()
	}
	p.SourceHref = sourceHref(it, s.opinionSolicitations(r, m, []*jingzi.LedgerItem{it}))
	p.Form = ledgerFormView{Form: formOfItem(it, m).padded(), Roster: m.Participants, Kinds: jingzi.DeadlineKinds,
		Aspects: frameworkAspects(m)}
	return p, nil
}

func (s *Server) ledgerItemPage(w http.ResponseWriter, r *http.Request) {
	p, err := s.loadLedgerItemPage(r)
	if err != nil {
		s.error(w, r, err)
		return
	}
	s.render(w, r, http.StatusOK, "ledger_item", seqLabel(p.Item.Seq)+" · 整改台账", p)
}

// ledgerItemFailed shows the item again with why nothing was saved; keep puts
// the typed input back. A stale version gets the conflict message.
func (s *Server) ledgerItemFailed(w http.ResponseWriter, r *http.Request, at string, err error, keep func(*ledgerItemPage)) {
	code := jingzi.ErrorCode(err)
	if code != jingzi.EINVALID && code != jingzi.ECONFLICT {
		s.error(w, r, err)
		return
	}
	p, lerr := s.loadLedgerItemPage(r)
	if lerr != nil {
		s.error(w, r, lerr)
		return
	}
	if keep != nil {
		keep(p)
	}
	p.Error, p.ErrorAt = jingzi.ErrorMessage(err), at
	status := http.StatusBadRequest
	if code == jingzi.ECONFLICT {
		status = http.StatusConflict
		p.Error = "该事项已被他人修改（当前为第" + strconv.Itoa(p.Item.Version) + "版），您的操作未保存。" +
			"下方保留了您填写的内容，请核对最新情况后刷新页面重新提交。"
		if at == "progress" || at == "closeout" {
			p.Error = "该事项已被他人修改，您的操作未保存，请刷新页面核对最新情况后重新提交。"
		}
	}
	s.render(w, r, status, "ledger_item", seqLabel(p.Item.Seq)+" · 整改台账", p)
}

// updateLedgerItem is POST /ledger/{id}: the organiser saves the fields and tasks.
func (s *Server) updateLedgerItem(w http.ResponseWriter, r *http.Request) {
	p, err := s.loadLedgerItemPage(r)
	if err == nil {
		err = parseForm(r)
	}
	if err != nil {
		s.error(w, r, err)
		return
	}
	in := readLedgerForm(r)
	it, err := in.item(p.Meeting)
	if err == nil && in.Version == "" {
		err = jingzi.Errorf(jingzi.EINVALID, "表单缺少版本信息，请刷新页面后重新修改。")
	}
	if err == nil {
		it.ID, it.Seq, it.Source = p.Item.ID, p.Item.Seq, p.Item.Source
		err = s.LedgerService.UpdateLedgerItem(r.Context(), it)
	}
	if err != nil {
		s.ledgerItemFailed(w, r, "edit", err, func(p *ledgerItemPage) {
			p.Form.Form = in.padded()
			p.Form.Open = true
		})
		return
	}
	s.redirectWithFlash(w, r, ledgerItemHref(p.Item.ID), "整改事项已保存。")
}

// deleteLedgerItem is POST /ledger/{id}/delete: an item without progress (organiser).
func (s *Server) deleteLedgerItem(w http.ResponseWriter, r *http.Request) {
	p, err := s.loadLedgerItemPage(r)
	if err == nil {
		err = parseForm(r)
	}
	if err != nil {
		s.error(w, r, err)
		return
	}
	version, err := formInt(r, "version", "版本")
	if err == nil && !formBool(r, "confirm") {
		err = jingzi.Errorf(jingzi.EINVALID, "请先勾选“确认删除”，再点击“删除本事项”。事项未删除。")
	}
	if err == nil {
		err = s.LedgerService.DeleteLedgerItem(r.Context(), p.Item.ID, version)
	}
	if err != nil {
		s.ledgerItemFailed(w, r, "delete", err, nil)
		return
	}
	s.redirectWithFlash(w, r, rectifyHref(p.Meeting.ID), "已删除第"+strconv.Itoa(p.Item.Seq)+"项整改事项。")
}

// closeOutLedgerItem is POST /ledger/{id}/closeout: 申请销号, 同意销号 or 退回.
func (s *Server) closeOutLedgerItem(w http.ResponseWriter, r *http.Request) {
	p, err := s.loadLedgerItemPage(r)
	if err == nil {
		err = parseForm(r)
	}
	if err != nil {
		s.error(w, r, err)
		return
	}
	version, err := formInt(r, "version", "版本")
	note := r.PostFormValue("note")
	action := jingzi.CloseOutAction(r.PostFormValue("action"))
	if err == nil {
		switch action {
		case jingzi.CloseOutRequest:
			err = s.LedgerService.RequestCloseOut(r.Context(), p.Item.ID, version, note)
		case jingzi.CloseOutApprove:
			if open := p.Item.Outstanding(); open != "" && !formBool(r, "confirm_open") {
				err = jingzi.Errorf(jingzi.EINVALID, "%s如确需销号，请勾选“已知悉上述未完成情况，仍同意销号”后再提交。事项未销号。", open)
				break
			}
			err = s.LedgerService.ApproveCloseOut(r.Context(), p.Item.ID, version, note)
		case jingzi.CloseOutReturn:
			err = s.LedgerService.ReturnCloseOut(r.Context(), p.Item.ID, version, note)
		default:
			err = jingzi.Errorf(jingzi.EINVALID, "请选择申请销号、同意销号或退回。")
		}
	}
	if err != nil {
		s.ledgerItemFailed(w, r, "closeout", err, nil)
		return
	}
	msgs := map[jingzi.CloseOutAction]string{jingzi.CloseOutRequest: "已申请销号，请等待党办或主要负责人审核。",
		jingzi.CloseOutApprove: "已同意销号，该事项已锁定。", jingzi.CloseOutReturn: "已退回销号申请，责任人将看到退回理由。"}
	s.redirectWithFlash(w, r, ledgerItemHref(p.Item.ID)+"#closeout", msgs[action])
}

// seqLabel is 第N项.
func seqLabel(n int) string { return "第" + strconv.Itoa(n) + "项" }

// ProgressTarget says how much of which target an entry reports, e.g.
// “（全年调研不少于20家：本次完成5家）”; "" when it reports none.
func (p ledgerItemPage) ProgressTarget(e *jingzi.LedgerProgress) string {
	if e.TargetIndex < 0 || e.TargetIndex >= len(p.Item.Targets) {
		return ""
	}
	t := p.Item.Targets[e.TargetIndex]
	return "（" + t.Text + "：本次完成" + strconv.Itoa(e.Quantity) + t.Unit + "）"
}
