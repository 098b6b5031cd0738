"""Every write of a conversion case. Each checks its guard, records who did it, and adds to the timeline.

Status changes of a case, a track or a material happen here and nowhere else. Completing a case
changes the institution's registry record in the same transaction, through the directory's model
with history (django-simple-history keeps the change reason).

Every reported step carries the day it happened (办理日期: a visit's, a step's, a material check's, a
track's, the completion's, the withdrawal's): default today, never in the future, never before the case
was opened (core.dates.effective_date). The timeline is ordered by those days; when each entry was
typed is kept beside it.
"""

from datetime import date, timedelta

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone
from simple_history.utils import bulk_update_with_history

from core.dates import cn_date, effective_date
from core.services import check_version, model_create, model_update
from directory.models import Organization

from .models import (
    PROCEDURES,
    CaseEvent,
    CaseStatus,
    ConversionCase,
    EventKind,
    MaterialItem,
    MaterialStatus,
    MaterialTemplate,
    ProcedureBaseline,
    Step,
    Track,
    TrackStatus,
    Visit,
    deadline_days,
    departments_for,
)
from .registry import confirmed_registry, registry_change, registry_summary

CLOSED_MESSAGE = "案件{number}已{status}，不能再修改。"


def _event(*, case: ConversionCase, kind: str, message: str, user, on: date | None = None) -> CaseEvent:
    """A timeline entry for the day it happened (`on`, default today), typed now."""
    return CaseEvent.objects.create(
        case=case,
        kind=kind,
        message=message[:300],
        actor=user,
        happened_on=on or timezone.localdate(),
        at=timezone.now(),
    )


def _case_date(case: ConversionCase, value: date | None, *, field: str = "on", label: str = "办理日期") -> date:
    """The effective date of a step of `case`: default today, not in the future, not before the opening."""
    return effective_date(value, field=field, label=label, not_before=[(case.opened_on, "案件受理日期")])


def _require_open(case: ConversionCase) -> None:
    if case.status != CaseStatus.OPEN:
        raise ValidationError(CLOSED_MESSAGE.format(number=case.number, status=case.get_status_display()))


def _number_prefix(year: int) -> str:
    return f"YZF-{year}-"


def case_number(year: int, serial: int) -> str:
    """案件编号, e.g. YZF-2021-007."""
    return f"{_number_prefix(year)}{serial:03d}"


def last_case_serial(year: int) -> int:
    """The highest serial among `year`'s case numbers (0 if none yet): one read of that year's numbers."""
    numbers = ConversionCase.objects.filter(number__startswith=_number_prefix(year)).values_list("number", flat=True)
    return max((int(n.rsplit("-", 1)[1]) for n in numbers if n.rsplit("-", 1)[1].isdigit()), default=0)


def _next_number(year: int) -> str:
    return case_number(year, last_case_serial(year) + 1)


def case_prepare(*, data: dict) -> ConversionCase:
    """An unsaved case from `data`, with number and deadline filled in, ready for full_clean()."""
    case = ConversionCase(**data)
    if case.opened_on and not case.due_on:
        case.due_on = case.opened_on + timedelta(days=deadline_days())
    if not case.number and case.opened_on:
        case.number = _next_number(case.opened_on.year)
    return case


def case_save_new(*, case: ConversionCase, user) -> ConversionCase:
    """Save a validated new case with its department tracks and material checklist, and log the opening."""
    case.created_by = case.updated_by = user
    case._change_reason = "受理立案"
    try:
        with transaction.atomic():
            case.save()
    except IntegrityError as exc:  # a parallel opening for the same institution or number
        raise ValidationError({"organization": "该机构已有办理中的营转非案件，或案件编号冲突，请刷新后重试。"}) from exc
    Track.objects.bulk_create(
        [
            Track(case=case, department=dept, procedure=procedure, created_by=user, updated_by=user)
            for dept, procedure in PROCEDURES[case.kind].items()
        ]
    )
    needed = set(departments_for(case.kind))
    templates = [t for t in MaterialTemplate.objects.filter(active=True) if t.applies_to(case.kind)]
    MaterialItem.objects.bulk_create(
        [
            MaterialItem(
                case=case,
                template=t,
                department=t.department,
                name=t.name,
                sort_order=t.sort_order,
                created_by=user,
                updated_by=user,
            )
            for t in templates
            if t.department in needed
        ]
    )
    _event(
        case=case,
        kind=EventKind.OPENED,
        message=f"受理{case.get_kind_display()}，经办人{case.assignee.get_full_name()}，办结时限{cn_date(case.due_on)}",
        user=user,
        on=case.opened_on,
    )
    return case


@transaction.atomic
def case_open(*, data: dict, user) -> ConversionCase:
    """Open a case for an institution: one open case per institution, subject-class and active only.

    Creates the tracks the kind needs (转登: 市场监管, 教育, 民政; 变更 and 注销: 市场监管, 教育) and the
    material checklist of those departments.
    """
    case = case_prepare(data=data)
    case.full_clean()
    return case_save_new(case=case, user=user)


