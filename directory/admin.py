from django.contrib import admin
from simple_history.admin import SimpleHistoryAdmin

from .models import Department, Organization, Township


@admin.register(Township)
class TownshipAdmin(SimpleHistoryAdmin):
    list_display = ["name", "code", "sort_order"]
    search_fields = ["name"]


@admin.register(Department)
class DepartmentAdmin(admin.ModelAdmin):
    list_display = ["name", "short_name", "kind", "active", "sort_order"]
    list_filter = ["kind", "active"]


@admin.register(Organization)
class OrganizationAdmin(SimpleHistoryAdmin):
    list_display = ["name", "kind", "ownership", "profit_status", "credit_code", "township", "status"]
    list_filter = ["kind", "ownership", "profit_status", "status", "township"]
    search_fields = ["name", "credit_code"]
    list_select_related = ["township"]
    readonly_fields = ["created_at", "created_by", "updated_at", "updated_by", "version"]
