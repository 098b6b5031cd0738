"""The 普法 activity log: list, register, photos, summaries by kind / month / audience, import/export."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.db.models import Count, Sum
from django.db.models.functions import ExtractMonth
from django.shortcuts import redirect, render
from django.urls import reverse, reverse_lazy

from accounts.access import ANY_SIGNED_IN, access
from accounts.roles import BUREAU_WRITERS
from core.dates import parse_year
from core.exports import Table, export_response
from core.forms import save_form
from core.history import history_rows
from core.import_views import make_import_view
from core.listing import list_page
from core.uploads import serve_file

from .. import selectors, services
from ..filters import ActivityFilter
from ..forms import ActivityForm, PhotoForm
from ..models import ActivityKind, Audience
from ..resources import ActivityResource
from .common import RECORD_KEEPERS, form_page


def _activities(request):
    return ActivityFilter(request.GET, queryset=selectors.activities_for_user(request.user))


@access(ANY_SIGNED_IN)
def activity_list(request):
    totals = {"sessions": Sum("sessions"), "participants": Sum("participants"), "winners": Sum("winners")}
    return list_page(request, "legalaid/activity_list.html", _activities(request), totals=totals)


def activity_table(request) -> Table:
    queryset = _activities(request).qs.prefetch_related("organizations")
    if request.GET.get("template"):
        queryset = queryset.none()
    return Table.from_resource(ActivityResource(), queryset)


@access(ANY_SIGNED_IN)
def activity_export(request):
    return export_response(request, label="普法活动", table=activity_table)


activity_import = make_import_view(
    resource_class=ActivityResource,
    title="导入普法活动",
    roles=BUREAU_WRITERS,
    done_url=reverse_lazy("legalaid:activity_list"),
    template_hint="legalaid:activity_export",
)


@access(ANY_SIGNED_IN)
def activity_summary(request):
    """Sessions and participants of a year by kind, by month and by audience."""
    year = parse_year(request.GET.get("year"))
    base = selectors.activities_for_user(request.user).filter(date__year=year).order_by()
    if not request.user.sees_district:
        base = base.prefetch_related(None)

    def grouped(key):
        return {
            row[key]: row
            for row in base.values(key).annotate(
                count=Count("id", distinct=True), sessions=Sum("sessions"), participants=Sum("participants")
            )
        }

    kinds = grouped("kind")
    audiences = grouped("audience")
    months = {
        row["month"]: row
        for row in base.annotate(month=ExtractMonth("date"))
        .values("month")
        .annotate(count=Count("id"), sessions=Sum("sessions"), participants=Sum("participants"))
    }
    totals = base.aggregate(sessions=Sum("sessions"), participants=Sum("participants"), winners=Sum("winners"))
    peak = max([r["sessions"] or 0 for r in months.values()] + [1])
    return render(
        request,
        "legalaid/activity_summary.html",
        {
            "year": year,
            "years": range(year - 3, year + 2),
            "totals": totals,
            "by_kind": [(k, kinds[k.value]) for k in ActivityKind if k.value in kinds],
            "by_audience": [(a, audiences[a.value]) for a in Audience if a.value in audiences],
            "by_month": [(m, months.get(m), peak) for m in range(1, 13)],
            "peak": peak,
        },
    )


@access(ANY_SIGNED_IN)
def activity_detail(request, pk):
    activity = selectors.get_activity_for_user(request.user, pk)
    return render(
        request,
        "legalaid/activity_detail.html",
        {
            "activity": activity,
            "photos": activity.photos.all(),
            "can_write": selectors.can_write_activity(request.user, activity),
            "photo_form": PhotoForm(),
        },
    )


@access(RECORD_KEEPERS)
def activity_create(request):
    user = request.user
    form = ActivityForm(request.POST or None, user=user)

    def save():
        organizations = [user.organization] if user.is_school_admin else form.cleaned_data["organizations"]
        return services.activity_create(data=form.model_data(), organizations=organizations, user=user)

    done = save_form(request, form, save, success="已登记普法活动，可继续上传活动照片。")
    return done or form_page(
        request,
        "legalaid/form.html",
        {"form": form, "title": "登记普法活动", "back": reverse("legalaid:activity_list")},
    )


@access(RECORD_KEEPERS)
def activity_edit(request, pk):
    user = request.user
    activity = selectors.get_activity_for_user(user, pk, write=True)
    form = ActivityForm(request.POST or None, instance=activity, user=user)

    def save():
        organizations = [user.organization] if user.is_school_admin else form.cleaned_data["organizations"]
        return services.activity_update(
            activity=activity,
            data=form.model_data(),
            organizations=organizations,
            user=user,
            expected_version=form.loaded_version,
        )

    done = save_form(request, form, save, success="已保存。")
    return done or form_page(
        request,
        "legalaid/form.html",
        {"form": form, "title": f"编辑：{activity.title}", "back": activity.get_absolute_url()},
    )


@access(RECORD_KEEPERS)
def activity_photo_add(request, pk):
    activity = selectors.get_activity_for_user(request.user, pk, write=True)
    form = PhotoForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        try:
            services.activity_photo_add(activity=activity, image=form.cleaned_data["image"], user=request.user)
        except ValidationError as exc:
            form.add_error("image", exc)
        else:
            messages.success(request, "已上传照片。")
            return redirect(activity)
    return render(
        request,
        "legalaid/activity_detail.html",
        {"activity": activity, "photos": activity.photos.all(), "can_write": True, "photo_form": form},
        status=400 if form.errors else 200,
    )


@access(ANY_SIGNED_IN)
def activity_photo(request, pk):
    photo = selectors.get_photo_for_user(request.user, pk)
    return serve_file(photo.file, download_name=photo.original_name)


@access(RECORD_KEEPERS)
def activity_photo_delete(request, pk):
    photo = selectors.get_photo_for_user(request.user, pk)
    activity = selectors.get_activity_for_user(request.user, photo.activity_id, write=True)
    if request.method == "POST":
        services.activity_photo_delete(photo=photo, user=request.user)
        messages.success(request, "已删除照片。")
    return redirect(activity)


@access(ANY_SIGNED_IN)
def activity_history(request, pk):
    activity = selectors.get_activity_for_user(request.user, pk)
    return render(
        request,
        "core/history.html",
        {"object": activity, "rows": history_rows(activity), "back": activity.get_absolute_url()},
    )
