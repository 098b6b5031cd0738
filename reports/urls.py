from django.urls import path

from .views import editor, reports, school_forms

app_name = "reports"

urlpatterns = [
    path("", reports.index, name="index"),
    path("new/", reports.report_create, name="report_create"),
    path("export/", reports.report_export, name="report_export"),
    path("<int:pk>/", reports.report_detail, name="report_detail"),
    path("<int:pk>/metadata/", reports.report_metadata, name="report_metadata"),
    path("<int:pk>/preview/", reports.report_preview, name="report_preview"),
    path("<int:pk>/pdf/", reports.report_pdf, name="report_pdf"),
    path("<int:pk>/docx/", reports.report_docx, name="report_docx"),
    path("<int:pk>/html/", reports.report_html, name="report_html"),
    path("<int:pk>/submit/", reports.report_submit, name="report_submit"),
    path("<int:pk>/approve/", reports.report_approve, name="report_approve"),
    path("<int:pk>/return/", reports.report_return, name="report_return"),
    path("<int:pk>/publish/", reports.report_publish, name="report_publish"),
    path("<int:pk>/sections/<int:index>/", editor.section_edit, name="section_edit"),
    path("<int:pk>/sections/new/", editor.section_add, name="section_add"),
    path("<int:pk>/blocks/<int:block_pk>/", editor.block_edit, name="block_edit"),
    path("<int:pk>/blocks/<int:block_pk>/move/", editor.block_move, name="block_move"),
    path("<int:pk>/blocks/<int:block_pk>/confirm/", editor.block_confirm, name="block_confirm"),
    path("<int:pk>/blocks/<int:block_pk>/delete-sentence/", editor.sentence_delete, name="sentence_delete"),
    path("school-forms/", school_forms.school_form_list, name="school_form_list"),
    path("school-forms/export/", school_forms.school_form_export, name="school_form_export"),
    path("school-forms/mine/", school_forms.school_form_mine, name="school_form_mine"),
    path("school-forms/<int:pk>/", school_forms.school_form_detail, name="school_form_detail"),
    path("school-forms/<int:pk>/edit/", school_forms.school_form_edit, name="school_form_edit"),
    path("school-forms/<int:pk>/submit/", school_forms.school_form_submit, name="school_form_submit"),
    path("school-forms/<int:pk>/return/", school_forms.school_form_return, name="school_form_return"),
    path("school-forms/<int:pk>/accept/", school_forms.school_form_accept, name="school_form_accept"),
]
