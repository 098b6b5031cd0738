"""The board (看板): cases by status and staff member, overdue cases, the district figures."""

from django.shortcuts import render

from accounts.access import access
from accounts.roles import DISTRICT_ROLES
from core import stats
from core.exports import xlsx_export

from .. import selectors


def _year(request) -> int:
    years = selectors.board_years()
    try:
        year = int(request.GET.get("year", ""))
    except ValueError:
        return selectors.default_board_year()
    return year if year in years else selectors.default_board_year()


@access(DISTRICT_ROLES)
def board(request):
    year = _year(request)
    context = {
        "year": year,
        "years": selectors.board_years(),
        "figures": selectors.district_figures(year),
        "by_kind": stats.get("conversions.by_kind").value(year),
        "status": selectors.status_counts(),
        "staff": selectors.staff_rows(),
        "overdue": selectors.overdue_cases(),
    }
    return render(request, "conversions/board.html", context)


@access(DISTRICT_ROLES)
def board_export(request):
    """The board as one sheet: the district figures of the year, then cases by kind and by staff member."""
    year = _year(request)
    figures = selectors.district_figures(year)
    rows = []
    for name, figure in figures.items():
        if isinstance(figure, dict):
            rows.append(["全区数据", f"{year}年{stats.get(f'conversions.{name}').label}", figure["display"]])
    rows.append(["全区数据", "改革前办理次数", f"{figures['baseline_visits']}次"])
    rows.append(["全区数据", "改革前办事环节", f"{figures['baseline_steps']}个"])
    status = selectors.status_counts()
    for row in status["rows"]:
        total = row["open"] + row["completed"] + row["withdrawn"]
        rows.append(["按办理类型", row["label"], total, row["open"], row["completed"], row["overdue"], ""])
    for r in selectors.staff_rows():
        rows.append(["按经办人", r.assignee.get_full_name(), r.total, r.open, r.completed, r.overdue, r.avg_days])
    headers = ["分类", "项目", "数值/案件数", "办理中", "已办结", "逾期", "平均用时（天）"]
    return xlsx_export(label=f"营转非工作看板{year}", headers=headers, rows=rows).response()
