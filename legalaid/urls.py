from django.urls import path

from .views import activities, appointments, bureau, counsel, service_log

app_name = "legalaid"

urlpatterns = [
    path("", counsel.index, name="index"),
    path("coverage/", counsel.coverage, name="coverage"),
    path("coverage/export/", counsel.coverage_export, name="coverage_export"),
    path("schools/<int:pk>/", counsel.school_counsel, name="school_counsel"),
    # law firms and lawyers
    path("firms/", counsel.firm_list, name="firm_list"),
    path("firms/new/", counsel.firm_create, name="firm_create"),
    path("firms/<int:pk>/", counsel.firm_detail, name="firm_detail"),
    path("firms/<int:pk>/edit/", counsel.firm_edit, name="firm_edit"),
    path("lawyers/", counsel.lawyer_list, name="lawyer_list"),
    path("lawyers/new/", counsel.lawyer_create, name="lawyer_create"),
    path("lawyers/export/", counsel.lawyer_export, name="lawyer_export"),
    path("lawyers/import/", counsel.lawyer_import, name="lawyer_import"),
    path("lawyers/<int:pk>/", counsel.lawyer_detail, name="lawyer_detail"),
    path("lawyers/<int:pk>/edit/", counsel.lawyer_edit, name="lawyer_edit"),
    path("lawyers/<int:pk>/history/", counsel.lawyer_history, name="lawyer_history"),
    # appointments
    path("appointments/", appointments.appointment_list, name="appointment_list"),
    path("appointments/search/", appointments.appointment_search, name="appointment_search"),
    path("appointments/new/", appointments.appointment_create, name="appointment_create"),
    path("appointments/export/", appointments.appointment_export, name="appointment_export"),
    path("appointments/import/", appointments.appointment_import, name="appointment_import"),
    path("appointments/<int:pk>/", appointments.appointment_detail, name="appointment_detail"),
    path("appointments/<int:pk>/edit/", appointments.appointment_edit, name="appointment_edit"),
    path("appointments/<int:pk>/terminate/", appointments.appointment_terminate, name="appointment_terminate"),
    path("appointments/<int:pk>/contract/", appointments.appointment_contract, name="appointment_contract"),
    path(
        "appointments/<int:pk>/contract/<int:history_id>/",
        appointments.appointment_contract_version,
        name="appointment_contract_version",
    ),
    path("appointments/<int:pk>/history/", appointments.appointment_history, name="appointment_history"),
    path("appointments/<int:pk>/evaluate/<int:year>/", service_log.evaluation_create, name="evaluation_create"),
    # service log and evaluations
    path("services/", service_log.service_list, name="service_list"),
    path("services/new/", service_log.service_create, name="service_create"),
    path("services/export/", service_log.service_export, name="service_export"),
    path("services/<int:pk>/edit/", service_log.service_edit, name="service_edit"),
    path("evaluations/", service_log.evaluation_list, name="evaluation_list"),
    path("evaluations/<int:pk>/edit/", service_log.evaluation_edit, name="evaluation_edit"),
    # 普法 activities
    path("activities/", activities.activity_list, name="activity_list"),
    path("activities/new/", activities.activity_create, name="activity_create"),
    path("activities/export/", activities.activity_export, name="activity_export"),
    path("activities/import/", activities.activity_import, name="activity_import"),
    path("activities/summary/", activities.activity_summary, name="activity_summary"),
    path("activities/<int:pk>/", activities.activity_detail, name="activity_detail"),
    path("activities/<int:pk>/edit/", activities.activity_edit, name="activity_edit"),
    path("activities/<int:pk>/history/", activities.activity_history, name="activity_history"),
    path("activities/<int:pk>/photos/", activities.activity_photo_add, name="activity_photo_add"),
    path("photos/<int:pk>/", activities.activity_photo, name="activity_photo"),
    path("photos/<int:pk>/delete/", activities.activity_photo_delete, name="activity_photo_delete"),
    # the bureau's own items
    path("trainings/", bureau.training_list, name="training_list"),
    path("trainings/new/", bureau.training_create, name="training_create"),
    path("trainings/<int:pk>/edit/", bureau.training_edit, name="training_edit"),
    path("documents/", bureau.document_list, name="document_list"),
    path("documents/new/", bureau.document_create, name="document_create"),
    path("documents/<int:pk>/", bureau.document_detail, name="document_detail"),
    path("documents/<int:pk>/edit/", bureau.document_edit, name="document_edit"),
    path("documents/<int:pk>/advance/", bureau.document_advance, name="document_advance"),
]
