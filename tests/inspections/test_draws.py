import io
from datetime import date

import pytest
from django.core.exceptions import ValidationError
from django.core.management import call_command
from django.urls import reverse
from django.utils import timezone

from directory.models import OrgKind
from inspections import services
from inspections.draw_algorithm import commitment_for, select
from inspections.models import Draw, DrawStatus, Officer
from tests.factories import OrganizationFactory

from .factories import InspectionFactory, OfficerFactory, PlanFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def pool(db):
    OfficerFactory.create_batch(4)
    OfficerFactory(valid_until="2020-01-01")  # expired: never in the pool
    kindergartens = OrganizationFactory.create_batch(6, kindergarten=True)
    training = OrganizationFactory.create_batch(5, training=True)
    plan = PlanFactory(target_kinds=[OrgKind.PUBLIC_KINDERGARTEN, OrgKind.SUBJECT_TRAINING])
    return plan, kindergartens, training


def test_selection_is_a_pure_function_of_seed_and_pools():
    pools = {"a": [1, 2, 3, 4, 5, 6], "b": [10, 11, 12]}
    first = select(seed="s1", entity_pool=pools, quotas={"a": 2, "b": 1}, officer_pool=[7, 8, 9], per_entity=2)
    again = select(seed="s1", entity_pool=pools, quotas={"a": 2, "b": 1}, officer_pool=[7, 8, 9], per_entity=2)
    other = [
        select(seed=f"s{i}", entity_pool=pools, quotas={"a": 2, "b": 1}, officer_pool=[7, 8, 9], per_entity=2)
        for i in range(2, 8)
    ]
    assert first == again
    assert any(o.entities != first.entities for o in other)
    assert len([e for e in first.entities if e < 10]) == 2 and len(first.entities) == 3
    assert all(len(set(v)) == 2 for v in first.officers.values())


def test_commit_freezes_pools_and_hides_the_seed_until_the_draw(staff_client, bureau_staff, pool):
    plan, kindergartens, training = pool
    response = staff_client.post(
        reverse("inspections:draw_create", args=[plan.pk]),
        {
            f"quota_{OrgKind.PUBLIC_KINDERGARTEN}": 2,
            f"quota_{OrgKind.SUBJECT_TRAINING}": 1,
            "officers_per_entity": 2,
            "exclude_recent_months": 0,
        },
    )
    draw = Draw.objects.get(plan=plan)
    assert response.status_code == 302
    assert draw.status == DrawStatus.COMMITTED and draw.commitment == commitment_for(draw.seed)
    assert sorted(draw.entity_pool[OrgKind.PUBLIC_KINDERGARTEN]) == sorted(o.pk for o in kindergartens)
    assert len(draw.officer_pool) == 4  # the expired certificate is left out
    page = staff_client.get(draw.get_absolute_url()).content.decode()
    assert draw.commitment in page and draw.seed not in page

    staff_client.post(reverse("inspections:draw_perform", args=[draw.pk]))
    draw.refresh_from_db()
    page = staff_client.get(draw.get_absolute_url()).content.decode()
    assert draw.status == DrawStatus.DRAWN and draw.entities.count() == 3
    assert draw.seed in page and "一致" in page
    assert all(e.officers.count() == 2 for e in draw.entities.all())
    # A performed draw cannot be re-rolled by performing it again.
    with pytest.raises(ValidationError):
        services.draw_perform(draw=draw, user=bureau_staff)


def test_officer_pool_can_be_narrowed_to_chosen_officers(staff_client, pool):
    plan, *_ = pool
    chosen = list(Officer.objects.certified_on(timezone.localdate())[:2])
    staff_client.post(
        reverse("inspections:draw_create", args=[plan.pk]),
        {
            f"quota_{OrgKind.PUBLIC_KINDERGARTEN}": 1,
            "officers_per_entity": 2,
            "exclude_recent_months": 0,
            "officers": [o.pk for o in chosen],
        },
    )
    assert Draw.objects.get().officer_pool == sorted(o.pk for o in chosen)


def test_asking_for_more_than_the_pool_is_refused(staff_client, pool):
    plan, *_ = pool
    response = staff_client.post(
        reverse("inspections:draw_create", args=[plan.pk]),
        {f"quota_{OrgKind.PUBLIC_KINDERGARTEN}": 7, "officers_per_entity": 2, "exclude_recent_months": 0},
    )
    assert response.status_code == 400
    assert "超过检查对象库中的数量（6家）" in response.content.decode()
    assert not Draw.objects.exists()


