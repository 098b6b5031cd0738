from django.urls import path

from core.pending import pending_view

app_name = "legalaid"

urlpatterns = [
    path("", pending_view("法律顾问与普法", "学校法律顾问聘任、服务记录与普法活动台账。"), name="index"),
]
