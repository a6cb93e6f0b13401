"""Side-by-side timing: write the seed statement with python-docx.

Builds the same document as BenchmarkWriteStatement (title, part headings,
section headings, item paragraphs with a bold run-in lead, GB/T 9704 page
setup and fonts named with w:eastAsia) and times N writes to memory.

Usage: /usr/bin/python3 docx/bench/python_docx_write.py [SEED.txt] [N]
"""
import io
import re
import sys
import time

import docx
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml.ns import qn
from docx.shared import Mm, Pt

SECTION = re.compile(r"^（[一二三四五六七八九十]+）")
ITEM = re.compile(r"^[一二三四五六七八九十]+是[^。]*。")
CAUSE = re.compile(r"^（[一二三四五六七八九十]+）[^。]*。")


def east(run_or_style_font_el, name):
    rpr = run_or_style_font_el.get_or_add_rPr()
    rpr.get_or_add_rFonts().set(qn("w:eastAsia"), name)


def font_style(style, east_asia, size, bold=False):
    style.font.name = "Times New Roman"
    style.font.size = Pt(size)
    style.font.bold = bold
    style.element.get_or_add_rPr().get_or_add_rFonts().set(qn("w:eastAsia"), east_asia)


def build(lines):
    d = docx.Document()
    s = d.sections[0]
    s.page_width, s.page_height = Mm(210), Mm(297)
    s.top_margin, s.bottom_margin, s.left_margin, s.right_margin = Mm(37), Mm(35), Mm(28), Mm(26)
    font_style(d.styles["Normal"], "仿宋_GB2312", 16)
    pf = d.styles["Normal"].paragraph_format
    pf.line_spacing, pf.first_line_indent = Pt(28.95), Pt(32)
    font_style(d.styles["Title"], "方正小标宋简体", 22)
    font_style(d.styles["Heading 1"], "黑体", 16)
    font_style(d.styles["Heading 2"], "楷体_GB2312", 16)
    title = lines[0].lstrip("#").strip()
    p = d.add_paragraph(title, style="Title")
    p.alignment = WD_ALIGN_PARAGRAPH.CENTER
    part = 0
    for line in lines[1:]:
        if line.startswith("**"):
            part += 1
            d.add_paragraph(line.strip("*"), style="Heading 1")
        elif part == 1 and SECTION.match(line):
            d.add_paragraph(line, style="Heading 2")
        else:
            m = CAUSE.match(line) or ITEM.match(line)
            p = d.add_paragraph()
            if m:
                r = p.add_run(m.group(0))
                r.bold = bool(ITEM.match(line))
                east(r._r, "楷体_GB2312" if CAUSE.match(line) else "仿宋_GB2312")
                line = line[m.end():]
            p.add_run(line)
    d.core_properties.author = ""
    return d


def main():
    seed = sys.argv[1] if len(sys.argv) > 1 else "docx/testdata/seed.txt"
    n = int(sys.argv[2]) if len(sys.argv) > 2 else 50
    lines = [l.strip() for l in open(seed, encoding="utf-8") if l.strip()]
    build(lines).save(io.BytesIO())  # warm up imports and the template
    start = time.perf_counter()
    for _ in range(n):
        build(lines).save(io.BytesIO())
    per = (time.perf_counter() - start) / n
    print(f"python-docx {docx.__version__ if hasattr(docx, '__version__') else ''}: {n} documents, {per * 1000:.2f} ms/document")


if __name__ == "__main__":
    main()
