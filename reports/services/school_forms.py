"""The schools' 依法治校年度报告表: started (prefilled), completed and submitted by the school,
returned with a reason or accepted by the bureau."""

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone

from core.services import model_update

from ..forms import SchoolFormForm
from ..models import SchoolFormStatus, SchoolReportForm
from ..prefill import school_values

HAND_FIELDS = {
    *SchoolFormForm.Meta.fields,
}
REQUIRED_TO_SUBMIT = ("charter_and_rules", "education", "contact", "contact_phone")


def _own_school(form_or_org, user) -> None:
    org_id = getattr(form_or_org, "organization_id", None) or getattr(form_or_org, "pk", None)
    if not (user.is_school_admin and user.organization_id == org_id):
        raise PermissionDenied("只有本校管理员可以填报本校的依法治校年度报告表。")


def _bureau(user) -> None:
    if not user.is_bureau_writer:
        raise PermissionDenied("只有局机关工作人员可以审核依法治校年度报告表。")


@transaction.atomic
def school_form_start(*, organization, year: int, user) -> SchoolReportForm:
    """The school's form for `year`, created on first visit and prefilled from its own records."""
    _own_school(organization, user)
    existing = SchoolReportForm.objects.filter(organization=organization, year=year).first()
    if existing:
        return existing
    if not 2000 <= year <= timezone.localdate().year:
        raise ValidationError(f"年度应在2000年至{timezone.localdate().year}年之间。")
    values, prefilled = school_values(organization, year)
    form = SchoolReportForm(
        organization=organization,
        year=year,
        contact=user.get_full_name(),
        contact_phone=user.phone,
        prefilled=prefilled,
        created_by=user,
        updated_by=user,
        **values,
    )
    form.full_clean()
    form.save()
    return form


@transaction.atomic
def school_form_update(*, form: SchoolReportForm, data: dict, user, expected_version: int) -> SchoolReportForm:
    """Save the school's answers; refused when submitted, or when someone saved it since it was loaded."""
    _own_school(form, user)
    if not form.editable:
        raise ValidationError("报告表已提交，不能修改；如需修改请联系教育局退回。")
    return model_update(instance=form, data=data, user=user, expected_version=expected_version, fields=HAND_FIELDS)


@transaction.atomic
def school_form_submit(*, form: SchoolReportForm, user) -> SchoolReportForm:
    """The school hands its completed form to the bureau."""
    _own_school(form, user)
    form = SchoolReportForm.objects.select_for_update().get(pk=form.pk)
    if not form.editable:
        raise ValidationError("报告表已提交，不能重复提交。")
    empty = {name: "提交前请填写此项。" for name in REQUIRED_TO_SUBMIT if not str(getattr(form, name)).strip()}
    if empty:
        raise ValidationError(empty)
    form._change_reason = "提交"
    return model_update(
        instance=form,
        data={"status": SchoolFormStatus.SUBMITTED, "submitted_at": timezone.now(), "return_reason": ""},
        user=user,
    )


@transaction.atomic
def school_form_return(*, form: SchoolReportForm, user, reason: str) -> SchoolReportForm:
    """The bureau sends a submitted form back to the school with the reason."""
    _bureau(user)
    reason = (reason or "").strip()
    if not reason:
        raise ValidationError({"reason": "请填写退回理由。"})
    form = SchoolReportForm.objects.select_for_update().get(pk=form.pk)
    if form.status not in (SchoolFormStatus.SUBMITTED, SchoolFormStatus.ACCEPTED):
        raise ValidationError("只有已提交的报告表可以退回。")
    form._change_reason = f"退回：{reason}"
    return model_update(instance=form, data={"status": SchoolFormStatus.RETURNED, "return_reason": reason}, user=user)


@transaction.atomic
def school_form_accept(*, form: SchoolReportForm, user) -> SchoolReportForm:
    """The bureau confirms a submitted form."""
    _bureau(user)
    form = SchoolReportForm.objects.select_for_update().get(pk=form.pk)
    if form.status != SchoolFormStatus.SUBMITTED:
        raise ValidationError("只有已提交的报告表可以确认。")
    form._change_reason = "确认"
    return model_update(instance=form, data={"status": SchoolFormStatus.ACCEPTED}, user=user)
