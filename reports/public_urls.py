from django.urls import path

from core.pending import pending_view

app_name = "public"

urlpatterns = [
    path(
        "",
        pending_view("信息公开目录", "已发布的法治政府建设年度报告及双随机抽查结果将在此公开。", is_public=True),
        name="index",
    ),
]
