"""What the page benchmark measures, each with the target it must meet and the baseline it is compared with.

A target is (label, url, goal, baseline): `goal` is the p95 budget in ms (DESIGN.md §5: 100 ms for page 1
of a list and the dashboards, 200 ms for a deep page, 1 s for the report statistics and the PDF), and
`baseline` the label of the Django admin changelist of the same model, measured in the same run (for
reference: the ratio is no longer a goal). Deep pages sit at offset 500,000 when the list has that many rows.
"""

from dataclasses import dataclass

PAGE = 20  # rows per page of the portal's lists (core.listing.PER_PAGE)
ADMIN_PAGE = 100  # rows per page of the Django admin changelist
DEEP_OFFSET = 500_000


@dataclass(frozen=True)
class Target:
    label: str
    url: str  # or "stats:<year>" for the report statistics, timed as one call
    goal: float | None = None  # p95 budget, ms
    baseline: str | None = None  # label of the baseline this one is compared with
    runs: int | None = None  # fewer runs for slow baselines
    user: str = "staff"  # "staff" (bureau user) or "admin" (for the baseline admin at /bench/admin/)


def deep_page(rows: int, per_page: int) -> int:
    """The page at offset 500,000, or the last page of a shorter list."""
    offset = min(DEEP_OFFSET, max(0, rows - per_page))
    return offset // per_page + 1


