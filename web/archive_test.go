package web

import (
	"bytes"
	"context"
	"io"
	"net/http"
	"net/url"
	"strings"
	"sync"
	"testing"
	"time"

	"jingzi"
	"jingzi/mock"
)

// archiveStore is an ArchiveService on the fixture's meeting with the real
// one's permissions: the organiser archives (with a reason while items are
// open), a reviewer reopens, those who see the meeting download.
type archiveStore struct {
	svc  *mock.ArchiveService
	mu   sync.Mutex
	list []*jingzi.Archive
	data map[int64][]byte
	open int // ledger items still open
}

func (f *fixture) wireArchive() *archiveStore {
	st := &archiveStore{svc: &mock.ArchiveService{}, data: map[int64][]byte{}}
	f.s.ArchiveService = st.svc
	visible := func(ctx context.Context, id int64) error {
		if id != f.meeting.ID || !jingzi.CanViewMeeting(ctx, f.meeting.OrgPath) {
			return jingzi.Errorf(jingzi.ENOTFOUND, "会议不存在或您无权查看。")
		}
		return nil
	}
	st.svc.ArchiveMeetingFn = func(ctx context.Context, id int64, reason string) (*jingzi.Archive, error) {
		if err := visible(ctx, id); err != nil {
			return nil, err
		} else if !jingzi.CanManageMeeting(ctx, f.meeting.OrgPath) {
			return nil, jingzi.Errorf(jingzi.EFORBIDDEN, "只有党办组织者可以归档会议。")
		} else if f.meeting.ArchivedAt != nil {
			return nil, jingzi.ErrArchived()
		} else if st.open > 0 && strings.TrimSpace(reason) == "" {
			return nil, jingzi.Errorf(jingzi.EINVALID, "整改台账还有%d项未销号。整改完成前归档，请填写归档原因。", st.open)
		}
		st.mu.Lock()
		defer st.mu.Unlock()
		now := time.Date(2024, 3, 1, 9, 0, 0, 0, time.UTC)
		a := &jingzi.Archive{ID: int64(len(st.list) + 1), MeetingID: id, Reason: reason, Size: 4, Files: 9,
			SHA256: strings.Repeat("ab", 32), CreatedBy: jingzi.ActorFromContext(ctx).Name(), CreatedAt: now}
		st.list = append([]*jingzi.Archive{a}, st.list...)
		st.data[a.ID] = []byte("PK\x03\x04")
		f.meeting.ArchivedAt, f.meeting.Phase = &now, jingzi.PhaseArchive
		return a, nil
	}
	st.svc.FindArchivesFn = func(ctx context.Context, id int64) ([]*jingzi.Archive, error) {
		if err := visible(ctx, id); err != nil {
			return nil, err
		}
		st.mu.Lock()
		defer st.mu.Unlock()
		return append([]*jingzi.Archive(nil), st.list...), nil
	}
	st.svc.OpenArchiveFn = func(ctx context.Context, id int64) (*jingzi.Archive, io.ReadCloser, error) {
		st.mu.Lock()
		defer st.mu.Unlock()
		for _, a := range st.list {
			if a.ID == id && visible(ctx, a.MeetingID) == nil {
				return a, io.NopCloser(bytes.NewReader(st.data[id])), nil
			}
		}
		return nil, nil, jingzi.Errorf(jingzi.ENOTFOUND, "归档包不存在或您无权下载。")
	}
	st.svc.ReopenMeetingFn = func(ctx context.Context, id int64, reasons string) error {
		if err := visible(ctx, id); err != nil {
			return err
		} else if !jingzi.CanReopenMeeting(ctx, f.meeting) {
			return jingzi.Errorf(jingzi.EFORBIDDEN, "只有上级审核人可以重新开启已归档的会议。")
		} else if strings.TrimSpace(reasons) == "" {
			return jingzi.Errorf(jingzi.EINVALID, "请填写重新开启的理由。")
		}
		f.meeting.ArchivedAt, f.meeting.Phase = nil, jingzi.PhaseRectify
		return nil
	}
	return st
}

