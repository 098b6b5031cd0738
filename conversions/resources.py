"""Excel import of the institutions to convert (one new case per row, all or nothing)."""

from datetime import date, datetime

from django.core.exceptions import ValidationError
from django.db.models import Q
from django.utils import timezone
from import_export import fields, widgets

from accounts.models import User
from accounts.roles import Role
from core.resources import ChoiceLabelWidget, PortalResource
from directory.models import Organization
from directory.validators import normalize_credit_code

from . import services
from .models import CASE_KIND_SHORT, CaseKind, ConversionCase

DATE_FORMATS = ("%Y-%m-%d", "%Y/%m/%d", "%Y.%m.%d", "%Y年%m月%d日")


class KindWidget(ChoiceLabelWidget):
    """The kind by its full label, its short name (转登/变更/注销) or its code."""

    def __init__(self):
        super().__init__(CaseKind.choices, "办理类型")
        self.by_label.update({str(short): kind for kind, short in CASE_KIND_SHORT.items()})

    def render(self, value, obj=None, **kwargs):
        return str(CASE_KIND_SHORT.get(value, value or ""))


class ChineseDateWidget(widgets.Widget):
    def clean(self, value, row=None, **kwargs):
        if value in (None, ""):
            return None
        if isinstance(value, datetime):
            return value.date()
        if isinstance(value, date):
            return value
        text = str(value).strip()
        for fmt in DATE_FORMATS:
            try:
                return datetime.strptime(text, fmt).date()
            except ValueError:
                continue
        raise ValueError(f"日期“{text}”无法识别，请写成2021-10-08的格式。")

    def render(self, value, obj=None, **kwargs):
        return value.strftime("%Y-%m-%d") if value else ""


class OrganizationByCodeWidget(widgets.ForeignKeyWidget):
    def __init__(self):
        super().__init__(Organization, field="credit_code")

    def clean(self, value, row=None, **kwargs):
        code = normalize_credit_code(str(value or ""))
        if not code:
            return None
        organization = Organization.objects.filter(credit_code=code).first()
        if organization is None:
            raise ValueError(f"机构名录中没有统一社会信用代码为“{code}”的机构。")
        return organization


class StaffWidget(widgets.ForeignKeyWidget):
    """A bureau staff member by account name or full name (must be unique)."""

    def __init__(self):
        super().__init__(User, field="username")

    def clean(self, value, row=None, **kwargs):
        text = str(value or "").strip()
        if not text:
            return None
        matches = list(
            User.objects.filter(role=Role.BUREAU_STAFF, is_active=True).filter(Q(username=text) | Q(full_name=text))[:2]
        )
        if not matches:
            raise ValueError(f"没有名为“{text}”的在岗局机关工作人员。")
        if len(matches) > 1:
            raise ValueError(f"有多名工作人员叫“{text}”，请填写其登录账号。")
        return matches[0]

    def render(self, value, obj=None, **kwargs):
        return value.get_full_name() if value else ""


class CaseImportResource(PortalResource):
    organization = fields.Field(
        attribute="organization", column_name="统一社会信用代码", widget=OrganizationByCodeWidget()
    )
    organization_name = fields.Field(column_name="机构名称", readonly=True)
    kind = fields.Field(attribute="kind", column_name="办理类型", widget=KindWidget())
    assignee = fields.Field(attribute="assignee", column_name="经办人", widget=StaffWidget())
    opened_on = fields.Field(attribute="opened_on", column_name="受理日期", widget=ChineseDateWidget())
    due_on = fields.Field(attribute="due_on", column_name="办结时限", widget=ChineseDateWidget())
    note = fields.Field(attribute="note", column_name="备注")

    required = ("organization", "assignee")

    class Meta:
        model = ConversionCase
        import_id_fields = ("organization",)
        fields = ("organization", "organization_name", "kind", "assignee", "opened_on", "due_on", "note")
        export_order = fields
        skip_unchanged = False
        clean_model_instances = True
        skip_diff = True

    def get_instance(self, instance_loader, row):
        return None  # every row opens a new case; an institution with an open case is refused by the model

    def before_import_row(self, row, **kwargs):
        code_column = self.fields["organization"].column_name
        row[code_column] = normalize_credit_code(str(row.get(code_column) or ""))
        if not row.get("办理类型"):
            row["办理类型"] = CaseKind.CONVERT.value
        row["备注"] = str(row.get("备注") or "").strip()
        if not row.get("受理日期"):
            row["受理日期"] = timezone.localdate()
        super().before_import_row(row, **kwargs)
        name = str(row.get("机构名称") or "").strip()
        if name and row[code_column]:
            registered = (
                Organization.objects.filter(credit_code=row[code_column]).values_list("name", flat=True).first()
            )
            if registered and registered != name:
                raise ValidationError(f"机构名称“{name}”与机构名录中该信用代码的名称“{registered}”不一致。")

    def import_instance(self, instance, row, **kwargs):
        try:
            super().import_instance(instance, row, **kwargs)
        finally:
            # Number and deadline are derived, so a bad cell elsewhere is not reported as "编号为空".
            if instance.opened_on:
                prepared = services.case_prepare(data={"opened_on": instance.opened_on, "due_on": instance.due_on})
                instance.due_on, instance.number = prepared.due_on, prepared.number

    def validate_instance(self, instance, import_validation_errors=None, validate_unique=True):
        errors = dict(import_validation_errors or {})
        derived = [] if instance.opened_on else ["number", "due_on"]
        try:
            instance.full_clean(exclude=[*errors, *derived], validate_unique=validate_unique)
        except ValidationError as exc:
            errors = exc.update_error_dict(errors)
        if errors:
            raise ValidationError(errors)

    def save_instance(self, instance, is_create, row, **kwargs):
        services.case_save_new(case=instance, user=kwargs.get("user"))

    def dehydrate_organization_name(self, case) -> str:
        return case.organization.name if case.organization_id else ""
