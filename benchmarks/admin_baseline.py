"""Baseline: the Django admin changelist of each model a portal list shows, configured as a careful
admin user would (the same columns, `list_select_related` so there is no query per row, a date
filter) — nothing more. Mounted only by the benchmark URL conf at /bench/admin/.

Models the project registers in its own admin files (organizations, appointments, conversion cases)
are measured here with the project's configuration: the portal's /admin/ shows only reference data
to the 系统管理员 (accounts.admin_site), and nobody is a superuser.
"""

from django.contrib import admin

from conversions.admin import ConversionCaseAdmin
from conversions.models import ConversionCase
from directory.admin import OrganizationAdmin
from directory.models import Organization
from inspections.models import Hazard, Inspection, Plan
from legalaid.admin import AppointmentAdmin
from legalaid.models import Activity, Appointment, ServiceRecord


class BenchAdminSite(admin.AdminSite):
    """Any signed-in user reads every changelist: only their cost is measured (never mounted by the portal)."""

    def has_permission(self, request):
        return request.user.is_active and request.user.is_authenticated

    def register(self, model_or_iterable, admin_class=None, **options):
        readable = type((admin_class or admin.ModelAdmin).__name__, (ReadAll, admin_class or admin.ModelAdmin), {})
        return super().register(model_or_iterable, readable, **options)


class ReadAll:
    def has_module_permission(self, request):
        return True

    def has_view_permission(self, request, obj=None):
        return True


site = BenchAdminSite(name="bench_admin")
site.register(Organization, OrganizationAdmin)
site.register(Appointment, AppointmentAdmin)
site.register(ConversionCase, ConversionCaseAdmin)


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
