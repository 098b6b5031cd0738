from django.contrib import admin
from simple_history.admin import SimpleHistoryAdmin

from .models import Activity, Appointment, CadreTraining, Evaluation, LawFirm, Lawyer, NormativeDocument, ServiceRecord

READONLY = ["created_at", "created_by", "updated_at", "updated_by", "version"]


@admin.register(LawFirm)
class LawFirmAdmin(SimpleHistoryAdmin):
    list_display = ["name", "credit_code", "contact_person", "phone"]
    search_fields = ["name", "credit_code"]
    readonly_fields = READONLY


@admin.register(Lawyer)
class LawyerAdmin(SimpleHistoryAdmin):
    list_display = ["name", "firm", "license_no", "active"]
    list_filter = ["active", "firm"]
    search_fields = ["name", "license_no"]
    list_select_related = ["firm"]
    readonly_fields = READONLY


@admin.register(Appointment)
class AppointmentAdmin(SimpleHistoryAdmin):
    list_display = ["organization", "lawyer", "start_date", "end_date", "ends_on"]
    search_fields = ["organization__name", "lawyer__name"]
    list_select_related = ["organization", "lawyer__firm"]
    raw_id_fields = ["organization", "lawyer"]
    readonly_fields = READONLY


for model in (ServiceRecord, Evaluation, Activity, CadreTraining, NormativeDocument):
    admin.site.register(model, SimpleHistoryAdmin)
