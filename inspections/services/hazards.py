"""The hazard register: 五到位 rectification, submission, verification, extensions, warnings.

open → rectifying (五到位 filled) → submitted (with evidence) → closed, or → returned (with a reason)
→ submitted again. Overdue is never a status: it is derived from the deadline and the effective dates
(HazardQuerySet.overdue).

Every step takes `on`, the day it happened as reported (办理日期, default today): never in the future,
never before the step it follows (core.dates.effective_date). The status log and the history keep
when it was typed.
"""

from datetime import date

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction

from core.dates import cn_date, effective_date
from core.services import check_version, model_create, model_update

from ..models import (
    Hazard,
    HazardEvidence,
    HazardExtension,
    HazardSource,
    HazardStatus,
    Severity,
    WarningNotice,
)
from .common import check_files, log_change, save_files

CLOSED_MESSAGE = "该隐患已销号，不能再修改。"
# How a hazard's description says where a failed item was found.
FOUND_BY = {HazardSource.INSPECTION: "不符合", HazardSource.SELF_CHECK: "自查发现"}


def _locked(hazard: Hazard) -> Hazard:
    return Hazard.objects.select_for_update().get(pk=hazard.pk)


def _check_owner(hazard: Hazard, user) -> None:
    if not (user.is_bureau_writer or (user.is_school_admin and user.organization_id == hazard.organization_id)):
        raise PermissionDenied("只有本单位管理员或局机关工作人员可以填报整改。")


def _transition(hazard: Hazard, to_status: str, user, reason: str = "", *, on: date | None = None) -> None:
    from_status = hazard.status
    hazard.status = to_status
    hazard.updated_by = user
    log_change(subject=hazard, from_status=from_status, to_status=to_status, user=user, reason=reason, on=on)


@transaction.atomic
def hazard_create(*, data: dict, user) -> Hazard:
    """Register a hazard found outside an inspection record (e.g. a daily patrol)."""
    data = {"source": HazardSource.OTHER, **data}
    hazard = model_create(model=Hazard, data=data, user=user)
    log_change(
        subject=hazard, from_status="", to_status=hazard.status, user=user, reason="登记隐患", on=hazard.found_on
    )
    return hazard


def hazards_from_failed_items(
    *,
    items,
    answers: dict,
    organization_id: int,
    found_on,
    deadline,
    user,
    reason: str,
    inspection=None,
    self_check=None,
) -> list[Hazard]:
    """Each failed checklist item of an inspection or of an accepted self-check becomes an open hazard.

    `items` are the failed items, in the order the hazards are registered; `answers` holds each item's
    note (added to the description). A general hazard of the organization, linked to the inspection or
    the self-check that found it (which sets its source), with the status log entry `reason`. Runs in
    the transaction of the service that records the inspection or accepts the self-check.
    """
    source = HazardSource.INSPECTION if inspection is not None else HazardSource.SELF_CHECK
    hazards = []
    for item in items:
        note = answers[str(item.pk)].get("n", "")
        hazard = Hazard.objects.create(
            organization_id=organization_id,
            area=item.area,
            description=f"{item.text}（{FOUND_BY[source]}）" + (f"：{note}" if note else ""),
            severity=Severity.GENERAL,
            found_on=found_on,
            source=source,
            inspection=inspection,
            self_check=self_check,
            checklist_item=item,
            deadline=deadline,
            created_by=user,
            updated_by=user,
        )
        log_change(subject=hazard, from_status="", to_status=hazard.status, user=user, reason=reason, on=found_on)
        hazards.append(hazard)
    return hazards


@transaction.atomic
def hazard_update(*, hazard: Hazard, data: dict, user, expected_version: int) -> Hazard:
    """Bureau correction of a hazard's description, area or severity; a closed hazard is frozen."""
    if _locked(hazard).is_closed:
        raise ValidationError(CLOSED_MESSAGE)
    return model_update(
        instance=hazard,
        data=data,
        user=user,
        expected_version=expected_version,
        fields=["area", "description", "severity", "found_on"],
    )


@transaction.atomic
def hazard_plan(*, hazard: Hazard, data: dict, user, expected_version: int, on: date | None = None) -> Hazard:
    """Fill the 五到位 (measures, person, funds, deadline, prevention); an open hazard starts rectifying.

    The deadline can be set here only while none is set; afterwards only an extension changes it. `on`
    (办理日期) is the day the 五到位 were put in place, kept for an open hazard's first filling; later
    corrections change the plan, not that day.
    """
    _check_owner(hazard, user)
    current = _locked(hazard)
    if current.is_closed:
        raise ValidationError(CLOSED_MESSAGE)
    if current.status == HazardStatus.SUBMITTED:
        raise ValidationError("整改已提交核验，等待局机关核验期间不能修改。")
    fields = ["measures", "responsible_person", "funds", "prevention"]
    if not current.deadline:
        fields.append("deadline")
    missing = [Hazard._meta.get_field(f).verbose_name for f in fields if data.get(f) in (None, "")]
    if missing:
        raise ValidationError(f"“五到位”须填写完整，还缺：{'、'.join(missing)}。")
    if current.status == HazardStatus.OPEN:
        on = effective_date(on, not_before=[(current.found_on, "发现日期")])
        _transition(hazard, HazardStatus.RECTIFYING, user, "落实五到位", on=on)
        data = {**data, "planned_on": on}
        fields.append("planned_on")
    return model_update(
        instance=hazard, data=data, user=user, expected_version=expected_version, fields=[*fields, "status"]
    )


