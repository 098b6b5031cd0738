"""Excel import of inspection records (paper records entered later), with Chinese column headers."""

import re

from django.core.exceptions import ValidationError
from import_export import fields

from core.resources import ChoiceLabelWidget, NameForeignKeyWidget, NamesWidget, PortalResource
from directory.models import Department, Organization

from .models import (
    Answer,
    Conclusion,
    Inspection,
    Officer,
    Plan,
    Substitution,
)
from .services.common import take_number
from .services.records import check_inspection, duplicates_of
from .services.signatures import LOCKED


def _date(value) -> str:
    return f"{value:%Y-%m-%d}" if value else ""


# Import of inspection records ----------------------------------------------------------------------
NUMBER_COLUMN = "编号"
NUMBER = re.compile(r"^婺教检〔(\d{4})〕第(\d+)号$")


class InspectionResource(PortalResource):
    """Import of past paper inspection records. Each row is checked like a record typed in the form.

    An import only adds records. A row naming a stored record (by its 编号, or the same organization,
    plan and date) is 未变 when it equals that record and refused otherwise, so the register's own
    export imports back unchanged and a second record of the same visit is never made silently.
    """

    plan = fields.Field(attribute="plan", column_name="检查行动", widget=NameForeignKeyWidget(Plan, what="检查行动"))
    organization = fields.Field(
        attribute="organization", column_name="被检查机构", widget=NameForeignKeyWidget(Organization, what="机构")
    )
    inspected_on = fields.Field(attribute="inspected_on", column_name="检查日期")
    officers = fields.Field(attribute="officers", column_name="执法人员", widget=NamesWidget(Officer, "执法人员"))
    partners = fields.Field(attribute="partners", column_name="协作部门", widget=NamesWidget(Department, "协作部门"))
    conclusion = fields.Field(
        attribute="conclusion", column_name="结论", widget=ChoiceLabelWidget(Conclusion.choices, "检查结论")
    )
    rectify_deadline = fields.Field(attribute="rectify_deadline", column_name="整改期限")
    notes = fields.Field(attribute="notes", column_name="检查情况记录")
    substitution_reason = fields.Field(
        attribute="substitution_reason",
        column_name="人员调整原因",
        widget=ChoiceLabelWidget(Substitution.choices, "人员调整原因"),
        default="",
    )
    substitution_note = fields.Field(attribute="substitution_note", column_name="人员调整说明", default="")

    required = ("plan", "organization", "inspected_on", "officers", "conclusion")

    class Meta:
        model = Inspection
        import_id_fields = ("plan", "organization", "inspected_on")
        fields = (
            "plan",
            "organization",
            "inspected_on",
            "officers",
            "partners",
            "conclusion",
            "rectify_deadline",
            "notes",
            "substitution_reason",
            "substitution_note",
        )

    def get_instance(self, instance_loader, row):
        number = str(row.get(NUMBER_COLUMN) or "").strip()
        if number:
            match = NUMBER.match(number)
            found = Inspection.objects.filter(year=match[1], serial=match[2]).first() if match else None
            if found is None:
                self.add_problem(f"{NUMBER_COLUMN}：“{number}”不是本平台已有的检查记录；补录新的纸质记录请留空编号。")
            return found
        try:
            plan, organization, day = (self.fields[n].clean(row) for n in ("plan", "organization", "inspected_on"))
        except (ValueError, ValidationError):
            return None  # the cells' own errors are reported
        if not (plan and organization and day):
            return None
        return duplicates_of(plan=plan, organization=organization, inspected_on=day).order_by("pk").first()

    def before_import_row(self, row, **kwargs):
        """Check the whole row by the rules of a record typed in the form (services.check_inspection)
        and list every problem of it at once. A second record of the same visit is not one of them
        here: get_instance finds it, and the row is 未变 or refused (validate_instance)."""
        super().before_import_row(row, **kwargs)
        names = ("plan", "organization", "inspected_on", "officers", "substitution_reason", "substitution_note")
        values, failed = {}, set()
        for name in names:
            if self.fields[name].column_name not in row:  # an optional column left out of the file
                values[name] = None
                continue
            try:
                values[name] = self.fields[name].clean(row)
            except (ValueError, ValidationError):
                values[name] = None  # reported as the cell's own error, not again below
                failed.add(name)
        if not (values["plan"] and values["organization"] and values["inspected_on"]):
            return
        try:
            check_inspection(
                plan=values["plan"],
                organization=values["organization"],
                inspected_on=values["inspected_on"],
                officers=values["officers"] or [],
                substitution_reason=values["substitution_reason"] or "",
                substitution_note=values["substitution_note"] or "",
                separate_visit=True,
            )
        except ValidationError as exc:
            for field, errors in exc.error_dict.items():
                if field in failed:
                    continue
                column = self.fields[field].column_name if field in self.fields else ""
                for error in errors:
                    for message in error.messages:
                        self.add_problem(f"{column}：{message}" if column else message)

    def before_save_instance(self, instance, row, **kwargs):
        super().before_save_instance(instance, row, **kwargs)
        instance.year = instance.inspected_on.year
        instance.checklist = instance.plan.checklist
        instance.organization_kind = instance.organization.kind
        item_ids = instance.plan.checklist.items.values_list("pk", flat=True)
        # A paper record carries the conclusion, not the item-by-item sheet: items are marked 不适用.
        instance.answers = {str(pk): {"r": Answer.NA, "n": "纸质记录导入"} for pk in item_ids}
        instance.serial = take_number(kind="inspection", year=instance.year)
        if instance.conclusion == Conclusion.RECTIFY:
            instance.notice_serial = take_number(kind="notice", year=instance.year)

    def after_save_instance(self, instance, row, **kwargs):
        super().after_save_instance(instance, row, **kwargs)
        partners = self.fields["partners"].clean(row) if row.get("协作部门") else []
        instance.is_joint = bool(partners)
        Inspection.objects.filter(pk=instance.pk).update(is_joint=instance.is_joint)

    def validate_instance(self, instance, import_validation_errors=None, validate_unique=True):
        errors = dict(import_validation_errors or {})
        if instance.pk and instance.signed_at:  # a signed 现场检查笔录 is locked (services.signatures)
            errors.setdefault("__all__", []).append(ValidationError(f"{instance.number}：{LOCKED}"))
        elif instance.pk:  # a stored record the row does not equal (an equal one is 未变)
            errors.setdefault("__all__", []).append(
                ValidationError(
                    f"已有{instance.number}（同一机构、同一检查行动、同一检查日期），与本行内容不一致。"
                    "导入只补录新记录，不修改已有记录；如需修改请打开该检查记录编辑。"
                )
            )
        # Number, year, checklist and answers are filled when the row is saved (before_save_instance).
        try:
            instance.full_clean(
                exclude=["serial", "year", "checklist", "answers", *errors],
                validate_unique=False,
                validate_constraints=False,
            )
        except ValidationError as exc:
            errors = exc.update_error_dict(errors)
        if errors:
            raise ValidationError(errors)
