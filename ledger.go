package jingzi

import (
	"context"
	"io"
	"sort"
	"time"
)

// DeadlineKind 时限类型 of a ledger item.
type DeadlineKind string

const (
	DeadlineImmediate DeadlineKind = "immediate" // 立行立改
	DeadlineDated     DeadlineKind = "dated"     // 限期整改 (with a date)
	DeadlineOngoing   DeadlineKind = "ongoing"   // 长期坚持
)

// DeadlineKinds lists the kinds in the order forms offer them.
var DeadlineKinds = []DeadlineKind{DeadlineImmediate, DeadlineDated, DeadlineOngoing}

// Label is the Chinese name of the kind.
func (k DeadlineKind) Label() string {
	switch k {
	case DeadlineImmediate:
		return "立行立改"
	case DeadlineDated:
		return "限期整改"
	case DeadlineOngoing:
		return "长期坚持"
	}
	return string(k)
}

// ImmediateDays: an 立行立改 item without a date is due this many days after it was recorded.
const ImmediateDays = 30

// NotStartedDays: an item with no progress this many days after it was
// recorded shows red even before its deadline (迟迟未动).
const NotStartedDays = 30

// SourceKind 问题来源 says where a ledger item came from.
type SourceKind string

const (
	SourceStatement  SourceKind = "statement"  // 对照检查材料查摆的问题
	SourceOpinion    SourceKind = "opinion"    // 征求意见
	SourceCriticism  SourceKind = "criticism"  // 相互批评
	SourceSupervisor SourceKind = "supervisor" // 督导组点评
	SourceManual     SourceKind = "manual"     // 直接录入
)

// Label is the Chinese name of the source kind.
func (k SourceKind) Label() string {
	switch k {
	case SourceStatement:
		return "对照检查查摆"
	case SourceOpinion:
		return "征求意见"
	case SourceCriticism:
		return "相互批评"
	case SourceSupervisor:
		return "督导组点评"
	case SourceManual:
		return "直接录入"
	}
	return string(k)
}

// LedgerSource links an item to what it answers. Each source (a statement's
// problem, an opinion, a criticism, the 督导 remarks) becomes one item at most;
// Label and Excerpt are kept as they were when the item was made, so the
// source stays readable even if it is later edited.
type LedgerSource struct {
	Kind        SourceKind
	StatementID int64  // SourceStatement
	Anchor      Anchor // SourceStatement: the problem's place (Part, Section, Item)
	OpinionID   string // SourceOpinion
	CriticismID int64  // SourceCriticism
	Label       string // e.g. 王建国同志对照检查材料 第1部分第2节第1条
	Excerpt     string // the source's text when the item was made
}

// LedgerStatus 整改状态 of an item.
type LedgerStatus string

const (
	LedgerOpen      LedgerStatus = "open"      // 待整改: no progress yet
	LedgerDoing     LedgerStatus = "doing"     // 整改中
	LedgerRequested LedgerStatus = "requested" // 申请销号, waiting for the decision
	LedgerClosed    LedgerStatus = "closed"    // 已销号: locked
)

// Label is the Chinese name of the status.
func (s LedgerStatus) Label() string {
	switch s {
	case LedgerOpen:
		return "待整改"
	case LedgerDoing:
		return "整改中"
	case LedgerRequested:
		return "申请销号"
	case LedgerClosed:
		return "已销号"
	}
	return string(s)
}

// Colour 红黄绿 is how an item shows in lists and charts.
type Colour string

const (
	Red    Colour = "red"    // 逾期，或超过期限仍未启动
	Yellow Colour = "yellow" // 整改中
	Green  Colour = "green"  // 已完成（已销号）
)

// Label is the Chinese name of the colour's meaning.
func (c Colour) Label() string {
	switch c {
	case Red:
		return "逾期"
	case Green:
		return "已完成"
	}
	return "整改中"
}

// LedgerTarget 量化目标 of an item, e.g. 深入基层企业宣讲调研 20 家. A measure's
// Target in the statement carries over as one. Done is the sum of the progress
// entries' quantities for it, filled when read.
type LedgerTarget struct {
	Text     string
	Quantity *int
	Unit     string
	Period   string
	Done     int
}

// LedgerTask 整改任务 is one task under an item.
type LedgerTask struct {
	ID       int64
	ItemID   int64
	Position int
	Text     string
	Owner    string // who does it, as written
	Due      *time.Time
	Done     bool
}

