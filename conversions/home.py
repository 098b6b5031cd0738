"""The home page panel: open and overdue cases for the bureau, the institution's own case otherwise."""

from core.home import Panel

from . import selectors


def panels(user) -> list[Panel]:
    if user.sees_district:
        board = selectors.board()
        context = {"year": board["year"], "figures": board["figures"], "status": board["status"]["totals"]}
        return [Panel("conversions/panel.html", context)]
    cases = list(selectors.cases_for_user(user)[:5])
    return [Panel("conversions/panel_own.html", {"cases": cases})] if cases else []
