"""A one-sheet .xlsx written as it is read: rows go straight into the zipped sheet XML.

An export is text, numbers and dates in a grid with a bold frozen header; for that a workbook library
does far more work per cell than needed (decision 0014). Text is written as inline strings (no shared
string table to hold in memory), so memory stays flat whatever the row count. Text that starts like a
formula gets the quote-prefix style: it already is text, and Excel and WPS keep it so when edited.
"""

import zipfile
from collections.abc import Iterable, Sequence
from datetime import date, datetime, time
from decimal import Decimal
from xml.sax.saxutils import quoteattr

from django.utils import timezone

FORMULA_TRIGGERS = ("=", "+", "-", "@", "\t", "\r")
BUFFERED_ROWS = 500  # rows joined before one write into the compressed stream
EPOCH = datetime(1899, 12, 30)

# Styles (cellXfs indexes in STYLES below)
BOLD, QUOTED, DAY, MOMENT = 1, 2, 3, 4

# XML 1.0 has no place for most control characters: they are dropped (nobody types them; a pasted one
# would make the file unreadable).
_TRANSLATE = str.maketrans(
    {"&": "&amp;", "<": "&lt;", ">": "&gt;"}
    | {chr(c): None for c in [*range(0x09), 0x0B, 0x0C, *range(0x0E, 0x20), 0xFFFE, 0xFFFF]}
)


def _text(value: str) -> str:
    if value.isprintable() and "&" not in value and "<" not in value and ">" not in value:
        return value  # most text: nothing to escape
    return value.translate(_TRANSLATE)


def _column_letters(count: int) -> list[str]:
    letters = []
    for index in range(count):
        name, n = "", index + 1
        while n:
            n, rest = divmod(n - 1, 26)
            name = chr(65 + rest) + name
        letters.append(name)
    return letters


def _cell(ref: str, value) -> str:
    """One cell's XML, or "" for an empty one."""
    if value is None or value == "":
        return ""
    if isinstance(value, str):
        space = ' xml:space="preserve"' if value[0].isspace() or value[-1].isspace() else ""
        style = f' s="{QUOTED}"' if value.startswith(FORMULA_TRIGGERS) else ""
        return f'<c r="{ref}"{style} t="inlineStr"><is><t{space}>{_text(value)}</t></is></c>'
    if isinstance(value, bool):
        return _cell(ref, "是" if value else "否")
    if isinstance(value, int | float | Decimal):
        return f'<c r="{ref}"><v>{value}</v></c>'
    if isinstance(value, datetime):
        local = timezone.localtime(value) if timezone.is_aware(value) else value
        serial = (local.replace(tzinfo=None) - EPOCH).total_seconds() / 86400
        return f'<c r="{ref}" s="{MOMENT}"><v>{serial:.10f}</v></c>'
    if isinstance(value, date):
        return f'<c r="{ref}" s="{DAY}"><v>{(datetime.combine(value, time()) - EPOCH).days}</v></c>'
    return _cell(ref, str(value))


def write_sheet(
    target,
    *,
    title: str,
    headers: Sequence[str],
    rows: Iterable[Sequence],
    widths: Sequence[float],
    progress=None,
    progress_every: int = 2000,
) -> int:
    """Write `headers` (bold, frozen) and `rows` to `target` (a path or a binary file); returns the
    number of data rows. `rows` is read once, as it comes."""
    letters = _column_letters(max(len(headers), len(widths), 1))
    count = 0
    with zipfile.ZipFile(target, "w", zipfile.ZIP_DEFLATED, compresslevel=1) as book:
        for name, content in _package(title).items():
            book.writestr(name, content)
        with book.open("xl/worksheets/sheet1.xml", "w", force_zip64=True) as sheet:
            cols = "".join(
                f'<col min="{i}" max="{i}" width="{w}" customWidth="1"/>' for i, w in enumerate(widths, start=1)
            )
            header = "".join(
                f'<c r="{letters[i]}1" s="{BOLD}" t="inlineStr"><is><t>{_text(str(h))}</t></is></c>'
                for i, h in enumerate(headers)
            )
            sheet.write(
                (
                    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
                    f'<worksheet xmlns="{MAIN}"><sheetViews><sheetView workbookViewId="0">'
                    '<pane ySplit="1" topLeftCell="A2" activePane="bottomLeft" state="frozen"/>'
                    '<selection pane="bottomLeft" activeCell="A2" sqref="A2"/></sheetView></sheetViews>'
                    f'<sheetFormatPr defaultRowHeight="15"/>{f"<cols>{cols}</cols>" if cols else ""}'
                    f'<sheetData><row r="1">{header}</row>'
                ).encode()
            )
            buffer = []
            for count, values in enumerate(rows, start=1):
                line = count + 1
                if len(values) > len(letters):
                    letters = _column_letters(len(values))
                pairs = zip(letters, values, strict=False)
                cells = "".join([_cell(f"{letter}{line}", value) for letter, value in pairs])
                buffer.append(f'<row r="{line}">{cells}</row>')
                if len(buffer) >= BUFFERED_ROWS:
                    sheet.write("".join(buffer).encode())
                    buffer.clear()
                if progress is not None and count % progress_every == 0:
                    progress(count)
            sheet.write(("".join(buffer) + "</sheetData></worksheet>").encode())
    return count


