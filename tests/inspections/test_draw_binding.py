"""A draw binds the inspection: the drawn officers inspect, or the record says why not, and the public sees both."""

from datetime import date

import pytest
from django.urls import reverse

from inspections import services
from inspections.models import Inspection, Substitution

from .factories import InspectionFactory, autumn_random_check
from .test_records import post, record_data

pytestmark = pytest.mark.django_db


@pytest.fixture
def drawn(bureau_staff):
    """The autumn 双随机 of 2022: two of four private kindergartens drawn, two of five officers each."""
    draw = autumn_random_check(bureau_staff)
    entity = draw.entities.order_by("rank").first()
    drawn_officers = list(entity.officers.order_by("name"))
    others = list(type(drawn_officers[0]).objects.exclude(pk__in=[o.pk for o in drawn_officers]).order_by("name"))
    return draw.plan, draw, entity, drawn_officers, others


def autumn_record(plan, entity, officers, **overrides):
    return record_data(plan, entity.organization, officers, inspected_on="2022-10-18", **overrides)


def test_the_record_link_of_a_drawn_organization_ticks_its_drawn_officers(staff_client, drawn):
    plan, draw, entity, drawn_officers, others = drawn
    page = staff_client.get(draw.get_absolute_url()).content.decode()
    link = f"{reverse('inspections:inspection_create')}?plan={plan.pk}&amp;organization={entity.organization_id}"
    assert link in page
    form = staff_client.get(link.replace("&amp;", "&")).context["form"]
    officers = form["officers"]
    ticked = {int(w.data["value"].value) for w in officers.subwidgets if w.data["selected"]}
    assert ticked == {o.pk for o in drawn_officers}
    assert str(form["organization"].value()) == str(entity.organization_id)


def test_the_drawn_officers_need_no_reason(staff_client, drawn):
    plan, draw, entity, drawn_officers, others = drawn
    response = post(staff_client, autumn_record(plan, entity, drawn_officers))
    assert response.status_code == 302
    inspection = Inspection.objects.get()
    assert inspection.substitution_reason == "" and set(inspection.officers.all()) == set(drawn_officers)


def test_other_officers_without_a_reason_are_refused_and_nothing_is_saved(staff_client, drawn):
    plan, draw, entity, drawn_officers, others = drawn
    response = post(staff_client, autumn_record(plan, entity, [drawn_officers[0], others[0]]))
    assert response.status_code == 400
    errors = response.context["form"].errors["substitution_reason"]
    names = "、".join(o.name for o in entity.officers.all())
    assert f"抽取的执法人员为{names}" in errors[0] and "请选择人员调整原因" in errors[0]
    assert not Inspection.objects.exists()


def test_a_recused_officer_replaced_with_a_reason_is_stored_and_published(client, staff_client, drawn):
    plan, draw, entity, drawn_officers, others = drawn
    recused, stays = drawn_officers
    note = f"{recused.name}与该园举办者系近亲属，依法回避，由{others[0].name}替补"
    response = post(
        staff_client,
        autumn_record(
            plan, entity, [stays, others[0]], substitution_reason=Substitution.RECUSAL, substitution_note=note
        ),
    )
    assert response.status_code == 302
    inspection = Inspection.objects.get()
    assert (inspection.substitution_reason, inspection.substitution_note) == ("recusal", note)
    detail = staff_client.get(inspection.get_absolute_url()).content.decode()
    assert "回避" in detail and note in detail

    page = client.get(reverse("inspections:public_draw", args=[draw.pk]))
    row = next(e for e in page.context["entities"] if e.pk == entity.pk)
    assert row.substituted and row.drawn == drawn_officers and set(row.actual) == {stays, others[0]}
    html = page.content.decode()
    assert "实际检查人员" in html and "抽取的执法人员" in html and note in html
    assert "conclusions_public" not in html  # the template's comment stays a comment
    assert "2022年10月18日" in html and "结论待公开" in html  # the conclusion waits for 公开检查结论
    services.plan_publish_results(plan=plan, user=draw.created_by)
    published = client.get(reverse("inspections:public_draw", args=[draw.pk])).content.decode()
    assert "结论待公开" not in published and 'tag-ok">合格' in published


def test_other_needs_a_written_reason(staff_client, drawn):
    plan, draw, entity, drawn_officers, others = drawn
    response = post(staff_client, autumn_record(plan, entity, others[:2], substitution_reason=Substitution.OTHER))
    assert response.status_code == 400
    assert "请写明具体原因" in response.context["form"].errors["substitution_note"][0]
    assert not Inspection.objects.exists()


def test_an_organization_that_was_not_drawn_is_not_bound(staff_client, drawn):
    plan, draw, entity, drawn_officers, others = drawn
    drawn_ids = set(draw.entities.values_list("organization_id", flat=True))
    not_drawn = next(o for o in plan_targets(plan) if o.pk not in drawn_ids)
    response = post(staff_client, record_data(plan, not_drawn, others[:2], inspected_on="2022-10-20"))
    assert response.status_code == 302


def plan_targets(plan):
    from directory.models import Organization

    return Organization.objects.filter(kind__in=plan.target_kinds)


def test_a_record_with_other_officers_and_no_reason_is_flagged_publicly(client, drawn):
    """Records from before this rule (or typed in the admin) are not passed off as following the draw."""
    plan, draw, entity, drawn_officers, others = drawn
    InspectionFactory(plan=plan, organization=entity.organization, inspected_on=date(2022, 10, 18), officers=others)
    page = client.get(reverse("inspections:public_draw", args=[draw.pk])).content.decode()
    assert "未说明调整原因" in page


def test_the_public_draw_page_queries_do_not_grow_with_the_drawn_rows(client, drawn, django_assert_max_num_queries):
    plan, draw, entity, drawn_officers, others = drawn
    url = reverse("inspections:public_draw", args=[draw.pk])
    InspectionFactory(plan=plan, organization=entity.organization, inspected_on=date(2022, 10, 18), officers=others)
    client.get(url)
    with django_assert_max_num_queries(30) as few:
        client.get(url)
    for e in draw.entities.exclude(pk=entity.pk):
        InspectionFactory(plan=plan, organization=e.organization, inspected_on=date(2022, 10, 19), officers=others)
    with django_assert_max_num_queries(len(few.captured_queries)):
        client.get(url)
