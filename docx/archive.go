package docx

import (
	"archive/zip"
	"bytes"
	"compress/flate"
	"encoding/binary"
	"errors"
	"hash"
	"hash/crc32"
	"io"
	"strings"
	"sync"
)

// Limits on what a .docx may make the reader decompress. A real statement's
// document.xml is well under 1 MB; the limits leave a wide margin and keep the
// memory of a hostile upload bounded.
const (
	maxEntries    = 2000
	maxMainBytes  = 32 << 20 // word/document.xml
	maxAuxBytes   = 8 << 20  // styles.xml, numbering.xml, relationships
	maxTotalBytes = 48 << 20 // all parts read from one file
	maxRatio      = 200      // uncompressed:compressed, checked while reading
	ratioFloor    = 1 << 20  // the ratio guard applies beyond this many bytes
)

// archive is a .docx zip opened with the checks above.
type archive struct {
	files  map[string]*zip.File
	budget int64      // bytes that may still be decompressed
	x      *xmlReader // shared by the parts, which are read one after another
}

func openArchive(r io.ReaderAt, size int64) (*archive, error) {
	if n, ok := eocdEntries(r, size); ok && n > maxEntries {
		return nil, invalid(msgTooMany)
	}
	zr, err := zip.NewReader(r, size)
	if errors.Is(err, zip.ErrInsecurePath) {
		return nil, invalid(msgUnsafePath)
	} else if err != nil {
		return nil, invalid(msgNotDocx)
	}
	if len(zr.File) > maxEntries {
		return nil, invalid(msgTooMany)
	}
	a := &archive{files: make(map[string]*zip.File, len(zr.File)), budget: maxTotalBytes}
	for _, f := range zr.File {
		if !safeName(f.Name) {
			return nil, invalid(msgUnsafePath)
		}
		a.files[strings.ToLower(f.Name)] = f
	}
	return a, nil
}

// eocdEntries reads the entry count of the end-of-central-directory record
// before archive/zip allocates one header per entry. The record is usually
// the last 22 bytes; only a file with an archive comment needs a longer look.
func eocdEntries(r io.ReaderAt, size int64) (int, bool) {
	const eocdLen, maxComment = 22, 65535
	for _, n := range []int64{eocdLen, min(size, eocdLen+maxComment)} {
		if size < n || n < eocdLen {
			return 0, false
		}
		buf := make([]byte, n)
		if _, err := r.ReadAt(buf, size-n); err != nil && err != io.EOF {
			return 0, false
		}
		if i := bytes.LastIndex(buf, []byte("PK\x05\x06")); i >= 0 && i+eocdLen <= len(buf) {
			return int(binary.LittleEndian.Uint16(buf[i+10:])), true
		}
	}
	return 0, false
}

// safeName refuses absolute paths, parent references and Windows separators
// (zip-slip): a .docx never needs them, and a later extractor must not meet them.
func safeName(name string) bool {
	if name == "" || strings.HasPrefix(name, "/") || strings.ContainsRune(name, '\\') ||
		strings.ContainsRune(name, 0) || (len(name) > 1 && name[1] == ':') {
		return false
	}
	for _, seg := range strings.Split(name, "/") {
		if seg == ".." {
			return false
		}
	}
	return true
}

// has reports whether the archive holds the part.
func (a *archive) has(name string) bool {
	_, ok := a.files[strings.ToLower(name)]
	return ok
}

// open returns a reader of the part that fails with a *jingzi.Error as soon as
// it produces more than limit bytes, exceeds the archive's total budget, or
// expands more than maxRatio times its compressed size.
func (a *archive) open(name string, limit int64) (io.Reader, error) {
	f, ok := a.files[strings.ToLower(name)]
	if !ok {
		return nil, errNoPart
	}
	if f.UncompressedSize64 > uint64(limit) || f.UncompressedSize64 > uint64(a.budget) ||
		(f.UncompressedSize64 > ratioFloor && f.UncompressedSize64 > maxRatio*f.CompressedSize64) {
		return nil, invalid(msgTooLarge)
	}
	raw, err := f.OpenRaw()
	if err != nil {
		return nil, invalid(msgNotDocx)
	}
	cr := &countReader{r: raw}
	g := &guardReader{a: a, in: cr, limit: limit, want: f.CRC32, crc: crc32.NewIEEE()}
	switch f.Method {
	case zip.Store:
		g.r = cr
	case zip.Deflate:
		g.r = inflater(cr)
		g.pooled = true
	default:
		return nil, invalid(msgNotDocx)
	}
	return g, nil
}

// parse opens the part and returns the archive's XML reader, reset to it.
func (a *archive) parse(name string, limit int64) (*xmlReader, error) {
	r, err := a.open(name, limit)
	if err != nil {
		return nil, err
	}
	if a.x == nil {
		a.x = &xmlReader{}
	}
	a.x.reset(r)
	return a.x, nil
}

// close hands the reader's window back for the next file.
func (a *archive) close() {
	if a.x != nil {
		a.x.release()
	}
}

var errNoPart = errors.New("docx: part not found")

type countReader struct {
	r io.Reader
	n int64
}

func (c *countReader) Read(p []byte) (int, error) {
	n, err := c.r.Read(p)
	c.n += int64(n)
	return n, err
}

// guardReader decompresses one part under the archive's limits and checks its
// CRC at the end.
type guardReader struct {
	a     *archive
	r     io.Reader
	in    *countReader
	limit int64
	n     int64
	want  uint32
	crc   hash.Hash32
	// pooled: r is an inflater from inflaters, handed back at the end of
	// the part; done: the part has been read to its end.
	pooled, done bool
}

// inflaters keeps flate decompressors (about 40 KB of tables and window
// each) from one part and file to the next.
var inflaters sync.Pool

func inflater(r io.Reader) io.Reader {
	if f, ok := inflaters.Get().(io.ReadCloser); ok {
		if f.(flate.Resetter).Reset(r, nil) == nil {
			return f
		}
	}
	return flate.NewReader(r)
}

func (g *guardReader) Read(p []byte) (int, error) {
	if g.done {
		return 0, io.EOF
	}
	n, err := g.r.Read(p)
	g.n += int64(n)
	g.a.budget -= int64(n)
	g.crc.Write(p[:n])
	if g.n > g.limit || g.a.budget < 0 || (g.n > ratioFloor && g.n > maxRatio*g.in.n) {
		return 0, invalid(msgTooLarge)
	}
	if err == io.EOF && g.crc.Sum32() != g.want {
		return n, invalid(msgBrokenXML)
	}
	if err == io.EOF {
		g.finish()
	}
	if err != nil && err != io.EOF {
		return n, invalid(msgBrokenXML)
	}
	return n, err
}

// finish hands a pooled inflater back once its stream has ended cleanly.
func (g *guardReader) finish() {
	g.done = true
	if g.pooled {
		inflaters.Put(g.r)
		g.r, g.pooled = nil, false
	}
}