@transaction.atomic
def case_update(*, case: ConversionCase, data: dict, user, expected_version: int) -> ConversionCase:
    """Change the assignee, deadline, approved name or note of an open case (refused if stale)."""
    _require_open(case)
    old_assignee = case.assignee
    allowed = ("assignee", "due_on", "new_name", "note")
    case._change_reason = "修改案件"
    case = model_update(instance=case, data=data, user=user, expected_version=expected_version, fields=allowed)
    if case.assignee_id != old_assignee.pk:
        _event(
            case=case,
            kind=EventKind.ASSIGNED,
            message=f"经办人由{old_assignee.get_full_name()}改为{case.assignee.get_full_name()}",
            user=user,
        )
    else:
        _event(case=case, kind=EventKind.EDITED, message="修改了案件信息", user=user)
    return case


@transaction.atomic
def track_update(*, track: Track, data: dict, user, expected_version: int) -> Track:
    """Record a department's progress (status, dates, document number); a stale save is refused.

    The track's dates are its effective dates: a track taken in hand without a 受理日期, or finished
    without a 办结日期, is dated today. The timeline entry carries the day of the step it records.
    """
    case = ConversionCase.objects.select_for_update().get(pk=track.case_id)
    _require_open(case)
    before = track.status
    before_label = track.get_status_display()
    data = dict(data)
    status = data.get("status", track.status)
    today = timezone.localdate()
    if status != TrackStatus.PENDING and not data.get("accepted_on", track.accepted_on):
        data["accepted_on"] = today
    if status == TrackStatus.DONE and not data.get("completed_on", track.completed_on):
        data["completed_on"] = today
    track.case = case
    fields = ("status", "accepted_on", "completed_on", "document_no", "note")
    track = model_update(instance=track, data=data, user=user, expected_version=expected_version, fields=fields)
    after = track.get_status_display()
    change = f"{before_label}→{after}" if before != track.status else f"{after}（更新）"
    detail = f"，{track.document_no}" if track.document_no else ""
    if track.status == TrackStatus.DONE and before != TrackStatus.DONE:
        on = track.completed_on
    elif track.status == TrackStatus.IN_PROGRESS and before == TrackStatus.PENDING:
        on = track.accepted_on
    else:
        on = None
    _event(
        case=case, kind=EventKind.TRACK, message=f"{track.get_department_display()}：{change}{detail}", user=user, on=on
    )
    return track


@transaction.atomic
def material_mark(
    *, item: MaterialItem, status: str, user, expected_version: int, reason: str = "", on: date | None = None
) -> MaterialItem:
    """Mark a material received, verified or returned (with a reason) on `on` (办理日期)."""
    _require_open(item.case)
    if status not in {MaterialStatus.RECEIVED, MaterialStatus.VERIFIED, MaterialStatus.RETURNED}:
        raise ValidationError({"status": "未知的材料状态。"})
    if status == MaterialStatus.VERIFIED and item.status == MaterialStatus.RETURNED:
        raise ValidationError({"status": "已退回的材料须重新收取后才能核验。"})
    on = _case_date(item.case, on)
    if item.status_on and on < item.status_on:
        raise ValidationError({"on": f"办理日期不能早于该材料上一次办理的日期（{cn_date(item.status_on)}）。"})
    before = item.get_status_display()
    data = {
        "status": status,
        "return_reason": reason.strip() if status == MaterialStatus.RETURNED else "",
        "status_on": on,
    }
    item = model_update(instance=item, data=data, user=user, expected_version=expected_version)
    message = f"{item.get_department_display()}材料“{item.name}”：{before}→{item.get_status_display()}"
    if status == MaterialStatus.RETURNED:
        message += f"（原因：{item.return_reason}）"
    _event(case=item.case, kind=EventKind.MATERIAL, message=message, user=user, on=on)
    return item


@transaction.atomic
def materials_verify_all(*, case: ConversionCase, user, on: date | None = None) -> int:
    """Mark every material of the case that is not returned as verified (the window's one-stop check),
    on `on` (办理日期)."""
    _require_open(case)
    on = _case_date(case, on)
    items = list(case.materials.exclude(status__in=[MaterialStatus.VERIFIED, MaterialStatus.RETURNED]))
    late = max((i.status_on for i in items if i.status_on), default=None)
    if late and on < late:
        raise ValidationError({"on": f"办理日期不能早于材料上一次办理的日期（{cn_date(late)}）。"})
    for item in items:
        item.status = MaterialStatus.VERIFIED
        item.status_on = on
        item.updated_by = user
        item.updated_at = timezone.now()
        item.version += 1
    if items:
        bulk_update_with_history(
            items,
            MaterialItem,
            ["status", "status_on", "updated_by", "version", "updated_at"],
            default_user=user,
            default_change_reason="一次性核验",
        )
        _event(case=case, kind=EventKind.MATERIAL, message=f"一次性核验材料{len(items)}份", user=user, on=on)
    return len(items)