@transaction.atomic
def hazard_submit(
    *, hazard: Hazard, completion_note: str, files, user, expected_version: int, on: date | None = None
) -> Hazard:
    """Hand in the rectification for verification, with evidence (at least one file in all).

    `on` (办理日期) is the day it was handed in: not before the 五到位 were put in place, nor before the
    bureau returned the previous submission. It decides whether the hazard was overdue on a given day.
    """
    _check_owner(hazard, user)
    current = _locked(hazard)
    if current.status not in (HazardStatus.RECTIFYING, HazardStatus.RETURNED):
        raise ValidationError(f"当前状态为“{current.get_status_display()}”，不能提交核验（须先落实五到位）。")
    check_version(current, expected_version)
    if not completion_note.strip():
        raise ValidationError({"completion_note": "请填写整改完成情况。"})
    on = effective_date(
        on,
        not_before=[
            (current.found_on, "发现日期"),
            (current.planned_on, "五到位落实日期"),
            (current.returned_on if current.status == HazardStatus.RETURNED else None, "核验退回日期"),
        ],
    )
    files = check_files(files, field="evidence")
    if not files and not current.evidence.exists():
        raise ValidationError({"evidence": "请上传整改佐证材料（照片或扫描件）。"})
    save_files(model=HazardEvidence, owner_field="hazard", owner=hazard, files=files, user=user)
    hazard.completion_note = completion_note.strip()
    hazard.submitted_on = on
    _transition(hazard, HazardStatus.SUBMITTED, user, "提交整改核验", on=on)
    hazard.version = current.version + 1
    hazard.full_clean()
    hazard.save()
    return hazard


@transaction.atomic
def hazard_verify(
    *, hazard: Hazard, accept: bool, user, expected_version: int, reason: str = "", on: date | None = None
) -> Hazard:
    """The bureau closes a submitted hazard, or returns it with a reason.

    `on` (办理日期) is the day of the verification, not before the submission: the 销号日期 when closed;
    when returned, the submission no longer counts as handed in (its date is cleared), so the hazard is
    overdue again once past its deadline. Refused (nothing written) if the hazard changed since the
    reviewer saw `expected_version`.
    """
    if not user.is_bureau_writer:
        raise PermissionDenied("只有局机关工作人员可以核验整改。")
    current = _locked(hazard)
    check_version(current, expected_version)
    if current.status != HazardStatus.SUBMITTED:
        raise ValidationError(f"当前状态为“{current.get_status_display()}”，只有待核验的隐患可以核验。")
    on = effective_date(on, not_before=[(current.found_on, "发现日期"), (current.submitted_on, "提交核验日期")])
    if accept:
        hazard.closed_on = on
        hazard.verified_by = user
        hazard.return_reason = ""
        _transition(hazard, HazardStatus.CLOSED, user, reason or "核验通过，销号", on=on)
    else:
        if not reason.strip():
            raise ValidationError({"reason": "退回须写明理由。"})
        hazard.return_reason = reason.strip()
        hazard.returned_on = on
        hazard.submitted_on = None
        _transition(hazard, HazardStatus.RETURNED, user, reason.strip(), on=on)
    hazard.version = current.version + 1
    hazard.save()
    return hazard


@transaction.atomic
def hazard_extend(
    *, hazard: Hazard, new_deadline, reason: str, user, expected_version: int, on: date | None = None
) -> HazardExtension:
    """Move the deadline later, with a reason; the old deadline is kept in the extension record.

    `on` (办理日期) is the day the extension was granted: not before the hazard was found or an earlier
    extension, and not after the deadline it moves — a hazard already overdue stays overdue for the
    days it was (so the overdue figures of past days never change; see `overdue_q`). Refused (nothing
    written) if the hazard changed since the reviewer saw `expected_version`.
    """
    if not user.is_bureau_writer:
        raise PermissionDenied("只有局机关工作人员可以批准延期。")
    current = _locked(hazard)
    check_version(current, expected_version)
    if current.is_closed:
        raise ValidationError(CLOSED_MESSAGE)
    if not reason.strip():
        raise ValidationError({"reason": "延期须写明理由。"})
    if not current.deadline:
        raise ValidationError("该隐患尚未确定整改时限，请先落实五到位。")
    if not new_deadline or new_deadline <= current.deadline:
        raise ValidationError({"new_deadline": f"新的整改时限须晚于原时限（{cn_date(current.deadline)}）。"})
    last = current.extensions.order_by("-granted_on").values_list("granted_on", flat=True).first()
    on = effective_date(on, not_before=[(current.found_on, "发现日期"), (last, "上次延期的批准日期")])
    if on > current.deadline:
        raise ValidationError(
            {
                "on": f"办理日期不能晚于原整改时限（{cn_date(current.deadline)}）："
                "延期须在时限届满前批准，已逾期的隐患不能再延期。"
            }
        )
    extension = HazardExtension.objects.create(
        hazard=hazard,
        old_deadline=current.deadline,
        new_deadline=new_deadline,
        reason=reason.strip(),
        granted_on=on,
        by=user,
    )
    hazard.deadline = new_deadline
    hazard.updated_by = user
    hazard.version = current.version + 1
    hazard._change_reason = f"延期：{reason.strip()}"
    hazard.save()
    return extension


@transaction.atomic
def notice_issue(*, hazard: Hazard, title: str, body: str, user, on: date | None = None) -> WarningNotice:
    """一校整改，全区警示: a notice from this hazard shown on every school's home page.

    `on` is its issue date (发布日期, default today), not before the hazard was found.
    """
    if not user.is_bureau_writer:
        raise PermissionDenied("只有局机关工作人员可以发布警示通报。")
    on = effective_date(on, label="发布日期", not_before=[(hazard.found_on, "隐患发现日期")])
    return model_create(
        model=WarningNotice,
        data={"hazard": hazard, "title": title.strip(), "body": body.strip(), "issued_on": on},
        user=user,
    )
