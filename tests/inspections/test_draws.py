import hashlib
import hmac
import io
from datetime import date

import pytest
from django.core.exceptions import ValidationError
from django.core.management import CommandError, call_command
from django.urls import reverse

from directory.models import OrgKind
from inspections import services
from inspections.draw_algorithm import select
from inspections.models import Draw, DrawStatus, Officer
from tests.factories import OrganizationFactory

from .factories import InspectionFactory, OfficerFactory, PlanFactory

pytestmark = pytest.mark.django_db

SEED = "5e2f" * 16  # 256 bits as 64 hex digits, like the seeds the service makes


def hmac_hex(key: str, message: str) -> str:
    return hmac.new(key.encode("utf-8"), message.encode("utf-8"), hashlib.sha256).hexdigest()


def by_hand(seed: str, pools: dict, quotas: dict, officers: list[int], per_entity: int = 2):
    """The published algorithm, written out here with nothing but hmac/hashlib (docs/decisions/0006)."""
    drawn = []
    for kind in sorted(quotas):
        drawn += sorted((hmac_hex(seed, f"entity:{e}"), e) for e in pools[kind])[: quotas[kind]]
    entities = [e for _, e in sorted(drawn)]
    assigned = {
        e: [o for _, o in sorted((hmac_hex(seed, f"officer:{e}:{o}"), o) for o in officers)[:per_entity]]
        for e in entities
    }
    return entities, assigned


@pytest.fixture
def pool(db):
    OfficerFactory.create_batch(4)
    OfficerFactory(valid_until="2020-01-01")  # expired: never in the pool
    kindergartens = OrganizationFactory.create_batch(6, kindergarten=True)
    training = OrganizationFactory.create_batch(5, training=True)
    plan = PlanFactory(target_kinds=[OrgKind.PUBLIC_KINDERGARTEN, OrgKind.SUBJECT_TRAINING])
    return plan, kindergartens, training


@pytest.fixture
def fixed_seed(monkeypatch):
    """Draws committed in the test use SEED: the generator is the only source of seeds."""
    monkeypatch.setattr("inspections.services.draws.new_seed", lambda: SEED)
    return SEED


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


def test_algorithm_matches_a_known_answer_computed_with_plain_hmac():
    pools = {"subject_training": [34, 55, 89, 144], "private_kindergarten": [3, 5, 8, 13, 21]}
    quotas = {"private_kindergarten": 2, "subject_training": 1}
    entities, assigned = by_hand(SEED, pools, quotas, [2, 4, 6, 7])
    # The same vector, written down: anyone re-implementing the algorithm can check their tool with it.
    assert hashlib.sha256(SEED.encode()).hexdigest() == (
        "265498c6a7c12001c7a9bbda1eff7c0525e2cc19ba0d76da16ea17b8f380e173"
    )
    assert (entities, assigned) == ([5, 21, 55], {5: [7, 2], 21: [2, 6], 55: [7, 6]})
    selection = select(seed=SEED, entity_pool=pools, quotas=quotas, officer_pool=[2, 4, 6, 7], per_entity=2)
    assert selection.entities == entities and selection.officers == assigned


def test_the_service_draws_what_plain_hmac_computes_from_the_public_data(bureau_staff, pool, fixed_seed):
    plan, kindergartens, training = pool
    draw = services.draw_commit(
        plan=plan, quotas={OrgKind.PUBLIC_KINDERGARTEN: 2, OrgKind.SUBJECT_TRAINING: 1}, user=bureau_staff
    )
    assert draw.commitment == hashlib.sha256(SEED.encode()).hexdigest()
    draw = services.draw_perform(draw=draw, user=bureau_staff)
    pools = {
        OrgKind.PUBLIC_KINDERGARTEN: sorted(o.pk for o in kindergartens),
        OrgKind.SUBJECT_TRAINING: sorted(o.pk for o in training),
    }
    officers = sorted(Officer.objects.filter(valid_until__gt=date(2021, 1, 1)).values_list("pk", flat=True))
    entities, assigned = by_hand(SEED, pools, {OrgKind.PUBLIC_KINDERGARTEN: 2, OrgKind.SUBJECT_TRAINING: 1}, officers)
    stored = list(draw.entities.order_by("rank"))
    assert [e.organization_id for e in stored] == entities
    assert {e.organization_id: sorted(o.pk for o in e.officers.all()) for e in stored} == {
        k: sorted(v) for k, v in assigned.items()
    }


