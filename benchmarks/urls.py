"""URL conf for benchmarks only: the project's URLs, a trivial baseline view and the baseline admin."""

from django.http import HttpResponse
from django.urls import include, path

from benchmarks.admin_baseline import site as baseline_admin


def trivial(request):
    return HttpResponse("ok")


urlpatterns = [
    path("bench/trivial/", trivial),
    path("bench/admin/", baseline_admin.urls),
    path("", include("wucheng_edu.urls")),
]
