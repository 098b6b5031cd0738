"""Every figure of the annual report is true for its year, and its trace lists exactly what it counted.

For every registered statistic (parametrized over the registry, so a new statistic is checked the day it
is registered), bureau staff open the statistic's trace URL and the list's total equals the figure: on the
2021 demo district and on a second year, 2022, built with factories on top of it (plans with a draw,
inspections of several kinds of organization, a hazard rectified late, a kindergarten closed mid-year, an
officer whose certificate expired in June, a counsel appointment that ended in May).

- count: the number of rows listed (or the sum the list shows, MEASURES);
- table: each row with a url, the same way;
- rate: its numerator and denominator, each read off a list (RATES);
- amount (an average, a recorded baseline): the trace opens and lists the records it was computed from.
"""

import io
from datetime import date

import pytest
from django.core.management import call_command
from django.db import transaction
from django.test import override_settings

from accounts.roles import Role
from core import stats
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db

YEARS = (2021, 2022)

# How a figure is read off its trace page when it is not the number of rows listed:
# ("totals", key) — a sum the list shows over every matching row; ("context", key, …) — a figure the page states.
MEASURES = {
    "directory.public_school_sites": ("totals", "sites"),
    "inspections.smart_campus_sites": ("context", "summary", "sites"),
    "inspections.checklist_items": ("context", "item_count"),
    "conversions.staff": ("context", "assignees"),
    "reports.school_forms_activities": ("totals", "activities"),
    "reports.school_forms_hazards_found": ("totals", "found"),
    "reports.school_forms_hazards_closed": ("totals", "closed"),
    "legalaid.activities_total": ("totals", "sessions"),
    "legalaid.activity_participants": ("totals", "participants"),
    "legalaid.wulao_talks": ("totals", "sessions"),
    "legalaid.wulao_audience": ("totals", "participants"),
    "legalaid.reading_winners": ("totals", "winners"),
    "legalaid.activities_by_kind": ("totals", "sessions"),
}


def _list(name, **params):
    """A list URL for a rate's part."""
    from urllib.parse import urlencode

    from django.urls import reverse

    return lambda year: f"{reverse(name)}?{urlencode({k: v(year) if callable(v) else v for k, v in params.items()})}"


def _end(year):
    return date(year, 12, 31).isoformat()


# A rate = numerator / denominator: each part is a statistic of kind count (whose own trace is checked
# here too) or a list URL of `year`, read like a count.
RATES = {
    "inspections.joint_share": (_list("inspections:inspection_list", year=str, joint="true"), "inspections.total"),
    "inspections.smart_campus_rate": (
        "inspections.smart_campus_schools",
        _list("directory:organization_list", as_of=_end, ownership="public", kind_group="school"),
    ),
    "legalaid.counsel_coverage": ("legalaid.counsel_schools", "legalaid.schools_total"),
    "reports.school_forms_rate": ("reports.school_forms_submitted", "reports.school_forms_total"),
    "inspections.publication_rate": (
        _list("inspections:plan_list", year=str, draw="published"),
        _list("inspections:plan_list", year=str, draw="drawn"),
    ),
    "inspections.completion_rate": (
        _list("inspections:inspection_list", plan_year=str),
        (_list("inspections:plan_list", year=str), ("totals", "planned")),
    ),
}

# Rates capped at 100% (more inspections than planned is “done”).
CAPPED = {"inspections.completion_rate"}

# Rates whose parts no list shows, with the reason.
RATES_WITHOUT_LIST = {
    "conversions.reduction_rate": "from the registry's history: institutions in the state on 1 January",
}


# --- the district: the 2021 demo, and a 2022 built with factories ----------------------------------


