package web

import (
	"io"
	"net/http"
	"strconv"

	"jingzi"
)

// archivePage 归档 is the last phase: the archive form (a reason is needed while
// ledger items are open), the packages with their size and SHA-256, and for a
// reviewer over the team the form that reopens an archived meeting.
type archivePage struct {
	Meeting    *jingzi.Meeting
	Archives   []*jingzi.Archive
	OpenItems  int  // ledger items not yet closed; -1 when the ledger is not known
	CanArchive bool // the organiser, while the meeting is not archived
	CanReopen  bool // a reviewer over the team, while it is archived
	Reason     string
	Reasons    string
	Error      string
}

func (p archivePage) meeting() *jingzi.Meeting { return p.Meeting }

func (s *Server) archivePageHandler(w http.ResponseWriter, r *http.Request) {
	m, err := s.findMeeting(r)
	if err != nil {
		s.error(w, r, err)
		return
	}
	s.renderArchive(w, r, http.StatusOK, archivePage{Meeting: m})
}

func (s *Server) renderArchive(w http.ResponseWriter, r *http.Request, status int, p archivePage) {
	ctx, m := r.Context(), p.Meeting
	list, err := s.ArchiveService.FindArchives(ctx, m.ID)
	if err != nil {
		s.error(w, r, err)
		return
	}
	p.Archives, p.OpenItems = list, -1
	p.CanArchive = m.ArchivedAt == nil && jingzi.CanManageMeeting(ctx, m.OrgPath)
	p.CanReopen = m.ArchivedAt != nil && jingzi.CanReopenMeeting(ctx, m)
	if s.LedgerService != nil && jingzi.CanViewLedger(ctx, m) {
		items, _, err := s.LedgerService.FindLedgerItems(ctx, jingzi.LedgerFilter{MeetingID: &m.ID})
		if err != nil {
			s.error(w, r, err)
			return
		}
		p.OpenItems = 0
		for _, it := range items {
			if it.Status != jingzi.LedgerClosed {
				p.OpenItems++
			}
		}
	}
	s.render(w, r, status, "archive", "归档 · "+m.Title, p)
}

// archiveMeeting builds and stores the package; a refusal re-renders the form
// with the reason kept.
func (s *Server) archiveMeeting(w http.ResponseWriter, r *http.Request) {
	m, err := s.findMeeting(r)
	if err != nil {
		s.error(w, r, err)
		return
	}
	reason := r.PostFormValue("reason")
	a, err := s.ArchiveService.ArchiveMeeting(r.Context(), m.ID, reason)
	if code := jingzi.ErrorCode(err); code == jingzi.EINVALID || code == jingzi.ECONFLICT {
		s.renderArchive(w, r, http.StatusUnprocessableEntity, archivePage{Meeting: m, Reason: reason, Error: jingzi.ErrorMessage(err)})
		return
	} else if err != nil {
		s.error(w, r, err)
		return
	}
	s.redirectWithFlash(w, r, "/meetings/"+strconv.FormatInt(m.ID, 10)+"/archive",
		"已归档：归档包共"+strconv.Itoa(a.Files)+"个文件，会议材料现为只读。")
}

// reopenMeeting lifts the read-only state (a reviewer, with reasons).
func (s *Server) reopenMeeting(w http.ResponseWriter, r *http.Request) {
	m, err := s.findMeeting(r)
	if err != nil {
		s.error(w, r, err)
		return
	}
	reasons := r.PostFormValue("reasons")
	err = s.ArchiveService.ReopenMeeting(r.Context(), m.ID, reasons)
	if code := jingzi.ErrorCode(err); code == jingzi.EINVALID || code == jingzi.ECONFLICT {
		s.renderArchive(w, r, http.StatusUnprocessableEntity, archivePage{Meeting: m, Reasons: reasons, Error: jingzi.ErrorMessage(err)})
		return
	} else if err != nil {
		s.error(w, r, err)
		return
	}
	s.redirectWithFlash(w, r, "/meetings/"+strconv.FormatInt(m.ID, 10)+"/archive", "已重新开启，会议材料可以修改。归档包仍保留。")
}

// downloadArchive sends a package to whoever may see its meeting.
func (s *Server) downloadArchive(w http.ResponseWriter, r *http.Request) {
	id, err := pathID(r)
	if err != nil {
		s.error(w, r, err)
		return
	}
	a, rc, err := s.ArchiveService.OpenArchive(r.Context(), id)
	if err != nil {
		s.error(w, r, err)
		return
	}
	defer rc.Close()
	h := w.Header()
	h.Set("Content-Type", "application/zip")
	h.Set("Content-Disposition", contentDisposition("attachment", "归档包-"+strconv.FormatInt(a.MeetingID, 10)+"-"+
		a.CreatedAt.Format("20060102-150405")+".zip"))
	h.Set("Content-Length", strconv.FormatInt(a.Size, 10))
	h.Set("Cache-Control", "private, no-store")
	if _, err := io.Copy(w, rc); err != nil {
		s.Logger.Warn("send archive", "archive", a.ID, "err", err)
	}
}
