package mock

import (
	"context"
	"io"

	"jingzi"
)

var _ jingzi.ArchiveService = (*ArchiveService)(nil)

// ArchiveService is a mock of jingzi.ArchiveService 归档.
type ArchiveService struct {
	ArchiveMeetingFn func(ctx context.Context, meetingID int64, reason string) (*jingzi.Archive, error)
	FindArchivesFn   func(ctx context.Context, meetingID int64) ([]*jingzi.Archive, error)
	OpenArchiveFn    func(ctx context.Context, archiveID int64) (*jingzi.Archive, io.ReadCloser, error)
	ReopenMeetingFn  func(ctx context.Context, meetingID int64, reasons string) error
}

func (s *ArchiveService) ArchiveMeeting(ctx context.Context, meetingID int64, reason string) (*jingzi.Archive, error) {
	return s.ArchiveMeetingFn(ctx, meetingID, reason)
}

func (s *ArchiveService) FindArchives(ctx context.Context, meetingID int64) ([]*jingzi.Archive, error) {
	return s.FindArchivesFn(ctx, meetingID)
}

func (s *ArchiveService) OpenArchive(ctx context.Context, archiveID int64) (*jingzi.Archive, io.ReadCloser, error) {
	return s.OpenArchiveFn(ctx, archiveID)
}

func (s *ArchiveService) ReopenMeeting(ctx context.Context, meetingID int64, reasons string) error {
	return s.ReopenMeetingFn(ctx, meetingID, reasons)
}
