package web

import (
	"bytes"
	"context"
	"io"
	"sync"
	"time"

	"jingzi"
	"jingzi/mock"
)

// ledgerStore is the fixture's 整改台账 in memory behind the mock service,
// checking permissions, versions and sources the way the real one promises.
// Item 1 (李副局长, from the team statement's first problem) is overdue with one
// progress entry and a PDF; item 2 (陈主任, no account) is 长期坚持 and open;
// item 3 is closed.
type ledgerStore struct {
	svc      *mock.LedgerService
	mu       sync.Mutex
	items    []*jingzi.LedgerItem
	content  map[int64][]byte // evidence by id
	nextID   int64
	uploads  [][]string // file names of each AddProgress call
	closeOps []jingzi.CloseOutAction
}

const evidencePDF = "%PDF-1.4\n调研报告\n%%EOF"

func ledgerDay(m time.Month, d int) *time.Time {
	t := time.Date(2024, m, d, 0, 0, 0, 0, time.UTC)
	return &t
}

func (f *fixture) wireLedger() {
	st := &ledgerStore{svc: &mock.LedgerService{}, content: map[int64][]byte{1: []byte(evidencePDF)}, nextID: 100}
	f.ledger = st
	twenty := 20
	st.items = []*jingzi.LedgerItem{
		{ID: 1, MeetingID: 7, Seq: 1, Aspect: "理论学习方面", Problem: "理论学习不系统不深入。", Measures: "制定学习计划。",
			Source: jingzi.LedgerSource{Kind: jingzi.SourceStatement, StatementID: 1, Anchor: jingzi.Anchor{Part: 0, Section: 0, Item: 0},
				Label: "领导班子对照检查材料第1部分第1节第1条", Excerpt: "理论学习不系统不深入。"},
			LeadID: 2, LeadName: "李副局长", Department: "办公室", OwnerUserID: 17, OwnerName: "李副局长",
			DeadlineKind: jingzi.DeadlineDated, Due: ledgerDay(2, 20), Status: jingzi.LedgerDoing, Version: 3,
			CreatedAt: *ledgerDay(1, 10), Targets: []jingzi.LedgerTarget{{Text: "深入基层调研不少于20家", Quantity: &twenty, Unit: "家", Done: 12}},
			Progress: []*jingzi.LedgerProgress{{ID: 1, ItemID: 1, TargetIndex: 0, On: *ledgerDay(2, 1), Text: "走访12家企业", Quantity: 12, By: "李副局长",
				Evidence: []*jingzi.Evidence{{ID: 1, ItemID: 1, ProgressID: 1, Name: "调研报告.pdf", ContentType: "application/pdf", Size: int64(len(evidencePDF)), UploadedBy: "李副局长"}}}}},
		{ID: 2, MeetingID: 7, Seq: 2, Aspect: "工作作风方面", Problem: "文山会海仍然存在。", Source: jingzi.LedgerSource{Kind: jingzi.SourceManual},
			OwnerName: "陈主任", DeadlineKind: jingzi.DeadlineOngoing, Status: jingzi.LedgerOpen, Version: 1, CreatedAt: *ledgerDay(2, 25)},
		{ID: 3, MeetingID: 7, Seq: 3, Aspect: "理论学习方面", Problem: "学习笔记摘抄多。", Source: jingzi.LedgerSource{Kind: jingzi.SourceManual},
			OwnerUserID: 17, OwnerName: "李副局长", DeadlineKind: jingzi.DeadlineImmediate, Status: jingzi.LedgerClosed, ClosedOn: ledgerDay(2, 28),
			Version: 5, CreatedAt: *ledgerDay(1, 10),
			CloseOuts: []*jingzi.CloseOut{{ID: 1, ItemID: 3, Action: jingzi.CloseOutRequest, By: "李副局长", At: *ledgerDay(2, 27)},
				{ID: 2, ItemID: 3, Action: jingzi.CloseOutApprove, By: "王organizer", At: *ledgerDay(2, 28)}}},
	}
	svc := st.svc
	svc.FindLedgerItemsFn = func(ctx context.Context, flt jingzi.LedgerFilter) ([]*jingzi.LedgerItem, int, error) {
		st.mu.Lock()
		defer st.mu.Unlock()
		var out []*jingzi.LedgerItem
		for _, it := range st.items {
			if jingzi.CanViewLedgerItem(ctx, f.meeting, it) {
				c := *it
				out = append(out, &c)
			}
		}
		return out, len(out), nil
	}
	svc.FindLedgerItemByIDFn = func(ctx context.Context, id int64) (*jingzi.LedgerItem, error) {
		it, err := st.find(ctx, f, id)
		if err != nil {
			return nil, err
		}
		c := *it
		return &c, nil
	}
	svc.CreateLedgerItemFn = func(ctx context.Context, it *jingzi.LedgerItem) error {
		if !jingzi.CanManageLedger(ctx, f.meeting) {
			return jingzi.Errorf(jingzi.EFORBIDDEN, "只有党办组织者可以新增整改事项。")
		} else if err := it.Validate(); err != nil {
			return err
		}
		st.mu.Lock()
		defer st.mu.Unlock()
		if it.Source.Kind != jingzi.SourceManual && takenBy(st.items, it.Source) != nil {
			return jingzi.Errorf(jingzi.ECONFLICT, "该问题已列入整改台账。")
		}
		st.nextID++
		it.ID, it.Seq, it.Version, it.Status, it.CreatedAt = st.nextID, len(st.items)+1, 1, jingzi.LedgerOpen, *ledgerDay(3, 1)
		st.items = append(st.items, it)
		return nil
	}
	svc.UpdateLedgerItemFn = func(ctx context.Context, it *jingzi.LedgerItem) error {
		cur, err := st.find(ctx, f, it.ID)
		if err != nil {
			return err
		} else if !jingzi.CanManageLedger(ctx, f.meeting) || cur.Status == jingzi.LedgerClosed {
			return jingzi.Errorf(jingzi.EFORBIDDEN, "该事项不能修改。")
		} else if err := it.Validate(); err != nil {
			return err
		}
		st.mu.Lock()
		defer st.mu.Unlock()
		if it.Version != cur.Version {
			return jingzi.Errorf(jingzi.ECONFLICT, "事项已被他人修改。")
		}
		it.Version, it.Status, it.Progress, it.CloseOuts, it.CreatedAt = cur.Version+1, cur.Status, cur.Progress, cur.CloseOuts, cur.CreatedAt
		*cur = *it
		return nil
	}
	svc.DeleteLedgerItemFn = func(ctx context.Context, id int64, version int) error {
		cur, err := st.find(ctx, f, id)
		if err != nil {
			return err
		} else if !jingzi.CanManageLedger(ctx, f.meeting) {
			return jingzi.Errorf(jingzi.EFORBIDDEN, "只有党办组织者可以删除整改事项。")
		}
		st.mu.Lock()
		defer st.mu.Unlock()
		for i, it := range st.items {
			if it == cur {
				st.items = append(st.items[:i], st.items[i+1:]...)
			}
		}
		return nil
	}
	st.wireProgress(f)
	st.wireCloseOut(f)
}

