"""Make seed-python-docx.docx: the seed statement as a realistic Word document.

Usage: /usr/bin/python3 make_fixtures.py SEED.txt OUT.docx

What it exercises in the Go reader:
  * the title is one paragraph with a soft line break (w:br) after the unit;
  * part headings (一、…) are bold runs, without the seed's ** markers;
  * the five （一）…（五） section headings of part one are a numbered list
    (w:numPr, numFmt chineseCounting, lvlText "（%1）"), so the label is not in
    the text;
  * item leads (一是…。) are bold runs followed by plain text;
  * one tracked insertion (w:ins) and one tracked deletion (w:del).
"""
import re
import sys

import docx
from docx.oxml import OxmlElement, parse_xml
from docx.oxml.ns import nsdecls, qn
from docx.shared import Pt

W_NS = nsdecls("w")
NUM_ID = "90"


def add_numbering(document):
    numbering = document.part.numbering_part.element
    abstract = parse_xml(
        f'<w:abstractNum {W_NS} w:abstractNumId="{NUM_ID}">'
        '<w:multiLevelType w:val="singleLevel"/>'
        '<w:lvl w:ilvl="0"><w:start w:val="1"/><w:numFmt w:val="chineseCounting"/>'
        '<w:lvlText w:val="（%1）"/><w:lvlJc w:val="left"/>'
        '<w:pPr><w:ind w:left="0" w:firstLine="640"/></w:pPr></w:lvl>'
        "</w:abstractNum>"
    )
    first_num = numbering.find(qn("w:num"))
    if first_num is not None:
        first_num.addprevious(abstract)
    else:
        numbering.append(abstract)
    numbering.append(parse_xml(f'<w:num {W_NS} w:numId="{NUM_ID}"><w:abstractNumId w:val="{NUM_ID}"/></w:num>'))


def number(paragraph):
    ppr = paragraph._p.get_or_add_pPr()
    ppr.append(parse_xml(f'<w:numPr {W_NS}><w:ilvl w:val="0"/><w:numId w:val="{NUM_ID}"/></w:numPr>'))


def tracked(kind, text, rid):
    """A w:ins or w:del wrapping one run."""
    tag = "w:delText" if kind == "del" else "w:t"
    return parse_xml(
        f'<w:{kind} {W_NS} w:id="{rid}" w:author="审阅人" w:date="2022-01-10T09:00:00Z">'
        f'<w:r><{tag} xml:space="preserve">{text}</{tag}></w:r></w:{kind}>'
    )


def main(seed_path, out_path):
    lines = [l.strip() for l in open(seed_path, encoding="utf-8") if l.strip()]
    document = docx.Document()
    normal = document.styles["Normal"]
    normal.font.size = Pt(16)
    normal.font.name = "Times New Roman"
    normal.element.rPr.rFonts.set(qn("w:eastAsia"), "仿宋_GB2312")
    add_numbering(document)

    title = lines[0].lstrip("#").strip()
    unit, rest = title.split("2021", 1)
    p = document.add_paragraph()
    r = p.add_run(unit)
    r.add_break()  # soft line break: <w:br/>
    p.add_run("2021" + rest)

    part = 0
    for i, line in enumerate(lines[1:], start=1):
        if line.startswith("**"):
            part += 1
            document.add_paragraph().add_run(line.strip("*")).bold = True
            continue
        m = re.match(r"^（[一二三四五]）", line)
        if part == 1 and m:
            p = document.add_paragraph(line[m.end():])
            number(p)
            continue
        lead = re.match(r"^[一二三]是[^。]*。", line)
        p = document.add_paragraph()
        if lead:
            p.add_run(lead.group(0)).bold = True
            line = line[lead.end():]
        if i == 1:
            # The preface: one tracked insertion, one tracked deletion.
            cut = line.index("市委组织部")
            p.add_run(line[:cut])
            p._p.append(tracked("ins", "市委组织部", 1))
            p._p.append(tracked("del", "（草稿，待删）", 2))
            p.add_run(line[cut + len("市委组织部"):])
            continue
        p.add_run(line)
    document.core_properties.author = ""
    document.core_properties.last_modified_by = ""
    document.save(out_path)


if __name__ == "__main__":
    main(sys.argv[1], sys.argv[2])
