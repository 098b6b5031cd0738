from django.urls import path

from . import import_views, views

app_name = "core"

urlpatterns = [
    path("", views.home, name="home"),
    path("favicon.ico", views.favicon, name="favicon"),
    path("healthz", views.healthz, name="healthz"),
    path("imports/<int:pk>/", import_views.import_job, name="import_job"),
]
