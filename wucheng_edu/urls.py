from django.contrib import admin
from django.urls import include, path

from core import views as core_views
from inspections.views.visit_codes import public_visit

urlpatterns = [
    path("", include("core.urls")),
    path("accounts/", include("accounts.urls")),
    path("directory/", include("directory.urls")),
    path("inspections/", include("inspections.urls")),
    path("legalaid/", include("legalaid.urls")),
    path("conversions/", include("conversions.urls")),
    path("reports/", include("reports.urls")),
    path("public/", include("reports.public_urls")),
    path("admin/", admin.site.urls),
    # 扫码入企: the address printed on the 检查通知 as a QR code, short enough to type (no sign-in)
    path("v/<slug:token>/", public_visit, name="visit_public"),
]

handler403 = core_views.error_403
handler404 = core_views.error_404
handler500 = core_views.error_500
