package docx

import (
	"io"
	"strconv"
	"strings"
)

// style is what the reader needs of one w:style: its outline level, bold and
// list numbering, each possibly inherited through basedOn.
type style struct {
	name, basedOn string
	outline       int // 1..9, 0 body text, -1 not set
	bold          *bool
	num           numRef
}

// numRef is a w:numPr: which list and which level. Empty fields are not set.
type numRef struct {
	numID string
	ilvl  string
}

// styleSheet 样式表 is word/styles.xml reduced to the properties above.
type styleSheet struct {
	styles      map[string]*style
	defaultPara string
	defaultBold bool
}

// maxBasedOn bounds walks up the basedOn chain (which may be circular).
const maxBasedOn = 16

func readStyles(x *xmlReader) (*styleSheet, error) {
	s := &styleSheet{styles: map[string]*style{}}
	for {
		k, err := x.next()
		if err == io.EOF {
			return s, nil
		} else if err != nil {
			return nil, err
		}
		if k != tokStart {
			continue
		}
		se := &x.el
		switch {
		case se.isW("style"):
			err = s.readStyle(x, se)
		case se.isW("rPrDefault"):
			err = x.each(func(c *element) error {
				if !c.isW("rPr") {
					return x.skip()
				}
				var b *bool
				err := readRPr(x, &b, nil)
				s.defaultBold = b != nil && *b
				return err
			})
		}
		if err != nil {
			return nil, err
		}
	}
}

func (s *styleSheet) readStyle(x *xmlReader, se *element) error {
	st := &style{outline: -1}
	id := se.attr("styleId")
	if se.attr("type") == "paragraph" && se.attr("default") != "" && truthy(se.attr("default")) {
		s.defaultPara = id
	}
	err := x.each(func(c *element) error {
		switch {
		case c.isW("name"):
			st.name = strings.ToLower(c.attr("val"))
		case c.isW("basedOn"):
			st.basedOn = c.attr("val")
		case c.isW("pPr"):
			return readPPr(x, &st.outline, &st.num, nil)
		case c.isW("rPr"):
			return readRPr(x, &st.bold, nil)
		}
		return x.skip()
	})
	if id != "" {
		s.styles[id] = st
	}
	return err
}

// readPPr reads the outline level, numbering and (when styleID is not nil) the
// paragraph style of a w:pPr; tracked changes of properties are ignored.
func readPPr(x *xmlReader, outline *int, num *numRef, styleID *string) error {
	return x.each(func(c *element) error {
		switch {
		case c.isW("pStyle") && styleID != nil:
			*styleID = c.attr("val")
		case c.isW("outlineLvl"):
			if n, err := strconv.Atoi(c.attr("val")); err == nil && n >= 0 && n <= 9 {
				*outline = (n + 1) % 10 // level 9 is body text
			}
		case c.isW("numPr"):
			return x.each(func(n *element) error {
				switch {
				case n.isW("numId"):
					num.numID = n.attr("val")
				case n.isW("ilvl"):
					num.ilvl = n.attr("val")
				}
				return x.skip()
			})
		}
		return x.skip()
	})
}

// readRPr reads bold and (when styleID is not nil) the character style of a w:rPr.
func readRPr(x *xmlReader, bold **bool, styleID *string) error {
	return x.each(func(c *element) error {
		switch {
		case c.isW("b"):
			v := c.onOff()
			*bold = &v
		case c.isW("rStyle") && styleID != nil:
			*styleID = c.attr("val")
		}
		return x.skip()
	})
}

// outline returns the outline level of a paragraph style: its own or inherited
// w:outlineLvl, else the level of a built-in "heading N" style.
func (s *styleSheet) outline(id string) int {
	for i := 0; i < maxBasedOn && id != ""; i++ {
		st := s.styles[id]
		if st == nil {
			break
		}
		if st.outline >= 0 {
			return st.outline
		}
		if n := headingLevel(st.name); n > 0 {
			return n
		}
		id = st.basedOn
	}
	return 0
}

// headingLevel reads "heading 3" (Word's built-in name in every UI language)
// or "标题 3" (names some Chinese tools write) as 3.
func headingLevel(name string) int {
	for _, p := range []string{"heading ", "标题 ", "标题"} {
		if rest, ok := strings.CutPrefix(name, p); ok {
			if n, err := strconv.Atoi(strings.TrimSpace(rest)); err == nil && n >= 1 && n <= 9 {
				return n
			}
		}
	}
	return 0
}

// bold returns the bold setting of a style chain, and whether any style set it.
func (s *styleSheet) bold(id string) (bool, bool) {
	for i := 0; i < maxBasedOn && id != ""; i++ {
		st := s.styles[id]
		if st == nil {
			break
		}
		if st.bold != nil {
			return *st.bold, true
		}
		id = st.basedOn
	}
	return false, false
}

// numbering returns the list numbering a paragraph style carries, filling the
// fields the paragraph did not set.
func (s *styleSheet) numbering(id string, ref numRef) numRef {
	for i := 0; i < maxBasedOn && id != "" && (ref.numID == "" || ref.ilvl == ""); i++ {
		st := s.styles[id]
		if st == nil {
			break
		}
		if ref.numID == "" {
			ref.numID = st.num.numID
		}
		if ref.ilvl == "" {
			ref.ilvl = st.num.ilvl
		}
		id = st.basedOn
	}
	return ref
}
