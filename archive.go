package jingzi

import (
	"context"
	"io"
	"time"
)

// Archive 归档 is the package of one meeting's records: a .zip with every
// document jingzi generated for it, the records and the evidence files, and a
// manifest with each file's SHA-256. The package itself is kept in the
// FileStore under Key; SHA256 is the hash of the whole .zip.
type Archive struct {
	ID        int64
	MeetingID int64
	Reason    string // why it was archived before rectification was done; "" otherwise
	Key       string
	SHA256    string
	Size      int64
	Files     int // entries in the manifest
	CreatedBy string
	CreatedAt time.Time
}

// ArchiveService 归档. Archiving makes the meeting read-only: every change to it
// or to its records is refused until a reviewer reopens it.
type ArchiveService interface {
	// ArchiveMeeting builds and stores the package and marks the meeting
	// archived (organiser). Without a reason it needs every ledger item closed:
	// EINVALID says how many are still open.
	ArchiveMeeting(ctx context.Context, meetingID int64, reason string) (*Archive, error)
	// FindArchives lists a meeting's packages, newest first.
	FindArchives(ctx context.Context, meetingID int64) ([]*Archive, error)
	// OpenArchive returns a package to those who may see the meeting.
	OpenArchive(ctx context.Context, archiveID int64) (*Archive, io.ReadCloser, error)
	// ReopenMeeting lifts the read-only state (a reviewer over the team, with
	// reasons); audited. The packages stay.
	ReopenMeeting(ctx context.Context, meetingID int64, reasons string) error
}

// CanReopenMeeting: only a reviewer of the superior over the team reopens an archived meeting.
func CanReopenMeeting(ctx context.Context, m *Meeting) bool {
	return HasRoleOver(ctx, RoleReviewer, m.OrgPath)
}

// ErrArchived is returned when something would change an archived meeting.
func ErrArchived() error {
	return Errorf(ECONFLICT, "本次会议已归档，材料只读。如确需修改，请上级审核人重新开启。")
}