def build(counts: dict, report_pk: int | None) -> list[Target]:
    """The targets for a database with `counts` rows per model (deep pages depend on the row counts)."""
    insp, haz, orgs = counts["inspections"], counts["hazards"], counts["organizations"]
    passed = counts["inspections_passed"]
    org_deep, org_admin_deep = deep_page(min(orgs, 10_000), PAGE), deep_page(min(orgs, 10_000), ADMIN_PAGE)
    i_deep, i_admin_deep = deep_page(insp, PAGE), deep_page(insp, ADMIN_PAGE)
    f_deep = deep_page(passed, PAGE)
    h_deep, h_admin_deep = deep_page(haz, PAGE), deep_page(haz, ADMIN_PAGE)
    A_ORG, A_ORG_DEEP = "admin: organizations", "admin: organizations, deep"
    A_ORG_SEARCH = "admin: organizations, search"
    A_INSP, A_INSP_DEEP = "admin: inspections", "admin: inspections, deep"
    ADMIN_INSP = "/bench/admin/inspections/inspection/"
    A_INSP_FILTER, A_INSP_SEARCH = "admin: inspections, year+kind", "admin: inspections, search"
    A_HAZ, A_HAZ_DEEP = "admin: hazards", "admin: hazards, deep"
    A_PLAN, A_APPT, A_CASE = "admin: plans", "admin: appointments", "admin: conversion cases"
    A_SERVICE, A_ACTIVITY = "admin: counsel services", "admin: activities"
    targets = [
        Target("baseline: trivial Django view", "/bench/trivial/"),
        # 机构名录
        Target(A_ORG, "/bench/admin/directory/organization/", user="admin"),
        Target(A_ORG_DEEP, f"/bench/admin/directory/organization/?p={org_admin_deep}", user="admin"),
        # The same search in the admin (its search_fields: name and credit code, as ours).
        Target(A_ORG_SEARCH, "/bench/admin/directory/organization/?q=%E5%B0%8F%E5%AD%A6", user="admin"),
        Target("organization list", "/directory/", 100, A_ORG),
        Target("organization list, filtered", "/directory/?kind=private_kindergarten&status=active", 100, A_ORG),
        Target("organization list, search", "/directory/?q=%E5%B0%8F%E5%AD%A6", 100, A_ORG_SEARCH),
        Target(f"organization list, deep (page {org_deep})", f"/directory/?page={org_deep}", 200, A_ORG_DEEP),
        # 检查记录
        Target(A_INSP, "/bench/admin/inspections/inspection/", user="admin", runs=10),
        Target(A_INSP_DEEP, f"/bench/admin/inspections/inspection/?p={i_admin_deep}", user="admin", runs=10),
        # A filtered or searched list is compared with the admin applying the same filter or search.
        Target(A_INSP_FILTER, f"{ADMIN_INSP}?year=2021&plan__kind__exact=random", user="admin", runs=10),
        Target(A_INSP_SEARCH, f"{ADMIN_INSP}?q=%E9%98%B3%E5%85%89", user="admin", runs=10),
        Target("inspection list", "/inspections/records/", 100, A_INSP),
        Target(
            "inspection list, filtered (year+kind)", "/inspections/records/?year=2021&kind=random", 100, A_INSP_FILTER
        ),
        Target(
            "inspection list, filtered (township)",
            f"/inspections/records/?township={counts['busy_township']}&conclusion=rectify",
            100,
            A_INSP,
        ),
        Target("inspection list, search", "/inspections/records/?q=%E9%98%B3%E5%85%89", 100, A_INSP_SEARCH),
        Target(f"inspection list, deep (page {i_deep})", f"/inspections/records/?page={i_deep}", 200, A_INSP_DEEP),
        Target(
            f"inspection list, filtered deep (page {f_deep})",
            f"/inspections/records/?conclusion=passed&page={f_deep}",
            200,
            A_INSP_DEEP,
        ),
        # 隐患台账
        Target(A_HAZ, "/bench/admin/inspections/hazard/", user="admin", runs=10),
        Target(A_HAZ_DEEP, f"/bench/admin/inspections/hazard/?p={h_admin_deep}", user="admin", runs=10),
        Target("hazard register", "/inspections/hazards/", 100, A_HAZ),
        Target("hazard register, overdue", "/inspections/hazards/?overdue=yes", 100, A_HAZ),
        Target("hazard register, overdue, by deadline", "/inspections/hazards/?overdue=yes&ordering=deadline", 100),
        Target(f"hazard register, deep (page {h_deep})", f"/inspections/hazards/?page={h_deep}", 200, A_HAZ_DEEP),
        # other lists of the inspections module
        Target(A_PLAN, "/bench/admin/inspections/plan/", user="admin"),
        Target("plan list", "/inspections/plans/", 100, A_PLAN),
        Target("officer list", "/inspections/officers/", 100),
        Target("self-check list", "/inspections/selfchecks/", 100),
        Target("warning notices", "/inspections/notices/", 100),
        # dashboards
        Target("inspections home", "/inspections/", 100),
        Target("inspection dashboard (latest year)", "/inspections/dashboard/", 100),
        Target("inspection dashboard 2021", "/inspections/dashboard/?year=2021", 100),
        Target("portal home", "/", 100),
        # 法律顾问, 普法
        Target(A_APPT, "/bench/admin/legalaid/appointment/", user="admin"),
        # The coverage page lists schools (organizations) with their counsel state.
        Target("counsel coverage", "/legalaid/coverage/", 100, A_ORG),
        Target("counsel coverage, uncovered", "/legalaid/coverage/?state=uncovered", 100, A_ORG),
        Target("appointment list", "/legalaid/appointments/", 100, A_APPT),
        Target(A_SERVICE, "/bench/admin/legalaid/servicerecord/", user="admin"),
        Target("counsel service log", "/legalaid/services/", 100, A_SERVICE),
        Target("evaluation list", "/legalaid/evaluations/", 100),
        Target(A_ACTIVITY, "/bench/admin/legalaid/activity/", user="admin"),
        Target("activity list", "/legalaid/activities/", 100, A_ACTIVITY),
        Target("activity summary", "/legalaid/activities/summary/", 100),
        # 营转非
        Target(A_CASE, "/bench/admin/conversions/conversioncase/", user="admin"),
        Target("conversion board", "/conversions/", 100),  # a dashboard, like the inspection dashboard
        Target("conversion case list", "/conversions/cases/", 100, A_CASE),
        # the annual report
        Target("report statistics 2021 (all, one call)", "stats:2021", 1000, runs=5),
    ]
    if report_pk:
        targets += [
            Target("report list", "/reports/", 100),
            Target("2021 report page", f"/reports/{report_pk}/", 100),
            Target("2021 report PDF", f"/reports/{report_pk}/pdf/", 1000, runs=10),
        ]
    return targets
