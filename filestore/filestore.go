// Package filestore implements jingzi.FileStore on the local disk: each upload
// is a file under a generated 128-bit name in one directory that nothing serves,
// written to a temporary file, synced, renamed into place and the directory
// synced, before Put returns. The type is sniffed from the content and checked
// against an allow-list; the name a user gave never reaches the file system.
package filestore

import (
	"archive/zip"
	"context"
	"crypto/rand"
	"encoding/hex"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"net/http"
	"os"
	"path/filepath"
	"strings"
	"unicode/utf8"

	"jingzi"
)

// DefaultMaxBytes is the size limit of one file when Store.MaxBytes is zero.
const DefaultMaxBytes = 20 << 20

// Content types the store keeps.
const (
	TypePDF  = "application/pdf"
	TypeDOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
)

// images are the image types http.DetectContentType reports that are allowed.
var images = map[string]bool{"image/png": true, "image/jpeg": true, "image/gif": true, "image/webp": true}

var _ jingzi.FileStore = (*Store)(nil)

// Store 文件存储 keeps files in Dir.
type Store struct {
	Dir      string
	MaxBytes int64
	// Zip also keeps .zip files that are not Word documents: set only on the
	// store the archive service writes its 归档包 to, never on one for uploads.
	Zip bool
}

// TypeZip is the content type of a kept .zip (归档包).
const TypeZip = "application/zip"

// New returns a store in dir, creating it (mode 0750) when missing.
func New(dir string) (*Store, error) {
	if err := os.MkdirAll(dir, 0o750); err != nil {
		return nil, fmt.Errorf("create file store %s: %w", dir, err)
	}
	return &Store{Dir: dir, MaxBytes: DefaultMaxBytes}, nil
}

func (s *Store) maxBytes() int64 {
	if s.MaxBytes <= 0 {
		return DefaultMaxBytes
	}
	return s.MaxBytes
}

var (
	errEmpty    = jingzi.Errorf(jingzi.EINVALID, "上传的是空文件，未保存。")
	errType     = jingzi.Errorf(jingzi.EINVALID, "仅支持 PDF、Word（.docx）、图片（PNG、JPEG、GIF、WebP）和纯文本文件，该文件未保存。")
	errNotFound = jingzi.Errorf(jingzi.ENOTFOUND, "文件不存在或已被删除。")
)

func (s *Store) errTooLarge() error {
	return jingzi.Errorf(jingzi.EINVALID, "文件超过%d MB，未保存。请压缩或拆分后重新上传。", s.maxBytes()>>20)
}

// Put writes r to a new file and syncs it; a refused or failed upload leaves
// nothing behind.
func (s *Store) Put(ctx context.Context, r io.Reader) (*jingzi.StoredFile, error) {
	head := make([]byte, 512)
	n, err := io.ReadFull(r, head)
	if err != nil && !errors.Is(err, io.EOF) && !errors.Is(err, io.ErrUnexpectedEOF) {
		return nil, fmt.Errorf("read upload: %w", err)
	} else if n == 0 {
		return nil, errEmpty
	}
	head = head[:n]
	ctype, ok := sniff(head)
	if !ok {
		return nil, errType
	}
	tmp, err := os.CreateTemp(s.Dir, ".upload-*")
	if err != nil {
		return nil, fmt.Errorf("create upload file: %w", err)
	}
	done := false
	defer func() {
		if !done {
			tmp.Close()
			os.Remove(tmp.Name())
		}
	}()
	size, err := s.write(tmp, head, r)
	if err != nil {
		return nil, err
	}
	if ctype == TypeZip {
		switch {
		case isDOCX(tmp, size):
			ctype = TypeDOCX
		case !s.Zip:
			return nil, errType
		}
	}
	if err := ctx.Err(); err != nil {
		return nil, err
	}
	key, err := newKey()
	if err != nil {
		return nil, err
	}
	if err := s.commit(tmp, key); err != nil {
		return nil, err
	}
	done = true
	return &jingzi.StoredFile{Key: key, ContentType: ctype, Size: size}, nil
}

