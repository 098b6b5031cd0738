from django.urls import path

from core.pending import pending_view

app_name = "conversions"

urlpatterns = [
    path("", pending_view("营转非", "学科类培训机构营利性转非营利性（营转非）联办案件。"), name="index"),
]
