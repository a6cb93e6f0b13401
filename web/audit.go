package web

import (
	"net/http"
	"strconv"

	"jingzi"
)

// auditPageSize is how many entries one page of the audit log shows.
const auditPageSize = 50

// audit records an event that is not a stored change (login, logout). Who and
// from where come from the request; a failure to record is logged, not shown.
func (s *Server) audit(r *http.Request, e *jingzi.AuditEntry) {
	a := jingzi.ActorFromContext(r.Context())
	e.At = s.Now()
	if e.ActorName == "" {
		e.ActorID, e.ActorName = a.UserID(), a.Name()
	}
	if e.IP == "" {
		e.IP = s.clientIP(r)
	}
	if err := s.AuditService.RecordAudit(r.Context(), e); err != nil {
		s.Logger.Error("record audit entry", "action", e.Action, "err", err)
	}
}

// auditListPage 审计日志 is one page of entries, newest first.
type auditListPage struct {
	Entries    []*jingzi.AuditEntry
	Total      int
	Page       int
	Pages      int
	PrevHref   string
	NextHref   string
	FirstIndex int
}

// auditList is read-only: there is no route that edits or deletes an entry.
func (s *Server) auditList(w http.ResponseWriter, r *http.Request) {
	page, err := strconv.Atoi(r.URL.Query().Get("page"))
	if err != nil || page < 1 {
		page = 1
	}
	entries, total, err := s.AuditService.FindAuditEntries(r.Context(), jingzi.AuditFilter{
		Offset: (page - 1) * auditPageSize, Limit: auditPageSize})
	if err != nil {
		s.error(w, r, err)
		return
	}
	p := auditListPage{Entries: entries, Total: total, Page: page, FirstIndex: (page-1)*auditPageSize + 1}
	p.Pages = (total + auditPageSize - 1) / auditPageSize
	if page > 1 {
		p.PrevHref = "/audit?page=" + strconv.Itoa(page-1)
	}
	if page < p.Pages {
		p.NextHref = "/audit?page=" + strconv.Itoa(page+1)
	}
	s.render(w, r, http.StatusOK, "audit", "审计日志", p)
}
