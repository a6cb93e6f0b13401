package docx

import (
	"bytes"
	"strconv"
	"unicode/utf8"
)

// plainByte marks the bytes text may hold as they are: printable ASCII other
// than '&' and '<'.
var plainByte = func() (t [256]bool) {
	for c := 0x20; c < 0x80; c++ {
		t[c] = c != '&' && c != '<'
	}
	return t
}()

// chars reads text up to the next '<'.
func (x *xmlReader) chars() (tokenKind, error) {
	from := 0
	for {
		if i := bytes.IndexByte(x.buf[x.pos+from:x.end], '<'); i >= 0 {
			return x.emitText(from + i)
		}
		from = x.end - x.pos
		if from >= textPiece {
			if n := pieceEnd(x.buf[x.pos:x.end]); n > 0 {
				return x.emitText(n)
			}
		}
		if !x.more() {
			if x.err != nil {
				return 0, x.err
			}
			return x.emitText(x.end - x.pos)
		}
	}
}

// pieceEnd is where a long text may be cut: not inside a reference or a
// UTF-8 sequence, and not between the \r and \n of a line end.
func pieceEnd(b []byte) int {
	n := len(b)
	if i := bytes.LastIndexByte(b, '&'); i >= 0 && bytes.IndexByte(b[i:], ';') < 0 {
		n = i
	}
	for k := n - 1; k >= 0 && k >= n-utf8.UTFMax+1; k-- {
		if b[k]&0xC0 != 0x80 { // the start of the last character
			if !utf8.FullRune(b[k:n]) {
				n = k
			}
			break
		}
	}
	if n > 0 && b[n-1] == '\r' {
		n--
	}
	return n
}

func (x *xmlReader) emitText(n int) (tokenKind, error) {
	t := x.buf[x.pos : x.pos+n]
	x.pos += n
	if !validText(t, true) {
		return 0, invalid(msgBrokenXML)
	}
	x.text, x.cdata = t, false
	return tokText, nil
}

func (x *xmlReader) cdataSection() (tokenKind, error) {
	start := len(cdataOpen)
	i := x.find(cdataClose, start)
	if i < 0 {
		return 0, x.truncated()
	}
	t := x.buf[x.pos+start : x.pos+i]
	x.pos += i + len(cdataClose)
	if !validText(t, false) {
		return 0, invalid(msgBrokenXML)
	}
	x.text, x.cdata = t, true
	return tokText, nil
}

// maxRef bounds the length of a reference such as &#x1F600; or &quot;.
const maxRef = 16

// validText checks text or CDATA (refs false: '&' and '<' are plain there):
// valid UTF-8, only characters XML allows, and well-formed references.
func validText(t []byte, refs bool) bool {
	for i := 0; i < len(t); {
		for i < len(t) && plainByte[t[i]] {
			i++
		}
		if i == len(t) {
			return true
		}
		n, err := special(t, i, refs)
		if err != nil {
			return false
		}
		i += n
	}
	return true
}

// scanValue checks an attribute value starting at b[i] and returns the index
// of the closing quote; errShort when b ends first.
func scanValue(b []byte, i int, quote byte) (int, error) {
	for {
		for i < len(b) && plainByte[b[i]] && b[i] != quote {
			i++
		}
		if i == len(b) {
			return 0, errShort
		}
		if b[i] == quote {
			return i, nil
		}
		n, err := special(b, i, true)
		if err != nil {
			return 0, err
		}
		i += n
	}
}

// special checks the character at t[i] that is not plain ASCII and returns
// its length in bytes: a UTF-8 sequence, a reference (refs), a tab or line end.
func special(t []byte, i int, refs bool) (int, error) {
	c := t[i]
	switch {
	case c >= 0x80:
		if !utf8.FullRune(t[i:]) {
			return 0, errShort
		}
		r, n := utf8.DecodeRune(t[i:])
		if (r == utf8.RuneError && n == 1) || !xmlChar(r) {
			return 0, errBroken()
		}
		return n, nil
	case c == '&' && refs:
		if _, n := parseRef(t[i:]); n > 0 {
			return n, nil
		}
		if len(t)-i < maxRef && bytes.IndexByte(t[i:], ';') < 0 {
			return 0, errShort
		}
		return 0, errBroken()
	case c == '<' && refs:
		return 0, errBroken()
	case c == '\t', c == '\n', c == '\r', c == '&', c == '<':
		return 1, nil
	}
	return 0, errBroken()
}

// xmlChar reports whether r is a character XML 1.0 allows.
func xmlChar(r rune) bool {
	return r == '\t' || r == '\n' || r == '\r' || (r >= 0x20 && r <= 0xD7FF) ||
		(r >= 0xE000 && r <= 0xFFFD) || (r >= 0x10000 && r <= utf8.MaxRune)
}

// parseRef reads the entity or character reference at the start of t and
// returns its character and length; n is 0 for anything else. Only the five
// predefined entities exist: a .docx has no DTD to define more.
func parseRef(t []byte) (r rune, n int) {
	end := bytes.IndexByte(t[:min(len(t), maxRef)], ';')
	if end < 2 {
		return 0, 0
	}
	name := t[1:end]
	switch string(name) {
	case "lt":
		return '<', end + 1
	case "gt":
		return '>', end + 1
	case "amp":
		return '&', end + 1
	case "apos":
		return '\'', end + 1
	case "quot":
		return '"', end + 1
	}
	if name[0] != '#' || len(name) < 2 {
		return 0, 0
	}
	base, digits := 10, name[1:]
	if digits[0] == 'x' {
		base, digits = 16, digits[1:]
	}
	v, err := strconv.ParseUint(string(digits), base, 32)
	if err != nil || !xmlChar(rune(v)) {
		return 0, 0
	}
	return rune(v), end + 1
}

// appendUnescaped appends t to dst with references decoded (refs) and line
// ends normalised to \n, as encoding/xml does.
func appendUnescaped(dst, t []byte, refs bool) []byte {
	special := "\r"
	if refs {
		special = "&\r"
	}
	for {
		i := bytes.IndexAny(t, special)
		if i < 0 {
			return append(dst, t...)
		}
		dst = append(dst, t[:i]...)
		if t[i] == '\r' {
			dst = append(dst, '\n')
			t = t[i+1:]
			if len(t) > 0 && t[0] == '\n' {
				t = t[1:]
			}
			continue
		}
		r, n := parseRef(t[i:])
		if n == 0 { // checked before; kept literally if not
			dst = append(dst, '&')
			t = t[i+1:]
			continue
		}
		dst = utf8.AppendRune(dst, r)
		t = t[i+n:]
	}
}

func errBroken() error {
	return invalid(msgBrokenXML)
}
