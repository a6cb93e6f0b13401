// Package archive writes and verifies 归档包: a .zip of one meeting's records
// with a manifest that names every file with its size and SHA-256, so that a
// package handed to the superior or kept for years can be checked by anyone
// with `jingzi archive verify`.
package archive

import (
	"archive/zip"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"io"
	"path"
	"strings"
	"time"
	"unicode/utf8"

	"jingzi"
)

// Names of the two files the writer adds after the entries.
const (
	ManifestName = "manifest.json"
	ListName     = "清单.txt"
	// Format identifies the manifest layout.
	Format = "jingzi-archive/1"
)

// Manifest 归档清单 describes a package: the meeting it holds and every entry.
type Manifest struct {
	Format    string    `json:"format"`
	MeetingID int64     `json:"meeting_id"`
	Org       string    `json:"org"`
	Year      int       `json:"year"`
	Title     string    `json:"title"`
	CreatedAt time.Time `json:"created_at"`
	CreatedBy string    `json:"created_by"`
	Reason    string    `json:"reason,omitempty"`
	Entries   []Entry   `json:"entries"`
}

// Entry is one file of the package.
type Entry struct {
	Path   string `json:"path"`
	Size   int64  `json:"size"`
	SHA256 string `json:"sha256"`
}

// Writer streams entries into a .zip and ends it with the manifest. Entries
// keep the order they are added in, and every header carries the manifest's
// time, so the same records give the same package.
type Writer struct {
	zw       *zip.Writer
	manifest Manifest
	names    map[string]bool
	closed   bool
}

// NewWriter starts a package on w; m.Entries is filled by Add.
func NewWriter(w io.Writer, m Manifest) *Writer {
	m.Format, m.Entries = Format, nil
	return &Writer{zw: zip.NewWriter(w), manifest: m, names: map[string]bool{}}
}

// Add writes the content of r as the entry name ("01-对照检查材料/王建国.docx"),
// hashing it on the way. EINVALID for an unsafe, reserved or repeated name.
func (w *Writer) Add(name string, r io.Reader) error {
	if w.closed {
		return fmt.Errorf("archive: add %s after close", name)
	}
	if msg := checkName(name); msg != "" {
		return jingzi.Errorf(jingzi.EINVALID, "%s", msg)
	} else if name == ManifestName || name == ListName {
		return jingzi.Errorf(jingzi.EINVALID, "文件名 %s 为归档清单保留，请换一个名称。", name)
	} else if w.names[name] {
		return jingzi.Errorf(jingzi.EINVALID, "归档包中已有同名文件：%s", name)
	}
	out, err := w.create(name)
	if err != nil {
		return err
	}
	h := sha256.New()
	n, err := io.Copy(io.MultiWriter(out, h), r)
	if err != nil {
		return fmt.Errorf("archive: write %s: %w", name, err)
	}
	w.names[name] = true
	w.manifest.Entries = append(w.manifest.Entries, Entry{Path: name, Size: n, SHA256: hex.EncodeToString(h.Sum(nil))})
	return nil
}

func (w *Writer) create(name string) (io.Writer, error) {
	method := zip.Deflate
	if compressed[strings.ToLower(path.Ext(name))] {
		method = zip.Store // deflating a scan or a .docx again costs time and saves nothing
	}
	return w.zw.CreateHeader(&zip.FileHeader{Name: name, Method: method, Modified: w.manifest.CreatedAt})
}

// compressed lists the extensions whose content is compressed already: office
// documents (zip inside), PDF streams, images, archives.
var compressed = map[string]bool{".docx": true, ".xlsx": true, ".pptx": true, ".zip": true, ".pdf": true,
	".jpg": true, ".jpeg": true, ".png": true, ".gif": true, ".webp": true, ".mp4": true, ".mp3": true}

// Close writes manifest.json and 清单.txt and finishes the zip. It returns the
// manifest as written.
func (w *Writer) Close() (*Manifest, error) {
	if w.closed {
		return nil, fmt.Errorf("archive: closed twice")
	}
	w.closed = true
	body, err := json.MarshalIndent(&w.manifest, "", "  ")
	if err != nil {
		return nil, err
	}
	for _, f := range []struct {
		name string
		body []byte
	}{{ManifestName, body}, {ListName, []byte(ListText(&w.manifest))}} {
		out, err := w.create(f.name)
		if err != nil {
			return nil, err
		} else if _, err := out.Write(f.body); err != nil {
			return nil, err
		}
	}
	if err := w.zw.Close(); err != nil {
		return nil, err
	}
	m := w.manifest
	return &m, nil
}

// ListText is 清单.txt: the manifest for a person to read and print.
func ListText(m *Manifest) string {
	var b strings.Builder
	fmt.Fprintf(&b, "归档清单\r\n\r\n会议：%s\r\n党组织：%s\r\n年度：%d\r\n", m.Title, m.Org, m.Year)
	fmt.Fprintf(&b, "归档时间：%s\r\n归档人：%s\r\n", m.CreatedAt.Format("2006-01-02 15:04:05 -0700"), m.CreatedBy)
	if m.Reason != "" {
		fmt.Fprintf(&b, "提前归档原因：%s\r\n", m.Reason)
	}
	fmt.Fprintf(&b, "文件数：%d\r\n\r\n序号\t大小（字节）\tSHA-256\t文件\r\n", len(m.Entries))
	for i, e := range m.Entries {
		fmt.Fprintf(&b, "%d\t%d\t%s\t%s\r\n", i+1, e.Size, e.SHA256, e.Path)
	}
	b.WriteString("\r\n核验方法：jingzi archive verify 归档包.zip（逐一核对上列文件的大小和 SHA-256）。\r\n")
	return b.String()
}

// checkName returns why a name may not be an entry, or "".
func checkName(name string) string {
	switch {
	case name == "" || len(name) > 1024:
		return "文件名为空或过长。"
	case !utf8.ValidString(name) || strings.ContainsAny(name, "\x00\\:"):
		return fmt.Sprintf("文件名含有不允许的字符：%q", name)
	case strings.HasPrefix(name, "/") || path.Clean(name) != name || name == "." ||
		name == ".." || strings.HasPrefix(name, "../"):
		return fmt.Sprintf("文件名不是包内的相对路径：%q", name)
	}
	for _, r := range name {
		if r < 0x20 || r == 0x7f {
			return fmt.Sprintf("文件名含有控制字符：%q", name)
		}
	}
	return ""
}
