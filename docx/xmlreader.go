package docx

import (
	"bytes"
	"errors"
	"io"
	"sync"

	"jingzi"
)

// Namespaces the reader understands. Strict OOXML (ISO 29500 strict) uses the
// purl.oclc.org names; Word writes the transitional ones.
const (
	uriW       = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
	uriWStrict = "http://purl.oclc.org/ooxml/wordprocessingml/main"
	uriMC      = "http://schemas.openxmlformats.org/markup-compatibility/2006"
)

// maxDepth bounds element nesting; Word's deepest real structures (tables in
// tables in text boxes) stay far below it.
const maxDepth = 256

// Window sizes. The window grows only for a single tag (VML may carry a whole
// picture in one attribute) or CDATA section longer than it, up to maxToken;
// text is handed out in pieces of at most textPiece bytes.
const (
	windowSize = 32 << 10
	maxToken   = maxAuxBytes
	textPiece  = 1 << 20
)

// tokenKind is what xmlReader.next found.
type tokenKind uint8

const (
	tokStart tokenKind = iota + 1
	tokEnd
	tokText
)

// xmlReader is a streaming XML tokenizer for the parts of a .docx, written for
// speed: encoding/xml spent about 10 ms on the 350 KB styles.xml of
// python-docx's template. It refuses DTDs and every other declaration (no
// entity tricks), caps nesting depth, checks the well-formedness of what the
// reader reads (matching tags, quoted attributes, known entities, valid UTF-8
// and XML characters; the elements it skips get the lighter scan of skip),
// and turns every failure into a *jingzi.Error. It allocates nothing per
// token: the element and text it reports stay valid only until the next call.
type xmlReader struct {
	r        io.Reader
	buf      []byte // window of input; buf[pos:end] is not yet consumed
	pos, end int
	eof      bool
	err      error // sticky: once set, every call returns it

	el        element // the start tag just read
	text      []byte  // the text just read, still escaped unless cdata
	cdata     bool
	selfClose bool // el was <…/>: the next call reports its end

	names []byte    // qualified names of the open elements, concatenated
	open  []int     // offset of each open element's name in names
	binds []binding // namespace declarations in scope
}

// binding is one xmlns declaration, in scope until its element ends.
type binding struct {
	prefix string
	space  space
	depth  int
}

var windowPool = sync.Pool{New: func() any { b := make([]byte, windowSize); return &b }}

// reset starts reading a new part, keeping the window and the stacks.
func (x *xmlReader) reset(r io.Reader) {
	if x.buf == nil {
		x.buf = *windowPool.Get().(*[]byte)
	}
	x.el.x = x
	x.r, x.pos, x.end, x.eof, x.err = r, 0, 0, false, nil
	x.text, x.cdata, x.selfClose = nil, false, false
	x.names, x.open, x.binds = x.names[:0], x.open[:0], x.binds[:0]
	x.el.attrs = x.el.attrs[:0]
}

// release hands a window of the usual size back for the next file.
func (x *xmlReader) release() {
	if len(x.buf) == windowSize {
		b := x.buf
		windowPool.Put(&b)
	}
	x.buf, x.r = nil, nil
}

// next reads the next start tag (x.el), end tag or text (x.text); comments
// and processing instructions are passed over. It returns io.EOF at the end of
// a well-formed document.
func (x *xmlReader) next() (tokenKind, error) {
	if x.err != nil {
		return 0, x.err
	}
	if x.selfClose {
		x.selfClose = false
		x.pop()
		return tokEnd, nil
	}
	for {
		if x.pos == x.end && !x.more() {
			return 0, x.atEOF()
		}
		var k tokenKind
		var err error
		if x.buf[x.pos] == '<' {
			k, err = x.markup()
		} else {
			k, err = x.chars()
		}
		if err != nil {
			x.err = err
			return 0, err
		}
		if k != 0 {
			return k, nil
		}
	}
}

func (x *xmlReader) atEOF() error {
	if x.err == nil && len(x.open) > 0 {
		x.err = invalid(msgBrokenXML)
	}
	if x.err != nil {
		return x.err
	}
	return io.EOF
}

