"""Helpers shared by the inspections views."""

from django.core.exceptions import NON_FIELD_ERRORS

from core.exports import xlsx_export
from core.forms import add_service_errors as add_errors  # noqa: F401 (used by the views)
from core.forms import form_status as status_code  # noqa: F401

from .. import services


def export_response(*, label: str, rows_func, queryset):
    headers, rows = rows_func(queryset)
    return xlsx_export(label=label, headers=headers, rows=rows).response()


def changes(subject):
    return services.changes_of(subject)


__all__ = ["NON_FIELD_ERRORS", "add_errors", "changes", "export_response", "status_code"]
