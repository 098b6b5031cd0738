"""Prefill a school's 依法治校年度报告表 from its own records in the other modules.

The other modules publish district figures through core.stats. A statistic function that also accepts
an `organization=` keyword gives that organization's own figure; those are the ones asked here, so a
module that has not landed (or a statistic that cannot answer per school) simply leaves the field for
the school to fill by hand. See docs/decisions/0005-school-form-prefill.md.
"""

import inspect
import logging

from core import stats

log = logging.getLogger(__name__)

# form field → the statistic asked for the school's own value
SOURCES = [
    ("has_counsel", "legalaid.counsel_schools"),
    ("counsel_services", "legalaid.services_total"),
    ("law_activities", "legalaid.activities_total"),
    ("activity_participants", "legalaid.activity_participants"),
    ("self_checks", "inspections.self_checks"),
    ("hazards_found", "inspections.hazards_found"),
    ("hazards_closed", "inspections.hazards_closed"),
]


def accepts_organization(func) -> bool:
    try:
        parameters = inspect.signature(func).parameters
    except (TypeError, ValueError):
        return False
    return "organization" in parameters or any(p.kind is p.VAR_KEYWORD for p in parameters.values())


def school_values(organization, year: int) -> tuple[dict, dict]:
    """(values, sources): the school's own figures for `year`, and the statistic each came from."""
    registry = stats.all_statistics()
    values, sources = {}, {}
    for field, name in SOURCES:
        statistic = registry.get(name)
        if statistic is None or not accepts_organization(statistic.func):
            continue
        try:
            value = statistic.func(year, organization=organization)
        except Exception:  # a module's bug must not stop a school from filling its form
            log.exception("prefill %s from %s failed", field, name)
            continue
        if value is None:
            continue
        values[field] = bool(value) if field == "has_counsel" else max(0, int(value))
        sources[field] = f"{statistic.label}（{name}）"
    return values, sources
