package docx

import (
	"fmt"
	"io"
	"os"
	"path"
	"strings"

	"jingzi"
)

const officeDocumentRel = "/officeDocument"

// Read returns the paragraphs of a .docx file in reading order. Every bad
// input (not a .docx, an encrypted or legacy .doc/.wps file, a zip bomb, a
// hostile or broken XML part) yields a *jingzi.Error with code EINVALID and a
// Chinese message.
func Read(r io.ReaderAt, size int64) ([]jingzi.Paragraph, error) {
	switch sniff(r, size) {
	case formatEncrypted:
		return nil, invalid(msgEncrypted)
	case formatOLE, formatWPSLegacy:
		return nil, invalid(msgLegacy)
	case formatUnknown:
		return nil, invalid(msgNotDocx)
	}
	a, err := openArchive(r, size)
	if err != nil {
		return nil, err
	}
	defer a.close()
	main, err := a.mainPart()
	if err != nil {
		return nil, err
	}
	rels, err := a.partRels(main)
	if err != nil {
		return nil, err
	}
	st := &styleSheet{styles: map[string]*style{}}
	if name := rels.target("/styles", path.Join(path.Dir(main), "styles.xml")); a.has(name) {
		x, err := a.parse(name, maxAuxBytes)
		if err != nil {
			return nil, err
		}
		if st, err = readStyles(x); err != nil {
			return nil, err
		}
	}
	nb := newNumbering(st)
	if name := rels.target("/numbering", path.Join(path.Dir(main), "numbering.xml")); a.has(name) {
		x, err := a.parse(name, maxAuxBytes)
		if err != nil {
			return nil, err
		}
		if err := nb.read(x); err != nil {
			return nil, err
		}
	}
	x, err := a.parse(main, maxMainBytes)
	if err != nil {
		return nil, err
	}
	b := &bodyReader{x: x, st: st, nb: nb}
	if err := b.read(); err != nil {
		return nil, err
	}
	return b.out, nil
}

// ReadFile reads the paragraphs of the .docx file at path.
func ReadFile(name string) ([]jingzi.Paragraph, error) {
	f, err := os.Open(name)
	if err != nil {
		return nil, fmt.Errorf("read docx: %w", err)
	}
	defer f.Close()
	fi, err := f.Stat()
	if err != nil {
		return nil, fmt.Errorf("read docx: %w", err)
	}
	return Read(f, fi.Size())
}

// mainPart finds the main document part through _rels/.rels, falling back
// to word/document.xml.
func (a *archive) mainPart() (string, error) {
	rs, err := a.rels("_rels/.rels", "")
	if err != nil {
		return "", err
	}
	name := rs.target(officeDocumentRel, "word/document.xml")
	if !a.has(name) {
		return "", invalid(msgNotDocx)
	}
	return name, nil
}

// partRels returns the relationships of a part, e.g. word/_rels/document.xml.rels.
func (a *archive) partRels(part string) (relations, error) {
	dir, file := path.Split(part)
	return a.rels(dir+"_rels/"+file+".rels", dir)
}

// relations maps a relationship type suffix ("/styles") to a part name.
type relations map[string]string

func (rs relations) target(typeSuffix, fallback string) string {
	if t, ok := rs[typeSuffix]; ok {
		return t
	}
	return fallback
}

// rels reads a relationships part; a missing one yields no relationships, and
// the caller uses the conventional part names.
func (a *archive) rels(name, baseDir string) (relations, error) {
	rs := relations{}
	x, err := a.parse(name, maxAuxBytes)
	if err == errNoPart {
		return rs, nil
	} else if err != nil {
		return nil, err
	}
	for {
		k, err := x.next()
		if err == io.EOF {
			return rs, nil
		} else if err != nil {
			return nil, err
		}
		se := &x.el
		if k != tokStart || string(se.name()) != "Relationship" || se.attr("TargetMode") == "External" {
			continue
		}
		typ, target := se.attr("Type"), se.attr("Target")
		if i := strings.LastIndexByte(typ, '/'); i >= 0 && target != "" {
			if strings.HasPrefix(target, "/") {
				target = strings.TrimPrefix(target, "/")
			} else {
				target = path.Join(baseDir, target)
			}
			rs[typ[i:]] = target
		}
	}
}
