package docx

import "bytes"

// skip consumes the rest of the element whose start was just read. Nothing
// inside it is read, so it is passed over with a light scan, much cheaper than
// tokenizing (most of a style sheet is table styles that the reader skips): it
// finds the tags, honouring quoted attribute values, and counts their depth,
// but checks neither names nor text. What protects the reader stays:
// declarations (DOCTYPE, ENTITY) are refused, the depth limit holds, input
// that ends inside the element is broken, and the window never grows, since
// bytes are dropped as soon as they have been passed.
func (x *xmlReader) skip() error {
	if x.err != nil {
		return x.err
	}
	if x.selfClose {
		x.selfClose = false
		x.pop()
		return nil
	}
	for depth := 1; ; {
		i := bytes.IndexByte(x.buf[x.pos:x.end], '<')
		if i < 0 {
			x.pos = x.end
			if !x.more() {
				return x.fail(x.truncated())
			}
			continue
		}
		x.pos += i
		if !x.avail(2) {
			return x.fail(x.truncated())
		}
		var err error
		switch x.buf[x.pos+1] {
		case '/':
			if _, err = x.skipTag(); err == nil {
				if depth--; depth == 0 {
					x.pop()
					return nil
				}
			}
		case '?':
			x.pos += 2
			err = x.skipPast(piClose)
		case '!':
			var cdata bool
			if cdata, err = x.bang(); err == nil && cdata {
				x.pos += len(cdataOpen)
				err = x.skipPast(cdataClose)
			}
		default:
			var selfClose bool
			if selfClose, err = x.skipTag(); err == nil && !selfClose {
				if depth++; len(x.open)-1+depth > maxDepth {
					err = invalid(msgTooDeep)
				}
			}
		}
		if err != nil {
			return x.fail(err)
		}
	}
}

var doubleQuote = []byte{'"'}

// tagStop marks the bytes that end a run of ordinary bytes inside a tag.
var tagStop = [256]bool{'>': true, '"': true, '\'': true, '<': true}

// skipTag passes over the tag at pos, up to its '>', and reports whether it
// ended with "/>".
func (x *xmlReader) skipTag() (selfClose bool, err error) {
	// Usually the next '>' ends the tag: when it follows an even number of
	// double quotes, no single quote and no '<'.
	if g := bytes.IndexByte(x.buf[x.pos+1:x.end], '>'); g >= 0 {
		t := x.buf[x.pos+1 : x.pos+1+g]
		if bytes.IndexByte(t, '\'') < 0 && bytes.IndexByte(t, '<') < 0 && bytes.Count(t, doubleQuote)%2 == 0 {
			x.pos += g + 2
			return g > 0 && t[g-1] == '/', nil
		}
	}
	i, quote, prev := x.pos+1, byte(0), byte(0)
	for {
		b := x.buf[:x.end]
		for i < len(b) {
			if quote != 0 {
				k := bytes.IndexByte(b[i:], quote)
				if k < 0 {
					i = len(b)
					break
				}
				i += k + 1
				prev, quote = quote, 0
				continue
			}
			j := i
			for j < len(b) && !tagStop[b[j]] {
				j++
			}
			if j > i {
				prev = b[j-1]
			}
			if j == len(b) {
				i = j
				break
			}
			switch b[j] {
			case '>':
				x.pos = j + 1
				return prev == '/', nil
			case '<':
				return false, errBroken()
			}
			quote, i = b[j], j+1
		}
		x.pos = x.end // everything up to here is consumed
		if !x.more() {
			return false, x.truncated()
		}
		i = x.pos
	}
}

// fail makes err sticky and, for the end of input, a broken-file error.
func (x *xmlReader) fail(err error) error {
	x.err = unexpectedEOF(err)
	return x.err
}
