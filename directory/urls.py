from django.urls import path

from . import views

app_name = "directory"

urlpatterns = [
    path("", views.organization_list, name="organization_list"),
    path("new/", views.organization_create, name="organization_create"),
    path("export/", views.organization_export, name="organization_export"),
    path("search/", views.organization_search, name="organization_search"),
    path("import/", views.organization_import, name="organization_import"),
    path("<int:pk>/", views.organization_detail, name="organization_detail"),
    path("<int:pk>/edit/", views.organization_edit, name="organization_edit"),
    path("<int:pk>/history/", views.organization_history, name="organization_history"),
    path("<int:pk>/status/", views.organization_status, name="organization_status"),
]
