"""行政检查审批表 → 检查通知 → 回避 (国办发〔2024〕54号).

From 2025 (`RULES_FROM`) no visit is recorded unless an approved 审批表 covers the organization on
that day (`check_approved`, called by `records.check_inspection` for the form and the import alike).
Dates are effective dates (办理日期): a visit made before the portal knew of it can be back-entered
with the approval of that time.
"""

from datetime import date

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone

from core.dates import cn_date, effective_date

from ..models import (
    RULES_FROM,
    ApprovalKind,
    ApprovalStatus,
    CheckApproval,
    CheckNotice,
    FrequencyRule,
    Inspection,
    Recusal,
    RecusalStatus,
)
from .common import log_change, take_number

NOTICE_COUNTER = "check_notice"


# The rule a visit meets --------------------------------------------------------------------------
def approval_covering(*, organization, day: date) -> CheckApproval | None:
    """An approved 审批表 that covers `organization` on `day`, approved no later than that day."""
    return (
        CheckApproval.objects.filter(
            status=ApprovalStatus.APPROVED,
            organizations=organization,
            starts_on__lte=day,
            ends_on__gte=day,
            decided_on__lte=day,
        )
        .order_by("-decided_on", "-id")
        .first()
    )


def check_approved(*, organization, inspected_on: date) -> None:
    """A visit from 2025 needs an approved 行政检查审批表 for the organization and day (error code "unapproved")."""
    if inspected_on < RULES_FROM or approval_covering(organization=organization, day=inspected_on):
        return
    raise ValidationError(
        {
            "inspected_on": ValidationError(
                f"“{organization.name}”{cn_date(inspected_on)}的检查没有经局领导批准的行政检查审批表。"
                "自2025年1月1日起，行政检查须先报局领导审批，未经批准不得实施检查；"
                "请先填报审批表并经批准（补录以前的检查时，审批日期填写当时批准的日期）。",
                code="unapproved",
            )
        }
    )


# The 审批表 -------------------------------------------------------------------------------------
def _check_draft(*, kind: str, plan, organizations, officers) -> None:
    errors = {}
    if kind == ApprovalKind.PLAN and plan is None:
        errors["plan"] = "审批检查行动时请选择检查行动。"
    if kind == ApprovalKind.VISIT and len(organizations) != 1:
        errors["organizations"] = "单次检查请选择1个被检查机构。"
    if not organizations:
        errors["organizations"] = "请至少选择1个被检查机构。"
    if len(officers) < 2:
        errors["officers"] = "行政检查须由2名以上执法人员实施，请至少选择2人。"
    if errors:
        raise ValidationError(errors)


@transaction.atomic
def check_approval_create(*, data: dict, organizations, officers, user) -> CheckApproval:
    """Bureau staff draft a 审批表; a plan's defaults to its checklist and period."""
    if not getattr(user, "is_bureau_writer", False):
        raise PermissionDenied("只有局机关工作人员可以填报行政检查审批表。")
    organizations, officers = list(organizations), list(officers)
    plan = data.get("plan")
    _check_draft(kind=data.get("kind"), plan=plan, organizations=organizations, officers=officers)
    if plan is not None:
        given = {k: v for k, v in data.items() if v is not None}
        data = {"checklist": plan.checklist, "starts_on": plan.starts_on, "ends_on": plan.ends_on, **given}
    approval = CheckApproval(**data, created_by=user, updated_by=user)
    approval.full_clean()
    approval.save()
    approval.organizations.set(organizations)
    approval.officers.set(officers)
    return approval


def _locked(approval: CheckApproval) -> CheckApproval:
    return CheckApproval.objects.select_for_update().get(pk=approval.pk)


@transaction.atomic
def check_approval_submit(*, approval: CheckApproval, user, on: date | None = None) -> CheckApproval:
    """Staff submit a draft (or a returned form) to the leaders."""
    approval = _locked(approval)
    if not getattr(user, "is_bureau_writer", False):
        raise PermissionDenied("只有局机关工作人员可以报批行政检查审批表。")
    if approval.status not in (ApprovalStatus.DRAFT, ApprovalStatus.RETURNED):
        raise ValidationError(f"该审批表{approval.get_status_display()}，不能再次报批。")
    before = approval.status
    approval.status = ApprovalStatus.SUBMITTED
    approval.submitted_on = effective_date(on, field="on", label="报批日期")
    approval.updated_by = user
    log_change(subject=approval, from_status=before, to_status=approval.status, user=user, on=approval.submitted_on)
    approval.save()
    return approval


def _decide_guard(approval: CheckApproval, user) -> None:
    if not getattr(user, "is_leader", False):
        raise PermissionDenied("只有局领导可以审批行政检查审批表。")
    if approval.status != ApprovalStatus.SUBMITTED:
        raise ValidationError(f"该审批表{approval.get_status_display()}，不在待审批状态。")


@transaction.atomic
def check_approval_approve(*, approval: CheckApproval, user, on: date | None = None) -> CheckApproval:
    """A leader approves: each organization gets its numbered 检查通知 (numbers of the approval's year)."""
    approval = _locked(approval)
    _decide_guard(approval, user)
    approval.decided_on = effective_date(
        on, field="on", label="审批日期", not_before=[(approval.submitted_on, "报批日期")]
    )
    approval.status = ApprovalStatus.APPROVED
    approval.decided_by = user
    approval.return_reason = ""
    approval.updated_by = user
    log_change(subject=approval, from_status="submitted", to_status="approved", user=user, on=approval.decided_on)
    approval.save()
    organizations = list(approval.organizations.order_by("name_key", "pk"))
    officers = list(approval.officers.all())
    first = take_number(kind=NOTICE_COUNTER, year=approval.decided_on.year, count=len(organizations))
    for offset, organization in enumerate(organizations):
        _notice_issue(approval=approval, organization=organization, serial=first + offset, officers=officers, user=user)
    return approval


