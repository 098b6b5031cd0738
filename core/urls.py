from django.urls import path

from . import export_views, import_views, pending_views, views

app_name = "core"

urlpatterns = [
    path("", views.home, name="home"),
    path("todo/", views.todo_list, name="todo"),
    path("favicon.ico", views.favicon, name="favicon"),
    path("healthz", views.healthz, name="healthz"),
    path("imports/<int:pk>/", import_views.import_job, name="import_job"),
    path("exports/<int:pk>/", export_views.export_job, name="export_job"),
    path("uploads/pending/<int:pk>/", pending_views.pending_upload, name="pending_upload"),
    path("exports/<int:pk>/download/", export_views.export_download, name="export_download"),
]
