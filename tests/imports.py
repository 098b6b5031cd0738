"""Helpers for tests of the upload → preview → confirm imports (core.import_views)."""

import io

import openpyxl
from django.core.files.uploadedfile import SimpleUploadedFile


def xlsx_upload(headers, rows, name: str = "导入.xlsx") -> SimpleUploadedFile:
    book = openpyxl.Workbook()
    sheet = book.active
    sheet.append(list(headers))
    for row in rows:
        sheet.append(list(row))
    buffer = io.BytesIO()
    book.save(buffer)
    return SimpleUploadedFile(name, buffer.getvalue())


def confirm(client, url: str, preview):
    """Press 确认导入 on the page of `preview` (the response of the upload), as the browser does."""
    return client.post(url, {"step": "confirm", "token": preview.context["token"]})


# One list of bad cell values sent through every import (tests/test_import_bad_values.py).
FORMULA = "=1+1"  # written by openpyxl: a formula cell without a computed value
BAD_VALUES = [
    "abc",
    "3.5",
    -1,
    "1e9",
    99_999_999_999,
    "1900-01-01",
    "2099-12-31",
    "2021-13-45",
    FORMULA,
    "长" * 300,
    "   ",
]
