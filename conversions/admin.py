from django.contrib import admin

from .models import ConversionCase, MaterialTemplate


@admin.register(MaterialTemplate)
class MaterialTemplateAdmin(admin.ModelAdmin):
    """The window's material checklist and reference texts are reference data kept here."""

    list_display = ["name", "department", "for_convert", "for_change", "for_close", "sort_order", "active"]
    list_filter = ["department", "active"]
    search_fields = ["name"]


@admin.register(ConversionCase)
class ConversionCaseAdmin(admin.ModelAdmin):
    """Read-only: cases are worked in the portal, where every change goes through the services."""

    list_display = ["number", "organization", "kind", "assignee", "status", "opened_on", "completed_on"]
    list_filter = ["status", "kind"]
    search_fields = ["number", "organization__name"]
    list_select_related = ["organization", "assignee"]

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False
