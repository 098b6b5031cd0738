"""Excel exports of the inspection registers (Chinese column headers), streamed by core.exports."""

from itertools import islice

from django.db import connection

from directory.models import Department, OrgKind

from .models import Conclusion, Inspection, Officer, PlanKind

SEPARATOR = "、"


def _date(value) -> str:
    return value.isoformat() if value else ""  # a date: YYYY-MM-DD


def inspection_rows(queryset):
    """The register of inspections, read as plain values a chunk at a time (the officers and partner
    departments of a chunk in one query each), so 100,000 rows stream in seconds with flat memory."""
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
    plan_kinds, org_kinds, conclusions = dict(PlanKind.choices), dict(OrgKind.choices), dict(Conclusion.choices)
    columns = (
        "pk",
        "year",
        "serial",
        "inspected_on",
        "plan__name",
        "plan__kind",
        "organization__name",
        "organization_kind",
        "organization__township__name",
        "conclusion",
        "rectify_deadline",
        "notes",
    )

    def rows():
        officer_names = dict(Officer.objects.values_list("pk", "name"))
        department_names = dict(Department.objects.values_list("pk", "name"))
        values = queryset.values_list(*columns).iterator(chunk_size=EXPORT_CHUNK)
        while chunk := list(islice(values, EXPORT_CHUNK)):
            ids = [row[0] for row in chunk]
            officers = _names(Inspection.officers, ids, officer_names)
            partners = _names(Inspection.partners, ids, department_names)
            for pk, year, serial, day, plan, plan_kind, org, org_kind, township, conclusion, deadline, notes in chunk:
                yield [
                    f"婺教检〔{year}〕第{serial}号",  # Inspection.number
                    _date(day),
                    plan,
                    plan_kinds.get(plan_kind, plan_kind),
                    org,
                    org_kinds.get(org_kind, org_kind),
                    township,
                    officers.get(pk, ""),
                    partners.get(pk, ""),
                    conclusions.get(conclusion, conclusion),
                    _date(deadline),
                    notes,
                ]

    return headers, rows()


EXPORT_CHUNK = 1000


def _names(relation, ids: list[int], names: dict[int, str]) -> dict[int, str]:
    """The names of one many-to-many relation of the inspections `ids`, joined by 、 in the order they
    were added: one plain query on the link table (the few hundred names are read once per export)."""
    through = relation.through._meta
    own, other = (
        through.get_field(name).column
        for name in (relation.field.m2m_field_name(), relation.field.m2m_reverse_field_name())
    )
    quote = connection.ops.quote_name
    placeholders = ", ".join(["%s"] * len(ids))
    # Table and column names come from the models, the ids are parameters.
    sql = (
        f"SELECT {quote(own)}, {quote(other)} FROM {quote(through.db_table)} "  # noqa: S608
        f"WHERE {quote(own)} IN ({placeholders}) ORDER BY {quote(through.pk.column)}"
    )
    joined: dict[int, list[str]] = {}
    with connection.cursor() as cursor:
        cursor.execute(sql, ids)
        for inspection_id, other_id in cursor.fetchall():
            joined.setdefault(inspection_id, []).append(names.get(other_id, ""))
    return {pk: SEPARATOR.join(values) for pk, values in joined.items()}


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