// write copies head and the rest of r into f, refusing more than the limit.
func (s *Store) write(f *os.File, head []byte, r io.Reader) (int64, error) {
	if _, err := f.Write(head); err != nil {
		return 0, fmt.Errorf("write upload: %w", err)
	}
	limit := s.maxBytes()
	rest, err := io.Copy(f, io.LimitReader(r, limit+1-int64(len(head))))
	size := int64(len(head)) + rest
	if err != nil {
		return 0, fmt.Errorf("write upload: %w", err)
	} else if size > limit {
		return 0, s.errTooLarge()
	}
	return size, nil
}

// commit syncs the file, gives it its key and syncs the directory, so that the
// file and its name both survive a crash once Put has returned.
func (s *Store) commit(f *os.File, key string) error {
	if err := f.Sync(); err != nil {
		return fmt.Errorf("sync upload: %w", err)
	}
	if err := f.Close(); err != nil {
		return fmt.Errorf("close upload: %w", err)
	}
	if err := os.Rename(f.Name(), filepath.Join(s.Dir, key)); err != nil {
		return fmt.Errorf("store upload: %w", err)
	}
	return syncDir(s.Dir)
}

func syncDir(dir string) error {
	d, err := os.Open(dir)
	if err != nil {
		return fmt.Errorf("open file store: %w", err)
	}
	defer d.Close()
	if err := d.Sync(); err != nil {
		return fmt.Errorf("sync file store: %w", err)
	}
	return nil
}

// sniff returns the content type of a file starting with head and whether the
// store accepts it. HTML, XML, SVG, scripts and executables are refused.
func sniff(head []byte) (string, bool) {
	ctype := http.DetectContentType(head)
	switch {
	case ctype == TypePDF, images[ctype], ctype == "application/zip":
		return ctype, true
	case strings.HasPrefix(ctype, "text/plain"):
		if strings.Contains(ctype, "utf-16") {
			return ctype, true
		}
		if validUTF8Prefix(head) {
			return "text/plain; charset=utf-8", true
		}
		// Many Chinese text files are GBK; GB18030 is its superset.
		return "text/plain; charset=gb18030", true
	}
	return ctype, false
}

// validUTF8Prefix reports whether b is UTF-8, allowing the last character to be
// cut off when b fills the whole sniffing window.
func validUTF8Prefix(b []byte) bool {
	if utf8.Valid(b) {
		return true
	} else if len(b) < 512 {
		return false
	}
	for i := len(b) - 1; i >= 0 && i >= len(b)-utf8.UTFMax; i-- {
		if utf8.RuneStart(b[i]) {
			return !utf8.FullRune(b[i:]) && utf8.Valid(b[:i])
		}
	}
	return false
}

// isDOCX reports whether the zip file is a Word document: it has the parts
// every .docx has. Only the directory is read, nothing is inflated.
func isDOCX(f *os.File, size int64) bool {
	zr, err := zip.NewReader(f, size)
	if err != nil {
		return false
	}
	var types, document bool
	for _, e := range zr.File {
		switch e.Name {
		case "[Content_Types].xml":
			types = true
		case "word/document.xml":
			document = true
		}
	}
	return types && document
}

// newKey returns 32 random hex digits.
func newKey() (string, error) {
	b := make([]byte, 16)
	if _, err := rand.Read(b); err != nil {
		return "", fmt.Errorf("file key: %w", err)
	}
	return hex.EncodeToString(b), nil
}

// validKey reports whether key is a name newKey could have made. Nothing else
// is joined to the directory, so no key can point outside it.
func validKey(key string) bool {
	if len(key) != 32 {
		return false
	}
	for _, c := range key {
		if (c < '0' || c > '9') && (c < 'a' || c > 'f') {
			return false
		}
	}
	return true
}

// Open returns the file's content.
func (s *Store) Open(ctx context.Context, key string) (io.ReadCloser, error) {
	if !validKey(key) {
		return nil, errNotFound
	}
	f, err := os.Open(filepath.Join(s.Dir, key))
	if errors.Is(err, fs.ErrNotExist) {
		return nil, errNotFound
	} else if err != nil {
		return nil, fmt.Errorf("open stored file: %w", err)
	}
	return f, nil
}

// Delete removes the file; a missing one is already deleted.
func (s *Store) Delete(ctx context.Context, key string) error {
	if !validKey(key) {
		return errNotFound
	}
	err := os.Remove(filepath.Join(s.Dir, key))
	if err != nil && !errors.Is(err, fs.ErrNotExist) {
		return fmt.Errorf("delete stored file: %w", err)
	}
	return syncDir(s.Dir)
}
