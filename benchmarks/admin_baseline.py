"""Baseline: the Django admin changelist of each model a portal list shows, configured as a careful
admin user would (the same columns, `list_select_related` so there is no query per row, a date
filter) — nothing more. Mounted only by the benchmark URL conf at /bench/admin/.

Models the project already registers in its own admin (organizations, appointments, conversion
cases) are measured at /admin/ with the project's configuration.
"""

from django.contrib import admin

from inspections.models import Hazard, Inspection, Plan
from legalaid.models import Activity, ServiceRecord

site = admin.AdminSite(name="bench_admin")


@admin.register(Inspection, site=site)
class InspectionAdmin(admin.ModelAdmin):
    list_display = ["serial", "year", "organization", "plan", "inspected_on", "conclusion"]
    list_filter = ["year", "conclusion", "plan__kind"]
    list_select_related = ["organization", "plan"]
    search_fields = ["organization__name"]  # what the portal's 机构名称 search looks in


@admin.register(Hazard, site=site)
class HazardAdmin(admin.ModelAdmin):
    list_display = ["organization", "area", "severity", "found_on", "deadline", "status"]
    list_filter = ["status", "area"]
    list_select_related = ["organization"]


@admin.register(Plan, site=site)
class PlanAdmin(admin.ModelAdmin):
    list_display = ["name", "kind", "starts_on", "ends_on", "planned_count"]
    list_select_related = ["lead_section"]


@admin.register(ServiceRecord, site=site)
class ServiceRecordAdmin(admin.ModelAdmin):
    list_display = ["date", "kind", "hours", "appointment"]
    list_select_related = ["appointment__organization", "appointment__lawyer__firm"]


@admin.register(Activity, site=site)
class ActivityAdmin(admin.ModelAdmin):
    list_display = ["title", "date", "kind", "participants"]
