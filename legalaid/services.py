"""Writes of the counsel registry and the 普法 log. Each records who did it; history is kept by
django-simple-history, and status changes record from → to and why as the change reason."""

from datetime import date

from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import UploadedFile
from django.db import transaction
from django.utils import timezone

from core.services import model_create, model_update
from core.uploads import delete_file_on_commit, validate_upload
from directory.models import Organization

from .models import (
    Activity,
    ActivityPhoto,
    Appointment,
    CadreTraining,
    DocumentStatus,
    Evaluation,
    FilingStatus,
    LawFirm,
    Lawyer,
    NormativeDocument,
    ServiceRecord,
)

# --- firms and lawyers --------------------------------------------------------------------------


def firm_create(*, data: dict, user) -> LawFirm:
    """Register a law firm (credit code checked)."""
    return model_create(model=LawFirm, data=data, user=user)


def firm_update(*, firm: LawFirm, data: dict, user, expected_version: int) -> LawFirm:
    return model_update(instance=firm, data=data, user=user, expected_version=expected_version)


def lawyer_create(*, data: dict, user) -> Lawyer:
    """Register a lawyer (执业证号 format and year checked)."""
    return model_create(model=Lawyer, data=data, user=user)


def lawyer_update(*, lawyer: Lawyer, data: dict, user, expected_version: int) -> Lawyer:
    return model_update(instance=lawyer, data=data, user=user, expected_version=expected_version)


# --- appointments -------------------------------------------------------------------------------


def _check_contract(data: dict) -> dict:
    upload = data.get("contract_file")
    if isinstance(upload, UploadedFile):
        validate_upload(upload, kinds=("pdf", "image"))
        data = {**data, "contract_name": upload.name[:200]}
    elif "contract_file" in data and not upload:
        data = {k: v for k, v in data.items() if k != "contract_file"}  # keep the stored file
    return data


def _lock_organization(organization_id) -> None:
    # Serialize appointments of one school so two concurrent saves cannot both pass the overlap check.
    list(Organization.objects.select_for_update().filter(pk=organization_id).values_list("pk"))


@transaction.atomic
def appointment_create(*, data: dict, user) -> Appointment:
    """Appoint a counsel for a school. Refused when the same lawyer already serves that school in an
    overlapping period, when the period ends before it starts, or when the contract file is not a
    PDF/JPG/PNG within the size limit."""
    data = _check_contract(data)
    if data.get("organization"):
        _lock_organization(data["organization"].pk)
    return model_create(model=Appointment, data=data, user=user)


@transaction.atomic
def appointment_update(*, appointment: Appointment, data: dict, user, expected_version: int) -> Appointment:
    """Change an appointment (same rules as creating one); a stale save is refused. A new contract file
    replaces the old one in the record; the old file is kept and stays in the history."""
    data = _check_contract(data)
    if "contract_name" in data and appointment.contract_file:
        appointment._change_reason = f"更换聘用合同（原文件：{appointment.contract_name or '未命名'}）"
    _lock_organization(appointment.organization_id)
    return model_update(instance=appointment, data=data, user=user, expected_version=expected_version)


@transaction.atomic
def appointment_terminate(*, appointment: Appointment, on: date, reason: str, user) -> Appointment:
    """End an appointment early (解聘) on `on`, with the reason kept in the history."""
    reason = (reason or "").strip()
    if not reason:
        raise ValidationError({"reason": "请填写解聘原因。"})
    if on < appointment.start_date or on >= appointment.end_date:
        raise ValidationError({"on": "解聘日期应在聘期开始之后、原定结束日期之前。"})
    if appointment.terminated_on:
        raise ValidationError("该聘任已于之前解聘。")
    appointment._change_reason = f"提前解聘（{on:%Y-%m-%d}）：{reason}"
    return model_update(
        instance=appointment,
        data={"terminated_on": on, "termination_reason": reason[:200]},
        user=user,
        expected_version=appointment.version,
    )


# --- services and evaluations -------------------------------------------------------------------


def service_record_create(*, data: dict, user) -> ServiceRecord:
    """Log a service received from a counsel; its date must fall within the counsel's period."""
    return model_create(model=ServiceRecord, data=data, user=user)


def service_record_update(*, record: ServiceRecord, data: dict, user, expected_version: int) -> ServiceRecord:
    return model_update(instance=record, data=data, user=user, expected_version=expected_version)


def evaluation_create(*, appointment: Appointment, year: int, data: dict, user) -> Evaluation:
    """Evaluate a counsel for a year; only once per counsel and year."""
    return model_create(model=Evaluation, data={**data, "appointment": appointment, "year": year}, user=user)


def evaluation_update(*, evaluation: Evaluation, data: dict, user, expected_version: int) -> Evaluation:
    return model_update(instance=evaluation, data=data, user=user, expected_version=expected_version)


# --- 普法 activities ----------------------------------------------------------------------------