// more reads further input into the window, keeping buf[pos:end] (moved to
// the front). It returns false at the end of the input or on a read error,
// which it keeps in x.err.
func (x *xmlReader) more() bool {
	if x.eof || x.err != nil {
		return false
	}
	if x.pos > 0 {
		x.end = copy(x.buf, x.buf[x.pos:x.end])
		x.pos = 0
	}
	if x.end == len(x.buf) {
		if len(x.buf) >= maxToken {
			x.err = invalid(msgTooLarge)
			return false
		}
		grown := make([]byte, min(2*len(x.buf), maxToken))
		copy(grown, x.buf[:x.end])
		x.buf = grown
	}
	// Fill the window: a tag that does not fit is parsed again from its start
	// after each fill, and full fills (with the doubling above) keep that to a
	// few times per tag.
	start := x.end
	for empty := 0; x.end < len(x.buf) && empty < 100; {
		n, err := x.r.Read(x.buf[x.end:])
		x.end += n
		switch {
		case err == io.EOF:
			x.eof = true
			return x.end > start
		case err != nil:
			x.err = readFailure(err)
			return false
		case n == 0:
			empty++
		}
	}
	if x.end == start {
		x.err = invalid(msgBrokenXML)
		return false
	}
	return true
}

func readFailure(err error) error {
	var je *jingzi.Error
	if errors.As(err, &je) {
		return je
	}
	return invalid(msgBrokenXML)
}

// avail makes at least n bytes available at pos, if the input has them.
func (x *xmlReader) avail(n int) bool {
	for x.end-x.pos < n {
		if !x.more() {
			return false
		}
	}
	return true
}

// truncated is the error for input that ends inside a token.
func (x *xmlReader) truncated() error {
	if x.err != nil {
		return x.err
	}
	return invalid(msgBrokenXML)
}

// find returns the offset from pos of the next seq at or after pos+from,
// reading more input as needed; -1 when the input ends first.
func (x *xmlReader) find(seq []byte, from int) int {
	for {
		if i := bytes.Index(x.buf[x.pos+from:x.end], seq); i >= 0 {
			return from + i
		}
		from = max(from, x.end-x.pos-len(seq)+1)
		if !x.more() {
			return -1
		}
	}
}

// skipPast consumes input up to and including seq without keeping it in the
// window, so that a long comment costs no memory.
func (x *xmlReader) skipPast(seq []byte) error {
	for {
		if i := bytes.Index(x.buf[x.pos:x.end], seq); i >= 0 {
			x.pos += i + len(seq)
			return nil
		}
		if keep := len(seq) - 1; x.end-x.pos > keep {
			x.pos = x.end - keep
		}
		if !x.more() {
			return x.truncated()
		}
	}
}

// pop closes the innermost open element and the declarations it made.
func (x *xmlReader) pop() {
	depth := len(x.open)
	for len(x.binds) > 0 && x.binds[len(x.binds)-1].depth >= depth {
		x.binds = x.binds[:len(x.binds)-1]
	}
	x.names = x.names[:x.open[depth-1]]
	x.open = x.open[:depth-1]
}

// each calls fn for every child element of the element whose start was just
// read, and returns at its end. fn must consume the child (skip it, or read it
// to its end) before returning, and must read el's attributes before that.
func (x *xmlReader) each(fn func(el *element) error) error {
	for {
		k, err := x.next()
		if err != nil {
			return unexpectedEOF(err)
		}
		switch k {
		case tokStart:
			if err := fn(&x.el); err != nil {
				return err
			}
		case tokEnd:
			return nil
		}
	}
}

// readText appends the character data of the element whose start was just
// read, unescaped, to *b.
func (x *xmlReader) readText(b *[]byte) error {
	for {
		k, err := x.next()
		if err != nil {
			return unexpectedEOF(err)
		}
		switch k {
		case tokText:
			*b = appendUnescaped(*b, x.text, !x.cdata)
		case tokStart:
			if err := x.skip(); err != nil {
				return err
			}
		case tokEnd:
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
