package docx

import (
	"io"
	"strconv"
	"strings"
)

const numLevels = 9

// numLevel is one w:lvl of a list definition.
type numLevel struct {
	start   int
	format  string
	text    string // lvlText, e.g. "%1、" or "（%1）"
	restart int    // w:lvlRestart: restart after a use of this 1-based level or above; -1 default, 0 never
	legal   bool   // w:isLgl: show every number of the label in Arabic digits
}

// abstractNum is a w:abstractNum: the levels of one list definition.
type abstractNum struct {
	levels       [numLevels]*numLevel
	numStyleLink string
}

// numInstance is a w:num: a list that uses an abstractNum, maybe overriding levels.
type numInstance struct {
	abstractID string
	starts     map[int]int // w:startOverride per level
	levels     map[int]*numLevel
}

// listCounter holds the running numbers of one abstractNum's levels.
type listCounter struct {
	count [numLevels]int
	set   [numLevels]bool
}

// numbering 编号定义 is word/numbering.xml plus the counters that turn a
// paragraph's w:numPr into the label Word shows, such as "（一）".
type numbering struct {
	abstracts map[string]*abstractNum
	nums      map[string]*numInstance
	counters  map[string]*listCounter // per abstractNum id: Word continues a list across w:num instances
	applied   map[string]bool         // w:num instances whose startOverride has been applied
	styles    *styleSheet
}

func newNumbering(st *styleSheet) *numbering {
	return &numbering{
		abstracts: map[string]*abstractNum{}, nums: map[string]*numInstance{},
		counters: map[string]*listCounter{}, applied: map[string]bool{}, styles: st,
	}
}

func (nb *numbering) read(x *xmlReader) error {
	for {
		k, err := x.next()
		if err == io.EOF {
			return nil
		} else if err != nil {
			return err
		}
		se := &x.el
		switch {
		case k != tokStart:
			continue
		case se.isW("abstractNum"):
			err = nb.readAbstract(x, se)
		case se.isW("num"):
			err = nb.readNum(x, se)
		}
		if err != nil {
			return err
		}
	}
}

func (nb *numbering) readAbstract(x *xmlReader, se *element) error {
	an := &abstractNum{}
	nb.abstracts[se.attr("abstractNumId")] = an
	return x.each(func(c *element) error {
		switch {
		case c.isW("lvl"):
			i, lvl, err := readLevel(x, c)
			if i >= 0 && i < numLevels {
				an.levels[i] = lvl
			}
			return err
		case c.isW("numStyleLink"):
			an.numStyleLink = c.attr("val")
		}
		return x.skip()
	})
}

func readLevel(x *xmlReader, se *element) (int, *numLevel, error) {
	i, err := strconv.Atoi(se.attr("ilvl"))
	if err != nil {
		i = -1
	}
	lvl := &numLevel{start: 1, format: "decimal", restart: -1}
	err = x.each(func(c *element) error {
		switch {
		case c.isW("start"):
			lvl.start = atoiOr(c.attr("val"), 1)
		case c.isW("numFmt"):
			lvl.format = c.attr("val")
		case c.isW("lvlText"):
			lvl.text = c.attr("val")
		case c.isW("lvlRestart"):
			lvl.restart = atoiOr(c.attr("val"), -1)
		case c.isW("isLgl"):
			lvl.legal = c.onOff()
		}
		return x.skip()
	})
	return i, lvl, err
}

func (nb *numbering) readNum(x *xmlReader, se *element) error {
	n := &numInstance{starts: map[int]int{}, levels: map[int]*numLevel{}}
	nb.nums[se.attr("numId")] = n
	return x.each(func(c *element) error {
		switch {
		case c.isW("abstractNumId"):
			n.abstractID = c.attr("val")
		case c.isW("lvlOverride"):
			ilvl := atoiOr(c.attr("ilvl"), -1)
			return x.each(func(o *element) error {
				switch {
				case o.isW("startOverride"):
					n.starts[ilvl] = atoiOr(o.attr("val"), 1)
				case o.isW("lvl"):
					_, lvl, err := readLevel(x, o)
					n.levels[ilvl] = lvl
					return err
				}
				return x.skip()
			})
		}
		return x.skip()
	})
}

// label advances the counters for a paragraph in list numID at level ilvl and
// returns the label Word shows; "" for bullets, missing lists and numId 0.
func (nb *numbering) label(numID string, ilvl int) string {
	n := nb.nums[numID]
	if n == nil || ilvl < 0 || ilvl >= numLevels {
		return ""
	}
	absID, an := nb.abstract(n.abstractID)
	if an == nil {
		return ""
	}
	levels := an.levels
	for i, l := range n.levels {
		if i >= 0 && i < numLevels {
			levels[i] = l
		}
	}
	if levels[ilvl] == nil {
		return ""
	}
	c := nb.counter(absID, numID, n)
	start := func(i int) int {
		if s, ok := n.starts[i]; ok {
			return s
		} else if levels[i] != nil {
			return levels[i].start
		}
		return 1
	}
	if c.set[ilvl] {
		c.count[ilvl]++
	} else {
		c.count[ilvl], c.set[ilvl] = start(ilvl), true
	}
	for d := ilvl + 1; d < numLevels; d++ {
		restart := d // by default a level restarts after any shallower level
		if levels[d] != nil && levels[d].restart >= 0 {
			restart = levels[d].restart
		}
		if ilvl < restart {
			c.set[d] = false
		}
	}
	return render(levels, ilvl, c, start)
}

// abstract resolves a w:num's abstractNum, following one numStyleLink hop.
func (nb *numbering) abstract(id string) (string, *abstractNum) {
	an := nb.abstracts[id]
	if an != nil && an.numStyleLink != "" && nb.styles != nil {
		ref := nb.styles.numbering(an.numStyleLink, numRef{})
		if n := nb.nums[ref.numID]; n != nil && nb.abstracts[n.abstractID] != nil {
			return n.abstractID, nb.abstracts[n.abstractID]
		}
	}
	return id, an
}

// counter returns the counters of an abstractNum; the first use of a w:num with
// a startOverride restarts the list.
func (nb *numbering) counter(absID, numID string, n *numInstance) *listCounter {
	c := nb.counters[absID]
	if c == nil {
		c = &listCounter{}
		nb.counters[absID] = c
	}
	if !nb.applied[numID] {
		nb.applied[numID] = true
		for i := range n.starts {
			if i >= 0 && i < numLevels {
				c.set[i] = false
			}
		}
	}
	return c
}

func render(levels [numLevels]*numLevel, ilvl int, c *listCounter, start func(int) int) string {
	lvl := levels[ilvl]
	if lvl.format == "bullet" || lvl.format == "none" {
		return ""
	}
	var b strings.Builder
	text := lvl.text
	for {
		i := strings.IndexByte(text, '%')
		if i < 0 {
			b.WriteString(text)
			return b.String()
		}
		if i+1 >= len(text) || text[i+1] < '1' || text[i+1] > '9' {
			b.WriteString(text[:i+1])
			text = text[i+1:]
			continue
		}
		b.WriteString(text[:i])
		k := int(text[i+1] - '1')
		n := start(k)
		if c.set[k] {
			n = c.count[k]
		}
		format := "decimal"
		if levels[k] != nil && !lvl.legal {
			format = levels[k].format
		}
		b.WriteString(formatNumber(n, format))
		text = text[i+2:]
	}
}

func atoiOr(s string, def int) int {
	if n, err := strconv.Atoi(s); err == nil {
		return n
	}
	return def
}
