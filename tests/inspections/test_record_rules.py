"""The rules every inspection record meets: within its plan's period, and not the same visit typed twice."""

from datetime import date

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from inspections import services
from inspections.models import Inspection

from .factories import InspectionFactory, OfficerFactory, PlanFactory
from .test_records import post, record_data

pytestmark = pytest.mark.django_db


@pytest.fixture
def spring_2022(checklist, school_a):
    """The 2022 term-start checks: March only."""
    return PlanFactory(
        name="2022年春季开学核验", checklist=checklist, starts_on=date(2022, 2, 14), ends_on=date(2022, 3, 31)
    )


def test_a_date_outside_the_plans_period_is_refused_beside_the_date(staff_client, spring_2022, school_a, officers):
    for day in ("2022-02-13", "2022-04-01", "2021-03-01"):
        response = post(staff_client, record_data(spring_2022, school_a, officers[:2], inspected_on=day))
        assert response.status_code == 400
        assert response.context["form"].errors["inspected_on"] == [
            "检查日期应在行动期间（2022年2月14日至2022年3月31日）内。"
        ]
    assert not Inspection.objects.exists()
    response = post(staff_client, record_data(spring_2022, school_a, officers[:2], inspected_on="2022-03-31"))
    assert response.status_code == 302 and Inspection.objects.get().inspected_on == date(2022, 3, 31)


def test_the_date_picker_offers_only_the_plans_period(staff_client, spring_2022):
    page = staff_client.get(reverse("inspections:inspection_create") + f"?plan={spring_2022.pk}").content.decode()
    assert 'min="2022-02-14"' in page and 'max="2022-03-31"' in page


def test_a_plans_period_cannot_shrink_past_its_inspections(bureau_staff, spring_2022, school_a):
    InspectionFactory(plan=spring_2022, organization=school_a, inspected_on=date(2022, 3, 28))
    with pytest.raises(ValidationError) as refused:
        services.plan_update(
            plan=spring_2022,
            data={"ends_on": date(2022, 3, 25)},
            partners=[],
            user=bureau_staff,
            expected_version=spring_2022.version,
        )
    assert refused.value.message_dict == {"ends_on": ["本行动已有2022年3月28日的检查记录，结束日期不能早于该日。"]}
    spring_2022.refresh_from_db()
    assert spring_2022.ends_on == date(2022, 3, 31)


def test_the_same_visit_twice_is_warned_and_saved_only_once_confirmed(staff_client, spring_2022, school_a, officers):
    data = record_data(spring_2022, school_a, officers[:2], inspected_on="2022-03-01")
    form_page = staff_client.get(reverse("inspections:inspection_create") + f"?plan={spring_2022.pk}")
    assert 'name="separate_visit"' not in form_page.content.decode()  # no confirmation until it is needed
    assert post(staff_client, data).status_code == 302
    first = Inspection.objects.get()

    again = post(staff_client, data)
    assert again.status_code == 400
    warning = again.context["form"].errors["inspected_on"][0]
    assert f"2022年3月1日已有该机构在本行动下的检查记录（{first.number}）" in warning
    assert 'name="separate_visit"' in again.content.decode()
    assert Inspection.objects.count() == 1

    confirmed = post(staff_client, {**data, "separate_visit": "on", "notes": "下午复查消防通道"})
    assert confirmed.status_code == 302 and Inspection.objects.count() == 2
    next_day = post(staff_client, {**data, "inspected_on": "2022-03-02"})
    assert next_day.status_code == 302  # another day is another visit


def test_check_inspection_lists_every_problem_at_once_for_the_import(spring_2022, school_a, officers):
    """The inspection import calls the same function: one row, every problem, the duplicate by its code."""
    InspectionFactory(plan=spring_2022, organization=school_a, inspected_on=date(2022, 3, 1), officers=officers[:2])
    expired = OfficerFactory(name="过期员", valid_until=date(2021, 12, 31))
    with pytest.raises(ValidationError) as refused:
        services.check_inspection(
            plan=spring_2022, organization=school_a, inspected_on=date(2022, 3, 1), officers=[officers[0], expired]
        )
    errors = refused.value.error_dict
    assert set(errors) == {"inspected_on", "officers"}
    assert [e.code for e in errors["inspected_on"]] == ["duplicate"]
    assert "过期员的行政执法证在检查日期不在有效期内" in errors["officers"][0].messages[0]
    # Confirmed as a separate visit, with valid officers, the row passes.
    assert services.check_inspection(
        plan=spring_2022,
        organization=school_a,
        inspected_on=date(2022, 3, 1),
        officers=officers[:2],
        separate_visit=True,
    ) == ("", "")
