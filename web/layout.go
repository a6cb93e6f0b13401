package web

import (
	"net/http"
	"strconv"

	"jingzi"
)

// layout 页面框架 is what every page template receives: the header (working org,
// org switcher, account), the navigation, a flash message, and the page's own data.
type layout struct {
	Title   string
	User    *jingzi.User
	Org     *jingzi.Org   // the working org, nil when none is set
	Orgs    []*jingzi.Org // orgs the user may switch to
	Phases  []navLink
	Admin   []navLink
	Path    string
	Flash   string
	Meeting *jingzi.Meeting // set on meeting pages: phase links stay in the meeting
	Unread  int             // unread notifications, shown in the header
	// Notifications: the notification page exists (a NotificationService is set).
	Notifications bool
	Data          any
}

// navLink is one link of the navigation.
type navLink struct {
	Label  string
	Href   string
	Active bool
}

// newLayout gathers what the layout shows for the request's actor. Failures to
// load the org list are logged and the header shows less, rather than the page failing.
func (s *Server) newLayout(w http.ResponseWriter, r *http.Request, title string, data any) *layout {
	l := &layout{Title: title, Path: r.URL.Path, Data: data, Flash: s.takeFlash(w, r)}
	if m, ok := data.(meetingContext); ok {
		l.Meeting = m.meeting()
	}
	a := jingzi.ActorFromContext(r.Context())
	if a == nil || a.User == nil {
		return l
	}
	l.User = a.User
	if !a.User.MustChangePassword {
		l.Orgs, l.Org = s.workingOrgs(r, a.OrgID)
		l.Phases = phaseLinks(l.Meeting, l.Path, a.User)
		l.Admin = adminLinks(a.User, l.Path)
		l.Notifications, l.Unread = s.NotificationService != nil, s.unreadNotifications(r)
	}
	return l
}

// meetingContext is implemented by page data that belongs to one meeting.
type meetingContext interface{ meeting() *jingzi.Meeting }

// workingOrgs returns the orgs the user may work in and the current one among them.
func (s *Server) workingOrgs(r *http.Request, current int64) ([]*jingzi.Org, *jingzi.Org) {
	all, _, err := s.OrgService.FindOrgs(r.Context(), jingzi.OrgFilter{})
	if err != nil {
		s.Logger.Warn("load orgs for layout", "err", err)
		return nil, nil
	}
	var usable []*jingzi.Org
	var cur *jingzi.Org
	for _, o := range all {
		if !jingzi.CanUseOrg(r.Context(), o) {
			continue
		}
		usable = append(usable, o)
		if o.ID == current {
			cur = o
		}
	}
	return usable, cur
}

// phaseLinks are the cycle's phases, inside the meeting when there is one.
func phaseLinks(m *jingzi.Meeting, path string, u *jingzi.User) []navLink {
	var out []navLink
	for _, p := range jingzi.Phases {
		href := "/phases/" + string(p)
		if m != nil {
			href = "/meetings/" + strconv.FormatInt(m.ID, 10) + "/" + string(p)
		}
		out = append(out, navLink{Label: p.Label(), Href: href, Active: path == href})
	}
	if u.Holds(jingzi.RoleReviewer) || u.Holds(jingzi.RoleOrganizer) { // the organiser watches their own subtree
		out = append(out, navLink{Label: "督导一览", Href: "/supervision", Active: path == "/supervision"})
	}
	return out
}

// adminLinks are shown per role; the services enforce the same rules.
func adminLinks(u *jingzi.User, path string) []navLink {
	var out []navLink
	add := func(label, href string) {
		out = append(out, navLink{Label: label, Href: href, Active: path == href})
	}
	if u.Holds(jingzi.RoleOrganizer) {
		add("检视框架", "/frameworks")
		add("查重模板", "/corpus")
	}
	if u.Holds(jingzi.RoleSysadmin) {
		add("组织管理", "/orgs")
		add("账号管理", "/users")
	}
	if u.Holds(jingzi.RoleAuditor) {
		add("审计日志", "/audit")
	}
	if u.Holds(jingzi.RoleSecadmin) {
		add("安全策略", "/security")
	}
	return out
}
