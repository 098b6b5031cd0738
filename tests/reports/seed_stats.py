"""Stand-ins for the other modules' statistics, with the seed's 2021 values.

The reports tests must not depend on inspections, legalaid or conversions. `install()` registers a
stand-in for each contract name that is not registered yet (a module that has landed keeps its own),
so the same tests check the real figures after the merge.
"""

from core import stats

BY_PLAN = [
    ("春季开学核验检查及日常巡查", 212),
    ("9月联合市场监管摸底排查", 465),
    ("联合民政双随机检查", 21),
    ("联合市场监管专项检查", 15),
    ("省厅部署随机抽查", 15),
    ("幼儿园年检", 118),
    ("11月疫情防控检查", 173),
]

SEED_2021 = {
    "inspections.total": (1019, "count", "件"),
    "inspections.by_plan": ([{"label": label, "value": n} for label, n in BY_PLAN], "table", "件"),
    "inspections.by_kind": (
        [{"label": "日常巡查", "value": 385}, {"label": "联合检查", "value": 516}, {"label": "年检", "value": 118}],
        "table",
        "件",
    ),
    "inspections.joint_share": (0.506, "rate", ""),
    "inspections.random_checks": (36, "count", "家"),
    "inspections.inspected_kindergartens": (118, "count", "家"),
    "inspections.inspected_subject_training": (88, "count", "家"),
    "inspections.inspected_private_schools": (6, "count", "家"),
    "inspections.inspected_nonsubject_training": (377, "count", "家"),
    "inspections.officers_certified": (9, "count", "人"),
    "inspections.exam_cadres": (5, "count", "人"),
    "inspections.exam_civil_servants": (2, "count", "人"),
    "inspections.checklist_items": (108, "count", "条"),
    "inspections.hazards_found": (64, "count", "处"),
    "inspections.hazards_closed": (61, "count", "处"),
    "inspections.hazards_open": (3, "count", "处"),
    "inspections.smart_campus_schools": (58, "count", "所"),
    "inspections.smart_campus_sites": (68, "count", "个"),
    "inspections.smart_campus_rate": (1.0, "rate", ""),
    "legalaid.counsel_coverage": (1.0, "rate", ""),
    "legalaid.counsel_schools": (58, "count", "所"),
    "legalaid.schools_total": (58, "count", "所"),
    "legalaid.services_total": (236, "count", "次"),
    "legalaid.services_by_kind": (
        [{"label": "法律咨询", "value": 150}, {"label": "合同审查", "value": 60}, {"label": "法治讲座", "value": 26}],
        "table",
        "次",
    ),
    "legalaid.activities_total": (320, "count", "次"),
    "legalaid.activity_participants": (41250, "count", "人次"),
    "legalaid.activities_by_kind": (
        [{"label": "宪法宣传", "value": 120}, {"label": "禁毒教育", "value": 100}, {"label": "模拟法庭", "value": 100}],
        "table",
        "次",
    ),
    "legalaid.wulao_talks": (12, "count", "场"),
    "legalaid.wulao_audience": (10600, "count", "人"),
    "legalaid.reading_winners": (412, "count", "人"),
    "legalaid.cadre_trainings": (6, "count", "次"),
    "legalaid.normative_documents": (3, "count", "件"),
    "conversions.converted": (88, "count", "家"),
    "conversions.changed": (20, "count", "家"),
    "conversions.closed": (5, "count", "家"),
    "conversions.reduction_rate": (1.0, "rate", ""),
    "conversions.staff": (11, "count", "人"),
    "conversions.avg_visits": (1.0, "count", "次"),
    "conversions.avg_steps": (1.0, "count", "个"),
    "conversions.baseline_visits": (3, "count", "次"),
    "conversions.baseline_steps": (3, "count", "个"),
    "conversions.avg_days": (2.5, "count", "天"),
    "conversions.by_kind": ([{"label": "营转非转登", "value": 88}], "table", "家"),
}
# inspections.safety_below_full is asked for the year before the report (21 schools in 2020).
PREVIOUS_YEAR = {"inspections.safety_below_full": (21, "count", "所")}


def _stand_in(name, value, kind, unit, year_of_value):
    def func(year: int):
        return value if year == year_of_value else (0 if kind != "table" else [])

    func.__qualname__ = f"seed_stats.{name}"
    return stats.Statistic(name=name, label=f"{name}（测试替身）", unit=unit, kind=kind, func=func)


def install(monkeypatch) -> list[str]:
    """Register the stand-ins for names no module has registered; returns the names installed."""
    stats.autodiscover()
    installed = []
    for table, year in ((SEED_2021, 2021), (PREVIOUS_YEAR, 2020)):
        for name, (value, kind, unit) in table.items():
            if name not in stats.REGISTRY:
                monkeypatch.setitem(stats.REGISTRY, name, _stand_in(name, value, kind, unit, year))
                installed.append(name)
    return installed
