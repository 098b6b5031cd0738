"""琅琊小学's 2021 依法治校年度报告表 is prefilled from its demo records (the demo loaded once)."""

import pytest

from directory.models import Organization
from reports.models import SchoolReportForm
from reports.prefill import school_values

pytestmark = pytest.mark.django_db


def test_langya_gets_its_own_non_zero_figures_for_2021(demo_district):
    langya = Organization.objects.get(name="琅琊小学")
    values, prefilled = school_values(langya, 2021)
    assert values["has_counsel"] is True and "律师事务所" in values["counsel_names"]
    for name in ("counsel_services", "law_activities", "activity_participants", "self_checks", "hazards_found"):
        assert values[name] > 0, name
    assert values["activity_kinds"] and values["safety_grade"] == "优秀"
    # The seed's 2021 inspections went to kindergartens, private schools and training institutions.
    assert values["inspections"] == 0
    assert all(entry["url"].startswith("/") for entry in prefilled.values())
    # The demo's submitted form carries the same figures, each with where it came from.
    form = SchoolReportForm.objects.get(organization=langya, year=2021)
    assert {name: getattr(form, name) for name in values} == values
    assert form.corrected_fields() == []
    # Another named school's figures differ: nothing is shared by accident.
    other, _ = school_values(Organization.objects.get(name="天母山小学"), 2021)
    assert other["counsel_names"] != values["counsel_names"] or other["law_activities"] != values["law_activities"]
