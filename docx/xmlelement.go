package docx

import (
	"bytes"
	"errors"
	"math"
	"unicode/utf8"
)

// space is a namespace the reader tells apart; any other is spaceOther.
type space uint8

const (
	spaceOther space = iota
	spaceW
	spaceWStrict
	spaceMC
)

// element is a start tag as xmlReader reports it: its namespace, local name
// and raw attributes, as offsets into the reader's window, valid until the
// next token. Offsets rather than slices keep pointer writes (and so the
// garbage collector's write barrier) out of the tokenizer's inner loop.
type element struct {
	x                    *xmlReader // set once
	space                space
	tagStart, tagEnd     int32 // the tag between '<' and '>' (or "/>")
	localStart, localEnd int32
	attrs                []attribute
}

// attribute is name="value" in the tag: the local name (prefix dropped) and
// the still escaped value, as offsets from the tag's '<'.
type attribute struct {
	local, localEnd, value, valueEnd int32
}

// name returns the local name.
func (e *element) name() []byte {
	return e.x.buf[e.localStart:e.localEnd]
}

// is reports whether the element is the element local in namespace sp.
func (e *element) is(sp space, local string) bool {
	return e.space == sp && string(e.name()) == local
}

// isW reports whether the element is the WordprocessingML element local.
func (e *element) isW(local string) bool {
	return (e.space == spaceW || e.space == spaceWStrict) && string(e.name()) == local
}

// attr returns the unescaped value of the attribute with the given local name.
func (e *element) attr(local string) string {
	tag := e.x.buf[e.tagStart:e.tagEnd]
	for _, a := range e.attrs {
		if string(tag[a.local:a.localEnd]) == local {
			v := tag[a.value:a.valueEnd]
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
	base := int32(x.pos) // b starts at pos
	x.el.tagStart, x.el.tagEnd = base, base+int32(end)
	prefix, local := splitName(qname, colon-1)
	x.el.space = x.resolve(prefix)
	x.el.localEnd = base + 1 + int32(len(qname))
	x.el.localStart = x.el.localEnd - int32(len(local))
	x.selfClose = b[end] == '/'
	x.pos += end + 1
	if x.selfClose {
		x.pos++
	}
	x.open = append(x.open, len(x.names))
	x.names = append(x.names, qname...)
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
		x.binds = append(x.binds, binding{"", spaceOf(value), depth})
	case string(prefix) == "xmlns":
		x.binds = append(x.binds, binding{string(local), spaceOf(value), depth})
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

// resolve returns the namespace bound to prefix; an unbound prefix
// resolves to spaceOther.
func (x *xmlReader) resolve(prefix []byte) space {
	if n := len(x.binds); n > 0 && x.binds[n-1].prefix == string(prefix) {
		return x.binds[n-1].space
	}
	for i := len(x.binds) - 1; i >= 0; i-- {
		if x.binds[i].prefix == string(prefix) {
			return x.binds[i].space
		}
	}
	return spaceOther
}

// splitName splits a name at its first colon (-1: none) as encoding/xml
// does: a colon at either end does not count.
func splitName(name []byte, colon int) (prefix, local []byte) {
	if colon > 0 && colon < len(name)-1 {
		return name[:colon], name[colon+1:]
	}
	return nil, name
}

// spaceOf returns the namespace a URI names.
func spaceOf(uri []byte) space {
	if bytes.IndexByte(uri, '&') >= 0 || bytes.IndexByte(uri, '\r') >= 0 {
		uri = appendUnescaped(nil, uri, true)
	}
	switch string(uri) {
	case uriW:
		return spaceW
	case uriWStrict:
		return spaceWStrict
	case uriMC:
		return spaceMC
	}
	return spaceOther
}

func isSpace(c byte) bool {
	return c == ' ' || c == '\t' || c == '\r' || c == '\n'
}

// Classes of the bytes in XML names, as bits: nameByte is 0 for bytes that
// end a name. Bytes from 0x80 up are checked as UTF-8.
const (
	nameStart = 1 << iota // may start a name
	nameInner             // only after the first byte: digits, '-', '.'
	nameColon
	nameHigh
)

var nameByte = func() (t [256]byte) {
	for c := 'a'; c <= 'z'; c++ {
		t[c], t[c-'a'+'A'] = nameStart, nameStart
	}
	t['_'], t[':'] = nameStart, nameStart|nameColon
	for c := '0'; c <= '9'; c++ {
		t[c] = nameInner
	}
	t['-'], t['.'] = nameInner, nameInner
	for c := 0x80; c < 0x100; c++ {
		t[c] = nameHigh
	}
	return t
}()

// scanName reads the XML name at b[i:] and returns where it ends, the index
// of its colon (-1 if none), and whether it is a valid name; like
// encoding/xml, it allows one colon at most.
func scanName(b []byte, i int) (end, colon int, ok bool) {
	start, seen := i, byte(0)
	for ; i < len(b); i++ {
		k := nameByte[b[i]]
		if k == 0 {
			break
		}
		seen |= k
	}
	name := b[start:i]
	if len(name) == 0 || nameByte[name[0]] == nameInner {
		return i, -1, false
	}
	colon = -1
	if seen&nameColon != 0 {
		colon = bytes.IndexByte(name, ':')
		if colon != bytes.LastIndexByte(name, ':') {
			return i, -1, false
		}
		colon += start
	}
	return i, colon, seen&nameHigh == 0 || utf8.Valid(name)
}
