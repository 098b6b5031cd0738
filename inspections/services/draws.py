"""双随机 draws: commit (pools frozen, seed hashed), then perform (selection made, seed revealed).

Both pools describe the plan's start date (`Draw.pool_date`), not the day somebody clicked: the
organizations in the registry on that day and the officers whose certificate is valid on it.
"""

import secrets
from datetime import date

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Count
from django.utils import timezone

from directory.models import Organization, OrgKind

from ..draw_algorithm import DrawError, commitment_for, select
from ..models import Draw, DrawnEntity, DrawStatus, Inspection, Officer, Plan
from .common import log_change, months_before


def new_seed() -> str:
    """A fresh 256-bit secret seed. The only source of seeds: tests that need a fixed one patch this."""
    return secrets.token_hex(32)


def organizations_for_draw(*, kinds, day: date, township=None):
    """The organizations of `kinds` that may be drawn on a plan starting `day` (optionally one township)."""
    organizations = Organization.objects.operating_on(day).filter(kind__in=list(kinds))
    if township is not None:
        organizations = organizations.filter(township=township)
    return organizations


def pool_sizes(*, kinds, day: date) -> dict[str, int]:
    """How many organizations of each kind a draw on `day` would start from (for the draw form)."""
    rows = organizations_for_draw(kinds=kinds, day=day).values_list("kind").annotate(n=Count("id")).order_by()
    return dict(rows)


def entity_pool_for(*, quotas: dict, day: date, township=None, exclude_recent_months: int = 0) -> dict[str, list[int]]:
    """The organizations that may be drawn, per kind: in the registry on `day`, optionally in one
    township, optionally leaving out those inspected within the N months before `day`."""
    organizations = organizations_for_draw(kinds=quotas, day=day, township=township)
    if exclude_recent_months:
        since = months_before(day, exclude_recent_months)
        recent = Inspection.objects.filter(inspected_on__gte=since, inspected_on__lt=day).values("organization_id")
        organizations = organizations.exclude(pk__in=recent)
    pool: dict[str, list[int]] = {kind: [] for kind in quotas}
    for pk, kind in organizations.order_by("id").values_list("id", "kind"):
        pool[kind].append(pk)
    return pool


def _withdraw_or_supersede(*, earlier: list[Draw], by: Draw, reason: str, user) -> None:
    """Retire the plan's earlier draws: a performed one is superseded (its result stays public), a
    commitment never performed is withdrawn (its seed becomes public; nothing was drawn from it)."""
    for old in earlier:
        to_status = DrawStatus.SUPERSEDED if old.status == DrawStatus.DRAWN else DrawStatus.WITHDRAWN
        log_change(subject=old, from_status=old.status, to_status=to_status, user=user, reason=reason)
        old.status = to_status
        old.superseded_by = by
        old.updated_by = user
        old.save()


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
) -> Draw:
    """Freeze both pools as of the plan's start and record SHA-256 of a new secret seed.

    The seed comes from `new_seed()` only; no caller chooses it. A second draw for the same plan needs a
    written reason; the earlier one is kept, marked superseded (performed) or withdrawn (not performed).
    """
    plan = Plan.objects.select_for_update().get(pk=plan.pk)
    quotas = {k: int(v) for k, v in quotas.items() if int(v or 0) > 0}
    if not quotas:
        raise ValidationError("请至少为一类机构填写抽取数量。")
    if unknown := set(quotas) - set(OrgKind.values):
        raise ValidationError(f"未知的机构类型：{'、'.join(sorted(unknown))}。")
    earlier = list(plan.draws.filter(status__in=[DrawStatus.COMMITTED, DrawStatus.DRAWN]))
    if earlier and not redraw_reason.strip():
        raise ValidationError({"redraw_reason": "该行动已经抽取过，重新抽取必须写明理由（原抽取结果将保留）。"})
    day = plan.starts_on
    entity_pool = entity_pool_for(
        quotas=quotas, day=day, township=township, exclude_recent_months=exclude_recent_months
    )
    certified = Officer.objects.certified_on(day)
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
        raise ValidationError(
            f"执法人员库中在{day:%Y年%-m月%-d日}（行动开始日）持有效执法证的只有{len(officer_pool)}人，"
            f"不足每家{officers_per_entity}人。"
        )
    seed = new_seed()
    draw = Draw(
        plan=plan,
        sequence=plan.draws.count() + 1,
        quotas=quotas,
        officers_per_entity=officers_per_entity,
        township=township,
        exclude_recent_months=exclude_recent_months,
        pool_date=day,
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
    _withdraw_or_supersede(earlier=earlier, by=draw, reason=redraw_reason.strip(), user=user)
    log_change(subject=draw, from_status="", to_status=DrawStatus.COMMITTED, user=user, reason=redraw_reason)
    return draw


@transaction.atomic
def draw_perform(*, draw: Draw, user) -> Draw:
    """Make the selection from the committed seed and frozen pools; the seed becomes public."""
    draw = Draw.objects.select_for_update().get(pk=draw.pk)
    if draw.status != DrawStatus.COMMITTED:
        raise ValidationError("该抽取已经完成、已作废或已撤回，不能再次抽取。")
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
    """Recompute the selection from the published data and compare it with the stored result.

    A withdrawn commitment has no result: it is consistent when its seed matches the commitment and
    nothing was stored as drawn from it.
    """
    ok_commitment = commitment_for(draw.seed) == draw.commitment
    stored = list(draw.entities.order_by("rank").values_list("organization_id", flat=True))
    if draw.status == DrawStatus.WITHDRAWN:
        return {
            "withdrawn": True,
            "commitment_ok": ok_commitment,
            "entities_ok": not stored,
            "officers_ok": not stored,
            "ok": ok_commitment and not stored,
            "recomputed": [],
        }
    selection = select(
        seed=draw.seed,
        entity_pool=draw.entity_pool,
        quotas=draw.quotas,
        officer_pool=draw.officer_pool,
        per_entity=draw.officers_per_entity,
    )
    stored_officers = {
        e.organization_id: sorted(o.pk for o in e.officers.all()) for e in draw.entities.prefetch_related("officers")
    }
    recomputed_officers = {k: sorted(v) for k, v in selection.officers.items()}
    return {
        "withdrawn": False,
        "commitment_ok": ok_commitment,
        "entities_ok": stored == selection.entities,
        "officers_ok": stored_officers == recomputed_officers,
        "ok": ok_commitment and stored == selection.entities and stored_officers == recomputed_officers,
        "recomputed": selection.entities,
    }
