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
