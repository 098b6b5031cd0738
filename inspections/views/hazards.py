"""隐患台账 pages: register, 五到位, submission, verification, extension, warnings, files."""

from django.contrib import messages
from django.shortcuts import redirect, render
from django.utils import timezone

from accounts.access import ANY_SIGNED_IN, access
from accounts.roles import BUREAU_WRITERS, Role
from core.exports import xlsx_export
from core.forms import error_summary, form_status, is_outdated, save_form
from core.history import history_rows
from core.listing import list_page, paginate
from core.uploads import serve_file

from .. import selectors, services
from ..exports import hazard_rows
from ..filters import HazardFilter
from ..forms import (
    DecisionForm,
    ExtendForm,
    HazardCreateForm,
    HazardEditForm,
    HazardPlanForm,
    HazardSubmitForm,
    NoticeForm,
)
from ..models import HazardStatus
from .common import Table, export_response

# Who fills a hazard's 五到位: bureau staff for any school, a school administrator for its own (the
# selector's scope gives another school's hazard as 404). The rule of services.hazards._check_owner.
RECTIFIERS = BUREAU_WRITERS | {Role.SCHOOL_ADMIN}


def _hazards(request):
    return HazardFilter(request.GET, queryset=selectors.hazards_for_user(request.user))


@access(ANY_SIGNED_IN)
def hazard_list(request):
    return list_page(request, "inspections/hazard_list.html", _hazards(request), keys_first=True)


def hazard_table(request) -> Table:
    return Table.from_queryset(_hazards(request).qs, hazard_rows)


@access(ANY_SIGNED_IN)
def hazard_export(request):
    return export_response(request, label="隐患台账", table=hazard_table)


@access(BUREAU_WRITERS)
def hazard_create(request):
    form = HazardCreateForm(request.POST or None)
    done = save_form(
        request,
        form,
        lambda: services.hazard_create(data={f: form.cleaned_data[f] for f in form.Meta.fields}, user=request.user),
        success="已登记隐患。",
    )
    return done or render(
        request, "inspections/form.html", {"form": form, "title": "登记隐患"}, status=form_status(form)
    )


def _may_rectify(user, hazard) -> bool:
    own = user.is_school_admin and user.organization_id == hazard.organization_id
    return (own or user.is_bureau_writer) and hazard.status in (
        HazardStatus.OPEN,
        HazardStatus.RECTIFYING,
        HazardStatus.RETURNED,
    )


@access(ANY_SIGNED_IN)
def hazard_detail(request, pk):
    return _detail(request, selectors.get_hazard_for_user(request.user, pk))


def _detail(request, hazard, *, status: int = 200, **bound):
    """The hazard's page; `bound` holds an action's form refused by its service, shown with its errors."""
    user = request.user
    context = {
        "hazard": hazard,
        "changes": services.changes_of(hazard),
        "extensions": hazard.extensions.select_related("by"),
        "evidence": hazard.evidence.all(),
        "notices": hazard.notices.all(),
        "may_rectify": _may_rectify(user, hazard),
        "may_submit": _may_rectify(user, hazard) and hazard.status != HazardStatus.OPEN,
        "may_verify": user.is_bureau_writer and hazard.status == HazardStatus.SUBMITTED,
        "may_extend": user.is_bureau_writer and not hazard.is_closed and hazard.deadline,
    }
    if context["may_submit"]:
        context["submit_form"] = bound.get("submit_form") or HazardSubmitForm(
            initial={"expected_version": hazard.version, "completion_note": hazard.completion_note}
        )
    if context["may_verify"]:
        context["verify_form"] = bound.get("verify_form") or DecisionForm(initial={"expected_version": hazard.version})
    if context["may_extend"]:
        context["extend_form"] = bound.get("extend_form") or ExtendForm(initial={"expected_version": hazard.version})
    return render(request, "inspections/hazard_detail.html", context, status=status)


def _act(request, hazard, form, save, *, name: str, success, failure: str):
    """Run one action posted from the hazard's page; a refusal shows the page again, the errors beside
    the fields (400). A refusal because the page was out of date (the hazard changed meanwhile, or no
    version was posted) goes back to the fresh page."""
    done = save_form(request, form, save, success=success, next_url=hazard)
    if done:
        return done
    messages.error(request, failure + error_summary(form))
    if is_outdated(form):
        return redirect(hazard)
    fresh = selectors.get_hazard_for_user(request.user, hazard.pk)  # nothing was saved
    return _detail(request, fresh, status=400, **{name: form})


@access(BUREAU_WRITERS)
def hazard_edit(request, pk):
    hazard = selectors.get_hazard_for_user(request.user, pk, write=True)
    if hazard.is_closed:
        messages.error(request, "该隐患已销号，不能再修改。")
        return redirect(hazard)
    form = HazardEditForm(request.POST or None, instance=hazard)
    done = save_form(
        request,
        form,
        lambda: services.hazard_update(
            hazard=hazard, data=form.model_data(), user=request.user, expected_version=form.loaded_version
        ),
        success="已保存。",
    )
    return done or render(
        request,
        "inspections/form.html",
        {"form": form, "title": "修改隐患信息", "back": hazard.get_absolute_url()},
        status=form_status(form),
    )


