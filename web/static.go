package web

import (
	"crypto/sha256"
	"embed"
	"encoding/hex"
	"io/fs"
	"mime"
	"net/http"
	"path"
	"strings"
)

//go:embed static
var staticFiles embed.FS

// asset is one embedded static file with the hash that versions its URL.
type asset struct {
	data        []byte
	hash        string
	contentType string
}

// assets are the static files, loaded and hashed once at start-up. A file's URL
// carries its hash, so browsers may cache it for a year and still see a change.
type assets struct {
	files map[string]*asset // by path under static/, e.g. "vendor/htmx-2.0.11.min.js"
}

func mustLoadAssets() *assets {
	a := &assets{files: map[string]*asset{}}
	err := fs.WalkDir(staticFiles, "static", func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		data, err := staticFiles.ReadFile(p)
		if err != nil {
			return err
		}
		sum := sha256.Sum256(data)
		ct := mime.TypeByExtension(path.Ext(p))
		if ct == "" || strings.HasSuffix(p, "LICENSE") || strings.HasSuffix(p, ".md") {
			ct = "text/plain; charset=utf-8"
		}
		a.files[strings.TrimPrefix(p, "static/")] = &asset{data: data, hash: hex.EncodeToString(sum[:6]), contentType: ct}
		return nil
	})
	if err != nil {
		panic("web: load static files: " + err.Error())
	}
	return a
}

// url returns the versioned URL of a static file; templates call it as {{asset "app.css"}}.
func (a *assets) url(name string) string {
	f, ok := a.files[name]
	if !ok {
		panic("web: unknown static file " + name)
	}
	return "/static/" + f.hash + "/" + name
}

// serveStatic answers /static/{hash}/{name}. A stale hash gets a 404 rather than
// new content under an old URL that caches would keep for a year.
func (s *Server) serveStatic(w http.ResponseWriter, r *http.Request) {
	f, ok := s.assets.files[r.PathValue("name")]
	if !ok || f.hash != r.PathValue("hash") {
		s.notFound(w, r)
		return
	}
	h := w.Header()
	h.Set("Content-Type", f.contentType)
	h.Set("Cache-Control", "public, max-age=31536000, immutable")
	h.Set("ETag", `"`+f.hash+`"`)
	if r.Header.Get("If-None-Match") == `"`+f.hash+`"` {
		w.WriteHeader(http.StatusNotModified)
		return
	}
	w.Write(f.data)
}