MAIN = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
REL = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
PKG_REL = "http://schemas.openxmlformats.org/package/2006/relationships"
XML = '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
STYLES = (
    f'{XML}<styleSheet xmlns="{MAIN}">'
    '<numFmts count="2"><numFmt numFmtId="164" formatCode="yyyy\\-mm\\-dd"/>'
    '<numFmt numFmtId="165" formatCode="yyyy\\-mm\\-dd\\ hh:mm"/></numFmts>'
    '<fonts count="2"><font><sz val="11"/><name val="Calibri"/></font>'
    '<font><b/><sz val="11"/><name val="Calibri"/></font></fonts>'
    '<fills count="2"><fill><patternFill patternType="none"/></fill>'
    '<fill><patternFill patternType="gray125"/></fill></fills>'
    '<borders count="1"><border><left/><right/><top/><bottom/><diagonal/></border></borders>'
    '<cellStyleXfs count="1"><xf numFmtId="0" fontId="0" fillId="0" borderId="0"/></cellStyleXfs>'
    '<cellXfs count="5"><xf numFmtId="0" fontId="0" fillId="0" borderId="0" xfId="0"/>'
    '<xf numFmtId="0" fontId="1" fillId="0" borderId="0" xfId="0" applyFont="1"/>'
    '<xf numFmtId="0" fontId="0" fillId="0" borderId="0" xfId="0" quotePrefix="1"/>'
    '<xf numFmtId="164" fontId="0" fillId="0" borderId="0" xfId="0" applyNumberFormat="1"/>'
    '<xf numFmtId="165" fontId="0" fillId="0" borderId="0" xfId="0" applyNumberFormat="1"/></cellXfs>'
    '<cellStyles count="1"><cellStyle name="Normal" xfId="0" builtinId="0"/></cellStyles></styleSheet>'
)


def _package(title: str) -> dict[str, str]:
    """The parts of the workbook other than the sheet's rows."""
    return {
        "[Content_Types].xml": (
            f'{XML}<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
            '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
            '<Default Extension="xml" ContentType="application/xml"/>'
            '<Override PartName="/xl/workbook.xml" '
            'ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/>'
            '<Override PartName="/xl/worksheets/sheet1.xml" '
            'ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/>'
            '<Override PartName="/xl/styles.xml" '
            'ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.styles+xml"/></Types>'
        ),
        "_rels/.rels": (
            f'{XML}<Relationships xmlns="{PKG_REL}"><Relationship Id="rId1" '
            f'Type="{REL}/officeDocument" Target="xl/workbook.xml"/></Relationships>'
        ),
        "xl/workbook.xml": (
            f'{XML}<workbook xmlns="{MAIN}" xmlns:r="{REL}"><bookViews><workbookView/></bookViews>'
            f'<sheets><sheet name={quoteattr(title)} sheetId="1" r:id="rId1"/></sheets></workbook>'
        ),
        "xl/_rels/workbook.xml.rels": (
            f'{XML}<Relationships xmlns="{PKG_REL}">'
            f'<Relationship Id="rId1" Type="{REL}/worksheet" Target="worksheets/sheet1.xml"/>'
            f'<Relationship Id="rId2" Type="{REL}/styles" Target="styles.xml"/></Relationships>'
        ),
        "xl/styles.xml": STYLES,
    }
