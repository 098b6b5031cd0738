"""Helpers shared by the inspections views."""

from core.exports import xlsx_export


def export_response(*, label: str, rows_func, queryset):
    headers, rows = rows_func(queryset)
    return xlsx_export(label=label, headers=headers, rows=rows).response()