def second_year():
    """2022 on top of the demo, with the texture of a real year (shared/second-year.md)."""
    from accounts.roles import Role
    from directory.models import OrgKind, OrgStatus, Ownership
    from inspections.models import ExamineeCategory, HazardStatus, LawExam, PlanKind
    from reports.models import SchoolFormStatus
    from tests.factories import OrganizationFactory, UserFactory
    from tests.inspections.factories import (
        AssessmentFactory,
        HazardFactory,
        InspectionFactory,
        OfficerFactory,
        PlanFactory,
        SmartCampusFactory,
        autumn_random_check,
    )
    from tests.legalaid.factories import (
        ActivityFactory,
        AppointmentFactory,
        CadreTrainingFactory,
        ServiceRecordFactory,
    )
    from tests.reports.factories import SchoolReportFormFactory

    user = UserFactory(username="second-year", role=Role.BUREAU_STAFF)
    closed_kg = OrganizationFactory(
        kindergarten=True, established_on=date(2005, 9, 1), status=OrgStatus.DEREGISTERED, status_date=date(2022, 7, 1)
    )
    kindergarten = OrganizationFactory(private_kindergarten=True, established_on=date(2012, 9, 1))
    new_training = OrganizationFactory(training=True, established_on=date(2022, 9, 1))
    nonsubject = OrganizationFactory(
        kind=OrgKind.NONSUBJECT_TRAINING, ownership=Ownership.PRIVATE, name="测试艺术培训中心", established_on=None
    )
    private_school = OrganizationFactory(kind=OrgKind.PRIVATE_SCHOOL, ownership=Ownership.PRIVATE, name="测试民办学校")
    school = OrganizationFactory(established_on=date(1990, 9, 1), sites=2)

    spring = PlanFactory(
        name="2022年春季开学核验", kind=PlanKind.TERM_START, starts_on=date(2022, 2, 20), ends_on=date(2022, 3, 31)
    )
    for organization, day in (
        (closed_kg, date(2022, 2, 25)),
        (closed_kg, date(2022, 3, 20)),  # inspected twice: one organization
        (kindergarten, date(2022, 3, 1)),
        (private_school, date(2022, 3, 2)),
        (nonsubject, date(2022, 3, 3)),
    ):
        InspectionFactory(plan=spring, organization=organization, inspected_on=day)
    autumn = PlanFactory(
        name="2022年秋季培训机构专项检查",
        kind=PlanKind.SPECIAL,
        starts_on=date(2022, 9, 15),
        ends_on=date(2022, 10, 31),
        planned_count=3,
    )
    changed = OrganizationFactory(training=True, established_on=date(2018, 3, 1), name="测试学科培训（次年变更）")
    for organization, day in (
        (new_training, date(2022, 9, 20)),
        (nonsubject, date(2022, 9, 21)),
        (changed, date(2022, 9, 22)),
    ):
        InspectionFactory(plan=autumn, organization=organization, inspected_on=day, is_joint=True)
    # 学科类 when inspected in 2022, changed to 非学科类 in 2023 (what a completed 变更 case does to the registry).
    type(changed).objects.filter(pk=changed.pk).update(kind=OrgKind.NONSUBJECT_TRAINING)
    draw = autumn_random_check(user)
    drawn = {entity.organization_id for entity in draw.entities.all()}
    for pk in drawn:
        InspectionFactory(plan=draw.plan, organization_id=pk, inspected_on=date(2022, 10, 20))

    # Rectified late: found in November, handed in and closed in the next year — open and overdue on 31 December.
    HazardFactory(
        organization=private_school,
        found_on=date(2022, 11, 10),
        deadline=date(2022, 11, 30),
        status=HazardStatus.CLOSED,
        submitted_on=date(2023, 1, 10),
        closed_on=date(2023, 2, 1),
    )
    HazardFactory(
        organization=kindergarten,
        found_on=date(2022, 4, 1),
        deadline=date(2022, 4, 20),
        status=HazardStatus.CLOSED,
        submitted_on=date(2022, 4, 15),
        closed_on=date(2022, 4, 18),
    )
    HazardFactory(
        organization=school, found_on=date(2022, 12, 20), deadline=date(2023, 1, 10), status=HazardStatus.OPEN
    )

    OfficerFactory(valid_from=date(2019, 1, 1), valid_until=date(2022, 6, 30))  # expired in June
    OfficerFactory(valid_from=date(2022, 9, 1), valid_until=date(2027, 8, 31))  # certified in September
    LawExam.objects.create(year=2022, name="测试干部", category=ExamineeCategory.CADRE, exam_date=date(2022, 6, 1))

    AppointmentFactory(  # ended in May: the school is not covered on 31 December
        organization=school, start_date=date(2021, 1, 1), end_date=date(2022, 5, 31), ends_on=date(2022, 5, 31)
    )
    covered = AppointmentFactory(organization=kindergarten, start_date=date(2022, 1, 1), end_date=date(2024, 12, 31))
    ServiceRecordFactory(appointment=covered, date=date(2022, 6, 1))
    ActivityFactory(date=date(2022, 4, 15), sessions=3, participants=200, organizations=[school])
    CadreTrainingFactory(date=date(2022, 3, 10))
    SmartCampusFactory(organization=school, completed_on=date(2022, 6, 1), sites=2)
    AssessmentFactory(organization=school, year=2022)
    SchoolReportFormFactory(organization=school, year=2022, status=SchoolFormStatus.SUBMITTED, has_counsel=True)
    return {"private_kindergartens": drawn | {kindergarten.pk}}


