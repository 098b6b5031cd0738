"""Helpers shared by the legalaid views: list pages and the bind → service → redirect flow."""

from datetime import date

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.shortcuts import redirect, render
from django.utils import timezone

from accounts.roles import BUREAU_WRITERS, Role
from core.forms import add_service_errors as add_errors  # noqa: F401 (used by the views)
from core.listing import paginate, query_without_page

# Who may keep counsel records and activities: bureau staff for all, a school for itself.
RECORD_KEEPERS = BUREAU_WRITERS | {Role.SCHOOL_ADMIN}


def save_form(request, form, save, *, success: str, next_url=None):
    """Validate `form`, call `save()` (a service call); redirect on success, None to re-render."""
    if request.method != "POST" or not form.is_valid():
        return None
    try:
        obj = save()
    except ValidationError as exc:
        add_errors(form, exc)
        return None
    messages.success(request, success)
    return redirect(next_url or obj)


def form_page(request, template: str, context: dict):
    form = context.get("form")
    status = 400 if form is not None and form.errors else 200
    return render(request, template, context, status=status)


def list_page(request, template: str, filterset, **context):
    page = paginate(request, filterset.qs)
    return render(
        request, template, {"filter": filterset, "page": page, "query": query_without_page(request), **context}
    )


def parse_day(value, default: date | None = None) -> date:
    try:
        return date.fromisoformat(value) if value else (default or timezone.localdate())
    except ValueError:
        return default or timezone.localdate()


def parse_year(value) -> int:
    today = timezone.localdate()
    try:
        year = int(value)
    except (TypeError, ValueError):
        return today.year
    return year if 2000 <= year <= today.year + 1 else today.year