@access(RECTIFIERS)
def hazard_plan(request, pk):
    hazard = selectors.get_hazard_for_user(request.user, pk)
    if not _may_rectify(request.user, hazard):
        messages.error(request, f"当前状态为“{hazard.get_status_display()}”，不能填报五到位。")
        return redirect(hazard)
    form = HazardPlanForm(request.POST or None, instance=hazard)
    done = save_form(
        request,
        form,
        lambda: services.hazard_plan(
            hazard=hazard,
            data=form.model_data(),
            user=request.user,
            expected_version=form.loaded_version,
            on=form.cleaned_data.get("on"),
        ),
        success="五到位已保存，整改完成后请上传佐证材料并提交核验。",
    )
    return done or render(
        request, "inspections/hazard_plan.html", {"form": form, "hazard": hazard}, status=form_status(form)
    )


@access(RECTIFIERS)
def hazard_submit(request, pk):
    hazard = selectors.get_hazard_for_user(request.user, pk)
    if request.method != "POST":
        return redirect(hazard)
    form = HazardSubmitForm(request.POST, request.FILES)
    return _act(
        request,
        hazard,
        form,
        lambda: services.hazard_submit(
            hazard=hazard,
            completion_note=form.cleaned_data["completion_note"],
            files=form.cleaned_data["evidence"],
            user=request.user,
            expected_version=form.cleaned_data["expected_version"],
            on=form.cleaned_data["on"],
        ),
        name="submit_form",
        success="已提交核验，等待局机关核验。",
        failure="提交失败：",
    )


@access(BUREAU_WRITERS)
def hazard_verify(request, pk):
    hazard = selectors.get_hazard_for_user(request.user, pk, write=True)
    if request.method != "POST":
        return redirect(hazard)
    form = DecisionForm(request.POST)
    return _act(
        request,
        hazard,
        form,
        lambda: services.hazard_verify(hazard=hazard, user=request.user, **form.service_kwargs()),
        name="verify_form",
        success=lambda verified: "已销号。" if verified.is_closed else "已退回学校重新整改。",
        failure="核验未完成：",
    )


@access(BUREAU_WRITERS)
def hazard_extend(request, pk):
    hazard = selectors.get_hazard_for_user(request.user, pk, write=True)
    if request.method != "POST":
        return redirect(hazard)
    form = ExtendForm(request.POST)
    return _act(
        request,
        hazard,
        form,
        lambda: services.hazard_extend(
            hazard=hazard,
            new_deadline=form.cleaned_data["new_deadline"],
            reason=form.cleaned_data["reason"],
            user=request.user,
            expected_version=form.cleaned_data["expected_version"],
            on=form.cleaned_data["on"],
        ),
        name="extend_form",
        success="已延期，原整改时限已保留在延期记录中。",
        failure="延期未保存：",
    )


@access(BUREAU_WRITERS)
def hazard_notice(request, pk):
    hazard = selectors.get_hazard_for_user(request.user, pk, write=True)
    initial = {
        "title": f"一校整改，全区警示：{hazard.get_area_display()}隐患通报",
        "body": f"{hazard.found_on:%Y年%-m月%-d日}，在{hazard.organization.name}发现：{hazard.description}。"
        "请各校对照自查，举一反三，发现同类问题立即按“五到位”要求整改。",
    }
    form = NoticeForm(request.POST or None, initial=initial)
    done = save_form(
        request,
        form,
        lambda: services.notice_issue(
            hazard=hazard,
            title=form.cleaned_data["title"],
            body=form.cleaned_data["body"],
            user=request.user,
            on=form.cleaned_data["on"],
        ),
        success="警示通报已发布，全区学校首页可见。",
        next_url=hazard,
    )
    return done or render(
        request,
        "inspections/form.html",
        {"form": form, "title": "发布全区警示通报", "back": hazard.get_absolute_url()},
        status=form_status(form),
    )


@access(ANY_SIGNED_IN)
def hazard_history(request, pk):
    hazard = selectors.get_hazard_for_user(request.user, pk)
    return render(
        request,
        "core/history.html",
        {"object": hazard, "rows": history_rows(hazard), "back": hazard.get_absolute_url()},
    )


@access(ANY_SIGNED_IN)
def hazard_evidence(request, pk):
    evidence = selectors.get_hazard_evidence_for_user(request.user, pk)
    return serve_file(evidence.file, download_name=evidence.original_name)


@access(ANY_SIGNED_IN)
def notice_list(request):
    notices = selectors.notices_for_user(request.user)
    return render(
        request,
        "inspections/notice_list.html",
        {"page": paginate(request, notices), "query": "", "today": timezone.localdate()},
    )


@access(ANY_SIGNED_IN)
def notice_export(request):
    notices = selectors.notices_for_user(request.user)
    rows = ([f"{n.issued_on:%Y-%m-%d}", n.title, n.hazard.get_area_display(), n.body] for n in notices)
    return xlsx_export(label="全区警示通报", headers=["发布日期", "标题", "隐患类别", "警示内容"], rows=rows).response()