def _notice_issue(*, approval, organization, serial: int, officers, user) -> CheckNotice:
    day = approval.starts_on
    visits_before = Inspection.objects.filter(organization=organization, year=day.year, inspected_on__lt=day).count()
    rule = FrequencyRule.objects.filter(year=day.year, org_kind=organization.kind).first()
    notice = CheckNotice(
        approval=approval,
        organization=organization,
        year=approval.decided_on.year,
        serial=serial,
        issued_on=approval.decided_on,
        visits_before=visits_before,
        cap=rule.max_visits if rule else None,
        created_by=user,
        updated_by=user,
    )
    notice.full_clean()
    notice.save()
    notice.officers.set(officers)
    return notice


@transaction.atomic
def check_approval_return(*, approval: CheckApproval, reason: str, user, on: date | None = None) -> CheckApproval:
    """A leader returns the form with the reason; staff may correct it and submit it again."""
    approval = _locked(approval)
    _decide_guard(approval, user)
    if not (reason or "").strip():
        raise ValidationError({"reason": "请写明退回理由。"})
    approval.decided_on = effective_date(
        on, field="on", label="审批日期", not_before=[(approval.submitted_on, "报批日期")]
    )
    approval.status = ApprovalStatus.RETURNED
    approval.decided_by = user
    approval.return_reason = reason.strip()
    approval.updated_by = user
    log_change(
        subject=approval,
        from_status="submitted",
        to_status="returned",
        user=user,
        reason=approval.return_reason,
        on=approval.decided_on,
    )
    approval.save()
    return approval


# The 检查通知 -----------------------------------------------------------------------------------
@transaction.atomic
def check_notice_receive(*, notice: CheckNotice, user) -> CheckNotice:
    """The organization's administrator acknowledges the notice (签收); it leaves its 待办."""
    if not (getattr(user, "is_school_admin", False) and user.organization_id == notice.organization_id):
        raise PermissionDenied("只有被检查机构的管理员可以签收检查通知。")
    notice = CheckNotice.objects.select_for_update().get(pk=notice.pk)
    if notice.received_on is None:
        notice.received_on = timezone.localdate()
        notice.received_by = user
        notice.updated_by = user
        notice.save()
    return notice


# 回避 ------------------------------------------------------------------------------------------
@transaction.atomic
def recusal_request(*, notice: CheckNotice, officer, reason: str, user) -> Recusal:
    """The organization asks that one of the notice's officers withdraw, with the reason."""
    if not (getattr(user, "is_school_admin", False) and user.organization_id == notice.organization_id):
        raise PermissionDenied("只有被检查机构的管理员可以申请回避。")
    if officer is None or not notice.officers.filter(pk=officer.pk).exists():
        raise ValidationError({"officer": "请选择检查通知中列明的执法人员。"})
    if not (reason or "").strip():
        raise ValidationError({"reason": "请写明申请回避的理由（如与本单位有利害关系）。"})
    if notice.recusals.filter(officer=officer, status=RecusalStatus.PENDING).exists():
        raise ValidationError({"officer": f"已申请{officer.name}回避，正等待教育局决定。"})
    recusal = Recusal(
        notice=notice,
        officer=officer,
        reason=reason.strip(),
        requested_on=timezone.localdate(),
        created_by=user,
        updated_by=user,
    )
    recusal.full_clean()
    recusal.save()
    return recusal


@transaction.atomic
def recusal_decide(
    *, recusal: Recusal, grant: bool, user, reason: str = "", replacement=None, on: date | None = None
) -> Recusal:
    """Bureau staff decide: 同意 removes the officer from the visit (a certified colleague may replace them);
    不同意 needs the reason. The organization sees the decision on its notice."""
    if not getattr(user, "is_bureau_writer", False):
        raise PermissionDenied("只有局机关工作人员可以决定回避申请。")
    recusal = Recusal.objects.select_for_update().get(pk=recusal.pk)
    if recusal.status != RecusalStatus.PENDING:
        raise ValidationError(f"该回避申请已{recusal.get_status_display()}。")
    notice = recusal.notice
    if not grant and not (reason or "").strip():
        raise ValidationError({"reason": "不同意回避时请写明理由。"})
    if grant and replacement is not None:
        if replacement.pk == recusal.officer_id or notice.officers.filter(pk=replacement.pk).exists():
            raise ValidationError({"replacement": "替换人员应为检查通知所列人员以外的执法人员。"})
        if not replacement.is_certified_on(notice.approval.starts_on):
            raise ValidationError({"replacement": f"{replacement.name}的行政执法证在检查日期不在有效期内。"})
    recusal.decided_on = effective_date(
        on, field="on", label="决定日期", not_before=[(recusal.requested_on, "申请日期")]
    )
    recusal.status = RecusalStatus.GRANTED if grant else RecusalStatus.REFUSED
    recusal.decision_reason = (reason or "").strip()
    recusal.replacement = replacement if grant else None
    recusal.decided_by = user
    recusal.updated_by = user
    recusal.save()
    if grant:
        notice.officers.remove(recusal.officer)
        if replacement is not None:
            notice.officers.add(replacement)
    return recusal