@pytest.fixture(scope="module")
def district(django_db_setup, django_db_blocker):
    fast = override_settings(PASSWORD_HASHERS=["django.contrib.auth.hashers.MD5PasswordHasher"])
    with django_db_blocker.unblock(), fast, transaction.atomic():
        call_command("load_demo", stdout=io.StringIO())
        yield second_year()
        transaction.set_rollback(True)


# --- reading a list ------------------------------------------------------------------------------


def listed(client, url, measure=None):
    response = client.get(url)
    assert response.status_code == 200, url
    context = response.context
    if measure is None:
        return context["page"].paginator.count
    if measure[0] == "totals":
        return context["totals"][measure[1]] or 0
    value = context[measure[1]]
    for key in measure[2:]:
        value = value[key]
    return value


def part(client, spec, year):
    if isinstance(spec, str):
        statistic = stats.get(spec)
        return listed(client, statistic.url(year), MEASURES.get(spec))
    if isinstance(spec, tuple):
        url, measure = spec
        return listed(client, url(year), measure)
    return listed(client, spec(year))


NAMES = sorted(stats.all_statistics())

# Traces that only one role may read (the rest are read as bureau staff): the organizations' anonymous
# ratings of visits reach the legal section, never the inspectors (扫码入企).
READERS = {"inspections.visit_ratings": Role.LEGAL_REVIEWER}


@pytest.mark.parametrize("year", YEARS)
@pytest.mark.parametrize("name", NAMES)
def test_trace_lists_what_the_figure_counts(district, staff_client, name, year):
    if name in READERS:
        staff_client.force_login(UserFactory(username="trace_reader", role=READERS[name]))
    statistic = stats.get(name)
    value = statistic.value(year)
    if statistic.kind == "count":
        assert statistic.trace, f"{name} has no trace: say which records it counted"
        assert listed(staff_client, statistic.url(year), MEASURES.get(name)) == value
    elif statistic.kind == "table":
        assert statistic.trace, f"{name} has no trace"
        assert staff_client.get(statistic.url(year)).status_code == 200  # the table's own page opens
        for row in value:
            if row.get("url"):
                assert listed(staff_client, row["url"], MEASURES.get(name)) == row["value"], row["label"]
    elif statistic.kind == "rate":
        if name in RATES_WITHOUT_LIST:
            assert value is None or 0 <= value <= 1
            return
        assert name in RATES, f"{name}: name its numerator and denominator in RATES"
        numerator, denominator = (part(staff_client, spec, year) for spec in RATES[name])
        if not denominator:
            assert value in (None, 0, 0.0)
        else:
            expected = numerator / denominator
            assert value == pytest.approx(min(1.0, expected) if name in CAPPED else expected, abs=1e-4)
    else:
        assert statistic.kind == "amount", f"{name}: unknown kind {statistic.kind}"
        assert statistic.trace, f"{name} has no trace"
        rows = listed(staff_client, statistic.url(year), ("context", "count") if ".baseline_" in name else None)
        assert (rows > 0) == (value is not None), f"{name}: {value} from {rows} listed records"


def test_second_year_figures_are_those_of_its_records(district):
    """The 2022 texture shows in the figures: as of 31 December, not today, and not the registry's count."""

    def value(name):
        return stats.get(name).value(2022)

    inspected = {row["label"]: row["value"] for row in value("inspections.inspected_by_org_kind")}
    private_kindergartens = len(district["private_kindergartens"])  # the spring one and the two drawn
    assert (inspected["公办幼儿园"], inspected["民办幼儿园"]) == (1, private_kindergartens)
    assert inspected["民办学校"] == 1 and inspected["非学科类培训机构"] == 1
    # Counted by the kind each had when inspected: the institution changed to 非学科类 in 2023 is 学科类 in 2022.
    assert inspected["学科类培训机构"] == 2
    assert value("inspections.inspected_subject_training") == 2
    assert value("inspections.inspected_nonsubject_training") == 1
    assert value("inspections.inspected_kindergartens") == 1 + private_kindergartens
    assert value("inspections.hazards_found") == 3
    assert value("inspections.hazards_closed") == 1  # the late one closed in 2023
    assert value("inspections.hazards_open") == 2
    assert value("inspections.hazards_overdue") == 1
    # The kindergarten deregistered on 1 July 2022 was in the registry on 31 December 2021, not 2022.
    assert value("directory.kindergartens") == stats.get("directory.kindergartens").value(2021) - 1
    assert value("conversions.baseline_steps") == 3  # the demo's 2021 baseline still describes 2022
