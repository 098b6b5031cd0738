"""双随机 draws: commit (pools frozen, seed hashed), then perform (selection made, seed revealed)."""

import secrets

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from directory.models import Organization, OrgKind, OrgStatus

from ..draw_algorithm import DrawError, commitment_for, select
from ..models import Draw, DrawnEntity, DrawStatus, Inspection, Officer, Plan
from .common import log_change, months_before


def entity_pool_for(*, quotas: dict, township=None, exclude_recent_months: int = 0, today=None) -> dict[str, list[int]]:
    """The organizations that may be drawn, per kind: active, optionally in one township, optionally
    leaving out those inspected within the last N months."""
    today = today or timezone.localdate()
    organizations = Organization.objects.filter(status=OrgStatus.ACTIVE, kind__in=list(quotas))
    if township is not None:
        organizations = organizations.filter(township=township)
    if exclude_recent_months:
        since = months_before(today, exclude_recent_months)
        recent = Inspection.objects.filter(inspected_on__gte=since, inspected_on__lte=today).values("organization_id")
        organizations = organizations.exclude(pk__in=recent)
    pool: dict[str, list[int]] = {kind: [] for kind in quotas}
    for pk, kind in organizations.order_by("id").values_list("id", "kind"):
        pool[kind].append(pk)
    return pool


@transaction.atomic
def draw_commit(
    *,
    plan: Plan,
    quotas: dict[str, int],
    user,
    officers_per_entity: int = 2,
    township=None,
    exclude_recent_months: int = 0,
    officers=None,
    redraw_reason: str = "",
    seed: str | None = None,
) -> Draw:
    """Freeze both pools and record SHA-256(seed) before anything is drawn.

    A second draw for the same plan needs a written reason; the earlier one is kept, marked superseded.
    """
    plan = Plan.objects.select_for_update().get(pk=plan.pk)
    quotas = {k: int(v) for k, v in quotas.items() if int(v or 0) > 0}
    if not quotas:
        raise ValidationError("请至少为一类机构填写抽取数量。")
    if unknown := set(quotas) - set(OrgKind.values):
        raise ValidationError(f"未知的机构类型：{'、'.join(sorted(unknown))}。")
    earlier = list(plan.draws.exclude(status=DrawStatus.SUPERSEDED))
    if earlier and not redraw_reason.strip():
        raise ValidationError({"redraw_reason": "该行动已经抽取过，重新抽取必须写明理由（原抽取结果将保留）。"})
    today = timezone.localdate()
    entity_pool = entity_pool_for(
        quotas=quotas, township=township, exclude_recent_months=exclude_recent_months, today=today
    )
    certified = Officer.objects.certified_on(today)
    if officers is not None:
        certified = certified.filter(pk__in=[o.pk for o in officers])
    officer_pool = sorted(certified.values_list("id", flat=True))
    labels = dict(OrgKind.choices)
    for kind, count in quotas.items():
        if count > len(entity_pool[kind]):
            raise ValidationError(
                f"{labels[kind]}：抽取数量（{count}家）超过检查对象库中的数量（{len(entity_pool[kind])}家）。"
            )
    if officers_per_entity < 2:
        raise ValidationError({"officers_per_entity": "每家被抽中机构至少须安排2名持证执法人员。"})
    if len(officer_pool) < officers_per_entity:
        raise ValidationError(f"执法人员库中持有效执法证的只有{len(officer_pool)}人，不足每家{officers_per_entity}人。")
    for old in earlier:
        old.status = DrawStatus.SUPERSEDED
        old.updated_by = user
        old.save()
        log_change(
            subject=old, from_status=DrawStatus.DRAWN, to_status=DrawStatus.SUPERSEDED, user=user, reason=redraw_reason
        )
    seed = seed or secrets.token_hex(32)
    draw = Draw(
        plan=plan,
        sequence=plan.draws.count() + 1,
        quotas=quotas,
        officers_per_entity=officers_per_entity,
        township=township,
        exclude_recent_months=exclude_recent_months,
        entity_pool=entity_pool,
        officer_pool=officer_pool,
        commitment=commitment_for(seed),
        seed=seed,
        redraw_reason=redraw_reason.strip(),
        created_by=user,
        updated_by=user,
    )
    draw.full_clean()
    draw.save()
    log_change(subject=draw, from_status="", to_status=DrawStatus.COMMITTED, user=user, reason=redraw_reason)
    return draw


@transaction.atomic
def draw_perform(*, draw: Draw, user) -> Draw:
    """Make the selection from the committed seed and frozen pools; the seed becomes public."""
    draw = Draw.objects.select_for_update().get(pk=draw.pk)
    if draw.status != DrawStatus.COMMITTED:
        raise ValidationError("该抽取已经完成或已作废，不能再次抽取。")
    try:
        selection = select(
            seed=draw.seed,
            entity_pool=draw.entity_pool,
            quotas=draw.quotas,
            officer_pool=draw.officer_pool,
            per_entity=draw.officers_per_entity,
        )
    except DrawError as exc:
        raise ValidationError(str(exc)) from exc
    for rank, org_id in enumerate(selection.entities, start=1):
        entity = DrawnEntity.objects.create(draw=draw, organization_id=org_id, rank=rank)
        entity.officers.set(selection.officers[org_id])
    draw.status = DrawStatus.DRAWN
    draw.drawn_at = timezone.now()
    draw.updated_by = user
    draw.save()
    log_change(subject=draw, from_status=DrawStatus.COMMITTED, to_status=DrawStatus.DRAWN, user=user)
    return draw


def draw_verify(draw: Draw) -> dict:
    """Recompute the selection from the published data and compare it with the stored result."""
    ok_commitment = commitment_for(draw.seed) == draw.commitment
    selection = select(
        seed=draw.seed,
        entity_pool=draw.entity_pool,
        quotas=draw.quotas,
        officer_pool=draw.officer_pool,
        per_entity=draw.officers_per_entity,
    )
    stored = list(draw.entities.order_by("rank").values_list("organization_id", flat=True))
    stored_officers = {
        e.organization_id: sorted(o.pk for o in e.officers.all()) for e in draw.entities.prefetch_related("officers")
    }
    recomputed_officers = {k: sorted(v) for k, v in selection.officers.items()}
    return {
        "commitment_ok": ok_commitment,
        "entities_ok": stored == selection.entities,
        "officers_ok": stored_officers == recomputed_officers,
        "ok": ok_commitment and stored == selection.entities and stored_officers == recomputed_officers,
        "recomputed": selection.entities,
    }
