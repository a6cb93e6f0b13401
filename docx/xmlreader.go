package docx

import (
	"bufio"
	"bytes"
	"encoding/xml"
	"errors"
	"io"

	"jingzi"
)

// Namespaces the reader understands. Strict OOXML (ISO 29500 strict) uses the
// purl.oclc.org names; Word writes the transitional ones.
const (
	nsW       = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
	nsWStrict = "http://purl.oclc.org/ooxml/wordprocessingml/main"
	nsMC      = "http://schemas.openxmlformats.org/markup-compatibility/2006"
	nsRel     = "http://schemas.openxmlformats.org/package/2006/relationships"
)

// maxDepth bounds element nesting; Word's deepest real structures (tables in
// tables in text boxes) stay far below it.
const maxDepth = 256

// xmlReader is an encoding/xml decoder that refuses DTDs (no entity tricks),
// caps nesting depth, and turns every failure into a *jingzi.Error.
type xmlReader struct {
	d     *xml.Decoder
	depth int
}

func newXMLReader(r io.Reader) *xmlReader {
	d := xml.NewDecoder(bufio.NewReaderSize(r, 32<<10))
	d.Strict = true
	return &xmlReader{d: d}
}

// next returns the next token; io.EOF at the end of the document.
func (x *xmlReader) next() (xml.Token, error) {
	t, err := x.d.Token()
	if err != nil {
		return nil, x.fail(err)
	}
	switch t := t.(type) {
	case xml.StartElement:
		if x.depth++; x.depth > maxDepth {
			return nil, invalid(msgTooDeep)
		}
	case xml.EndElement:
		x.depth--
	case xml.Directive:
		if isDTD(t) {
			return nil, invalid(msgUnsafeXML)
		}
	}
	return t, nil
}

func isDTD(d xml.Directive) bool {
	d = bytes.TrimSpace(d)
	return bytes.HasPrefix(bytes.ToUpper(d), []byte("DOCTYPE")) || bytes.HasPrefix(bytes.ToUpper(d), []byte("ENTITY"))
}

func (x *xmlReader) fail(err error) error {
	var je *jingzi.Error
	switch {
	case err == io.EOF:
		return io.EOF
	case errors.As(err, &je):
		return je
	}
	return invalid(msgBrokenXML)
}

// skip consumes the rest of the element whose start was just read.
func (x *xmlReader) skip() error {
	for depth := 1; depth > 0; {
		t, err := x.next()
		if err != nil {
			return unexpectedEOF(err)
		}
		switch t.(type) {
		case xml.StartElement:
			depth++
		case xml.EndElement:
			depth--
		}
	}
	return nil
}

// each calls fn for every child element of the element whose start was just
// read, and returns at its end. fn must consume the child (skip it, or read it
// to its end) before returning.
func (x *xmlReader) each(fn func(se xml.StartElement) error) error {
	for {
		t, err := x.next()
		if err != nil {
			return unexpectedEOF(err)
		}
		switch t := t.(type) {
		case xml.StartElement:
			if err := fn(t); err != nil {
				return err
			}
		case xml.EndElement:
			return nil
		}
	}
}

// text returns the character data of the element whose start was just read.
func (x *xmlReader) text(b *[]byte) error {
	for {
		t, err := x.next()
		if err != nil {
			return unexpectedEOF(err)
		}
		switch t := t.(type) {
		case xml.CharData:
			*b = append(*b, t...)
		case xml.StartElement:
			if err := x.skip(); err != nil {
				return err
			}
		case xml.EndElement:
			return nil
		}
	}
}

// unexpectedEOF turns an end of input inside an element into a broken-file error.
func unexpectedEOF(err error) error {
	if err == io.EOF {
		return invalid(msgBrokenXML)
	}
	return err
}

// isW reports whether the element is the WordprocessingML element local.
func isW(n xml.Name, local string) bool {
	return n.Local == local && (n.Space == nsW || n.Space == nsWStrict)
}

// attr returns the value of the attribute with the given local name.
func attr(se xml.StartElement, local string) string {
	for _, a := range se.Attr {
		if a.Name.Local == local {
			return a.Value
		}
	}
	return ""
}

// onOff reads an OOXML on/off property such as <w:b/> or <w:b w:val="0"/>.
func onOff(se xml.StartElement) bool {
	return truthy(attr(se, "val"))
}

// truthy reads an ST_OnOff value; an absent value means on.
func truthy(v string) bool {
	switch v {
	case "0", "false", "off", "none":
		return false
	}
	return true
}