def test_a_redraw_needs_a_reason_and_keeps_the_first_draw(bureau_staff, pool):
    plan, *_ = pool
    first = services.draw_perform(
        draw=services.draw_commit(plan=plan, quotas={OrgKind.PUBLIC_KINDERGARTEN: 2}, user=bureau_staff),
        user=bureau_staff,
    )
    with pytest.raises(ValidationError, match="重新抽取必须写明理由"):
        services.draw_commit(plan=plan, quotas={OrgKind.PUBLIC_KINDERGARTEN: 2}, user=bureau_staff)
    second = services.draw_commit(
        plan=plan, quotas={OrgKind.PUBLIC_KINDERGARTEN: 2}, user=bureau_staff, redraw_reason="被抽中机构已停办"
    )
    first.refresh_from_db()
    assert first.status == DrawStatus.SUPERSEDED and first.entities.count() == 2
    assert second.sequence == 2 and second.redraw_reason == "被抽中机构已停办"


def test_recently_inspected_organizations_can_be_left_out(bureau_staff, pool):
    from django.utils import timezone

    plan, kindergartens, _ = pool
    InspectionFactory(organization=kindergartens[0], inspected_on=timezone.localdate())
    draw = services.draw_commit(
        plan=plan, quotas={OrgKind.PUBLIC_KINDERGARTEN: 5}, user=bureau_staff, exclude_recent_months=3
    )
    assert kindergartens[0].pk not in draw.entity_pool[OrgKind.PUBLIC_KINDERGARTEN]
    assert len(draw.entity_pool[OrgKind.PUBLIC_KINDERGARTEN]) == 5


def test_fewer_than_two_certified_officers_refuses_the_draw(bureau_staff):
    OfficerFactory()
    OrganizationFactory.create_batch(2)
    plan = PlanFactory(target_kinds=[OrgKind.PUBLIC_PRIMARY])
    with pytest.raises(ValidationError, match="持有效执法证的只有1人"):
        services.draw_commit(plan=plan, quotas={OrgKind.PUBLIC_PRIMARY: 1}, user=bureau_staff)


def test_public_page_and_command_verify_the_draw_and_detect_tampering(client, bureau_staff, pool):
    plan, *_ = pool
    draw = services.draw_perform(
        draw=services.draw_commit(plan=plan, quotas={OrgKind.PUBLIC_KINDERGARTEN: 3}, user=bureau_staff),
        user=bureau_staff,
    )
    assert client.get(reverse("inspections:public_draw", args=[draw.pk])).status_code == 404  # not yet published
    services.plan_publish_results(plan=plan, user=bureau_staff)
    page = client.get(reverse("inspections:public_draw", args=[draw.pk])).content.decode()
    assert draw.seed in page and draw.commitment in page and "✓ 一致" in page
    assert plan.name in client.get(reverse("inspections:public_draws")).content.decode()

    out = io.StringIO()
    call_command("verify_draw", str(draw.pk), stdout=out)
    assert "一致" in out.getvalue()

    # Swap a drawn organization for one that was not drawn: both checks notice.
    entity = draw.entities.first()
    not_drawn = next(
        pk
        for pk in draw.entity_pool[OrgKind.PUBLIC_KINDERGARTEN]
        if pk not in draw.entities.values_list("organization_id", flat=True)
    )
    entity.organization_id = not_drawn
    entity.save()
    assert "✗ 不一致" in client.get(reverse("inspections:public_draw", args=[draw.pk])).content.decode()
    with pytest.raises(SystemExit):
        call_command("verify_draw", str(draw.pk), stdout=io.StringIO(), stderr=io.StringIO())


def test_public_pages_link_only_performed_draws_and_show_the_latest_result(client, staff_client, bureau_staff, pool):
    plan, *_ = pool
    draw = services.draw_perform(
        draw=services.draw_commit(plan=plan, quotas={OrgKind.PUBLIC_KINDERGARTEN: 2}, user=bureau_staff),
        user=bureau_staff,
    )
    services.plan_publish_results(plan=plan, user=bureau_staff)
    pending = services.draw_commit(
        plan=plan, quotas={OrgKind.PUBLIC_KINDERGARTEN: 1}, user=bureau_staff, redraw_reason="补充抽取"
    )
    listing = client.get(reverse("inspections:public_draws")).content.decode()
    assert reverse("inspections:public_draw", args=[draw.pk]) in listing
    assert reverse("inspections:public_draw", args=[pending.pk]) not in listing  # its seed is still secret
    assert client.get(reverse("inspections:public_draw", args=[pending.pk])).status_code == 404

    entity = draw.entities.order_by("rank").first()
    first = InspectionFactory(plan=plan, organization=entity.organization, inspected_on=date(2021, 3, 1))
    latest = InspectionFactory(
        plan=plan, organization=entity.organization, inspected_on=date(2021, 5, 1), conclusion="rectify"
    )
    public = client.get(reverse("inspections:public_draw", args=[draw.pk]))
    shown = dict((e.organization_id, result) for e, result in public.context["results"])
    assert shown[entity.organization_id] == latest
    internal = staff_client.get(reverse("inspections:draw_detail", args=[draw.pk]))
    assert next(e for e in internal.context["entities"] if e.pk == entity.pk).result == latest != first