// LedgerProgress 整改进展 is one progress entry: what was done on a day and, for
// a target, how much.
type LedgerProgress struct {
	ID          int64
	ItemID      int64
	TaskID      int64 // 0 when not about one task
	TargetIndex int   // index into the item's Targets; -1 when not about a target
	On          time.Time
	Text        string
	Quantity    int
	By          string // the account's name
	ByUserID    int64
	CreatedAt   time.Time
	Evidence    []*Evidence
	// ItemVersion, when not 0, is the item's version the reporter saw: the
	// entry is refused (ECONFLICT) when the item changed in between.
	ItemVersion int
}

// Evidence 佐证材料 is a file proving progress. The content lives in the
// FileStore under Key; only those who may see the item may download it.
type Evidence struct {
	ID          int64
	ItemID      int64
	ProgressID  int64
	Name        string // the uploaded file's name, cleaned
	Key         string
	ContentType string
	Size        int64
	UploadedBy  string
	UploadedAt  time.Time
}

// EvidenceUpload is a file sent with a progress entry.
type EvidenceUpload struct {
	Name string
	Body io.Reader
}

// CloseOutAction is one step of 销号.
type CloseOutAction string

const (
	CloseOutRequest CloseOutAction = "request" // 申请销号
	CloseOutApprove CloseOutAction = "approve" // 同意销号
	CloseOutReturn  CloseOutAction = "return"  // 退回
)

// Label is the Chinese name of the step.
func (a CloseOutAction) Label() string {
	switch a {
	case CloseOutRequest:
		return "申请销号"
	case CloseOutApprove:
		return "同意销号"
	case CloseOutReturn:
		return "退回"
	}
	return string(a)
}

// CloseOut 销号 is one step of an item's close-out, as the history shows it.
type CloseOut struct {
	ID       int64
	ItemID   int64
	Action   CloseOutAction
	Reasons  string
	By       string
	ByUserID int64
	At       time.Time
}

// LedgerItem 整改台账事项 is one problem to fix: what, from where, who leads and
// answers for it, by when, the quantified targets, and its state.
type LedgerItem struct {
	ID        int64
	MeetingID int64
	Seq       int    // 序号 within the meeting's ledger
	Aspect    string // 方面 (a framework aspect's title, or as written)
	Problem   string // 问题
	Measures  string // 整改措施
	Source    LedgerSource
	// LeadID is the 牵头领导 on the roster (0 when none); LeadName filled when read.
	LeadID     int64
	LeadName   string
	Department string // 责任部门
	// OwnerUserID is the 责任人's account, who reports progress; 0 when the
	// 责任人 has no account. OwnerName is always set.
	OwnerUserID  int64
	OwnerName    string
	DeadlineKind DeadlineKind
	Due          *time.Time // required for DeadlineDated
	Targets      []LedgerTarget
	Status       LedgerStatus
	ClosedOn     *time.Time // 销号日期
	// OverdueSince is set by the daily job when it first finds the item overdue.
	OverdueSince *time.Time
	// OriginMeetingID is the meeting the item was first recorded in when it
	// was carried over into this one; 0 otherwise.
	OriginMeetingID int64
	// OriginSeq is the item's 序号 in OriginMeetingID's ledger (0 when never
	// carried over); carried twice, it keeps the first.
	OriginSeq      int
	Version        int // bumped by every change; an editor sends back the one it started from
	CreatedAt      time.Time
	UpdatedAt      time.Time
	LastProgressOn *time.Time // the latest progress entry's date, filled when read

	// Filled by FindLedgerItemByID only.
	Tasks     []*LedgerTask
	Progress  []*LedgerProgress // newest first, each with its evidence
	CloseOuts []*CloseOut       // oldest first
}

// CarriedOut reports whether the item was recorded in meetingID's ledger but
// has since been carried into a later meeting (已转入下一年度台账): it lives
// in MeetingID now, where it is changed.
func (it *LedgerItem) CarriedOut(meetingID int64) bool {
	return it.OriginMeetingID == meetingID && it.MeetingID != meetingID
}

// StatusIn is the status as meetingID's ledger and documents state it: for an
// item carried out of that meeting, with 已转入下一年度台账.
func (it *LedgerItem) StatusIn(meetingID int64) string {
	switch {
	case !it.CarriedOut(meetingID):
		return it.Status.Label()
	case it.Status == LedgerClosed:
		return "已销号（已转入下一年度台账）"
	}
	return "正在整改（已转入下一年度台账）"
}

