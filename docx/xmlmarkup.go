package docx

import (
	"bytes"
	"strings"
)

// Delimiters of comments, CDATA sections and processing instructions.
var (
	commentOpen  = []byte("<!--")
	commentClose = []byte("-->")
	cdataOpen    = []byte("<![CDATA[")
	cdataClose   = []byte("]]>")
	piClose      = []byte("?>")
)

// markup reads what starts at a '<': a tag, a comment, a processing
// instruction or CDATA. Comments and instructions yield no token (0).
func (x *xmlReader) markup() (tokenKind, error) {
	if !x.avail(2) {
		return 0, x.truncated()
	}
	switch x.buf[x.pos+1] {
	case '/':
		return x.endTag()
	case '?':
		return 0, x.instruction()
	case '!':
		cdata, err := x.bang()
		if err != nil || !cdata {
			return 0, err
		}
		return x.cdataSection()
	}
	return x.startTag()
}

// bang reads what starts with "<!": a comment, which it passes over, or
// CDATA, which it leaves for the caller; it refuses everything else.
func (x *xmlReader) bang() (cdata bool, err error) {
	x.avail(32) // enough for a keyword after some white space
	rest := x.buf[x.pos:x.end]
	switch {
	case bytes.HasPrefix(rest, commentOpen):
		x.pos += len(commentOpen)
		return false, x.skipPast(commentClose)
	case bytes.HasPrefix(rest, cdataOpen):
		return true, nil
	case bytes.HasPrefix(cdataOpen, rest), bytes.HasPrefix(commentOpen, rest):
		return false, x.truncated()
	case declaration(bytes.TrimLeft(rest[2:], " \t\r\n")):
		// <!DOCTYPE and <!ENTITY: entity expansion and external references
		// start here, and a .docx never needs them.
		return false, invalid(msgUnsafeXML)
	}
	return false, errBroken()
}

// declaration reports whether b starts a DTD declaration keyword.
func declaration(b []byte) bool {
	for _, kw := range []string{"DOCTYPE", "ENTITY", "ELEMENT", "ATTLIST", "NOTATION"} {
		if len(b) >= len(kw) && bytes.EqualFold(b[:len(kw)], []byte(kw)) {
			return true
		}
	}
	return false
}

// instruction passes over <?…?>, refusing an XML declaration that encoding/xml
// refuses: a version other than 1.0, or an encoding other than UTF-8 (a .docx
// part is UTF-8 or UTF-16, and UTF-16 would not get this far).
func (x *xmlReader) instruction() error {
	i := x.find(piClose, 2)
	if i < 0 {
		return x.truncated()
	}
	pi := x.buf[x.pos+2 : x.pos+i]
	x.pos += i + len(piClose)
	end, _, ok := scanName(pi, 0)
	if !ok {
		return errBroken()
	}
	if string(pi[:end]) != "xml" {
		return nil
	}
	if v := pseudoAttr(pi, "version"); v != "" && v != "1.0" {
		return errBroken()
	}
	if enc := pseudoAttr(pi, "encoding"); enc != "" && !strings.EqualFold(enc, "utf-8") {
		return errBroken()
	}
	return nil
}

// pseudoAttr reads name='value' or name="value" from an XML declaration the
// way encoding/xml does: the first name= directly followed by a quote.
func pseudoAttr(s []byte, name string) string {
	key := []byte(name + "=")
	for {
		k := bytes.Index(s, key)
		if k < 0 || k+len(key) >= len(s) {
			return ""
		}
		q := s[k+len(key)]
		s = s[k+len(key)+1:]
		if q == '"' || q == '\'' {
			v, _, found := bytes.Cut(s, []byte{q})
			if !found {
				return ""
			}
			return string(v)
		}
	}
}
