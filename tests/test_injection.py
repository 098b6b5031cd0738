"""Stored markup never renders as markup: every page of the portal, its forms included, shown with
`<img src=x onerror=…>` in every string field of every record (names, uploaded file names, notes,
audit entries, history rows), as each role that may open it. The markup must appear escaped.
"""

from types import SimpleNamespace

import pytest
from django.apps import apps
from django.core.exceptions import ValidationError
from django.db import IntegrityError, models, transaction
from django.db.models import CharField, Value
from django.db.models.functions import Cast, Concat, Left

from accounts.roles import Role
from tests.clients import PortalClient
from tests.test_url_matrix import ALL, WITH_ARGS, samples, url_for

PAYLOAD = "<img src=x onerror=alert(1)>"
RAW = "<img src=x"
ESCAPED = "&lt;img src=x"
APPS = {"accounts", "core", "directory", "inspections", "legalaid", "conversions", "reports"}
# Strings that are not user text: generated markup kept as such (a frozen report's HTML, escaped when
# it was frozen), and the internal names of an import's stored file and loader.
NOT_USER_TEXT = {
    ("reports", "reportsnapshot", "html"),
    ("core", "importjob", "stash"),
    ("core", "importjob", "resource_path"),
}
SHORTEST = len(RAW) + 6  # room for the row's key, which keeps unique fields unique


def text_fields(model):
    for field in model._meta.concrete_fields:
        key = (model._meta.app_label, model._meta.model_name, field.name)
        if (
            isinstance(field, (models.CharField, models.TextField))
            and not isinstance(field, models.FileField)
            and not field.choices
            and key not in NOT_USER_TEXT
            and (field.max_length is None or field.max_length >= SHORTEST)
            and field.name != "password"
        ):
            yield field


def fill_every_string_with_markup() -> int:
    filled = 0
    for model in apps.get_models():
        if model._meta.app_label not in APPS or model._meta.proxy or not model._meta.managed:
            continue
        updates = {}
        for field in text_fields(model):
            room = (field.max_length or 200) - 6
            updates[field.name] = Concat(Left(Value(PAYLOAD), room), Cast("pk", CharField()), output_field=CharField())
        if updates:
            filled += model._base_manager.update(**updates)
    return filled


# Edit forms whose fields hold stored text: the markup must be on them, escaped (the appointment's
# contract file name was once put raw into its form's help text).
FORMS = {
    "accounts:user_edit",
    "directory:organization_edit",
    "inspections:hazard_edit",
    "inspections:hazard_plan",
    "inspections:officer_edit",
    "inspections:plan_edit",
    "legalaid:activity_edit",
    "legalaid:appointment_edit",
    "legalaid:firm_edit",
    "legalaid:lawyer_edit",
    "legalaid:service_edit",
    "reports:school_form_edit",
    "reports:section_edit",
    "reports:block_edit",
}


def chosen_users(rule, people):
    """The school's own administrator where the page is theirs too, and the first district-wide or
    administrator role allowed."""
    allowed = [u for u in people if rule == "public" or u.role in rule]
    return [u for u in allowed if u.role == Role.SCHOOL_ADMIN] + [u for u in allowed if u.role != Role.SCHOOL_ADMIN][:1]


@pytest.mark.django_db
def test_stored_markup_is_shown_escaped(
    school_a, school_b, school_admin_a, bureau_staff, leader, portal_admin, security_admin, audit_admin, legal_reviewer
):
    """Few worlds for every page (one per page made this the slowest test of the suite): the URLs'
    sample objects are built into one world until one conflicts with another (e.g. a second 营转非
    case of the same institution), which goes to the next world; in each, every string of every record
    is filled with markup and every page opened as the roles chosen for it."""
    ctx = SimpleNamespace(school_a=school_a, school_b=school_b, school_admin_a=school_admin_a, staff=bureau_staff)
    every_sample = samples()
    people = [school_admin_a, bureau_staff, leader, portal_admin, security_admin, audit_admin, legal_reviewer]
    clients = {}
    for user in people:
        clients[user.pk] = PortalClient()
        clients[user.pk].force_login(user)
    problems, waiting = [], sorted(ALL)
    while waiting:
        later, urls = [], {}
        with transaction.atomic():
            for name in waiting:
                try:
                    with transaction.atomic():
                        urls[name] = url_for(name, every_sample[name].build(ctx) if name in WITH_ARGS else {})
                except (IntegrityError, ValidationError):
                    later.append(name)
            assert urls, f"no sample of {later} can be built"
            assert fill_every_string_with_markup() > 10
            for name, url in urls.items():
                problems += page_problems(name, url, people, clients)
            transaction.set_rollback(True)
        waiting = later
    assert not problems, "\n".join(problems)


def page_problems(name, url, people, clients) -> list[str]:
    problems, pages = [], []
    for user in chosen_users(ALL[name][1].callback.access, people):
        with transaction.atomic():  # each page sees the world as built, whatever the one before did
            response = clients[user.pk].get(url)
            html = "text/html" in response.get("Content-Type", "") and not response.streaming
            page = response.content.decode() if html else ""
            transaction.set_rollback(True)
        if response.status_code >= 500:
            problems.append(f"{name} as {user.role}: {response.status_code}")
        elif html:
            at = page.find(RAW)
            if at >= 0:
                problems.append(f"{name} as {user.role}: raw markup at …{page[max(at - 120, 0) : at + 40]}…")
            pages.append(page)
    if name in FORMS and not any(ESCAPED in page for page in pages):
        problems.append(f"{name}: the stored text is not on the form")
    return problems


def test_no_template_marks_user_text_safe():
    """`|safe` only on the official documents' font lists, which come from the settings, never from users."""
    import re
    from pathlib import Path

    from django.conf import settings

    found = []
    for template in Path(settings.BASE_DIR, "templates").rglob("*.html"):
        for line_no, line in enumerate(template.read_text().splitlines(), start=1):
            for match in re.finditer(r"\{\{\s*([^}|]+)\|safe", line):
                if not re.fullmatch(r"fonts\.\w+\s*", match.group(1)):
                    found.append(f"{template}:{line_no}: {match.group(0)}")
    assert not found, "\n".join(found)