func (st *ledgerStore) find(ctx context.Context, f *fixture, id int64) (*jingzi.LedgerItem, error) {
	st.mu.Lock()
	defer st.mu.Unlock()
	for _, it := range st.items {
		if it.ID == id && jingzi.CanViewLedgerItem(ctx, f.meeting, it) {
			return it, nil
		}
	}
	return nil, jingzi.Errorf(jingzi.ENOTFOUND, "整改事项不存在。")
}

func (st *ledgerStore) wireProgress(f *fixture) {
	st.svc.AddProgressFn = func(ctx context.Context, p *jingzi.LedgerProgress, files []jingzi.EvidenceUpload) error {
		it, err := st.find(ctx, f, p.ItemID)
		if err != nil {
			return err
		} else if !jingzi.CanReportProgress(ctx, f.meeting, it) {
			return jingzi.Errorf(jingzi.EFORBIDDEN, "您不能登记该事项的进展。")
		} else if p.Text == "" {
			return jingzi.Errorf(jingzi.EINVALID, "请填写进展情况。")
		} else if p.ItemVersion != 0 && p.ItemVersion != it.Version {
			return jingzi.Errorf(jingzi.ECONFLICT, "事项已被他人修改。")
		}
		st.mu.Lock()
		defer st.mu.Unlock()
		var names []string
		for _, u := range files {
			data, err := io.ReadAll(u.Body)
			if err != nil {
				return err
			}
			st.nextID++
			st.content[st.nextID] = data
			p.Evidence = append(p.Evidence, &jingzi.Evidence{ID: st.nextID, ItemID: it.ID, Name: u.Name, ContentType: "text/plain; charset=utf-8",
				Size: int64(len(data)), UploadedBy: jingzi.ActorFromContext(ctx).Name()})
			names = append(names, u.Name)
		}
		st.uploads = append(st.uploads, names)
		st.nextID++
		p.ID, p.By = st.nextID, jingzi.ActorFromContext(ctx).Name()
		it.Progress = append([]*jingzi.LedgerProgress{p}, it.Progress...)
		if p.TargetIndex >= 0 {
			it.Targets[p.TargetIndex].Done += p.Quantity
		}
		it.Status, it.Version = jingzi.LedgerDoing, it.Version+1
		return nil
	}
	st.svc.OpenEvidenceFn = func(ctx context.Context, id int64) (*jingzi.Evidence, io.ReadCloser, error) {
		st.mu.Lock()
		items := append([]*jingzi.LedgerItem(nil), st.items...)
		st.mu.Unlock()
		for _, it := range items {
			for _, p := range it.Progress {
				for _, e := range p.Evidence {
					if e.ID == id && jingzi.CanViewLedgerItem(ctx, f.meeting, it) {
						return e, io.NopCloser(bytes.NewReader(st.content[id])), nil
					}
				}
			}
		}
		return nil, nil, jingzi.Errorf(jingzi.ENOTFOUND, "佐证材料不存在或您无权下载。")
	}
}

