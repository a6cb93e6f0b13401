package docx

import (
	"archive/zip"
	"bufio"
	"bytes"
	"compress/flate"
	"fmt"
	"hash/crc32"
	"io"
	"sync"
	"time"

	"jingzi"
)

// Meta 文档属性 is what docProps/core.xml says about a written file. Author is
// a neutral value chosen by the caller (a unit name, or ""); the writer never
// puts the server's user or host name into a file.
type Meta struct {
	Title   string    // dc:title; the document's title when empty
	Author  string    // dc:creator and cp:lastModifiedBy
	Created time.Time // dcterms:created and modified; omitted when zero
}

// zipTime is the fixed modification time of every entry, so that the same
// document always gives the same bytes.
var zipTime = time.Date(2000, 1, 1, 0, 0, 0, 0, time.UTC)

// Write writes d as a GB/T 9704-2012 .docx to w.
func Write(w io.Writer, d *jingzi.Document, meta Meta) error {
	if d == nil {
		return jingzi.Errorf(jingzi.EINVALID, "没有可导出的文档内容。")
	}
	if meta.Title == "" {
		meta.Title = d.Title
	}
	zw := zip.NewWriter(w)
	zw.RegisterCompressor(zip.Deflate, pooledCompressor)
	static := staticParts()
	for _, p := range static[:3] { // [Content_Types].xml, _rels/.rels, document rels
		if err := p.writeTo(zw); err != nil {
			return fmt.Errorf("write docx: %w", err)
		}
	}
	if err := writePart(zw, "word/document.xml", func(bw *bufio.Writer) { writeDocumentXML(bw, d) }); err != nil {
		return err
	}
	for _, p := range static[3:] {
		if err := p.writeTo(zw); err != nil {
			return fmt.Errorf("write docx: %w", err)
		}
	}
	if err := writePart(zw, "docProps/core.xml", func(bw *bufio.Writer) { writeCoreXML(bw, meta) }); err != nil {
		return err
	}
	if err := zw.Close(); err != nil {
		return fmt.Errorf("write docx: %w", err)
	}
	return nil
}

var bufPool = sync.Pool{New: func() any { return bufio.NewWriterSize(nil, 32<<10) }}

func writePart(zw *zip.Writer, name string, fill func(*bufio.Writer)) error {
	fw, err := zw.CreateHeader(&zip.FileHeader{Name: name, Method: zip.Deflate, Modified: zipTime})
	if err != nil {
		return fmt.Errorf("write docx %s: %w", name, err)
	}
	bw := bufPool.Get().(*bufio.Writer)
	bw.Reset(fw)
	fill(bw)
	err = bw.Flush()
	bw.Reset(nil)
	bufPool.Put(bw)
	if err != nil {
		return fmt.Errorf("write docx %s: %w", name, err)
	}
	return nil
}

func writeCoreXML(w *bufio.Writer, m Meta) {
	w.WriteString(xmlHeader)
	w.WriteString(`<cp:coreProperties xmlns:cp="http://schemas.openxmlformats.org/package/2006/metadata/core-properties" ` +
		`xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:dcterms="http://purl.org/dc/terms/" ` +
		`xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance"><dc:title>`)
	escapeText(w, m.Title)
	w.WriteString(`</dc:title><dc:creator>`)
	escapeText(w, m.Author)
	w.WriteString(`</dc:creator><cp:lastModifiedBy>`)
	escapeText(w, m.Author)
	w.WriteString(`</cp:lastModifiedBy>`)
	if !m.Created.IsZero() {
		ts := m.Created.UTC().Format(time.RFC3339)
		w.WriteString(`<dcterms:created xsi:type="dcterms:W3CDTF">` + ts + `</dcterms:created>`)
		w.WriteString(`<dcterms:modified xsi:type="dcterms:W3CDTF">` + ts + `</dcterms:modified>`)
	}
	w.WriteString(`</cp:coreProperties>`)
}

// rawPart is a fixed part compressed once at start-up and copied into every file.
type rawPart struct {
	name       string
	data       []byte // deflated
	crc, usize uint32
}

func (p *rawPart) writeTo(zw *zip.Writer) error {
	fw, err := zw.CreateRaw(&zip.FileHeader{
		Name: p.name, Method: zip.Deflate, Modified: zipTime, CRC32: p.crc,
		CompressedSize64: uint64(len(p.data)), UncompressedSize64: uint64(p.usize),
	})
	if err != nil {
		return err
	}
	_, err = fw.Write(p.data)
	return err
}

var staticParts = sync.OnceValue(func() []*rawPart {
	parts := []struct{ name, body string }{
		{"[Content_Types].xml", contentTypesXML},
		{"_rels/.rels", packageRelsXML},
		{"word/_rels/document.xml.rels", documentRelsXML},
		{"word/styles.xml", stylesXML},
		{"word/settings.xml", settingsXML},
		{"word/footer1.xml", footerXML(true)},
		{"word/footer2.xml", footerXML(false)},
		{"docProps/app.xml", appXML},
	}
	out := make([]*rawPart, len(parts))
	for i, p := range parts {
		var buf bytes.Buffer
		fw, _ := flate.NewWriter(&buf, flate.BestCompression)
		fw.Write([]byte(p.body))
		fw.Close()
		out[i] = &rawPart{name: p.name, data: buf.Bytes(), crc: crc32.ChecksumIEEE([]byte(p.body)), usize: uint32(len(p.body))}
	}
	return out
})

var flatePool sync.Pool

// pooledCompressor reuses flate writers: allocating one costs far more than
// compressing a statement.
func pooledCompressor(w io.Writer) (io.WriteCloser, error) {
	if fw, ok := flatePool.Get().(*flate.Writer); ok {
		fw.Reset(w)
		return &pooledFlate{fw}, nil
	}
	fw, err := flate.NewWriter(w, flate.BestSpeed)
	return &pooledFlate{fw}, err
}

type pooledFlate struct{ *flate.Writer }

func (p *pooledFlate) Close() error {
	err := p.Writer.Close()
	flatePool.Put(p.Writer)
	return err
}