def _check_organizations(organizations, user) -> list:
    organizations = list(organizations or [])
    if not organizations:
        raise ValidationError({"organizations": "请选择至少一个组织单位。"})
    if user.is_school_admin and [o.pk for o in organizations] != [user.organization_id]:
        raise ValidationError({"organizations": "学校只能登记本校组织的普法活动。"})
    return organizations


@transaction.atomic
def activity_create(*, data: dict, organizations, user) -> Activity:
    """Log a 普法 activity of one or more organizations (a school only for itself)."""
    organizations = _check_organizations(organizations, user)
    activity = model_create(model=Activity, data=data, user=user)
    activity.organizations.set(organizations)
    return activity


@transaction.atomic
def activity_update(*, activity: Activity, data: dict, organizations, user, expected_version: int) -> Activity:
    organizations = _check_organizations(organizations, user)
    activity = model_update(instance=activity, data=data, user=user, expected_version=expected_version)
    activity.organizations.set(organizations)
    return activity


@transaction.atomic
def activity_photo_add(*, activity: Activity, image, user) -> ActivityPhoto:
    """Attach a photo (JPG/PNG, size-checked) to an activity."""
    validate_upload(image, kinds=("image",))
    return ActivityPhoto.objects.create(
        activity=activity, file=image, original_name=image.name[:200], size=image.size, uploaded_by=user
    )


@transaction.atomic
def activity_photo_delete(*, photo: ActivityPhoto, user) -> None:
    """Remove a photo; its file goes only once the deletion commits, so a rolled-back one keeps it."""
    photo.delete()
    delete_file_on_commit(photo.file)


# --- the bureau's own items ---------------------------------------------------------------------


def training_create(*, data: dict, user) -> CadreTraining:
    return model_create(model=CadreTraining, data=data, user=user)


def training_update(*, training: CadreTraining, data: dict, user, expected_version: int) -> CadreTraining:
    return model_update(instance=training, data=data, user=user, expected_version=expected_version)


def document_create(*, data: dict, user) -> NormativeDocument:
    """Start a normative document (status 起草中)."""
    return model_create(model=NormativeDocument, data=data, user=user)


def document_update(*, document: NormativeDocument, data: dict, user, expected_version: int) -> NormativeDocument:
    return model_update(instance=document, data=data, user=user, expected_version=expected_version)


# action → (statuses it starts from, field it changes, new value, label)
DOCUMENT_ACTIONS = {
    "submit": ("status", {DocumentStatus.DRAFTING}, DocumentStatus.REVIEWING, "提交合法性审查"),
    "approve": ("status", {DocumentStatus.REVIEWING}, DocumentStatus.APPROVED, "合法性审查通过"),
    "return": ("status", {DocumentStatus.REVIEWING}, DocumentStatus.DRAFTING, "审查退回修改"),
    "issue": ("status", {DocumentStatus.APPROVED}, DocumentStatus.ISSUED, "印发"),
    "submit_filing": ("filing_status", {FilingStatus.NOT_FILED}, FilingStatus.SUBMITTED, "报送备案"),
    "filed": ("filing_status", {FilingStatus.SUBMITTED}, FilingStatus.FILED, "备案通过"),
}


@transaction.atomic
def normative_document_advance(
    *,
    document: NormativeDocument,
    action: str,
    user,
    expected_version: int,
    on: date | None = None,
    opinion: str = "",
    number: str = "",
) -> NormativeDocument:
    """Move a normative document one step: drafting → legality review → approved (or returned) →
    issued (with its 文号) → submitted for filing → filed. The step, from → to and the opinion are
    kept in the history."""
    if action not in DOCUMENT_ACTIONS:
        raise ValidationError("未知的办理操作。")
    field, sources, target, label = DOCUMENT_ACTIONS[action]
    on = on or timezone.localdate()
    opinion = (opinion or "").strip()
    current = getattr(document, field)
    if current not in sources:
        current_label = document._meta.get_field(field).flatchoices
        raise ValidationError(f"当前状态为“{dict(current_label)[current]}”，不能{label}。")
    if field == "filing_status" and document.status != DocumentStatus.ISSUED:
        raise ValidationError("文件印发后才能报送备案。")
    changes: dict = {field: target}
    if action in ("approve", "return"):
        if not opinion:
            raise ValidationError({"opinion": "请填写合法性审查意见。"})
        changes.update(review_opinion=opinion, reviewed_on=on)
    if action == "issue":
        number = (number or "").strip()
        if not number:
            raise ValidationError({"number": "印发时须填写文号。"})
        if on < document.drafted_on:
            raise ValidationError({"on": "印发日期不能早于起草日期。"})
        changes.update(number=number, issued_on=on)
    if action == "filed":
        changes.update(filed_on=on)
    choices = dict(document._meta.get_field(field).flatchoices)
    document._change_reason = f"{label}：{choices[current]} → {choices[target]}" + (f"（{opinion}）" if opinion else "")
    return model_update(instance=document, data=changes, user=user, expected_version=expected_version)