@transaction.atomic
def visit_record(*, case: ConversionCase, data: dict, user) -> Visit:
    """Record a visit of the institution's representative (办理次数) on the day it happened."""
    _require_open(case)
    day = _case_date(case, data.get("visited_on"), field="visited_on", label="来访日期")
    visit = model_create(model=Visit, data={"case": case, **data, "visited_on": day}, user=user)
    _event(case=case, kind=EventKind.VISIT, message=f"{visit.visitor}来访：{visit.purpose}", user=user, on=day)
    return visit


@transaction.atomic
def step_record(*, case: ConversionCase, data: dict, user) -> Step:
    """Record a step of the procedure (办事环节) on the day it was done."""
    _require_open(case)
    day = _case_date(case, data.get("done_on"), field="done_on")
    step = model_create(model=Step, data={"case": case, **data, "done_on": day}, user=user)
    _event(case=case, kind=EventKind.STEP, message=f"办事环节：{step.name}", user=user, on=day)
    return step


@transaction.atomic
def note_add(*, case: ConversionCase, text: str, user) -> CaseEvent:
    """Add a note to the timeline."""
    text = text.strip()
    if not text:
        raise ValidationError({"text": "请填写备注内容。"})
    return _event(case=case, kind=EventKind.NOTE, message=text, user=user)


@transaction.atomic
def case_complete(
    *,
    case: ConversionCase,
    user,
    expected_version: int | None,
    completed_on: date | None = None,
    credit_code: str | None = None,
    license_no: str | None = None,
) -> ConversionCase:
    """Complete the case once every track it needs is done, and change the registry record with it.

    Refused (nothing written) while a track is still open. `completed_on` (办结日期) defaults to the day
    the last track finished and is never before it. A 转登 needs the new 统一社会信用代码 and 办学许可证号
    the user confirmed; a 变更 takes the licence number confirmed (see `registry_change`). The
    institution's record changes in the same transaction, with a change reason naming the case.
    """
    case = ConversionCase.objects.select_for_update().get(pk=case.pk)
    _require_open(case)
    if expected_version is not None:
        check_version(case, expected_version)
    tracks = list(case.tracks.all())
    unfinished = [t.get_department_display() for t in tracks if t.status != TrackStatus.DONE]
    if unfinished:
        raise ValidationError(f"{'、'.join(unfinished)}尚未办结，案件不能办结。请待各部门全部办结后再办结案件。")
    last_track = max((t.completed_on for t in tracks), default=None)
    on = effective_date(
        completed_on or last_track,
        field="completed_on",
        label="办结日期",
        not_before=[(case.opened_on, "受理日期"), (last_track, "各部门最后办结的日期")],
    )

    organization = Organization.objects.select_for_update().get(pk=case.organization_id)
    credit_code, license_no = confirmed_registry(case, organization, credit_code, license_no)
    organization._change_reason = f"营转非案件{case.number}办结：{case.get_kind_display()}"
    organization._history_user = user
    change = registry_change(case, on, credit_code=credit_code, license_no=license_no)
    model_update(instance=organization, data=change, user=user)

    case._change_reason = "办结"
    case._history_user = user
    case = model_update(
        instance=case, data={"status": CaseStatus.COMPLETED, "completed_on": on}, user=user, expected_version=None
    )
    summary = registry_summary(case)
    if credit_code:
        summary += f"，统一社会信用代码改为{credit_code}"
    if license_no is not None:
        summary += f"，办学许可证号改为{license_no}" if license_no else "，办学许可证号已注销"
    _event(
        case=case,
        kind=EventKind.COMPLETED,
        message=f"案件办结（{cn_date(on)}，用时{case.days_elapsed}天），机构名录已更新：{summary}",
        user=user,
        on=on,
    )
    return case


@transaction.atomic
def case_withdraw(
    *, case: ConversionCase, reason: str, user, expected_version: int | None, on: date | None = None
) -> ConversionCase:
    """Withdraw an open case (opened by mistake, institution gave up) on `on` (办理日期); the registry is
    not touched."""
    _require_open(case)
    reason = reason.strip()
    if not reason:
        raise ValidationError({"withdraw_reason": "撤销案件须说明原因。"})
    on = _case_date(case, on)
    case._change_reason = f"撤销：{reason}"
    case = model_update(
        instance=case,
        data={"status": CaseStatus.WITHDRAWN, "withdraw_reason": reason[:200], "withdrawn_on": on},
        user=user,
        expected_version=expected_version,
    )
    _event(case=case, kind=EventKind.WITHDRAWN, message=f"撤销案件：{reason}", user=user, on=on)
    return case


# --- 改革前基数 ------------------------------------------------------------------------------------


def baseline_create(*, data: dict, user) -> ProcedureBaseline:
    """Record the steps and visits before the joint window (one record per year it describes)."""
    return model_create(model=ProcedureBaseline, data=data, user=user)


def baseline_update(*, baseline: ProcedureBaseline, data: dict, user, expected_version: int) -> ProcedureBaseline:
    return model_update(instance=baseline, data=data, user=user, expected_version=expected_version)
