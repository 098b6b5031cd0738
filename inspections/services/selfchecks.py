"""School self-checks: draft → submitted → accepted (failed items become hazards) / returned.

Submission and review take `on`, the day they happened as reported (办理日期, default today): never in
the future, a submission not before its term began (or before the bureau returned it), a review not
before the submission.
"""

from datetime import date, timedelta

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction

from core.dates import effective_date
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
    *,
    self_check: SelfCheck,
    answers: dict,
    summary: str,
    files,
    user,
    expected_version: int,
    submit: bool = False,
    on: date | None = None,
) -> SelfCheck:
    """Save a draft (answers may be incomplete); a submitted or accepted self-check cannot change.

    With `submit`, the draft is submitted on `on` (办理日期) in the same transaction: a refused
    submission (an item left unanswered, a wrong date) saves nothing, so the form shown again still
    holds the current version.
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
        return selfcheck_submit(self_check=self_check, user=user, on=on)
    return self_check


@transaction.atomic
def selfcheck_submit(*, self_check: SelfCheck, user, on: date | None = None) -> SelfCheck:
    """Submit for review on `on` (办理日期): every item must be answered."""
    _own(self_check, user)
    current = _locked(self_check)
    if not current.is_editable:
        raise ValidationError("自查已提交，不能重复提交。")
    check_answers(current.answers, current.checklist)
    returned_on = current.reviewed_on if current.status == SelfCheckStatus.RETURNED else None
    on = effective_date(
        on,
        label="提交日期",
        not_before=[
            (current.term_starts_on, f"{current.year}年{current.get_term_display()}自查的开始日期"),
            (returned_on, "局机关退回的日期"),
        ],
    )
    from_status = current.status
    self_check.status = SelfCheckStatus.SUBMITTED
    self_check.submitted_on = on
    self_check.updated_by = user
    self_check.version = current.version + 1
    log_change(subject=self_check, from_status=from_status, to_status=SelfCheckStatus.SUBMITTED, user=user, on=on)
    self_check.save()
    return self_check


@transaction.atomic
def selfcheck_review(
    *, self_check: SelfCheck, accept: bool, user, expected_version: int, reason: str = "", on: date | None = None
) -> SelfCheck:
    """The bureau accepts (each failed item becomes an open hazard) or returns with a reason.

    `on` (办理日期) is the day of the review, not before the submission; the hazards of an accepted
    self-check are found that day and due SELF_CHECK_RECTIFY_DAYS later. Refused (nothing written) if
    the self-check changed since the reviewer saw `expected_version`.
    """
    if not user.is_bureau_writer:
        raise PermissionDenied("只有局机关工作人员可以审核自查。")
    current = _locked(self_check, expected_version)
    if current.status != SelfCheckStatus.SUBMITTED:
        raise ValidationError("只有已提交的自查可以审核。")
    if not accept and not reason.strip():
        raise ValidationError({"reason": "退回须写明理由。"})
    on = effective_date(on, not_before=[(current.submitted_on, "自查提交日期")])
    to_status = SelfCheckStatus.ACCEPTED if accept else SelfCheckStatus.RETURNED
    self_check.status = to_status
    self_check.reviewed_on = on
    self_check.reviewed_by = user
    self_check.return_reason = "" if accept else reason.strip()
    self_check.updated_by = user
    self_check.version = current.version + 1
    log_change(
        subject=self_check, from_status=SelfCheckStatus.SUBMITTED, to_status=to_status, user=user, reason=reason, on=on
    )
    self_check.save()
    if accept:
        hazards_from_failed_items(
            items=current.checklist.items.filter(pk__in=current.failed_item_ids()).order_by("number"),
            answers=current.answers,
            organization_id=current.organization_id,
            found_on=on,
            deadline=on + timedelta(days=SELF_CHECK_RECTIFY_DAYS),
            user=user,
            reason=f"自查发现（{current}）",
            self_check=self_check,
        )
    return self_check
