package mock

import (
	"context"
	"io"
	"time"

	"jingzi"
)

var _ jingzi.LedgerService = (*LedgerService)(nil)

// LedgerService is a mock of jingzi.LedgerService 整改台账.
type LedgerService struct {
	FindLedgerItemByIDFn func(ctx context.Context, id int64) (*jingzi.LedgerItem, error)
	FindLedgerItemsFn    func(ctx context.Context, f jingzi.LedgerFilter) ([]*jingzi.LedgerItem, int, error)
	CreateLedgerItemFn   func(ctx context.Context, it *jingzi.LedgerItem) error
	UpdateLedgerItemFn   func(ctx context.Context, it *jingzi.LedgerItem) error
	DeleteLedgerItemFn   func(ctx context.Context, id int64, version int) error
	AddProgressFn        func(ctx context.Context, p *jingzi.LedgerProgress, files []jingzi.EvidenceUpload) error
	OpenEvidenceFn       func(ctx context.Context, evidenceID int64) (*jingzi.Evidence, io.ReadCloser, error)
	RequestCloseOutFn    func(ctx context.Context, itemID int64, version int, note string) error
	ApproveCloseOutFn    func(ctx context.Context, itemID int64, version int, note string) error
	ReturnCloseOutFn     func(ctx context.Context, itemID int64, version int, reasons string) error
	FlagOverdueFn        func(ctx context.Context, now time.Time) (int, error)
	FindCarriedOverFn    func(ctx context.Context, meetingID int64) (*jingzi.Meeting, []*jingzi.LedgerItem, error)
}

func (s *LedgerService) FindLedgerItemByID(ctx context.Context, id int64) (*jingzi.LedgerItem, error) {
	return s.FindLedgerItemByIDFn(ctx, id)
}

func (s *LedgerService) FindLedgerItems(ctx context.Context, f jingzi.LedgerFilter) ([]*jingzi.LedgerItem, int, error) {
	return s.FindLedgerItemsFn(ctx, f)
}

func (s *LedgerService) CreateLedgerItem(ctx context.Context, it *jingzi.LedgerItem) error {
	return s.CreateLedgerItemFn(ctx, it)
}

func (s *LedgerService) UpdateLedgerItem(ctx context.Context, it *jingzi.LedgerItem) error {
	return s.UpdateLedgerItemFn(ctx, it)
}

func (s *LedgerService) DeleteLedgerItem(ctx context.Context, id int64, version int) error {
	return s.DeleteLedgerItemFn(ctx, id, version)
}

func (s *LedgerService) AddProgress(ctx context.Context, p *jingzi.LedgerProgress, files []jingzi.EvidenceUpload) error {
	return s.AddProgressFn(ctx, p, files)
}

func (s *LedgerService) OpenEvidence(ctx context.Context, evidenceID int64) (*jingzi.Evidence, io.ReadCloser, error) {
	return s.OpenEvidenceFn(ctx, evidenceID)
}

func (s *LedgerService) RequestCloseOut(ctx context.Context, itemID int64, version int, note string) error {
	return s.RequestCloseOutFn(ctx, itemID, version, note)
}

func (s *LedgerService) ApproveCloseOut(ctx context.Context, itemID int64, version int, note string) error {
	return s.ApproveCloseOutFn(ctx, itemID, version, note)
}

func (s *LedgerService) ReturnCloseOut(ctx context.Context, itemID int64, version int, reasons string) error {
	return s.ReturnCloseOutFn(ctx, itemID, version, reasons)
}

func (s *LedgerService) FlagOverdue(ctx context.Context, now time.Time) (int, error) {
	return s.FlagOverdueFn(ctx, now)
}

// FindCarriedOver: without FindCarriedOverFn the team has no previous ledger,
// since every new statement asks (web.Server.prependCarryOver).
func (s *LedgerService) FindCarriedOver(ctx context.Context, meetingID int64) (*jingzi.Meeting, []*jingzi.LedgerItem, error) {
	if s.FindCarriedOverFn == nil {
		return nil, nil, nil
	}
	return s.FindCarriedOverFn(ctx, meetingID)
}
