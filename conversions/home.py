"""The home page panel: open and overdue cases for the bureau, the institution's own case otherwise."""

from core.home import Panel

from . import selectors


def panels(user) -> list[Panel]:
    if user.sees_district:
        year = selectors.default_board_year()
        figures = selectors.district_figures(year)
        status = selectors.status_counts()["totals"]
        return [Panel("conversions/panel.html", {"year": year, "figures": figures, "status": status})]
    cases = list(selectors.cases_for_user(user)[:5])
    return [Panel("conversions/panel_own.html", {"cases": cases})] if cases else []
