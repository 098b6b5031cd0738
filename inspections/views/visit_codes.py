"""扫码入企 pages: the officer's code of a visit (to show on a phone), its QR image, the public page of a
code (no sign-in) with the organization's anonymous rating, and the legal section's list of ratings."""

from django import forms
from django.http import HttpResponse
from django.shortcuts import render
from django.utils import timezone
from django.views.decorators.cache import never_cache

from accounts.access import access, public
from accounts.roles import DISTRICT_ROLES, LEGAL_SECTION
from core import bounds
from core.forms import form_status, save_form
from core.listing import paginate

from .. import selectors, services
from .. import visit_code_selectors as visits
from ..models import Conclusion, VisitRating
from ..services.visit_codes import ALREADY_RATED

YES_NO = [("1", "是"), ("0", "否")]


def _yes_no(label: str) -> forms.TypedChoiceField:
    return forms.TypedChoiceField(
        label=label,
        choices=YES_NO,
        coerce=lambda v: v == "1",
        widget=forms.RadioSelect,
        error_messages={"required": "请选择“是”或“否”。", "invalid_choice": "请选择“是”或“否”。"},
    )


class RatingForm(forms.Form):
    score = forms.TypedChoiceField(
        label="总体评分（1分最低，5分最高）",
        choices=[(str(n), f"{n}分") for n in range(1, 6)],
        coerce=int,
        widget=forms.RadioSelect,
        error_messages={"required": "请选择1至5分。", "invalid_choice": "评分应在1至5分之间。"},
    )
    showed_certificates = _yes_no("执法人员是否出示了执法证件")
    followed_checklist = _yes_no("是否按公布的检查事项清单检查")
    no_disruption = _yes_no("检查是否未干扰正常经营（办学）")
    comment = forms.CharField(
        label="意见建议（选填）",
        required=False,
        max_length=bounds.COMMENT_LENGTH,
        widget=forms.Textarea(attrs={"rows": 4}),
        error_messages={"max_length": f"意见建议最多{bounds.COMMENT_LENGTH}个字（现有%(show_value)d个）。"},
    )


def _visit(request, plan, organization):
    plan = selectors.get_plan_for_user(request.user, plan)
    return services.visit_code_for(plan, visits.get_visit_organization(plan, organization))


@access(DISTRICT_ROLES)
def visit_code(request, plan, organization):
    """The officer's 扫码入企 page: the code large enough to scan from a phone, with the visit's basis."""
    code = services.visit_code_refresh(_visit(request, plan, organization))
    return render(
        request,
        "inspections/visit_codes/officer.html",
        {
            "code": code,
            "qr": visits.qr_svg(code),
            "url": visits.public_url(code),
            "bases": visits.legal_bases(code),
            "officers": visits.visit_officers(code),
            "scans": visits.scan_count(code),
        },
    )


@access(DISTRICT_ROLES)
def visit_code_qr(request, plan, organization):
    """The QR image alone (SVG), to save or print."""
    code = _visit(request, plan, organization)
    response = HttpResponse(visits.qr_svg(code), content_type="image/svg+xml")
    response["Content-Disposition"] = f'inline; filename="visit-{code.pk}.svg"'
    return response


@public
@never_cache
def public_visit(request, token):
    """What the organization sees when it scans the code; after the visit, the result and the rating form."""
    code = services.visit_code_refresh(visits.get_code_by_token(token))
    today = timezone.localdate()
    context = {"code": code, "today": today}
    if code.expired_on(today):
        return render(request, "inspections/visit_codes/expired.html", context, status=410)
    rated = VisitRating.objects.filter(code=code).exists()
    form = RatingForm(request.POST or None)

    def save():
        services.visit_rating_create(code=code, **form.cleaned_data, today=today)
        return f"{code.get_absolute_url()}?rated=1"  # the page after the rating: not a scan

    if request.method != "POST":
        if "rated" not in request.GET:
            services.visit_scan_log(code)
    elif rated:
        form.is_valid()  # so the refusal sits beside what was typed
        form.add_error(None, ALREADY_RATED)
    else:
        done = save_form(request, form, save, success="感谢您的评价！评价已匿名提交教育局法制审核人员。")
        if done:
            return done
    inspection = code.inspection
    context.update(
        form=form,
        rated=rated,
        bases=visits.legal_bases(code),
        items=code.plan.checklist.items.order_by("number"),
        officers=visits.visit_officers(code),
        day=visits.visit_day(code),
        inspection=inspection,
        hazards=inspection.hazards.count() if inspection else 0,
        rectify=inspection is not None and inspection.conclusion == Conclusion.RECTIFY,
    )
    return render(request, "inspections/visit_codes/public.html", context, status=form_status(form))


@access(LEGAL_SECTION)
def visit_ratings(request):
    """The year's ratings for the legal section, the lowest first, with their count and average."""
    year = request.GET.get("year", "")
    year = int(year) if year.isdigit() and len(year) == 4 else timezone.localdate().year
    return render(
        request,
        "inspections/visit_codes/ratings.html",
        {
            "year": year,
            "page": paginate(request, visits.ratings_of_year(year)),
            "summary": visits.rating_summary(year),
            "years": range(timezone.localdate().year, visits.RULES_FROM.year - 1, -1),
        },
    )
