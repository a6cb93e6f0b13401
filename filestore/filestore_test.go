package filestore_test

import (
	"archive/zip"
	"bytes"
	"context"
	"io"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"jingzi"
	"jingzi/filestore"
)

var ctx = context.Background()

func newStore(t *testing.T) *filestore.Store {
	t.Helper()
	s, err := filestore.New(filepath.Join(t.TempDir(), "files"))
	if err != nil {
		t.Fatal(err)
	}
	return s
}

// zipWith returns a zip archive holding the named (empty) parts.
func zipWith(t *testing.T, names ...string) []byte {
	t.Helper()
	var buf bytes.Buffer
	zw := zip.NewWriter(&buf)
	for _, n := range names {
		w, err := zw.Create(n)
		if err != nil {
			t.Fatal(err)
		}
		w.Write([]byte("<x/>"))
	}
	if err := zw.Close(); err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}

// dirNames lists what is in the store's directory, temporary files included.
func dirNames(t *testing.T, s *filestore.Store) []string {
	t.Helper()
	entries, err := os.ReadDir(s.Dir)
	if err != nil {
		t.Fatal(err)
	}
	var out []string
	for _, e := range entries {
		out = append(out, e.Name())
	}
	return out
}

// Accepted files are on disk under their key, byte for byte, with the type
// read from the content, and no temporary file is left.
func TestPutKeepsAllowedTypes(t *testing.T) {
	png := append([]byte("\x89PNG\r\n\x1a\n"), bytes.Repeat([]byte{0}, 40)...)
	tests := []struct {
		name    string
		content []byte
		ctype   string
	}{
		{"pdf", []byte("%PDF-1.7\n1 0 obj <<>> endobj\n%%EOF"), filestore.TypePDF},
		{"docx", zipWith(t, "[Content_Types].xml", "word/document.xml", "_rels/.rels"), filestore.TypeDOCX},
		{"png", png, "image/png"},
		{"jpeg", append([]byte("\xff\xd8\xff\xe0"), bytes.Repeat([]byte{1}, 60)...), "image/jpeg"},
		{"utf-8 text", []byte("学习贯彻习近平新时代中国特色社会主义思想心得体会。"), "text/plain; charset=utf-8"},
		{"gbk text", []byte{0xd1, 0xa7, 0xcf, 0xb0, 0xd0, 0xc4, 0xb5, 0xc3}, "text/plain; charset=gb18030"},
		{"long utf-8 text cut mid-character by the sniffing window", []byte(strings.Repeat("学", 300)), "text/plain; charset=utf-8"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			s := newStore(t)
			f, err := s.Put(ctx, bytes.NewReader(tt.content))
			if err != nil {
				t.Fatal(err)
			}
			if f.ContentType != tt.ctype || f.Size != int64(len(tt.content)) {
				t.Errorf("stored as %q, %d bytes; want %q, %d", f.ContentType, f.Size, tt.ctype, len(tt.content))
			}
			onDisk, err := os.ReadFile(filepath.Join(s.Dir, f.Key))
			if err != nil || !bytes.Equal(onDisk, tt.content) {
				t.Errorf("file on disk differs (%v)", err)
			}
			if names := dirNames(t, s); len(names) != 1 || names[0] != f.Key {
				t.Errorf("directory holds %v, want only %s", names, f.Key)
			}
			r, err := s.Open(ctx, f.Key)
			if err != nil {
				t.Fatal(err)
			}
			defer r.Close()
			if got, _ := io.ReadAll(r); !bytes.Equal(got, tt.content) {
				t.Error("Open returns other content")
			}
		})
	}
}

// Refused uploads say why in Chinese and leave the directory empty.
func TestPutRefuses(t *testing.T) {
	tests := []struct {
		name    string
		content []byte
		want    string
	}{
		{"empty", nil, "空文件"},
		{"html", []byte("<!DOCTYPE html><html><script>alert(1)</script></html>"), "仅支持"},
		{"svg", []byte(`<?xml version="1.0"?><svg xmlns="http://www.w3.org/2000/svg"></svg>`), "仅支持"},
		{"executable", append([]byte("MZ\x90\x00\x03\x00\x00\x00"), bytes.Repeat([]byte{0}, 100)...), "仅支持"},
		{"zip that is not a Word document", zipWith(t, "a.txt", "b.xml"), "仅支持"},
		{"legacy .doc", append([]byte("\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"), bytes.Repeat([]byte{0}, 100)...), "仅支持"},
		{"one byte over the limit", bytes.Repeat([]byte("a"), 1025), "超过"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			s := newStore(t)
			s.MaxBytes = 1024
			f, err := s.Put(ctx, bytes.NewReader(tt.content))
			if jingzi.ErrorCode(err) != jingzi.EINVALID || !strings.Contains(jingzi.ErrorMessage(err), tt.want) {
				t.Fatalf("Put = %v, %v; want EINVALID saying %q", f, err, tt.want)
			}
			if names := dirNames(t, s); len(names) != 0 {
				t.Errorf("refused upload left %v", names)
			}
		})
	}
}

