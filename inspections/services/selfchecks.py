"""School self-checks: draft → submitted → accepted (failed items become hazards) / returned."""

from datetime import timedelta

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone

from core.services import check_version

from ..models import Answer, SelfCheck, SelfCheckAttachment, SelfCheckStatus
from .common import check_files, log_change, save_files
from .hazards import hazards_from_failed_items
from .records import check_answers

SELF_CHECK_RECTIFY_DAYS = 30


def _own(self_check: SelfCheck, user) -> None:
    if not (user.is_school_admin and user.organization_id == self_check.organization_id):
        raise PermissionDenied("只有本校管理员可以填报本校自查。")


def _locked(self_check: SelfCheck, expected_version: int | None = None) -> SelfCheck:
    current = SelfCheck.objects.select_for_update().get(pk=self_check.pk)
    if expected_version is not None:
        check_version(current, expected_version)
    return current


@transaction.atomic
def selfcheck_create(*, organization, year: int, term: str, checklist, user) -> SelfCheck:
    """Start this term's self-check of the user's own school against the current checklist."""
    if not (user.is_school_admin and user.organization_id == organization.pk):
        raise PermissionDenied("只有本校管理员可以填报本校自查。")
    if SelfCheck.objects.filter(organization=organization, year=year, term=term).exists():
        raise ValidationError("本学期的自查已经创建，请在列表中继续填写。")
    self_check = SelfCheck(
        organization=organization, year=year, term=term, checklist=checklist, created_by=user, updated_by=user
    )
    self_check.full_clean()
    self_check.save()
    log_change(subject=self_check, from_status="", to_status=SelfCheckStatus.DRAFT, user=user)
    return self_check


@transaction.atomic
def selfcheck_save(
    *, self_check: SelfCheck, answers: dict, summary: str, files, user, expected_version: int, submit: bool = False
) -> SelfCheck:
    """Save a draft (answers may be incomplete); a submitted or accepted self-check cannot change.

    With `submit`, the draft is submitted in the same transaction: a refused submission (an item left
    unanswered) saves nothing, so the form shown again still holds the current version.
    """
    _own(self_check, user)
    current = _locked(self_check, expected_version)
    if not current.is_editable:
        raise ValidationError("自查已提交，不能再修改。")
    items = {str(pk) for pk in current.checklist.items.values_list("pk", flat=True)}
    files = check_files(files)
    self_check.answers = {
        k: {"r": v["r"], "n": (v.get("n") or "")[:300]}
        for k, v in answers.items()
        if k in items and v.get("r") in Answer.values
    }
    self_check.summary = summary.strip()
    self_check.updated_by = user
    self_check.version = current.version + 1
    self_check.save()
    save_files(model=SelfCheckAttachment, owner_field="self_check", owner=self_check, files=files, user=user)
    if submit:
        return selfcheck_submit(self_check=self_check, user=user)
    return self_check


@transaction.atomic
def selfcheck_submit(*, self_check: SelfCheck, user) -> SelfCheck:
    """Submit for review: every item must be answered."""
    _own(self_check, user)
    current = _locked(self_check)
    if not current.is_editable:
        raise ValidationError("自查已提交，不能重复提交。")
    check_answers(current.answers, current.checklist)
    from_status = current.status
    self_check.status = SelfCheckStatus.SUBMITTED
    self_check.submitted_at = timezone.now()
    self_check.updated_by = user
    self_check.version = current.version + 1
    log_change(subject=self_check, from_status=from_status, to_status=SelfCheckStatus.SUBMITTED, user=user)
    self_check.save()
    return self_check


@transaction.atomic
def selfcheck_review(
    *, self_check: SelfCheck, accept: bool, user, expected_version: int, reason: str = ""
) -> SelfCheck:
    """The bureau accepts (each failed item becomes an open hazard) or returns with a reason.

    Refused (nothing written) if the self-check changed since the reviewer saw `expected_version`.
    """
    if not user.is_bureau_writer:
        raise PermissionDenied("只有局机关工作人员可以审核自查。")
    current = _locked(self_check, expected_version)
    if current.status != SelfCheckStatus.SUBMITTED:
        raise ValidationError("只有已提交的自查可以审核。")
    if not accept and not reason.strip():
        raise ValidationError({"reason": "退回须写明理由。"})
    to_status = SelfCheckStatus.ACCEPTED if accept else SelfCheckStatus.RETURNED
    self_check.status = to_status
    self_check.reviewed_at = timezone.now()
    self_check.reviewed_by = user
    self_check.return_reason = "" if accept else reason.strip()
    self_check.updated_by = user
    self_check.version = current.version + 1
    log_change(subject=self_check, from_status=SelfCheckStatus.SUBMITTED, to_status=to_status, user=user, reason=reason)
    self_check.save()
    if accept:
        today = timezone.localdate()
        hazards_from_failed_items(
            items=current.checklist.items.filter(pk__in=current.failed_item_ids()).order_by("number"),
            answers=current.answers,
            organization_id=current.organization_id,
            found_on=today,
            deadline=today + timedelta(days=SELF_CHECK_RECTIFY_DAYS),
            user=user,
            reason=f"自查发现（{current}）",
            self_check=self_check,
        )
    return self_check
