"""Excel import of the institutions to convert (one new case per row, all or nothing)."""

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

NUMBER_COLUMN = "案件编号"


class KindWidget(ChoiceLabelWidget):
    """The kind by its full label, its short name (转登/变更/注销) or its code."""

    def __init__(self):
        super().__init__(CaseKind.choices, "办理类型")
        self.by_label.update({str(short): kind for kind, short in CASE_KIND_SHORT.items()})

    def render(self, value, obj=None, **kwargs):
        return str(CASE_KIND_SHORT.get(value, value or ""))


class OrganizationByCodeWidget(widgets.ForeignKeyWidget):
    """An institution by its credit code; during an import, from the institutions read once for the file."""

    def __init__(self):
        super().__init__(Organization, field="credit_code")
        self.loaded: dict[str, Organization] | None = None

    def load(self, codes) -> None:
        """Read every institution the file names in one query, so no row looks its institution up again."""
        codes = {normalize_credit_code(str(code or "")) for code in codes} - {""}
        self.loaded = {org.credit_code: org for org in Organization.objects.filter(credit_code__in=codes)}

    def find(self, code: str) -> Organization | None:
        if self.loaded is None:
            return Organization.objects.filter(credit_code=code).first()
        return self.loaded.get(code)

    def clean(self, value, row=None, **kwargs):
        code = normalize_credit_code(str(value or ""))
        if not code:
            return None
        organization = self.find(code)
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
    kind = fields.Field(attribute="kind", column_name="办理类型", widget=KindWidget(), default=CaseKind.CONVERT)
    assignee = fields.Field(attribute="assignee", column_name="经办人", widget=StaffWidget())
    opened_on = fields.Field(attribute="opened_on", column_name="受理日期", default=timezone.localdate)
    due_on = fields.Field(attribute="due_on", column_name="办结时限")
    note = fields.Field(attribute="note", column_name="备注")

    required = ("organization", "assignee")

    class Meta:
        model = ConversionCase
        import_id_fields = ("organization",)
        fields = ("organization", "organization_name", "kind", "assignee", "opened_on", "due_on", "note")
        export_order = fields

    def get_instance(self, instance_loader, row):
        """A row without 案件编号 opens a new case; one with it names a case of the ledger (its export
        imports back: equal rows are 未变, changed ones are refused)."""
        number = str(row.get(NUMBER_COLUMN) or "").strip()
        if not number:
            return None
        case = ConversionCase.objects.filter(number=number).select_related("organization", "assignee").first()
        if case is None:
            self.add_problem(f"{NUMBER_COLUMN}：台账中没有案件“{number}”；受理新案件请留空案件编号。")
        return case

    def before_import(self, dataset, **kwargs):
        super().before_import(dataset, **kwargs)
        column = self.fields["organization"].column_name
        self.fields["organization"].widget.load(dataset[column] if column in (dataset.headers or []) else [])
        # The last case serial of each year, read once and advanced as each row's case is saved, so a
        # row is numbered exactly as case_open would number it without reading the numbers again.
        self._last_serial: dict[int, int] = {}

    def before_import_row(self, row, **kwargs):
        super().before_import_row(row, **kwargs)
        code = normalize_credit_code(row.get(self.fields["organization"].column_name))
        name = str(row.get("机构名称") or "").strip()
        if name and code:
            registered = self.fields["organization"].widget.find(code)
            if registered and registered.name != name:
                self.add_problem(f"机构名称：“{name}”与机构名录中该信用代码的名称“{registered.name}”不一致。")

    def import_instance(self, instance, row, **kwargs):
        try:
            super().import_instance(instance, row, **kwargs)
        finally:
            # Number and deadline are derived, so a bad cell elsewhere is not reported as "编号为空".
            if instance.opened_on and not instance.pk:
                number = self._next_number(instance.opened_on.year)
                prepared = services.case_prepare(
                    data={"opened_on": instance.opened_on, "due_on": instance.due_on, "number": number}
                )
                instance.due_on, instance.number = prepared.due_on, prepared.number

    def _next_number(self, year: int) -> str:
        if year not in self._last_serial:
            self._last_serial[year] = services.last_case_serial(year)
        return services.case_number(year, self._last_serial[year] + 1)

    def validate_instance(self, instance, import_validation_errors=None, validate_unique=True):
        errors = dict(import_validation_errors or {})
        if instance.pk:  # a case of the ledger the row does not equal (an equal one is 未变)
            errors.setdefault("__all__", []).append(
                ValidationError(
                    f"案件{instance.number}已在台账中，与本行内容不一致。导入只受理新案件，"
                    "不修改已有案件；如需修改请打开该案件办理。"
                )
            )
        derived = [] if instance.opened_on else ["number", "due_on"]
        # The institution was read from the registry for this file; model.clean() checks its kind,
        # status and open cases, so the field's own check would only read it again.
        resolved = ["organization"] if instance.organization_id else []
        try:
            instance.full_clean(exclude=[*errors, *derived, *resolved], validate_unique=validate_unique)
        except ValidationError as exc:
            errors = exc.update_error_dict(errors)
        if errors:
            raise ValidationError(errors)

    def save_instance(self, instance, is_create, row, **kwargs):
        services.case_save_new(case=instance, user=kwargs.get("user"))
        self._last_serial[instance.opened_on.year] += 1

    def dehydrate_organization_name(self, case) -> str:
        return case.organization.name if case.organization_id else ""