// DueDate is the date the item must be done by: Due, or for an 立行立改 item
// without one ImmediateDays after it was recorded; nil for 长期坚持.
func (it *LedgerItem) DueDate() *time.Time {
	if it.Due != nil {
		return it.Due
	}
	if it.DeadlineKind == DeadlineImmediate && !it.CreatedAt.IsZero() {
		d := it.CreatedAt.AddDate(0, 0, ImmediateDays)
		return &d
	}
	return nil
}

// Overdue reports whether the item is not closed and its date has passed.
func (it *LedgerItem) Overdue(now time.Time) bool {
	d := it.DueDate()
	return it.Status != LedgerClosed && d != nil && DaysPast(*d, now) > 0
}

// Stalled reports whether the item has had no progress NotStartedDays after it was recorded.
func (it *LedgerItem) Stalled(now time.Time) bool {
	return it.Status == LedgerOpen && !it.CreatedAt.IsZero() && DaysPast(it.CreatedAt.AddDate(0, 0, NotStartedDays), now) > 0
}

// Colour is red when overdue or stalled, green when closed, yellow otherwise.
func (it *LedgerItem) Colour(now time.Time) Colour {
	switch {
	case it.Status == LedgerClosed:
		return Green
	case it.Overdue(now) || it.Stalled(now):
		return Red
	}
	return Yellow
}

// LedgerFilter selects items. Nil and zero fields do not filter.
type LedgerFilter struct {
	MeetingID   *int64
	OwnerUserID *int64
	Status      LedgerStatus
	Colour      Colour // needs Now
	Now         time.Time
	Offset      int
	Limit       int
	// WithCarried, with MeetingID, also lists the items recorded in that
	// meeting and carried into a later one, each with Seq set to its number
	// in MeetingID (OriginSeq) and in that order among the others; their
	// MeetingID still says where they live now (see CarriedOut).
	WithCarried bool
}

// LedgerService 整改台账.
type LedgerService interface {
	// FindLedgerItemByID returns the item with tasks, progress, evidence and
	// close-out history. ENOTFOUND when it does not exist or the caller may not see it.
	FindLedgerItemByID(ctx context.Context, id int64) (*LedgerItem, error)
	// FindLedgerItems lists the items the caller may see, by Seq, with targets'
	// Done sums and LastProgressOn.
	FindLedgerItems(ctx context.Context, f LedgerFilter) ([]*LedgerItem, int, error)
	// CreateLedgerItem records an item (organiser). A source already taken by an
	// item of the meeting is ECONFLICT. EINVALID for missing problem, owner or date.
	CreateLedgerItem(ctx context.Context, it *LedgerItem) error
	// UpdateLedgerItem changes the item's fields and tasks (organiser). it.Version
	// is the version the editor started from: ECONFLICT when someone changed the
	// item in between, EFORBIDDEN once it is closed.
	UpdateLedgerItem(ctx context.Context, it *LedgerItem) error
	// DeleteLedgerItem removes an item without progress (organiser).
	DeleteLedgerItem(ctx context.Context, id int64, version int) error
	// AddProgress records an entry with its evidence files (the 责任人, the
	// 牵头领导 or the organiser). Files are written and synced before the row
	// commits; a refused file stores nothing. The item becomes 整改中.
	AddProgress(ctx context.Context, p *LedgerProgress, files []EvidenceUpload) error
	// OpenEvidence returns a file to those who may see its item.
	OpenEvidence(ctx context.Context, evidenceID int64) (*Evidence, io.ReadCloser, error)
	// RequestCloseOut asks for 销号 (the 责任人, 牵头领导 or organiser); the item
	// needs at least one evidence file.
	RequestCloseOut(ctx context.Context, itemID int64, version int, note string) error
	// ApproveCloseOut closes and locks the item (the organiser or the head).
	ApproveCloseOut(ctx context.Context, itemID int64, version int, note string) error
	// ReturnCloseOut sends the request back with reasons (the organiser or the head).
	ReturnCloseOut(ctx context.Context, itemID int64, version int, reasons string) error
	// FlagOverdue is the daily job: it marks items newly overdue at now and
	// notifies their 责任人, 牵头领导 and the organisers, once per item. It
	// returns how many items it flagged. System actor only.
	FlagOverdue(ctx context.Context, now time.Time) (int, error)
	// FindCarriedOver returns the team's previous meeting and all the items it
	// recorded (those closed there and those carried into meetingID), for
	// 上年度整改落实情况, each with the number it had there (Seq = OriginSeq
	// for a carried one). A nil meeting when there is none.
	FindCarriedOver(ctx context.Context, meetingID int64) (*Meeting, []*LedgerItem, error)
}