func TestArchivePage(t *testing.T) {
	f := newFixture(t)
	st := f.wireArchive()
	st.open = 2
	org, rev := f.session(t, "organizer"), f.session(t, "reviewer")

	page := f.get("/meetings/7/archive", org).Body.String()
	if !strings.Contains(page, "生成归档包并归档") || strings.Contains(page, "重新开启的理由") || !strings.Contains(page, "尚未归档") {
		t.Fatalf("organiser's archive page:\n%s", page)
	}
	// Without a reason while items are open: the form again, with the message.
	rec := f.post("/meetings/7/archive", org, url.Values{"reason": {" "}})
	if rec.Code != http.StatusUnprocessableEntity || !strings.Contains(rec.Body.String(), "还有2项未销号") {
		t.Fatalf("archive without a reason: %d\n%s", rec.Code, rec.Body.String())
	}
	if f.meeting.ArchivedAt != nil {
		t.Fatal("a refused archive archived the meeting")
	}
	rec = f.post("/meetings/7/archive", org, url.Values{"reason": {"长期坚持事项转入下一年度"}})
	if rec.Code != http.StatusSeeOther || rec.Header().Get("Location") != "/meetings/7/archive" {
		t.Fatalf("archive: %d %s", rec.Code, rec.Header().Get("Location"))
	}
	page = f.get("/meetings/7/archive", org).Body.String()
	for _, want := range []string{"本次会议已于", "/archives/1/download", strings.Repeat("ab", 32), "长期坚持事项转入下一年度"} {
		if !strings.Contains(page, want) {
			t.Errorf("archive page after archiving lacks %q", want)
		}
	}
	if strings.Contains(page, "生成归档包并归档") || strings.Contains(page, "重新开启的理由") {
		t.Error("the organiser still sees the archive form, or sees the reopen form")
	}
	// Every meeting page says it is read-only.
	if body := f.get("/meetings/7", org).Body.String(); !strings.Contains(body, "本次会议已归档，材料只读") {
		t.Error("the meeting page has no read-only banner")
	}

	rec = f.get("/archives/1/download", org)
	if rec.Code != http.StatusOK || rec.Header().Get("Content-Type") != "application/zip" || rec.Body.String() != "PK\x03\x04" ||
		!strings.Contains(rec.Header().Get("Content-Disposition"), "attachment") {
		t.Errorf("download: %d %v", rec.Code, rec.Header())
	}
	if rec := f.get("/archives/1/download", f.session(t, "admin")); rec.Code != http.StatusNotFound {
		t.Errorf("the system administrator downloads a package: %d", rec.Code)
	}

	// The reviewer reopens, with reasons.
	if !strings.Contains(f.get("/meetings/7/archive", rev).Body.String(), "重新开启的理由") {
		t.Fatal("the reviewer has no reopen form")
	}
	if rec := f.post("/meetings/7/reopen", org, url.Values{"reasons": {"补充材料"}}); rec.Code != http.StatusForbidden {
		t.Errorf("the organiser reopens: %d", rec.Code)
	}
	if rec := f.post("/meetings/7/reopen", rev, url.Values{"reasons": {""}}); rec.Code != http.StatusUnprocessableEntity ||
		!strings.Contains(rec.Body.String(), "请填写重新开启的理由") {
		t.Errorf("reopen without reasons: %d", rec.Code)
	}
	if rec := f.post("/meetings/7/reopen", rev, url.Values{"reasons": {"巡视反馈需补充整改佐证"}}); rec.Code != http.StatusSeeOther {
		t.Fatalf("reopen: %d\n%s", rec.Code, rec.Body.String())
	}
	if f.meeting.ArchivedAt != nil || strings.Contains(f.get("/meetings/7", org).Body.String(), "本次会议已归档") {
		t.Error("still archived after reopening")
	}
}
