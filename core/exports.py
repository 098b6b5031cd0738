"""One exporter for every spreadsheet the portal hands out.

An export is a `Table` (Chinese headers, rows read lazily from a queryset the user may read, the row
count when known) written by `write_xlsx`, which streams rows into the compressed sheet as they are
read (core.xlsx), so memory stays flat whatever the row count. Column widths come from the first
rows. Text that starts with = + - @ (a formula to a spreadsheet) is written as a quoted text cell:
inert in Excel and WPS, nothing lost.

`export_response` serves every register: up to EXPORT_SYNC_ROWS rows are written while the user
waits; a larger export becomes an ExportJob run by the task worker (core.tasks.build_export) and the
user downloads the file from the job's page when it is ready (docs/imports.md).
"""

import io
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from datetime import date
from itertools import chain, islice

from django.conf import settings
from django.db import transaction
from django.http import HttpResponse
from django.shortcuts import redirect
from django.utils import timezone

from .downloads import download
from .xlsx import write_sheet

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
WIDTH_SAMPLE = 200  # rows measured for the column widths
MAX_WIDTH = 60
PROGRESS_EVERY = 2000  # rows between two progress callbacks


@dataclass
class Table:
    """What an export writes: headers, rows (any iterable, read once) and, when cheap to know, how many."""

    headers: list[str]
    rows: Iterable[Sequence]
    total: int | None = None

    @classmethod
    def from_queryset(cls, queryset, rows_func) -> "Table":
        """A register's table: `rows_func(queryset)` gives (headers, lazy rows); the count is one query."""
        headers, rows = rows_func(queryset)
        return cls(headers=list(headers), rows=rows, total=queryset.count())

    @classmethod
    def from_resource(cls, resource, queryset) -> "Table":
        """The rows of a django-import-export Resource (the same columns its import reads back)."""
        rows = (resource.export_resource(obj, force_native_type=True) for obj in resource.iter_queryset(queryset))
        return cls(headers=[str(h) for h in resource.get_export_headers()], rows=rows, total=queryset.count())


@dataclass
class Export:
    filename: str
    mimetype: str
    content: bytes

    def response(self) -> HttpResponse:
        return download(self.content, filename=self.filename, mimetype=self.mimetype)


def _width(value) -> int:
    if value is None:
        return 0
    if isinstance(value, date):
        return 12
    text = str(value)
    # A CJK character is about two Latin characters wide.
    return sum(2 if ord(ch) > 0x2E7F else 1 for ch in text[:MAX_WIDTH])


def write_xlsx(
    target,
    *,
    title: str,
    headers: Sequence[str],
    rows: Iterable[Sequence],
    progress: Callable[[int], None] | None = None,
) -> int:
    """Write a one-sheet workbook (bold frozen header) to `target` (a path or a binary file); returns
    the number of rows written. Rows are streamed: only the width sample is held at once."""
    rows = iter(rows)
    sample = list(islice(rows, WIDTH_SAMPLE))
    widths = [len(str(h)) * 2 + 2 for h in headers]
    for values in sample:
        for index, value in enumerate(values[: len(widths)]):
            widths[index] = max(widths[index], min(MAX_WIDTH, _width(value) + 2))
    return write_sheet(
        target,
        title=_sheet_title(title),
        headers=headers,
        rows=chain(sample, rows),
        widths=widths,
        progress=progress,
        progress_every=PROGRESS_EVERY,
    )


def _sheet_title(label: str) -> str:
    # Excel refuses []:*?/\ in a sheet name and more than 31 characters.
    return "".join("_" if ch in "[]:*?/\\" else ch for ch in label)[:31] or "Sheet1"


def filename_for(label: str) -> str:
    return f"{label}_{timezone.localdate():%Y%m%d}.xlsx"


def xlsx_export(*, label: str, headers: Sequence[str], rows: Iterable[Sequence]) -> Export:
    """An export written while the user waits (a small one: see `export_response` for registers)."""
    buffer = io.BytesIO()
    write_xlsx(buffer, title=label, headers=headers, rows=rows)
    return Export(filename=filename_for(label), mimetype=XLSX, content=buffer.getvalue())


def export_xlsx(*, resource, queryset, label: str) -> Export:
    """Render `queryset` through `resource` as an Excel file named `<label>_<date>.xlsx`."""
    table = Table.from_resource(resource, queryset)
    return xlsx_export(label=label, headers=table.headers, rows=table.rows)


def export_response(request, *, label: str, table: Callable) -> HttpResponse:
    """The export of a register: `table(request)` is a module-level function of the request's user and
    filters (`request.user`, `request.GET`), so the task worker can run it again for a large export."""
    result = table(request)
    if result.total is not None and result.total > settings.EXPORT_SYNC_ROWS:
        return redirect("core:export_job", pk=_start_export_job(request, label=label, table=table, total=result.total))
    return xlsx_export(label=label, headers=result.headers, rows=result.rows).response()


def _start_export_job(request, *, label: str, table: Callable, total: int) -> int:
    from .models import ExportJob
    from .tasks import build_export

    job = ExportJob.objects.create(
        label=label,
        table_path=f"{table.__module__}.{table.__qualname__}",
        params={key: request.GET.getlist(key) for key in request.GET},
        total_rows=total,
        created_by=request.user,
    )
    transaction.on_commit(lambda: build_export.enqueue(job.pk))
    return job.pk
