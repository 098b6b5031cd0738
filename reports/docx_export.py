"""The report as a .docx with the same structure as the PDF, for colleagues who finish it in WPS or Word.

GB/T 9704 page (A4, margins 37/28/26/35 mm), body 16 pt at a 28.95 pt line pitch, title 22 pt bold,
headings 一、 in 黑体 and （一） in 楷体, page numbers "— 1 —" right on odd and left on even pages. Fonts
are named by the first family of each documents.fonts role, so a bureau's licensed fonts are used.
"""

import io

from django.conf import settings
from docx import Document as WordDocument
from docx.enum.table import WD_TABLE_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_BREAK, WD_LINE_SPACING
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Mm, Pt

from documents.fonts import DEFAULTS

from .figures import display
from .rendering import Document

LINE = Pt(28.95)
INDENT = Pt(32)  # two characters of 16 pt
MIME = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"


def family(role: str) -> str:
    families = getattr(settings, "DOCUMENT_FONTS", {}).get(role) or DEFAULTS[role]
    return families[0]


def _font(run, role: str, size: float = 16, bold: bool = False) -> None:
    name = family(role)
    run.font.name = name
    run.font.size = Pt(size)
    run.font.bold = bold
    fonts = run._element.get_or_add_rPr().get_or_add_rFonts()
    fonts.set(qn("w:eastAsia"), name)


def _paragraph(
    doc,
    text: str,
    *,
    role: str = "body",
    size: float = 16,
    bold: bool = False,
    indent: bool = True,
    align=WD_ALIGN_PARAGRAPH.JUSTIFY,
    line=LINE,
):
    paragraph = doc.add_paragraph()
    fmt = paragraph.paragraph_format
    fmt.line_spacing_rule = WD_LINE_SPACING.EXACTLY
    fmt.line_spacing = line
    fmt.space_before = fmt.space_after = Pt(0)
    fmt.first_line_indent = INDENT if indent else None
    paragraph.alignment = align
    _font(paragraph.add_run(text), role, size, bold)
    return paragraph


def _field_char(paragraph, kind: str) -> None:
    char = OxmlElement("w:fldChar")
    char.set(qn("w:fldCharType"), kind)
    paragraph.add_run()._element.append(char)


def _page_number(paragraph) -> None:
    """ "— N —" in 4号 (14 pt), N being Word's PAGE field."""
    _font(paragraph.add_run("— "), "body", 14)
    _field_char(paragraph, "begin")
    instruction = OxmlElement("w:instrText")
    instruction.set(qn("xml:space"), "preserve")
    instruction.text = " PAGE "
    run = paragraph.add_run()
    _font(run, "body", 14)
    run._element.append(instruction)
    _field_char(paragraph, "end")
    _font(paragraph.add_run(" —"), "body", 14)


def _setup(doc, *, draft: bool) -> None:
    section = doc.sections[0]
    section.page_width, section.page_height = Mm(210), Mm(297)
    section.top_margin, section.bottom_margin = Mm(37), Mm(35)
    section.left_margin, section.right_margin = Mm(28), Mm(26)
    section.footer_distance = Mm(28)
    doc.settings.odd_and_even_pages_header_footer = True
    odd = section.footer.paragraphs[0]
    odd.alignment = WD_ALIGN_PARAGRAPH.RIGHT
    odd.paragraph_format.right_indent = Pt(14)
    _page_number(odd)
    even = section.even_page_footer.paragraphs[0]
    even.alignment = WD_ALIGN_PARAGRAPH.LEFT
    even.paragraph_format.left_indent = Pt(14)
    _page_number(even)
    if draft:
        for header in (section.header, section.even_page_header):
            p = header.paragraphs[0]
            p.alignment = WD_ALIGN_PARAGRAPH.RIGHT
            _font(p.add_run("草稿（未发布，数据以发布版本为准）"), "hei", 10.5)
    style = doc.styles["Normal"]
    style.font.name = family("body")
    style.font.size = Pt(16)
    style.element.get_or_add_rPr().get_or_add_rFonts().set(qn("w:eastAsia"), family("body"))


HEADING_ROLE = {1: "hei", 2: "kai", 3: "body", 4: "body"}


def render_docx(document: Document, *, draft: bool) -> bytes:
    report = document.report
    doc = WordDocument()
    _setup(doc, draft=draft)
    _paragraph(
        doc, report.title, role="title", size=22, bold=True, indent=False, align=WD_ALIGN_PARAGRAPH.CENTER, line=Pt(35)
    )
    _paragraph(doc, "", indent=False)
    for block in document.blocks:
        role = HEADING_ROLE.get(block.level, "body") if block.kind == "heading" else "body"
        _paragraph(doc, f"{block.number}{block.plain}", role=role)
    for _ in range(2):
        _paragraph(doc, "", indent=False)
    signature = [
        report.publisher,
        report.written_on
        and f"{report.written_on:%Y}年{report.written_on.month}月{report.written_on.day}日"
        or "年　月　日",
    ]
    for line in signature:
        p = _paragraph(doc, line, indent=False, align=WD_ALIGN_PARAGRAPH.RIGHT)
        p.paragraph_format.right_indent = Pt(64)
    if document.scalars or document.tables:
        _appendix(doc, document)
    buffer = io.BytesIO()
    doc.save(buffer)
    return buffer.getvalue()


def _table(doc, headers: list[str], rows: list[list[str]]) -> None:
    table = doc.add_table(rows=1, cols=len(headers))
    table.style = "Table Grid"
    table.alignment = WD_TABLE_ALIGNMENT.CENTER
    for cell, text in zip(table.rows[0].cells, headers, strict=True):
        cell.text = ""
        _font(cell.paragraphs[0].add_run(text), "hei", 12)
    for values in rows:
        cells = table.add_row().cells
        for cell, text in zip(cells, values, strict=True):
            cell.text = ""
            _font(cell.paragraphs[0].add_run(str(text)), "body", 12)


def _appendix(doc, document: Document) -> None:
    doc.paragraphs[-1].add_run().add_break(WD_BREAK.PAGE)
    _paragraph(doc, "附件", role="hei", indent=False, align=WD_ALIGN_PARAGRAPH.LEFT)
    _paragraph(
        doc,
        f"{document.report.title}数据附表",
        role="title",
        size=22,
        bold=True,
        indent=False,
        align=WD_ALIGN_PARAGRAPH.CENTER,
        line=Pt(35),
    )
    _paragraph(doc, "附表1　主要数据一览", role="hei", indent=False, align=WD_ALIGN_PARAGRAPH.CENTER)
    _table(
        doc,
        ["序号", "指标", "数值", "年度"],
        [[i, f.label, f.text(), f"{f.year}年"] for i, f in enumerate(document.scalars, start=1)],
    )
    for n, figure in enumerate(document.tables, start=2):
        _paragraph(doc, f"附表{n}　{figure.label}", role="hei", indent=False, align=WD_ALIGN_PARAGRAPH.CENTER)
        _table(
            doc, ["项目", "数值"], [[row["label"], display(row["value"], "count", figure.unit)] for row in figure.rows]
        )
