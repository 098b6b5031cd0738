"""信息公开目录 (no login): published reports with their metadata, the frozen PDF and its checksum."""

from django.shortcuts import render
from django.urls import NoReverseMatch, reverse
from django.utils.safestring import mark_safe

from accounts.access import public
from core.listing import paginate

from .. import selectors
from ..models import Disclosure
from .common import download


def draws_url() -> str:
    """The 双随机 一公开 page, once the inspections module provides it."""
    try:
        return reverse("inspections:public_draws")
    except NoReverseMatch:
        return ""


@public
def index(request):
    page = paginate(request, selectors.public_reports())
    return render(request, "reports/public_index.html", {"page": page, "draws_url": draws_url()})


@public
def report_detail(request, pk):
    report = selectors.get_public_report(pk)
    body = ""
    if report.disclosure == Disclosure.ACTIVE:
        body = mark_safe(report.snapshot.html)  # noqa: S308 - frozen, escaped; deferred, read here
    return render(request, "reports/public_detail.html", {"report": report, "body": body})


@public
def report_pdf(request, pk):
    report = selectors.get_public_report(pk)
    if report.disclosure != Disclosure.ACTIVE:
        return render(request, "reports/public_on_request.html", {"report": report}, status=403)
    snapshot = type(report.snapshot).objects.only("pdf").get(pk=report.snapshot.pk)
    response = download(
        bytes(snapshot.pdf), filename=f"{report.file_name}.pdf", mimetype="application/pdf", inline=True
    )
    response["X-Report-SHA256"] = report.snapshot.sha256
    return response
