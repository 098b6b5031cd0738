"""Prefill a school's 依法治校年度报告表 from its own records in the other modules.

Each module that keeps school records answers for one school and one year through a selector,
`<app>.selectors.school_year_facts(organization, year) -> {key: {"value", "label", "url"}}`. This
module is the small registry of those selectors (PROVIDERS) and of which fact fills which field of the
form (SOURCES). Reports imports no other app: a module that is not installed, or whose selector fails,
leaves its fields for the school to fill by hand. See docs/decisions/0005-school-form-prefill.md.
"""

import logging
from decimal import Decimal

from django.apps import apps
from django.utils.module_loading import import_string

log = logging.getLogger(__name__)

# app label → its selector answering for one school's year
PROVIDERS = {
    "legalaid": "legalaid.selectors.school_year_facts",
    "inspections": "inspections.selectors.school_year_facts",
}

# form field → (app label, fact key)
SOURCES = {
    "has_counsel": ("legalaid", "has_counsel"),
    "counsel_names": ("legalaid", "counsel"),
    "counsel_services": ("legalaid", "services"),
    "law_activities": ("legalaid", "activities"),
    "activity_participants": ("legalaid", "participants"),
    "activity_kinds": ("legalaid", "activity_kinds"),
    "self_checks": ("inspections", "self_checks"),
    "self_checks_accepted": ("inspections", "self_checks_accepted"),
    "hazards_found": ("inspections", "hazards_found"),
    "hazards_closed": ("inspections", "hazards_closed"),
    "hazards_open": ("inspections", "hazards_open"),
    "hazards_overdue": ("inspections", "hazards_overdue"),
    "inspections": ("inspections", "inspections"),
    "inspections_passed": ("inspections", "inspections_passed"),
    "inspections_rectify": ("inspections", "inspections_rectify"),
    "inspections_referred": ("inspections", "inspections_referred"),
    "safety_grade": ("inspections", "safety_grade"),
    "safety_score": ("inspections", "safety_score"),
}


def _facts(app_label: str, organization, year: int) -> dict:
    if not apps.is_installed(app_label) or app_label not in PROVIDERS:
        return {}
    try:
        return import_string(PROVIDERS[app_label])(organization, year)
    except Exception:  # a module's bug must not stop a school from filling its form
        log.exception("prefill from %s failed for organization %s, %s", app_label, organization.pk, year)
        return {}


def _json(value):
    return str(value) if isinstance(value, Decimal) else value


def school_values(organization, year: int) -> tuple[dict, dict]:
    """(values, prefilled): the school's own figures for `year` by form field, and for each the value
    read, where it was read and the list of the records (the form's `prefilled`)."""
    facts = {label: _facts(label, organization, year) for label in {app for app, _key in SOURCES.values()}}
    values, prefilled = {}, {}
    for field, (app_label, key) in SOURCES.items():
        fact = facts[app_label].get(key)
        if fact is None or fact.get("value") is None:
            continue
        values[field] = fact["value"]
        prefilled[field] = {"value": _json(fact["value"]), "source": fact["label"], "url": fact.get("url", "")}
    return values, prefilled
