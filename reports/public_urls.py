from django.urls import path

from .views import public

app_name = "public"

urlpatterns = [
    path("", public.index, name="index"),
    path("reports/<int:pk>/", public.report_detail, name="report_detail"),
    path("reports/<int:pk>/pdf/", public.report_pdf, name="report_pdf"),
]