def test_no_caller_chooses_the_seed(bureau_staff, pool):
    plan, *_ = pool
    with pytest.raises(TypeError):
        services.draw_commit(plan=plan, quotas={OrgKind.PUBLIC_KINDERGARTEN: 1}, user=bureau_staff, seed="abc")
    first = services.draw_commit(plan=plan, quotas={OrgKind.PUBLIC_KINDERGARTEN: 1}, user=bureau_staff)
    second = services.draw_commit(
        plan=plan, quotas={OrgKind.PUBLIC_KINDERGARTEN: 1}, user=bureau_staff, redraw_reason="数量填错"
    )
    assert len(first.seed) == 64 and first.seed != second.seed


def test_commit_freezes_pools_and_publishes_them_at_once_with_the_seed_hidden(client, staff_client, pool):
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
    assert draw.status == DrawStatus.COMMITTED and draw.pool_date == plan.starts_on
    assert sorted(draw.entity_pool[OrgKind.PUBLIC_KINDERGARTEN]) == sorted(o.pk for o in kindergartens)
    assert len(draw.officer_pool) == 4  # the expired certificate is left out

    # The public page exists from the commit: pools, quotas and commitment, not the seed.
    public = client.get(reverse("inspections:public_draw", args=[draw.pk]))
    page = public.content.decode()
    assert public.status_code == 200
    assert draw.commitment in page and draw.seed not in page and kindergartens[0].name in page
    assert "公办幼儿园：库内6家，抽取2家" in page and "抽取完成后公开" in page
    listing = client.get(reverse("inspections:public_draws")).content.decode()
    assert plan.name in listing and "第1次抽取（已承诺（待抽取））" in listing

    staff_client.post(reverse("inspections:draw_perform", args=[draw.pk]))
    draw.refresh_from_db()
    page = client.get(reverse("inspections:public_draw", args=[draw.pk])).content.decode()
    assert draw.status == DrawStatus.DRAWN and draw.entities.count() == 3
    assert draw.seed in page and "✓ 抽取结果一致" in page
    assert all(e.officers.count() == 2 for e in draw.entities.all())
    with pytest.raises(ValidationError):  # a performed draw cannot be re-rolled by performing it again
        services.draw_perform(draw=draw, user=draw.created_by)


def test_officer_pool_can_be_narrowed_to_chosen_officers(staff_client, pool):
    plan, *_ = pool
    chosen = list(Officer.objects.certified_on(plan.starts_on)[:2])
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
    assert first.superseded_by == second and first.replaced_reason == "被抽中机构已停办"
    assert second.sequence == 2 and second.redraw_reason == "被抽中机构已停办"
    assert services.draw_verify(first)["ok"]  # a superseded draw stays verifiable


def test_a_commitment_replaced_before_its_draw_is_withdrawn_not_inconsistent(client, bureau_staff, pool):
    plan, *_ = pool
    first = services.draw_commit(plan=plan, quotas={OrgKind.PUBLIC_KINDERGARTEN: 2}, user=bureau_staff)
    second = services.draw_commit(
        plan=plan, quotas={OrgKind.PUBLIC_KINDERGARTEN: 3}, user=bureau_staff, redraw_reason="抽取数量应为3家"
    )
    first.refresh_from_db()
    assert first.status == DrawStatus.WITHDRAWN and first.superseded_by == second
    with pytest.raises(ValidationError, match="不能再次抽取"):
        services.draw_perform(draw=first, user=bureau_staff)

    page = client.get(reverse("inspections:public_draw", args=[first.pk])).content.decode()
    assert "已撤回（未抽取）" in page and "抽取数量应为3家" in page and "第2次抽取" in page
    assert "✗" not in page and "不一致" not in page
    assert first.seed in page  # nothing was drawn from it: its seed is shown, and matches the commitment

    out = io.StringIO()
    call_command("verify_draw", str(first.pk), stdout=out)  # exit code 0: no SystemExit
    assert "已撤回（未抽取）" in out.getvalue() and "复核结果：一致" in out.getvalue()


