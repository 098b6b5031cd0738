"""The board (看板): cases by status and staff member, overdue cases, the district figures."""

from django.shortcuts import render

from accounts.access import access
from accounts.roles import DISTRICT_ROLES
from core import stats
from core.exports import xlsx_export

from .. import selectors


def _board(request) -> dict:
    try:
        year = int(request.GET.get("year", ""))
    except ValueError:
        year = None
    return selectors.board(year)


@access(DISTRICT_ROLES)
def board(request):
    return render(request, "conversions/board.html", _board(request))


@access(DISTRICT_ROLES)
def board_export(request):
    """The board as one sheet: the district figures of the year, then cases by kind and by staff member."""
    board = _board(request)
    year, figures = board["year"], board["figures"]
    rows = []
    for name, figure in figures.items():
        if isinstance(figure, dict):
            rows.append(["全区数据", f"{year}年{stats.get(f'conversions.{name}').label}", figure["display"]])
    rows.append(["全区数据", "改革前办理次数", f"{figures['baseline_visits']}次"])
    rows.append(["全区数据", "改革前办事环节", f"{figures['baseline_steps']}个"])
    for row in board["status"]["rows"]:
        total = row["open"] + row["completed"] + row["withdrawn"]
        rows.append(["按办理类型", row["label"], total, row["open"], row["completed"], row["overdue"], ""])
    for r in board["staff"]:
        rows.append(["按经办人", r.assignee.get_full_name(), r.total, r.open, r.completed, r.overdue, r.avg_days])
    headers = ["分类", "项目", "数值/案件数", "办理中", "已办结", "逾期", "平均用时（天）"]
    return xlsx_export(label=f"营转非工作看板{year}", headers=headers, rows=rows).response()
