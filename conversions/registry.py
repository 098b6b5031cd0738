"""What a completed 营转非 case does to the institution's registry record (机构名录)."""

from datetime import date

from django.core.exceptions import ValidationError

from directory.models import Organization, OrgKind, OrgStatus, ProfitStatus
from directory.validators import normalize_credit_code, validate_credit_code

from .models import CaseKind, ConversionCase


def registry_change(
    case: ConversionCase, on: date, *, credit_code: str | None = None, license_no: str | None = None
) -> dict:
    """What the institution's registry record becomes when the case completes on `on`.

    转登: non-profit, under the approved name, with the new 统一社会信用代码 and 办学许可证号 the user
    confirmed (the company's code ends with the company). 变更: a non-subject-class institution, with the
    licence number confirmed (blank once the subject-class licence is cancelled). 注销: deregistered.
    """
    if case.kind == CaseKind.CONVERT:
        data = {"profit_status": ProfitStatus.NON_PROFIT, "status_date": on}
        if case.new_name.strip():
            data["name"] = case.new_name.strip()
        if credit_code is not None:
            data["credit_code"] = credit_code
        if license_no is not None:
            data["license_no"] = license_no
        return data
    if case.kind == CaseKind.CHANGE:
        data = {"kind": OrgKind.NONSUBJECT_TRAINING, "status_date": on}
        if license_no is not None:
            data["license_no"] = license_no
        return data
    return {"status": OrgStatus.DEREGISTERED, "status_date": on}


def confirmed_registry(
    case: ConversionCase, organization: Organization, credit_code: str | None, license_no: str | None
) -> tuple[str | None, str | None]:
    """The new code and licence number of a 转登 as confirmed by the user, checked; (None, …) = unchanged."""
    license_no = None if license_no is None else license_no.strip()
    if case.kind != CaseKind.CONVERT:
        return None, license_no if case.kind == CaseKind.CHANGE else None
    errors = {}
    code = normalize_credit_code(credit_code or "")
    if not code:
        errors["credit_code"] = "请填写转登后（民政登记）的统一社会信用代码。"
    elif code == organization.credit_code:
        errors["credit_code"] = f"转登后不能沿用原公司的统一社会信用代码（{code}），请填写民政登记的新代码。"
    else:
        try:
            validate_credit_code(code)
        except ValidationError as exc:
            errors["credit_code"] = exc.messages
        else:
            other = Organization.objects.filter(credit_code=code).exclude(pk=organization.pk).first()
            if other:
                errors["credit_code"] = f"该统一社会信用代码已登记为“{other.name}”，请核对。"
    if not license_no:
        errors["license_no"] = "请填写换发后的办学许可证号。"
    if errors:
        raise ValidationError(errors)
    return code, license_no


def registry_summary(case: ConversionCase) -> str:
    return {
        CaseKind.CONVERT: "营利属性改为非营利性",
        CaseKind.CHANGE: "机构类型改为非学科类培训机构",
        CaseKind.CLOSE: "办学状态改为注销",
    }[case.kind]
