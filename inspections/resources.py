"""Excel export of every list and the import of inspection records (Chinese column headers)."""

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
)
from .services.common import take_number
from .services.records import check_officers

SEPARATOR = "、"


def _date(value) -> str:
    return f"{value:%Y-%m-%d}" if value else ""


# Exports -------------------------------------------------------------------------------------------
def inspection_rows(queryset):
    headers = [
        "编号",
        "检查日期",
        "检查行动",
        "检查类型",
        "被检查机构",
        "机构类型",
        "乡镇（街道）",
        "执法人员",
        "协作部门",
        "结论",
        "整改期限",
        "检查情况记录",
    ]
    rows = (
        [
            i.number,
            _date(i.inspected_on),
            i.plan.name,
            i.plan.get_kind_display(),
            i.organization.name,
            i.organization.get_kind_display(),
            str(i.organization.township),
            SEPARATOR.join(o.name for o in i.officers.all()),
            SEPARATOR.join(p.name for p in i.partners.all()),
            i.get_conclusion_display(),
            _date(i.rectify_deadline),
            i.notes,
        ]
        for i in queryset.prefetch_related("officers", "partners").iterator(chunk_size=2000)
    )
    return headers, rows


def hazard_rows(queryset):
    headers = [
        "机构",
        "乡镇（街道）",
        "类别",
        "等级",
        "隐患描述",
        "发现日期",
        "来源",
        "状态",
        "是否逾期",
        "整改措施",
        "整改责任人",
        "整改资金（元）",
        "整改时限",
        "预防措施/预案",
        "销号日期",
    ]
    rows = (
        [
            h.organization.name,
            str(h.organization.township),
            h.get_area_display(),
            h.get_severity_display(),
            h.description,
            _date(h.found_on),
            h.get_source_display(),
            h.get_status_display(),
            "是" if h.is_overdue else "否",
            h.measures,
            h.responsible_person,
            h.funds,
            _date(h.deadline),
            h.prevention,
            _date(h.closed_on),
        ]
        for h in queryset.iterator(chunk_size=2000)
    )
    return headers, rows


def plan_rows(queryset):
    headers = [
        "行动名称",
        "检查类型",
        "牵头科室",
        "协作部门",
        "开始日期",
        "结束日期",
        "检查对象类型",
        "检查表",
        "计划检查数",
        "已检查数",
        "结果公开",
    ]
    rows = (
        [
            p.name,
            p.get_kind_display(),
            str(p.lead_section),
            SEPARATOR.join(d.name for d in p.partners.all()),
            _date(p.starts_on),
            _date(p.ends_on),
            SEPARATOR.join(p.target_kind_labels()),
            str(p.checklist),
            p.planned_count,
            p.done,
            "已公开" if p.results_published_at else "未公开",
        ]
        for p in queryset.prefetch_related("partners")
    )
    return headers, rows


def officer_rows(queryset):
    headers = ["姓名", "行政执法证号", "有效期起", "有效期至", "所在科室", "联系电话", "在岗"]
    rows = (
        [
            o.name,
            o.certificate_no,
            _date(o.valid_from),
            _date(o.valid_until),
            str(o.section),
            o.phone,
            "是" if o.active else "否",
        ]
        for o in queryset
    )
    return headers, rows


def exam_rows(queryset):
    headers = ["年度", "姓名", "考试人员类别", "考试日期", "成绩", "是否合格"]
    rows = (
        [e.year, e.name, e.get_category_display(), _date(e.exam_date), e.score, "合格" if e.passed else "不合格"]
        for e in queryset
    )
    return headers, rows


def selfcheck_rows(queryset):
    headers = ["学校", "年度", "学期", "检查表版本", "状态", "不合格项数", "提交时间", "退回理由"]
    rows = (
        [
            s.organization.name,
            s.year,
            s.get_term_display(),
            str(s.checklist),
            s.get_status_display(),
            len(s.failed_item_ids()),
            f"{s.submitted_at:%Y-%m-%d %H:%M}" if s.submitted_at else "",
            s.return_reason,
        ]
        for s in queryset
    )
    return headers, rows


def smart_campus_rows(queryset):
    headers = ["学校", "乡镇（街道）", "点位数", "五大基本系统", "选配系统", "建成日期", "与公安联网", "备注"]
    rows = (
        [
            r.organization.name,
            str(r.organization.township),
            r.sites,
            SEPARATOR.join(r.base_labels()),
            SEPARATOR.join(r.optional_labels()),
            _date(r.completed_on),
            "是" if r.police_linked else "否",
            r.notes,
        ]
        for r in queryset
    )
    return headers, rows


def assessment_rows(queryset):
    from .models import SCORE_SHEET

    headers = [
        "学校",
        "年度",
        *[label for _, label, _ in SCORE_SHEET],
        "总分",
        "一票否决事项",
        "等级",
        "督查组",
        "督查组意见",
    ]
    rows = (
        [
            a.organization.name,
            a.year,
            *[a.scores.get(k) for k, _, _ in SCORE_SHEET],
            float(a.total),
            SEPARATOR.join(a.veto_labels()),
            a.get_grade_display(),
            a.inspector_group,
            a.notes,
        ]
        for a in queryset
    )
    return headers, rows


# Import of inspection records ----------------------------------------------------------------------
NUMBER_COLUMN = "编号"
NUMBER = re.compile(r"^婺教检〔(\d{4})〕第(\d+)号$")


def find_duplicate_inspection(*, organization, plan, inspected_on, exclude_pk=None) -> Inspection | None:
    """An inspection of the same organization, in the same plan, on the same day."""
    # TODO(lead): use records.find_duplicate_inspection
    found = Inspection.objects.filter(organization=organization, plan=plan, inspected_on=inspected_on)
    if exclude_pk is not None:
        found = found.exclude(pk=exclude_pk)
    return found.order_by("pk").first()


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
        return find_duplicate_inspection(organization=organization, plan=plan, inspected_on=day)

    def before_import_row(self, row, **kwargs):
        """Check the whole row like the form does and list every problem of it at once."""
        super().before_import_row(row, **kwargs)
        values = {}
        for name in ("plan", "organization", "inspected_on", "officers"):
            try:
                values[name] = self.fields[name].clean(row)
            except (ValueError, ValidationError):
                values[name] = None  # reported as the cell's own error
        plan, org, day, officers = (values[n] for n in ("plan", "organization", "inspected_on", "officers"))
        if day and officers is not None:
            try:
                check_officers(officers, day)
            except ValidationError as exc:
                for message in exc.messages:
                    self.add_problem(f"执法人员：{message}")
        if plan and org and org.kind not in plan.target_kinds:
            self.add_problem(f"被检查机构：“{org.name}”不在该检查行动的检查对象范围内。")
        if plan and day and not (plan.starts_on <= day <= plan.ends_on):
            self.add_problem("检查日期：不在检查行动期间内。")

    def before_save_instance(self, instance, row, **kwargs):
        super().before_save_instance(instance, row, **kwargs)
        instance.year = instance.inspected_on.year
        instance.checklist = instance.plan.checklist
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
        if instance.pk:  # a stored record the row does not equal (an equal one is 未变)
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
