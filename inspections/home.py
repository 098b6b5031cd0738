"""Home-page panels: warning notices for everyone, the school's own hazards, the bureau's to-do."""

from core.home import Panel

from . import selectors


def panels(user) -> list[Panel]:
    result = []
    notices = list(selectors.notices_for_user(user)[:3])
    if user.is_school_admin and user.organization_id:
        counts = selectors.hazard_counts_for_user(user)
        returned = list(selectors.returned_hazards_for_user(user)[:5])
        context = {"counts": counts, "notices": notices, "returned": returned}
        result.append(Panel("inspections/panels/school.html", context))
    elif user.sees_district:
        counts = {
            **selectors.hazard_counts_for_user(user),
            "selfchecks": selectors.selfchecks_for_user(user).filter(status="submitted").count(),
        }
        result.append(Panel("inspections/panels/district.html", {"counts": counts, "notices": notices}))
    return result
