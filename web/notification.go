package web

import (
	"net/http"

	"jingzi"
)

// notificationPage 站内通知 lists the caller's notifications, newest first.
type notificationPage struct {
	Notifications []*jingzi.Notification
	Total, Unread int
}

func (s *Server) notificationList(w http.ResponseWriter, r *http.Request) {
	list, total, err := s.NotificationService.FindNotifications(r.Context(), 0, 200)
	if err != nil {
		s.error(w, r, err)
		return
	}
	p := notificationPage{Notifications: list, Total: total}
	for _, n := range list {
		if !n.Read {
			p.Unread++
		}
	}
	s.render(w, r, http.StatusOK, "notifications", "通知", p)
}

// markNotificationsRead marks one notification (id) or all of them read.
func (s *Server) markNotificationsRead(w http.ResponseWriter, r *http.Request) {
	if err := parseForm(r); err != nil {
		s.error(w, r, err)
		return
	}
	id, err := formID(r, "id")
	if err != nil {
		s.error(w, r, err)
		return
	}
	if err := s.NotificationService.MarkRead(r.Context(), id); err != nil {
		s.error(w, r, err)
		return
	}
	s.redirectWithFlash(w, r, "/notifications", "已标记为已读。")
}

// unreadNotifications is the header's count; a failure only hides it.
func (s *Server) unreadNotifications(r *http.Request) int {
	if s.NotificationService == nil {
		return 0
	}
	n, err := s.NotificationService.CountUnread(r.Context())
	if err != nil {
		s.Logger.Warn("count notifications", "err", err)
		return 0
	}
	return n
}
