from django.urls import path

from core.pending import pending_view

app_name = "reports"

urlpatterns = [
    path("", pending_view("年度报告", "法治政府建设年度报告的起草、审核与发布。"), name="index"),
]
