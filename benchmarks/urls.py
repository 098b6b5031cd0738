"""URL conf for benchmarks only: the project's URLs plus a trivial baseline view."""

from django.http import HttpResponse
from django.urls import include, path


def trivial(request):
    return HttpResponse("ok")


urlpatterns = [
    path("bench/trivial/", trivial),
    path("", include("wucheng_edu.urls")),
]
