"""Excel export of every list and the import of inspection records (Chinese column headers)."""

from django.core.exceptions import ValidationError
from import_export import fields, widgets

from core.resources import ChoiceLabelWidget, NameForeignKeyWidget, PortalResource
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
        "提交核验日期",
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
            _date(h.submitted_on),
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
    headers = ["学校", "年度", "学期", "检查表版本", "状态", "不合格项数", "提交日期", "退回理由"]
    rows = (
        [
            s.organization.name,
            s.year,
            s.get_term_display(),
            str(s.checklist),
            s.get_status_display(),
            len(s.failed_item_ids()),
            _date(s.submitted_on),
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
class NamesWidget(widgets.ManyToManyWidget):
    """Names separated by 、 (or commas); an unknown name is an error, never silently dropped."""

    def __init__(self, model, what: str, field: str = "name"):
        super().__init__(model, separator=SEPARATOR, field=field)
        self.what = what

    def clean(self, value, row=None, **kwargs):
        text = str(value or "").replace("，", SEPARATOR).replace(",", SEPARATOR)
        names = [n.strip() for n in text.split(SEPARATOR) if n.strip()]
        found = {getattr(o, self.field): o for o in self.model.objects.filter(**{f"{self.field}__in": names})}
        unknown = [n for n in names if n not in found]
        if unknown:
            raise ValueError(f"未知的{self.what}：{SEPARATOR.join(unknown)}。")
        return [found[n] for n in names]


class InspectionResource(PortalResource):
    """Import of past paper inspection records. Each row is checked like a record typed in the form."""

    plan = fields.Field(attribute="plan", column_name="检查行动", widget=NameForeignKeyWidget(Plan, what="检查行动"))
    organization = fields.Field(
        attribute="organization", column_name="被检查机构", widget=NameForeignKeyWidget(Organization, what="机构")
    )
    inspected_on = fields.Field(attribute="inspected_on", column_name="检查日期", widget=widgets.DateWidget())
    officers = fields.Field(attribute="officers", column_name="执法人员", widget=NamesWidget(Officer, "执法人员"))
    partners = fields.Field(attribute="partners", column_name="协作部门", widget=NamesWidget(Department, "协作部门"))
    conclusion = fields.Field(
        attribute="conclusion", column_name="结论", widget=ChoiceLabelWidget(Conclusion.choices, "检查结论")
    )
    rectify_deadline = fields.Field(attribute="rectify_deadline", column_name="整改期限", widget=widgets.DateWidget())
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
        skip_unchanged = False
        clean_model_instances = True
        skip_diff = True

    def get_instance(self, instance_loader, row):
        return None  # an import only adds records; it never rewrites an existing one

    def before_import_row(self, row, **kwargs):
        """Check the whole row like the form does and list every problem of it at once."""
        super().before_import_row(row, **kwargs)
        problems, values = [], {}
        for name in ("plan", "organization", "inspected_on", "officers", "conclusion", "rectify_deadline"):
            try:
                values[name] = self.fields[name].clean(row)
            except ValueError as exc:
                problems.append(str(exc))
        plan, org, day, officers = (values.get(n) for n in ("plan", "organization", "inspected_on", "officers"))
        if day and officers is not None:
            try:
                check_officers(officers, day)
            except ValidationError as exc:
                problems += exc.messages
        if plan and org and org.kind not in plan.target_kinds:
            problems.append(f"“{org.name}”不在该检查行动的检查对象范围内。")
        if plan and day and not (plan.starts_on <= day <= plan.ends_on):
            problems.append("检查日期不在检查行动期间内。")
        if problems:
            raise ValidationError(problems)

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
        # Number, year, checklist and answers are filled when the row is saved (before_save_instance).
        errors = dict(import_validation_errors or {})
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
