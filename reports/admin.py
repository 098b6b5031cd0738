from django.contrib import admin
from simple_history.admin import SimpleHistoryAdmin

from .models import Report, ReportEvent, SchoolReportForm


class ReadOnlyAdmin(admin.ModelAdmin):
    """Reports change only through the portal's services (workflow, locking, freezing)."""

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


@admin.register(Report)
class ReportAdmin(ReadOnlyAdmin):
    list_display = ["title", "year", "status", "index_number", "written_on", "published_on", "disclosure"]
    list_filter = ["status", "year", "disclosure"]
    search_fields = ["title", "index_number"]


@admin.register(ReportEvent)
class ReportEventAdmin(ReadOnlyAdmin):
    list_display = ["report", "at", "actor", "action", "from_status", "to_status", "note"]
    list_filter = ["action"]


@admin.register(SchoolReportForm)
class SchoolReportFormAdmin(SimpleHistoryAdmin, ReadOnlyAdmin):
    list_display = ["organization", "year", "status", "submitted_at"]
    list_filter = ["year", "status"]
    search_fields = ["organization__name"]
