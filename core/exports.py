"""One exporter shape for every spreadsheet the portal hands out.

An export is a django-import-export Resource over a queryset the user is allowed to read, written as
.xlsx by `write_xlsx`. Text that starts with = + - @ (a formula to a spreadsheet) is stored as a
quoted text cell, so a name typed as a formula comes out as inert text and keeps its characters.
"""

import io
from dataclasses import dataclass

import openpyxl
from django.utils import timezone
from openpyxl.styles import Font
from openpyxl.utils import get_column_letter

from .downloads import download

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


@dataclass
class Export:
    filename: str
    mimetype: str
    content: bytes

    def response(self):
        return download(self.content, filename=self.filename, mimetype=self.mimetype)


FORMULA_TRIGGERS = ("=", "+", "-", "@", "\t", "\r")


def write_xlsx(*, title: str, headers: list[str], rows) -> bytes:
    """A one-sheet workbook: bold frozen header, formula-looking text stored as inert text."""
    book = openpyxl.Workbook(write_only=False)
    sheet = book.active
    sheet.title = title[:31]
    sheet.append(headers)
    for cell in sheet[1]:
        cell.font = Font(bold=True)
    widths = [len(str(h)) * 2 + 2 for h in headers]
    for values in rows:
        sheet.append(["" if v is None else v for v in values])
        for index, cell in enumerate(sheet[sheet.max_row]):
            value = cell.value
            if isinstance(value, str):
                if value.startswith(FORMULA_TRIGGERS):
                    cell.data_type = "s"
                    cell.quotePrefix = True
                widths[index] = max(widths[index], min(60, len(value) * 2))
    for index, width in enumerate(widths, start=1):
        sheet.column_dimensions[get_column_letter(index)].width = width
    sheet.freeze_panes = "A2"
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


def xlsx_export(*, label: str, headers: list[str], rows) -> Export:
    stamp = timezone.localdate().strftime("%Y%m%d")
    return Export(
        filename=f"{label}_{stamp}.xlsx", mimetype=XLSX, content=write_xlsx(title=label, headers=headers, rows=rows)
    )


def export_xlsx(*, resource, queryset, label: str) -> Export:
    """Render `queryset` through `resource` as an Excel file named `<label>_<date>.xlsx`."""
    dataset = resource.export(queryset=queryset)
    return xlsx_export(label=label, headers=list(dataset.headers), rows=dataset)
