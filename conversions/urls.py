from django.urls import path

from .views import baselines, board, cases, work

app_name = "conversions"

urlpatterns = [
    path("", board.board, name="index"),
    path("board/export/", board.board_export, name="board_export"),
    path("cases/", cases.case_list, name="case_list"),
    path("cases/export/", cases.case_export, name="case_export"),
    path("cases/new/", cases.case_create, name="case_create"),
    path("cases/import/", cases.case_import, name="case_import"),
    path("cases/import/template/", cases.import_template, name="import_template"),
    path("materials/", cases.catalogue, name="catalogue"),
    path("cases/<int:pk>/", cases.case_detail, name="case_detail"),
    path("cases/<int:pk>/history/", cases.case_history, name="case_history"),
    path("cases/<int:pk>/checklist.pdf", cases.case_pdf, name="case_pdf"),
    path("cases/<int:pk>/edit/", work.case_edit, name="case_edit"),
    path("cases/<int:pk>/complete/", work.case_complete, name="case_complete"),
    path("cases/<int:pk>/withdraw/", work.case_withdraw, name="case_withdraw"),
    path("cases/<int:pk>/note/", work.case_note, name="case_note"),
    path("cases/<int:pk>/visits/", work.visit_add, name="visit_add"),
    path("cases/<int:pk>/steps/", work.step_add, name="step_add"),
    path("cases/<int:pk>/materials/verify-all/", work.materials_verify_all, name="materials_verify_all"),
    path("tracks/<int:pk>/", work.track_update, name="track_update"),
    path("materials/<int:pk>/", work.material_mark, name="material_mark"),
    path("baselines/", baselines.baseline_list, name="baseline_list"),
    path("baselines/new/", baselines.baseline_create, name="baseline_create"),
    path("baselines/<int:pk>/edit/", baselines.baseline_edit, name="baseline_edit"),
]
