from django.urls import path

from core.pending import pending_view

app_name = "inspections"

urlpatterns = [
    path("", pending_view("行政检查", "检查行动、双随机抽查、检查记录、隐患台账与学校自查。"), name="index"),
]
