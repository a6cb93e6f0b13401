package main

import (
	"bytes"
	"context"
	"os"
	"path/filepath"
	"strings"

	"jingzi"
	"jingzi/docx"
	"jingzi/outline"
)

// MaxImportBytes bounds one imported file, on the command line and the web.
const MaxImportBytes = 20 << 20

// documents implements jingzi.DocumentService with the docx reader and writer
// and the outline recogniser and renderers.
type documents struct{}

var _ jingzi.DocumentService = documents{}

// ImportStatement reads a .docx, .txt (UTF-8 or GBK) or .md file into a statement.
// Legacy .doc/.wps files are converted with LibreOffice when it is installed.
func (documents) ImportStatement(ctx context.Context, filename string, data []byte, fw *jingzi.Framework) (*jingzi.Statement, *jingzi.ImportReport, error) {
	if len(data) > MaxImportBytes {
		return nil, nil, jingzi.Errorf(jingzi.EINVALID, "文件超过%d MB，请精简后再导入。", MaxImportBytes>>20)
	}
	paras, err := readParagraphs(ctx, filename, data)
	if err != nil {
		return nil, nil, err
	}
	s, rep, err := outline.Parse(paras, fw)
	if err != nil {
		return nil, nil, err
	}
	return s, importReport(rep), nil
}

func readParagraphs(ctx context.Context, filename string, data []byte) ([]jingzi.Paragraph, error) {
	switch strings.ToLower(filepath.Ext(filename)) {
	case ".docx":
		paras, err := docx.Read(bytes.NewReader(data), int64(len(data)))
		if docx.IsLegacy(err) {
			// A .doc saved under a .docx name: convert it like a .doc.
			return readLegacy(ctx, "upload.doc", data)
		}
		return paras, err
	case ".doc", ".wps":
		return readLegacy(ctx, filename, data)
	case ".md", ".markdown":
		text, err := outline.Decode(data)
		if err != nil {
			return nil, err
		}
		return outline.ParagraphsFromMarkdown(text), nil
	case ".txt", ".text", "":
		text, err := outline.Decode(data)
		if err != nil {
			return nil, err
		}
		return outline.ParagraphsFromText(text), nil
	}
	return nil, jingzi.Errorf(jingzi.EINVALID, "不支持“%s”格式，请导入 .docx、.txt 或 .md 文件。", filepath.Ext(filename))
}

// readLegacy converts a .doc/.wps through LibreOffice in a private temp dir.
func readLegacy(ctx context.Context, filename string, data []byte) ([]jingzi.Paragraph, error) {
	dir, err := os.MkdirTemp("", "jingzi-legacy-")
	if err != nil {
		return nil, err
	}
	defer os.RemoveAll(dir)
	in := filepath.Join(dir, "upload"+strings.ToLower(filepath.Ext(filename)))
	if err := os.WriteFile(in, data, 0o600); err != nil {
		return nil, err
	}
	out, err := docx.ConvertLegacy(ctx, in, dir)
	if err != nil {
		return nil, err
	}
	return docx.ReadFile(out)
}

func importReport(r *outline.Report) *jingzi.ImportReport {
	out := &jingzi.ImportReport{Framework: r.Framework, Warnings: r.Warnings}
	for _, a := range r.Aspects {
		out.Aspects = append(out.Aspects, jingzi.AspectImport{Section: a.Section, Heading: a.Heading,
			AspectIndex: a.AspectIndex, Wording: a.Wording, Score: a.Score})
	}
	return out
}

// ExportStatement writes the statement as GB/T 9704 .docx, Markdown, text or an
// HTML print view.
func (documents) ExportStatement(ctx context.Context, s *jingzi.Statement, format string) ([]byte, string, error) {
	return documents{}.ExportDocument(ctx, s.Document(), format)
}

// ExportDocument writes a generated document in one of the export formats.
func (documents) ExportDocument(ctx context.Context, d *jingzi.Document, format string) ([]byte, string, error) {
	switch format {
	case jingzi.FormatDocx:
		var buf bytes.Buffer
		if err := docx.Write(&buf, d, docx.Meta{Title: d.Title}); err != nil {
			return nil, "", err
		}
		return buf.Bytes(), "application/vnd.openxmlformats-officedocument.wordprocessingml.document", nil
	case jingzi.FormatMarkdown:
		return []byte(outline.Markdown(d)), "text/markdown; charset=utf-8", nil
	case jingzi.FormatText:
		return []byte(outline.Text(d)), "text/plain; charset=utf-8", nil
	case jingzi.FormatHTML:
		html, err := outline.HTML(d)
		return html, "text/html; charset=utf-8", err
	}
	return nil, "", jingzi.Errorf(jingzi.EINVALID, "不支持导出为“%s”格式，可选 docx、md、html、txt。", format)
}
