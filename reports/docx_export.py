"""The report as a .docx with the same structure as the PDF, for colleagues who finish it in WPS or Word.

GB/T 9704 page (A4, margins 37/28/26/35 mm), body 16 pt at a 28.95 pt line pitch, title 22 pt bold,
page numbers "— 1 —" right on odd and left on even pages. The headings 一、/（一）/1./(1) carry Word's
Heading 1–4 styles (restyled: 一、 in 黑体, （一） in 楷体, the others in the body font, all 16 pt black),
so Word's navigation pane shows the outline. The 署名 keeps with the last paragraph; the appendix has
the PDF's tables and captions (reports.appendix), header rows repeated on each page. Fonts are named by
the first family of each documents.fonts role, so a bureau's licensed fonts are used.
"""

import io

from docx import Document as WordDocument
from docx.enum.table import WD_TABLE_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_BREAK, WD_LINE_SPACING
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Mm, Pt, RGBColor

from documents.fonts import preferred_family

from .appendix import appendix_tables
from .rendering import Document

LINE = Pt(28.95)
TEXT_WIDTH = Mm(156)
COLUMN_WIDTHS = {"col-no": Pt(36), "col-value": Pt(84)}
INDENT = Pt(32)  # two characters of 16 pt
MIME = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"


def _set_font(font, element, role: str, size: float, bold: bool = False) -> None:
    """`font` (of a run or a style) in the role's family for Latin and Chinese text, theme fonts removed."""
    name = preferred_family(role)
    font.name, font.size, font.bold = name, Pt(size), bold
    fonts = element.get_or_add_rPr().get_or_add_rFonts()
    fonts.set(qn("w:eastAsia"), name)
    for theme in ("w:asciiTheme", "w:hAnsiTheme", "w:eastAsiaTheme", "w:cstheme"):
        fonts.attrib.pop(qn(theme), None)


def _font(run, role: str, size: float = 16, bold: bool = False) -> None:
    _set_font(run.font, run._element, role, size, bold)


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
    style=None,
):
    paragraph = doc.add_paragraph(style=style)
    _layout(paragraph.paragraph_format, line=line, indent=indent)
    paragraph.alignment = align
    _font(paragraph.add_run(text), role, size, bold)
    return paragraph


def _layout(fmt, *, line=LINE, indent: bool = True) -> None:
    fmt.line_spacing_rule = WD_LINE_SPACING.EXACTLY
    fmt.line_spacing = line
    fmt.space_before = fmt.space_after = Pt(0)
    fmt.first_line_indent = INDENT if indent else None


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
    _set_font(doc.styles["Normal"].font, doc.styles["Normal"].element, "body", 16)
    for level, role in HEADING_ROLE.items():
        style = doc.styles[f"Heading {level}"]
        _set_font(style.font, style.element, role, 16)
        style.font.italic = False
        style.font.color.rgb = RGBColor(0, 0, 0)
        _layout(style.paragraph_format)
        style.paragraph_format.keep_with_next = True


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
        heading = block.kind == "heading" and block.level in HEADING_ROLE
        role = HEADING_ROLE[block.level] if heading else "body"
        _paragraph(doc, f"{block.number}{block.plain}", role=role, style=f"Heading {block.level}" if heading else None)
    # The 署名 never stands alone on a page: the last paragraph, the blank lines and the signature keep together.
    doc.paragraphs[-1].paragraph_format.keep_together = True
    doc.paragraphs[-1].paragraph_format.keep_with_next = True
    for _ in range(2):
        _paragraph(doc, "", indent=False).paragraph_format.keep_with_next = True
    signed = report.signature_date
    signature = [report.publisher, f"{signed:%Y}年{signed.month}月{signed.day}日" if signed else "年　月　日"]
    for line in signature:
        p = _paragraph(doc, line, indent=False, align=WD_ALIGN_PARAGRAPH.RIGHT)
        p.paragraph_format.right_indent = Pt(64)
        p.paragraph_format.keep_with_next = line != signature[-1]
    if tables := appendix_tables(document):
        _appendix(doc, report, tables)
    buffer = io.BytesIO()
    doc.save(buffer)
    return buffer.getvalue()


def _table(doc, table_spec) -> None:
    table = doc.add_table(rows=1, cols=len(table_spec.headers))
    table.style = "Table Grid"
    table.alignment = WD_TABLE_ALIGNMENT.CENTER
    header = table.rows[0]
    header._tr.get_or_add_trPr().append(OxmlElement("w:tblHeader"))  # repeated at the top of each page
    for cell, text in zip(header.cells, table_spec.headers, strict=True):
        cell.paragraphs[0].alignment = WD_ALIGN_PARAGRAPH.CENTER
        _font(cell.paragraphs[0].add_run(text), "hei", 12)
    for cells, _url in table_spec.rows:
        for cell, text, numeric in zip(table.add_row().cells, cells, table_spec.numeric, strict=True):
            if numeric:
                cell.paragraphs[0].alignment = WD_ALIGN_PARAGRAPH.RIGHT
            _font(cell.paragraphs[0].add_run(text), "body", 12)
    # The PDF's column widths (report_pdf.html): 3 and 7 characters of 12 pt, the label takes the rest.
    widths = [COLUMN_WIDTHS.get(name) for name in table_spec.widths]
    rest = TEXT_WIDTH - sum(w for w in widths if w)
    table.autofit = False
    for column, width in zip(table.columns, widths, strict=True):
        column.width = width or rest
        for cell in column.cells:
            cell.width = width or rest


def _appendix(doc, report, tables) -> None:
    doc.paragraphs[-1].add_run().add_break(WD_BREAK.PAGE)
    _paragraph(doc, "附件", role="hei", indent=False, align=WD_ALIGN_PARAGRAPH.LEFT)
    title = f"{report.title}数据附表"
    _paragraph(doc, title, role="title", size=22, bold=True, indent=False, align=WD_ALIGN_PARAGRAPH.CENTER, line=Pt(35))
    for table_spec in tables:
        caption = _paragraph(doc, table_spec.caption, role="hei", indent=False, align=WD_ALIGN_PARAGRAPH.CENTER)
        caption.paragraph_format.space_before = Pt(14)
        caption.paragraph_format.keep_with_next = True
        _table(doc, table_spec)