// CanViewLedger: organisers and reviewers over the team and the participants
// on its roster see the meeting's ledger.
func CanViewLedger(ctx context.Context, m *Meeting) bool {
	return hasAnyRoleOver(ctx, m.OrgPath, RoleOrganizer, RoleReviewer) || RosterEntry(ctx, m) != nil
}

// CanViewLedgerItem: whoever sees the ledger, and the item's 责任人.
func CanViewLedgerItem(ctx context.Context, m *Meeting, it *LedgerItem) bool {
	if CanViewLedger(ctx, m) {
		return true
	}
	u := UserFromContext(ctx)
	return u != nil && !u.Disabled && it.OwnerUserID != 0 && u.ID == it.OwnerUserID
}

// CanManageLedger: the organiser over the team records and edits items.
func CanManageLedger(ctx context.Context, m *Meeting) bool {
	return HasRoleOver(ctx, RoleOrganizer, m.OrgPath)
}

// CanReportProgress: the 责任人, the 牵头领导 and the organiser record progress
// and ask for 销号 on an item that is not closed.
func CanReportProgress(ctx context.Context, m *Meeting, it *LedgerItem) bool {
	if it.Status == LedgerClosed {
		return false
	} else if IsSystem(ctx) || CanManageLedger(ctx, m) {
		return true
	}
	u := UserFromContext(ctx)
	if u == nil || u.Disabled {
		return false
	} else if it.OwnerUserID != 0 && u.ID == it.OwnerUserID {
		return true
	}
	me := RosterEntry(ctx, m)
	return me != nil && it.LeadID != 0 && me.ID == it.LeadID
}

// CanDecideCloseOut: the organiser or the head approves or returns a 销号 request.
func CanDecideCloseOut(ctx context.Context, m *Meeting) bool {
	if IsSystem(ctx) || CanManageLedger(ctx, m) {
		return true
	}
	me := RosterEntry(ctx, m)
	return me != nil && me.Head
}

// LedgerGroup counts the items of one owner or one aspect.
type LedgerGroup struct {
	Name    string
	Items   int
	Closed  int
	Overdue int // red: overdue or stalled
}

// Percent is the closed share in whole percent (0 when empty).
func (g LedgerGroup) Percent() int {
	if g.Items == 0 {
		return 0
	}
	return g.Closed * 100 / g.Items
}

// LedgerSummary is the meeting's rectification at a glance: the totals, by
// owner and by aspect.
type LedgerSummary struct {
	Total    LedgerGroup
	Yellow   int
	ByOwner  []LedgerGroup // most items first, then in order of first appearance
	ByAspect []LedgerGroup // in order of first appearance
}

// SummarizeLedger counts items at now.
func SummarizeLedger(items []*LedgerItem, now time.Time) LedgerSummary {
	var s LedgerSummary
	owners, aspects := map[string]*LedgerGroup{}, map[string]*LedgerGroup{}
	var ownerOrder, aspectOrder []string
	group := func(m map[string]*LedgerGroup, order *[]string, name string) *LedgerGroup {
		if name == "" {
			name = "未填写"
		}
		g := m[name]
		if g == nil {
			g = &LedgerGroup{Name: name}
			m[name] = g
			*order = append(*order, name)
		}
		return g
	}
	for _, it := range items {
		c := it.Colour(now)
		for _, g := range []*LedgerGroup{&s.Total, group(owners, &ownerOrder, it.OwnerName), group(aspects, &aspectOrder, it.Aspect)} {
			g.Items++
			switch c {
			case Green:
				g.Closed++
			case Red:
				g.Overdue++
			}
		}
		if c == Yellow {
			s.Yellow++
		}
	}
	s.Total.Name = "合计"
	for _, n := range ownerOrder {
		s.ByOwner = append(s.ByOwner, *owners[n])
	}
	sort.SliceStable(s.ByOwner, func(i, j int) bool { return s.ByOwner[i].Items > s.ByOwner[j].Items })
	for _, n := range aspectOrder {
		s.ByAspect = append(s.ByAspect, *aspects[n])
	}
	return s
}