func (st *ledgerStore) wireCloseOut(f *fixture) {
	step := func(ctx context.Context, id int64, version int, action jingzi.CloseOutAction, reasons string) error {
		it, err := st.find(ctx, f, id)
		if err != nil {
			return err
		}
		st.mu.Lock()
		defer st.mu.Unlock()
		switch {
		case version != it.Version:
			return jingzi.Errorf(jingzi.ECONFLICT, "事项已被他人修改。")
		case action == jingzi.CloseOutRequest && !jingzi.CanReportProgress(ctx, f.meeting, it):
			return jingzi.Errorf(jingzi.EFORBIDDEN, "您不能为该事项申请销号。")
		case action != jingzi.CloseOutRequest && (!jingzi.CanDecideCloseOut(ctx, f.meeting) || it.Status != jingzi.LedgerRequested):
			return jingzi.Errorf(jingzi.EFORBIDDEN, "只有党办组织者或主要负责人可以审核销号申请。")
		case action == jingzi.CloseOutRequest && len(it.Progress) == 0:
			return jingzi.Errorf(jingzi.EINVALID, "申请销号前，请先登记整改进展并上传佐证材料。")
		case action == jingzi.CloseOutReturn && reasons == "":
			return jingzi.Errorf(jingzi.EINVALID, "请填写退回理由。")
		}
		st.closeOps = append(st.closeOps, action)
		it.CloseOuts = append(it.CloseOuts, &jingzi.CloseOut{ID: int64(len(it.CloseOuts) + 1), ItemID: id, Action: action, Reasons: reasons,
			By: jingzi.ActorFromContext(ctx).Name(), At: *ledgerDay(3, 1)})
		it.Version++
		switch action {
		case jingzi.CloseOutRequest:
			it.Status = jingzi.LedgerRequested
		case jingzi.CloseOutApprove:
			it.Status, it.ClosedOn = jingzi.LedgerClosed, ledgerDay(3, 1)
		case jingzi.CloseOutReturn:
			it.Status = jingzi.LedgerDoing
		}
		return nil
	}
	st.svc.RequestCloseOutFn = func(ctx context.Context, id int64, v int, note string) error {
		return step(ctx, id, v, jingzi.CloseOutRequest, note)
	}
	st.svc.ApproveCloseOutFn = func(ctx context.Context, id int64, v int, note string) error {
		return step(ctx, id, v, jingzi.CloseOutApprove, note)
	}
	st.svc.ReturnCloseOutFn = func(ctx context.Context, id int64, v int, reasons string) error {
		return step(ctx, id, v, jingzi.CloseOutReturn, reasons)
	}
}

// ledgerMinutes is the meeting's minutes as the ledger reads them: one
// criticism (张书记 → 李副局长) and the 督导组点评, for 从会议记录导入. Only
// FindMinutes is used.
type ledgerMinutes struct{ f *fixture }

func (m ledgerMinutes) FindMinutes(ctx context.Context, id int64) (*jingzi.Minutes, error) {
	if id != m.f.meeting.ID || !jingzi.CanViewMeeting(ctx, m.f.meeting.OrgPath) {
		return nil, jingzi.Errorf(jingzi.ENOTFOUND, "会议不存在。")
	}
	return &jingzi.Minutes{MeetingID: id, Saved: true, SupervisorRemarks: "整改台账要闭环管理。",
		Criticisms: []*jingzi.Criticism{{ID: 5, MeetingID: id, FromID: 1, ToID: 2, FromName: "张书记", ToName: "李副局长", Content: "调研多在机关，下基层少。"}}}, nil
}

func (ledgerMinutes) SaveMinutes(context.Context, *jingzi.Minutes) error { return errNotInLedgerTests }
func (ledgerMinutes) RespondToCriticism(context.Context, int64, string) error {
	return errNotInLedgerTests
}
func (ledgerMinutes) MarkReportSent(context.Context, int64, *time.Time) error {
	return errNotInLedgerTests
}

var errNotInLedgerTests = jingzi.Errorf(jingzi.EINTERNAL, "not used by the ledger tests")

func (f *fixture) wireLedgerMinutes() { f.s.MinutesService = ledgerMinutes{f} }