def test_verify_draw_refuses_a_draw_not_yet_performed(bureau_staff, pool):
    plan, *_ = pool
    draw = services.draw_commit(plan=plan, quotas={OrgKind.PUBLIC_KINDERGARTEN: 2}, user=bureau_staff)
    with pytest.raises(CommandError, match="尚未执行"):
        call_command("verify_draw", str(draw.pk), stdout=io.StringIO())


def test_recently_inspected_organizations_can_be_left_out(bureau_staff, pool):
    plan, kindergartens, _ = pool
    plan.starts_on = date(2022, 3, 1)
    plan.save()
    InspectionFactory(organization=kindergartens[0], inspected_on=date(2021, 12, 15))  # within 3 months
    InspectionFactory(organization=kindergartens[1], inspected_on=date(2021, 11, 20))  # earlier than that
    draw = services.draw_commit(
        plan=plan, quotas={OrgKind.PUBLIC_KINDERGARTEN: 5}, user=bureau_staff, exclude_recent_months=3
    )
    assert draw.entity_pool[OrgKind.PUBLIC_KINDERGARTEN] == sorted(o.pk for o in kindergartens[1:])


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
    page = client.get(reverse("inspections:public_draw", args=[draw.pk])).content.decode()
    assert draw.seed in page and draw.commitment in page and "✓ 抽取结果一致" in page

    out = io.StringIO()
    call_command("verify_draw", str(draw.pk), stdout=out)
    assert "复核结果：一致" in out.getvalue()

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


def test_public_draw_list_and_internal_page_show_the_latest_result(client, staff_client, bureau_staff, pool):
    plan, *_ = pool
    draw = services.draw_perform(
        draw=services.draw_commit(plan=plan, quotas={OrgKind.PUBLIC_KINDERGARTEN: 2}, user=bureau_staff),
        user=bureau_staff,
    )
    pending = services.draw_commit(
        plan=plan, quotas={OrgKind.PUBLIC_KINDERGARTEN: 1}, user=bureau_staff, redraw_reason="补充抽取"
    )
    listing = client.get(reverse("inspections:public_draws")).content.decode()
    assert reverse("inspections:public_draw", args=[draw.pk]) in listing
    assert reverse("inspections:public_draw", args=[pending.pk]) in listing  # public from its commit
    pending_page = client.get(reverse("inspections:public_draw", args=[pending.pk])).content.decode()
    assert pending.commitment in pending_page and pending.seed not in pending_page

    entity = draw.entities.order_by("rank").first()
    officers = list(entity.officers.all())
    first = InspectionFactory(
        plan=plan, organization=entity.organization, inspected_on=date(2021, 3, 1), officers=officers
    )
    latest = InspectionFactory(
        plan=plan,
        organization=entity.organization,
        inspected_on=date(2021, 5, 1),
        conclusion="rectify",
        officers=officers,
    )
    public = client.get(reverse("inspections:public_draw", args=[draw.pk]))
    shown = {e.organization_id: e.result for e in public.context["entities"]}
    assert shown[entity.organization_id] == latest
    internal = staff_client.get(reverse("inspections:draw_detail", args=[draw.pk]))
    assert next(e for e in internal.context["entities"] if e.pk == entity.pk).result == latest != first


def test_withdrawn_status_is_given_to_old_superseded_commitments_by_the_data_migration(bureau_staff, pool):
    import importlib

    from django.apps import apps

    migration = importlib.import_module("inspections.migrations.0004_draws_withdrawn_and_pool_date")
    plan, *_ = pool
    first = services.draw_commit(plan=plan, quotas={OrgKind.PUBLIC_KINDERGARTEN: 2}, user=bureau_staff)
    second = services.draw_commit(
        plan=plan, quotas={OrgKind.PUBLIC_KINDERGARTEN: 2}, user=bureau_staff, redraw_reason="重新冻结两库"
    )
    # How the data stood before this change: marked superseded, pointing nowhere.
    Draw.objects.filter(pk=first.pk).update(status=DrawStatus.SUPERSEDED, superseded_by=None)
    migration.forwards(apps, None)
    first.refresh_from_db()
    assert first.status == DrawStatus.WITHDRAWN and first.superseded_by == second
