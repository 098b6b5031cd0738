"""Helpers shared by the inspections views."""

from django.core.exceptions import NON_FIELD_ERRORS, ValidationError

from core.exports import xlsx_export
from core.listing import paginate, query_without_page

from .. import services


def add_errors(form, exc: ValidationError) -> None:
    """Attach a service's ValidationError to the form: on the field when it has one, else on top."""
    if hasattr(exc, "error_dict"):
        for field, errors in exc.error_dict.items():
            target = field if field in form.fields else None
            for error in errors:
                form.add_error(target, error.messages if hasattr(error, "messages") else error)
    else:
        form.add_error(None, exc.messages)


def status_code(form) -> int:
    return 400 if form.is_bound and form.errors else 200


def list_context(request, filterset, **extra) -> dict:
    return {"filter": filterset, "page": paginate(request, filterset.qs), "query": query_without_page(request), **extra}


def export_response(*, label: str, rows_func, queryset):
    headers, rows = rows_func(queryset)
    return xlsx_export(label=label, headers=headers, rows=rows).response()


def changes(subject):
    return services.changes_of(subject)


__all__ = ["NON_FIELD_ERRORS", "add_errors", "changes", "export_response", "list_context", "status_code"]
