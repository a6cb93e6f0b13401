// Package outline turns the plain text of a 对照检查材料 into a jingzi.Statement and
// back: it decodes .txt files in the encodings Chinese offices use, splits text and
// Markdown into paragraphs, recognises the heading hierarchy (parts, sections, items)
// whatever numbering style the author chose, and renders a generated document as
// plain text, Markdown or a printable HTML page.
package outline
