package web

import (
	"bytes"
	"embed"
	"fmt"
	"html/template"
	"io/fs"
	"net/http"
	"strings"
	"time"

	"jingzi"
)

//go:embed templates
var templateFiles embed.FS

// pages holds one parsed template set per page, each made of layout.html and the
// page's own file. They are parsed once, when the server is made.
type pages struct {
	byName map[string]*template.Template
}

func mustParsePages(a *assets) *pages {
	funcs := template.FuncMap{
		"asset":      a.url,
		"datetime":   formatDateTime,
		"date":       formatDate,
		"minutes":    func(d time.Duration) int { return int(d / time.Minute) },
		"depthClass": depthClass,
		"outcome":    jingzi.OutcomeLabel,
		"join":       strings.Join,
		"add":        func(a, b int) int { return a + b },
	}
	// Every page gets the layout and the shared partials (templates/partials/).
	base := template.Must(template.New("layout.html").Funcs(funcs).ParseFS(templateFiles, "templates/layout.html", "templates/partials/*.html"))
	names, err := fs.Glob(templateFiles, "templates/*.html")
	if err != nil {
		panic(err)
	}
	p := &pages{byName: map[string]*template.Template{}}
	for _, file := range names {
		name := strings.TrimSuffix(strings.TrimPrefix(file, "templates/"), ".html")
		if name == "layout" {
			continue
		}
		t := template.Must(base.Clone())
		p.byName[name] = template.Must(t.ParseFS(templateFiles, file))
	}
	return p
}

// render writes a page inside the layout. The page is rendered to a buffer first,
// so a template error becomes a clean 500 page rather than half a page.
func (s *Server) render(w http.ResponseWriter, r *http.Request, status int, name, title string, data any) {
	s.renderPage(w, r, status, name, s.newLayout(w, r, title, data))
}

func (s *Server) renderPage(w http.ResponseWriter, r *http.Request, status int, name string, l *layout) {
	t, ok := s.pages.byName[name]
	if !ok {
		panic("web: unknown page " + name)
	}
	var buf bytes.Buffer
	if err := t.ExecuteTemplate(&buf, "layout", l); err != nil {
		s.Logger.Error("render page", "page", name, "err", err)
		if name != "error" {
			s.renderStatus(w, r, http.StatusInternalServerError, "")
		} else {
			http.Error(w, statusMessages[http.StatusInternalServerError], http.StatusInternalServerError)
		}
		return
	}
	w.Header().Set("Content-Type", "text/html; charset=utf-8")
	w.Header().Set("Cache-Control", "no-store")
	w.WriteHeader(status)
	w.Write(buf.Bytes())
}

func formatDateTime(t time.Time) string {
	if t.IsZero() {
		return ""
	}
	return t.Local().Format("2006-01-02 15:04:05")
}

func formatDate(t *time.Time) string {
	if t == nil || t.IsZero() {
		return "未定"
	}
	return fmt.Sprintf("%d年%d月%d日", t.Year(), t.Month(), t.Day())
}

// depthClass is the CSS class that indents an org of the given depth; inline
// styles are barred by the Content-Security-Policy.
func depthClass(depth int) string {
	if depth < 0 {
		depth = 0
	} else if depth > 8 {
		depth = 8
	}
	return fmt.Sprintf("depth-%d", depth)
}