func TestPutAtTheLimit(t *testing.T) {
	s := newStore(t)
	s.MaxBytes = 1024
	if _, err := s.Put(ctx, bytes.NewReader(bytes.Repeat([]byte("a"), 1024))); err != nil {
		t.Fatalf("a file of exactly the limit: %v", err)
	}
}

// Keys are random: the same content twice gets two unrelated 128-bit names.
func TestKeysAreNotGuessable(t *testing.T) {
	s := newStore(t)
	hex32 := regexp.MustCompile(`^[0-9a-f]{32}$`)
	seen := map[string]bool{}
	for range 20 {
		f, err := s.Put(ctx, strings.NewReader("同一份学习材料"))
		if err != nil {
			t.Fatal(err)
		}
		if !hex32.MatchString(f.Key) || seen[f.Key] {
			t.Fatalf("key %q is not a fresh 32-digit hex name", f.Key)
		}
		seen[f.Key] = true
	}
}

// No key reaches outside the store's directory, and malformed keys are simply
// not found.
func TestKeysCannotTraverse(t *testing.T) {
	s := newStore(t)
	outside := filepath.Join(filepath.Dir(s.Dir), "secret.txt")
	if err := os.WriteFile(outside, []byte("机密"), 0o600); err != nil {
		t.Fatal(err)
	}
	f, err := s.Put(ctx, strings.NewReader("材料"))
	if err != nil {
		t.Fatal(err)
	}
	for _, key := range []string{"../secret.txt", "..%2fsecret.txt", "/etc/passwd", "", ".", "..",
		strings.ToUpper(f.Key), f.Key + "/../" + f.Key, "../files/" + f.Key, f.Key[:31] + "/"} {
		if _, err := s.Open(ctx, key); jingzi.ErrorCode(err) != jingzi.ENOTFOUND {
			t.Errorf("Open(%q) = %v, want ENOTFOUND", key, err)
		}
		if err := s.Delete(ctx, key); jingzi.ErrorCode(err) != jingzi.ENOTFOUND {
			t.Errorf("Delete(%q) = %v, want ENOTFOUND", key, err)
		}
	}
	if _, err := os.Stat(outside); err != nil {
		t.Errorf("file outside the store: %v", err)
	}
	if _, err := os.Stat(filepath.Join(s.Dir, f.Key)); err != nil {
		t.Errorf("stored file: %v", err)
	}
}

func TestDelete(t *testing.T) {
	s := newStore(t)
	f, err := s.Put(ctx, strings.NewReader("材料"))
	if err != nil {
		t.Fatal(err)
	}
	if err := s.Delete(ctx, f.Key); err != nil {
		t.Fatal(err)
	}
	if _, err := s.Open(ctx, f.Key); jingzi.ErrorCode(err) != jingzi.ENOTFOUND {
		t.Errorf("deleted file opens: %v", err)
	}
	if err := s.Delete(ctx, f.Key); err != nil {
		t.Errorf("deleting twice: %v", err)
	}
}

// A backup copy holds every stored file, and copying it back restores a lost one.
func TestCopyToAndFrom(t *testing.T) {
	s, err := filestore.New(t.TempDir())
	if err != nil {
		t.Fatal(err)
	}
	var keys []string
	for _, text := range []string{"学习材料一", "学习材料二"} {
		f, err := s.Put(context.Background(), strings.NewReader(text))
		if err != nil {
			t.Fatal(err)
		}
		keys = append(keys, f.Key)
	}
	backup := filepath.Join(t.TempDir(), "backup.db.files")
	if n, err := s.CopyTo(backup); err != nil || n != 2 {
		t.Fatalf("CopyTo: %d, %v", n, err)
	}
	if err := s.Delete(context.Background(), keys[0]); err != nil {
		t.Fatal(err)
	}
	if n, err := s.CopyFrom(backup); err != nil || n != 1 {
		t.Fatalf("CopyFrom: %d, %v; want the one lost file", n, err)
	}
	rc, err := s.Open(context.Background(), keys[0])
	if err != nil {
		t.Fatal(err)
	}
	data, _ := io.ReadAll(rc)
	rc.Close()
	if string(data) != "学习材料一" {
		t.Errorf("restored file = %q", data)
	}
}

// The archive service's store keeps .zip packages; an upload store does not
// (TestPutRefuses).
func TestZipStoreKeepsPackages(t *testing.T) {
	s := newStore(t)
	s.Zip = true
	for _, tt := range []struct {
		content []byte
		ctype   string
	}{
		{zipWith(t, "manifest.json", "清单.txt"), filestore.TypeZip},
		{zipWith(t, "[Content_Types].xml", "word/document.xml"), filestore.TypeDOCX},
	} {
		f, err := s.Put(ctx, bytes.NewReader(tt.content))
		if err != nil || f.ContentType != tt.ctype {
			t.Errorf("Put = %+v, %v; want %s", f, err, tt.ctype)
		}
	}
	if _, err := s.Put(ctx, strings.NewReader("<html></html>")); jingzi.ErrorCode(err) != jingzi.EINVALID {
		t.Errorf("html in the zip store: %v", err)
	}
}
