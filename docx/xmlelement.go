package docx

import (
	"bytes"
	"errors"
	"math"
	"unicode/utf8"
)

// element is a start tag as xmlReader reports it: its namespace URI (the
// constants above are returned as such, without allocating), local name and
// raw attributes. Its slices point into the reader's window.
type element struct {
	space string
	local []byte
	tag   []byte // the tag between < and >
	attrs []attribute
}

// attribute is name="value" in element.tag: the local name (prefix dropped)
// and the still escaped value, as offsets, which keeps the garbage collector
// out of the tokenizer's inner loop.
type attribute struct {
	local, localEnd, value, valueEnd int32
}

// is reports whether the element is space:local.
func (e *element) is(space, local string) bool {
	return e.space == space && string(e.local) == local
}

// isW reports whether the element is the WordprocessingML element local.
func (e *element) isW(local string) bool {
	return string(e.local) == local && (e.space == nsW || e.space == nsWStrict)
}

// attr returns the unescaped value of the attribute with the given local name.
func (e *element) attr(local string) string {
	for _, a := range e.attrs {
		if string(e.tag[a.local:a.localEnd]) == local {
			v := e.tag[a.value:a.valueEnd]
			if bytes.IndexByte(v, '&') < 0 && bytes.IndexByte(v, '\r') < 0 {
				return string(v)
			}
			return string(appendUnescaped(nil, v, true))
		}
	}
	return ""
}

// onOff reads an OOXML on/off property such as <w:b/> or <w:b w:val="0"/>.
func (e *element) onOff() bool {
	return truthy(e.attr("val"))
}

// truthy reads an ST_OnOff value; an absent value means on.
func truthy(v string) bool {
	switch v {
	case "0", "false", "off", "none":
		return false
	}
	return true
}

// errShort means that a tag continues past the window: the caller reads
// more input and parses the tag again from its start. The window only grows
// when it is full, so a long tag is parsed again a few times, not once per read.
var errShort = errors.New("docx: tag continues past the window")

// startTag reads <name attr="value"…> or <name…/>.
func (x *xmlReader) startTag() (tokenKind, error) {
	for {
		err := x.parseStart(x.buf[x.pos:x.end])
		if err == nil {
			return tokStart, nil
		} else if err != errShort {
			return 0, err
		}
		if !x.more() {
			return 0, x.truncated()
		}
	}
}

// parseStart reads the start tag at the beginning of b, in a single pass.
func (x *xmlReader) parseStart(b []byte) error {
	if len(b) > math.MaxInt32 {
		return invalid(msgTooLarge)
	}
	n, colon, ok := scanName(b, 1)
	switch {
	case n == len(b):
		return errShort
	case !ok:
		return errBroken()
	case len(x.open) >= maxDepth:
		return invalid(msgTooDeep)
	}
	qname := b[1:n]
	nb := len(x.binds)
	x.el.attrs = x.el.attrs[:0]
	for i := n; ; {
		j := skipSpace(b, i)
		switch {
		case j == len(b), b[j] == '/' && j+1 == len(b):
			x.binds = x.binds[:nb]
			return errShort
		case b[j] == '>', b[j] == '/' && b[j+1] == '>':
			x.push(b, qname, colon, j)
			return nil
		}
		end, err := x.attribute(b, j, len(x.open)+1)
		if err != nil {
			x.binds = x.binds[:nb]
			return err
		}
		i = end
	}
}

// push opens the element whose tag ends (with '>' or "/>") at b[end].
func (x *xmlReader) push(b, qname []byte, colon, end int) {
	x.selfClose = b[end] == '/'
	x.pos += end + 1
	if x.selfClose {
		x.pos++
	}
	x.open = append(x.open, len(x.names))
	x.names = append(x.names, qname...)
	x.el.tag = b[:end]
	x.el.space, x.el.local = x.resolve(qname, colon-1)
}

