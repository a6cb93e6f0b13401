package sqldb_test

import (
	"archive/zip"
	"context"
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"io"
	"strings"
	"testing"
	"time"

	"jingzi"
	"jingzi/sqldb"
)

type archiveFixture struct {
	*solicitationFixture
	db       *sqldb.DB
	files    *memFiles
	svc      *sqldb.ArchiveService
	meetings *sqldb.MeetingService
	failWith error // the builder fails with this when set
}

func newArchiveFixture(t *testing.T, db *sqldb.DB) *archiveFixture {
	t.Helper()
	f := &archiveFixture{solicitationFixture: newSolicitationFixture(t, db, 3), db: db,
		files: &memFiles{files: map[string][]byte{}}, meetings: sqldb.NewMeetingService(db)}
	f.svc = sqldb.NewArchiveService(db, f.files, f.build)
	return f
}

// build writes a small real zip, as the caller sees the meeting.
func (f *archiveFixture) build(ctx context.Context, m *jingzi.Meeting, a *jingzi.Archive, w io.Writer) (int, error) {
	zw := zip.NewWriter(w)
	e, _ := zw.Create("manifest.json")
	fmt.Fprintf(e, `{"meeting_id":%d,"title":%q,"reason":%q,"created_by":%q}`, m.ID, m.Title, a.Reason, a.CreatedBy)
	if f.failWith != nil {
		return 0, f.failWith
	}
	return 1, zw.Close()
}

func (f *archiveFixture) reload(t *testing.T) *jingzi.Meeting {
	t.Helper()
	m, err := f.meetings.FindMeetingByID(sys, f.meeting.ID)
	if err != nil {
		t.Fatal(err)
	}
	return m
}

// addLedgerItem puts a row into the 整改台账 as the ledger service would.
func addLedgerItem(t *testing.T, db *sqldb.DB, meetingID int64, seq int, status string) {
	t.Helper()
	now := time.Date(2022, 3, 1, 0, 0, 0, 0, time.UTC)
	if err := db.ExecRaw(context.Background(), `INSERT INTO ledger_items (meeting_id, seq, problem, source_kind, owner_name,
		deadline_kind, status, created_at, updated_at) VALUES (?, ?, '理论学习不够系统', 'manual', '李红梅', 'dated', ?, ?, ?)`,
		meetingID, seq, status, now, now); err != nil {
		t.Fatal(err)
	}
}

// The organiser archives; the package is stored with its hash, the meeting
// turns to 归档, and those who see the meeting may download it.
func TestArchiveMeeting(t *testing.T) {
	eachDB(t, func(t *testing.T, db *sqldb.DB) {
		f := newArchiveFixture(t, db)
		for _, c := range []struct {
			who  *jingzi.User
			code string
		}{{f.member, jingzi.EFORBIDDEN}, {f.reviewer, jingzi.EFORBIDDEN}, {f.other, jingzi.ENOTFOUND}} {
			if _, err := f.svc.ArchiveMeeting(asUser(c.who), f.meeting.ID, ""); jingzi.ErrorCode(err) != c.code {
				t.Errorf("%s archives: %v, want %s", c.who.Login, err, c.code)
			}
		}
		if f.files.count() != 0 {
			t.Fatal("a refused archive stored a package")
		}
		a, err := f.svc.ArchiveMeeting(asUser(f.organizer), f.meeting.ID, "")
		if err != nil {
			t.Fatal(err)
		}
		stored := f.files.files[a.Key]
		sum := sha256.Sum256(stored)
		if a.ID == 0 || a.SHA256 != hex.EncodeToString(sum[:]) || a.Size != int64(len(stored)) || a.Files != 1 ||
			!strings.Contains(a.CreatedBy, f.organizer.Name) {
			t.Errorf("archive %+v, stored %d bytes", a, len(stored))
		}
		m := f.reload(t)
		if m.ArchivedAt == nil || m.Phase != jingzi.PhaseArchive {
			t.Errorf("meeting after archiving: archived %v, phase %s", m.ArchivedAt, m.Phase)
		}
		if _, err := f.svc.ArchiveMeeting(asUser(f.organizer), f.meeting.ID, "再归档一次"); jingzi.ErrorCode(err) != jingzi.ECONFLICT {
			t.Errorf("archiving twice: %v", err)
		}
		list, err := f.svc.FindArchives(asUser(f.member), f.meeting.ID)
		if err != nil || len(list) != 1 || list[0].SHA256 != a.SHA256 {
			t.Fatalf("FindArchives: %v %v", list, err)
		}
		got, rc, err := f.svc.OpenArchive(asUser(f.member), a.ID)
		if err != nil {
			t.Fatal(err)
		}
		body, _ := io.ReadAll(rc)
		rc.Close()
		if got.Key != a.Key || string(body) != string(stored) {
			t.Error("OpenArchive returns another package")
		}
		if _, _, err := f.svc.OpenArchive(asUser(f.other), a.ID); jingzi.ErrorCode(err) != jingzi.ENOTFOUND {
			t.Errorf("an outsider downloads: %v", err)
		}
		if _, err := f.svc.FindArchives(asUser(f.other), f.meeting.ID); jingzi.ErrorCode(err) != jingzi.ENOTFOUND {
			t.Errorf("an outsider lists: %v", err)
		}
		if n := meetingAudits(t, db, "meeting.archive"); n != 1 {
			t.Errorf("%d archive audit entries, want 1", n)
		}
	})
}

