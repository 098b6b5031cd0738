"""Helpers shared by the legalaid views: who keeps records, form pages, day and year parameters."""

from datetime import date

from django.shortcuts import render
from django.utils import timezone

from accounts.roles import BUREAU_WRITERS, Role
from core.forms import form_status

# Who may keep counsel records and activities: bureau staff for all, a school for itself.
RECORD_KEEPERS = BUREAU_WRITERS | {Role.SCHOOL_ADMIN}


def form_page(request, template: str, context: dict):
    return render(request, template, context, status=form_status(context["form"]))


def parse_day(value, default: date | None = None) -> date:
    try:
        return date.fromisoformat(value) if value else (default or timezone.localdate())
    except ValueError:
        return default or timezone.localdate()