// attribute reads name="value" at b[i:] into x.el.attrs, or into x.binds
// when it declares a namespace, and returns where it ends.
func (x *xmlReader) attribute(b []byte, i, depth int) (int, error) {
	eq, colon, ok := scanName(b, i)
	q := skipSpace(b, eq)
	if q < len(b) && b[q] == '=' {
		q = skipSpace(b, q+1)
	}
	switch {
	case q == len(b):
		return 0, errShort
	case !ok || b[skipSpace(b, eq)] != '=' || (b[q] != '"' && b[q] != '\''):
		return 0, errBroken()
	}
	end, err := scanValue(b, q+1, b[q])
	if err != nil {
		return 0, err
	}
	value := b[q+1 : end]
	prefix, local := splitName(b[i:eq], colon-i)
	switch {
	case prefix == nil && string(local) == "xmlns":
		x.binds = append(x.binds, binding{"", internURI(value), depth})
	case string(prefix) == "xmlns":
		x.binds = append(x.binds, binding{string(local), internURI(value), depth})
	default:
		x.el.attrs = append(x.el.attrs, attribute{
			local: int32(eq - len(local)), localEnd: int32(eq),
			value: int32(q + 1), valueEnd: int32(end)})
	}
	return end + 1, nil
}

// endTag reads </name>, which must close the innermost open element.
func (x *xmlReader) endTag() (tokenKind, error) {
	if len(x.open) == 0 {
		return 0, errBroken()
	}
	top := x.names[x.open[len(x.open)-1]:]
	for {
		b := x.buf[x.pos:x.end]
		n := 2 + len(top)
		if len(b) >= n && !bytes.Equal(b[2:n], top) {
			return 0, errBroken()
		}
		if j := skipSpace(b, min(n, len(b))); j < len(b) {
			if b[j] != '>' {
				return 0, errBroken()
			}
			x.pos += j + 1
			x.pop()
			return tokEnd, nil
		}
		if !x.more() {
			return 0, x.truncated()
		}
	}
}

func skipSpace(b []byte, i int) int {
	for i < len(b) && isSpace(b[i]) {
		i++
	}
	return i
}

// resolve returns the namespace URI and local name of an element name. An
// unbound prefix resolves to "", which matches none of the namespaces read.
func (x *xmlReader) resolve(qname []byte, colon int) (string, []byte) {
	prefix, local := splitName(qname, colon)
	if string(prefix) == "xml" {
		return nsXML, local
	}
	if n := len(x.binds); n > 0 && x.binds[n-1].prefix == string(prefix) {
		return x.binds[n-1].uri, local
	}
	for i := len(x.binds) - 1; i >= 0; i-- {
		if x.binds[i].prefix == string(prefix) {
			return x.binds[i].uri, local
		}
	}
	return "", local
}

// splitName splits a name at its first colon (-1: none) as encoding/xml
// does: a colon at either end does not count.
func splitName(name []byte, colon int) (prefix, local []byte) {
	if colon > 0 && colon < len(name)-1 {
		return name[:colon], name[colon+1:]
	}
	return nil, name
}

// internURI returns the namespace constants without allocating.
func internURI(v []byte) string {
	switch string(v) {
	case nsW:
		return nsW
	case nsWStrict:
		return nsWStrict
	case nsMC:
		return nsMC
	case nsRel:
		return nsRel
	}
	return string(appendUnescaped(nil, v, true))
}

func isSpace(c byte) bool {
	return c == ' ' || c == '\t' || c == '\r' || c == '\n'
}

// nameByte marks the ASCII bytes allowed in XML names: 1 anywhere, 2 only
// after the first byte. Bytes from 0x80 up are checked as UTF-8.
var nameByte = func() (t [256]byte) {
	for c := 'a'; c <= 'z'; c++ {
		t[c], t[c-'a'+'A'] = 1, 1
	}
	t['_'], t[':'] = 1, 1
	for c := '0'; c <= '9'; c++ {
		t[c] = 2
	}
	t['-'], t['.'] = 2, 2
	for c := 0x80; c < 0x100; c++ {
		t[c] = 3
	}
	return t
}()

// scanName reads the XML name at b[i:] and returns where it ends, the index
// of its colon (-1 if none), and whether it is a valid name; like
// encoding/xml, it allows one colon at most.
func scanName(b []byte, i int) (end, colon int, ok bool) {
	start, colon, colons, ascii := i, -1, 0, true
	for ; i < len(b) && nameByte[b[i]] != 0; i++ {
		if c := b[i]; c == ':' {
			colon = i
			colons++
		} else if c >= 0x80 {
			ascii = false
		}
	}
	if i == start || nameByte[b[start]] == 2 || colons > 1 {
		return i, colon, false
	}
	return i, colon, ascii || utf8.Valid(b[start:i])
}