// Before rectification is done an archive needs a reason; the form says how
// many items are open.
func TestArchiveNeedsReasonWhileItemsAreOpen(t *testing.T) {
	eachDB(t, func(t *testing.T, db *sqldb.DB) {
		f := newArchiveFixture(t, db)
		addLedgerItem(t, db, f.meeting.ID, 1, "closed")
		addLedgerItem(t, db, f.meeting.ID, 2, "doing")
		addLedgerItem(t, db, f.meeting.ID, 3, "open")
		if n, err := f.svc.CountOpenLedgerItems(asUser(f.organizer), f.meeting.ID); err != nil || n != 2 {
			t.Errorf("open items %d, %v", n, err)
		}
		_, err := f.svc.ArchiveMeeting(asUser(f.organizer), f.meeting.ID, "  ")
		if jingzi.ErrorCode(err) != jingzi.EINVALID || !strings.Contains(jingzi.ErrorMessage(err), "还有2项未销号") {
			t.Fatalf("without a reason: %v", err)
		}
		if f.files.count() != 0 || f.reload(t).ArchivedAt != nil {
			t.Fatal("a refused archive changed something")
		}
		a, err := f.svc.ArchiveMeeting(asUser(f.organizer), f.meeting.ID, "两项长期坚持事项转入下一年度")
		if err != nil || a.Reason != "两项长期坚持事项转入下一年度" {
			t.Fatalf("with a reason: %+v %v", a, err)
		}
	})
}

// A failed build stores nothing and leaves the meeting open.
func TestArchiveBuildFailure(t *testing.T) {
	eachDB(t, func(t *testing.T, db *sqldb.DB) {
		f := newArchiveFixture(t, db)
		f.failWith = jingzi.Errorf(jingzi.EINVALID, "材料导出失败")
		_, err := f.svc.ArchiveMeeting(asUser(f.organizer), f.meeting.ID, "")
		if jingzi.ErrorMessage(err) != "材料导出失败" {
			t.Fatalf("build failure: %v", err)
		}
		if f.files.count() != 0 || f.reload(t).ArchivedAt != nil {
			t.Error("a failed build left a package or an archived meeting")
		}
		f.failWith = nil
		if _, err := f.svc.ArchiveMeeting(asUser(f.organizer), f.meeting.ID, ""); err != nil {
			t.Fatal(err)
		}
	})
}

// Only a reviewer over the team reopens, with reasons; the packages stay.
func TestReopenMeeting(t *testing.T) {
	eachDB(t, func(t *testing.T, db *sqldb.DB) {
		f := newArchiveFixture(t, db)
		if err := f.svc.ReopenMeeting(asUser(f.reviewer), f.meeting.ID, "补充材料"); jingzi.ErrorCode(err) != jingzi.ECONFLICT {
			t.Errorf("reopening an open meeting: %v", err)
		}
		if _, err := f.svc.ArchiveMeeting(asUser(f.organizer), f.meeting.ID, ""); err != nil {
			t.Fatal(err)
		}
		outsider := mustCreateUser(t, db, "jiwei", f.fixture.other, grant(jingzi.RoleReviewer, f.fixture.other))
		for _, c := range []struct {
			who     *jingzi.User
			reasons string
			code    string
		}{
			{f.organizer, "补充材料", jingzi.EFORBIDDEN},
			{f.member, "补充材料", jingzi.EFORBIDDEN},
			{outsider, "补充材料", jingzi.ENOTFOUND},
			{f.reviewer, " ", jingzi.EINVALID},
		} {
			if err := f.svc.ReopenMeeting(asUser(c.who), f.meeting.ID, c.reasons); jingzi.ErrorCode(err) != c.code {
				t.Errorf("%s reopens with %q: %v, want %s", c.who.Login, c.reasons, err, c.code)
			}
		}
		if f.reload(t).ArchivedAt == nil {
			t.Fatal("a refused reopen lifted the archive")
		}
		if err := f.svc.ReopenMeeting(asUser(f.reviewer), f.meeting.ID, "巡视反馈需补充整改佐证"); err != nil {
			t.Fatal(err)
		}
		m := f.reload(t)
		if m.ArchivedAt != nil || m.Phase != jingzi.PhaseRectify {
			t.Errorf("after reopen: archived %v, phase %s", m.ArchivedAt, m.Phase)
		}
		if list, _ := f.svc.FindArchives(asUser(f.organizer), f.meeting.ID); len(list) != 1 {
			t.Errorf("%d packages after reopen, want 1", len(list))
		}
		if n := meetingAudits(t, db, "meeting.reopen"); n != 1 {
			t.Errorf("%d reopen audit entries, want 1", n)
		}
	})
}

func meetingAudits(t *testing.T, db *sqldb.DB, action string) int {
	t.Helper()
	_, n, err := sqldb.NewAuditService(db).FindAuditEntries(jingzi.SystemContext(context.Background(), "测试"),
		jingzi.AuditFilter{Action: &action})
	if err != nil {
		t.Fatal(err)
	}
	return n
}
