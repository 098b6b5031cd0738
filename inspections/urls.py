from django.urls import path

from .views import campus, checklists, dashboard, draws, hazards, officers, plans, public, records, selfchecks

app_name = "inspections"

urlpatterns = [
    path("", dashboard.index, name="index"),
    path("dashboard/", dashboard.dashboard, name="dashboard"),
    # officers and exams
    path("officers/", officers.officer_list, name="officer_list"),
    path("officers/new/", officers.officer_create, name="officer_create"),
    path("officers/export/", officers.officer_export, name="officer_export"),
    path("officers/<int:pk>/edit/", officers.officer_edit, name="officer_edit"),
    path("exams/", officers.exam_list, name="exam_list"),
    path("exams/new/", officers.exam_create, name="exam_create"),
    path("exams/export/", officers.exam_export, name="exam_export"),
    # checklists
    path("checklists/", checklists.checklist_list, name="checklist_list"),
    path("checklists/<int:pk>/", checklists.checklist_detail, name="checklist_detail"),
    path("checklists/<int:pk>/items/", checklists.checklist_items, name="checklist_items"),
    path("checklists/<int:pk>/export/", checklists.checklist_export, name="checklist_export"),
    path("checklists/<int:pk>/new-version/", checklists.checklist_new_version, name="checklist_new_version"),
    path("checklists/<int:pk>/publish/", checklists.checklist_publish, name="checklist_publish"),
    # plans and draws
    path("plans/", plans.plan_list, name="plan_list"),
    path("plans/new/", plans.plan_create, name="plan_create"),
    path("plans/export/", plans.plan_export, name="plan_export"),
    path("plans/<int:pk>/", plans.plan_detail, name="plan_detail"),
    path("plans/<int:pk>/edit/", plans.plan_edit, name="plan_edit"),
    path("plans/<int:pk>/publish/", plans.plan_publish, name="plan_publish"),
    path("plans/<int:pk>/draw/", draws.draw_create, name="draw_create"),
    path("draws/<int:pk>/", draws.draw_detail, name="draw_detail"),
    path("draws/<int:pk>/perform/", draws.draw_perform, name="draw_perform"),
    # inspection records
    path("records/", records.inspection_list, name="inspection_list"),
    path("records/new/", records.inspection_create, name="inspection_create"),
    path("records/export/", records.inspection_export, name="inspection_export"),
    path("records/import/", records.inspection_import, name="inspection_import"),
    path("records/<int:pk>/", records.inspection_detail, name="inspection_detail"),
    path("records/<int:pk>/record.pdf", records.inspection_record_pdf, name="inspection_record_pdf"),
    path("records/<int:pk>/notice.pdf", records.inspection_notice_pdf, name="inspection_notice_pdf"),
    path("records/files/<int:pk>/", records.inspection_attachment, name="inspection_attachment"),
    # hazards
    path("hazards/", hazards.hazard_list, name="hazard_list"),
    path("hazards/new/", hazards.hazard_create, name="hazard_create"),
    path("hazards/export/", hazards.hazard_export, name="hazard_export"),
    path("hazards/<int:pk>/", hazards.hazard_detail, name="hazard_detail"),
    path("hazards/<int:pk>/edit/", hazards.hazard_edit, name="hazard_edit"),
    path("hazards/<int:pk>/rectify/", hazards.hazard_plan, name="hazard_plan"),
    path("hazards/<int:pk>/submit/", hazards.hazard_submit, name="hazard_submit"),
    path("hazards/<int:pk>/verify/", hazards.hazard_verify, name="hazard_verify"),
    path("hazards/<int:pk>/extend/", hazards.hazard_extend, name="hazard_extend"),
    path("hazards/<int:pk>/notice/", hazards.hazard_notice, name="hazard_notice"),
    path("hazards/<int:pk>/history/", hazards.hazard_history, name="hazard_history"),
    path("hazards/files/<int:pk>/", hazards.hazard_evidence, name="hazard_evidence"),
    path("notices/", hazards.notice_list, name="notice_list"),
    path("notices/export/", hazards.notice_export, name="notice_export"),
    # self-checks
    path("selfchecks/", selfchecks.selfcheck_list, name="selfcheck_list"),
    path("selfchecks/new/", selfchecks.selfcheck_create, name="selfcheck_create"),
    path("selfchecks/export/", selfchecks.selfcheck_export, name="selfcheck_export"),
    path("selfchecks/<int:pk>/", selfchecks.selfcheck_detail, name="selfcheck_detail"),
    path("selfchecks/<int:pk>/review/", selfchecks.selfcheck_review, name="selfcheck_review"),
    path("selfchecks/files/<int:pk>/", selfchecks.selfcheck_attachment, name="selfcheck_attachment"),
    # campus safety
    path("smart-campus/", campus.smart_campus_list, name="smart_campus_list"),
    path("smart-campus/export/", campus.smart_campus_export, name="smart_campus_export"),
    path("smart-campus/<int:pk>/edit/", campus.smart_campus_edit, name="smart_campus_edit"),
    path("assessments/", campus.assessment_list, name="assessment_list"),
    path("assessments/new/", campus.assessment_create, name="assessment_create"),
    path("assessments/export/", campus.assessment_export, name="assessment_export"),
    path("assessments/<int:pk>/", campus.assessment_detail, name="assessment_detail"),
    path("assessments/<int:pk>/edit/", campus.assessment_edit, name="assessment_edit"),
    # 一公开 (public, no login)
    path("public/", public.public_draws, name="public_draws"),
    path("public/draws/<int:pk>/", public.public_draw, name="public_draw"),
]
