"""行政检查审批表 (staff draft and submit, a 局领导 approves or returns), the 检查通知 each organization
receives (page, PDF, 签收) and its 回避 requests (the school asks, staff decide)."""

from django.shortcuts import redirect, render
from django.urls import reverse

from accounts.access import ANY_SIGNED_IN, access
from accounts.roles import BUREAU_WRITERS, DISTRICT_ROLES, Role
from core.dates import parse_year
from core.downloads import download
from core.forms import form_status, save_form
from core.listing import paginate, query_without_page
from documents.renderer import render_pdf

from .. import notice_selectors as selectors
from .. import services
from ..models import ApprovalStatus, RecusalStatus
from ..notice_forms import CheckApprovalForm, DecisionForm, RecusalDecisionForm, RecusalForm, SubmitForm
from ..services.common import changes_of

SCHOOL = {Role.SCHOOL_ADMIN}


# 行政检查审批表 ----------------------------------------------------------------------------------
@access(DISTRICT_ROLES)
def check_approval_list(request):
    approvals = selectors.check_approvals_for_user(request.user).prefetch_related("organizations")
    status = request.GET.get("status", "")
    if status in ApprovalStatus.values:
        approvals = approvals.filter(status=status)
    return render(
        request,
        "inspections/notices/approval_list.html",
        {
            "page": paginate(request, approvals),
            "query": query_without_page(request),
            "status": status,
            "statuses": ApprovalStatus.choices,
        },
    )


@access(BUREAU_WRITERS)
def check_approval_create(request):
    form = CheckApprovalForm(request.POST or None, initial={"kind": "visit"})
    done = save_form(
        request,
        form,
        lambda: services.check_approval_create(
            data=form.model_data(),
            organizations=form.cleaned_data["organizations"],
            officers=form.cleaned_data["officers"],
            user=request.user,
        ),
        success="已保存行政检查审批表草稿，请核对后报批。",
    )
    return done or render(
        request,
        "inspections/form.html",
        {"form": form, "title": "填报行政检查审批表", "back": reverse("inspections:check_approval_list")},
        status=form_status(form),
    )


@access(DISTRICT_ROLES)
def check_approval_detail(request, pk):
    approval = selectors.get_check_approval_for_user(request.user, pk)
    return render(
        request,
        "inspections/notices/approval_detail.html",
        {
            "approval": approval,
            "notices": approval.notices.select_related("organization").order_by("serial"),
            "changes": changes_of(approval),
            "submit_form": SubmitForm(),
            "decision_form": DecisionForm(),
        },
    )


@access(BUREAU_WRITERS)
def check_approval_submit(request, pk):
    approval = selectors.get_check_approval_for_user(request.user, pk)
    if request.method != "POST":
        return redirect(approval)
    form = SubmitForm(request.POST)
    return save_form(
        request,
        form,
        lambda: services.check_approval_submit(approval=approval, user=request.user, on=form.cleaned_data["on"]),
        success="已报局领导审批。",
        next_url=approval,
        failure="报批失败：",
    )


@access({Role.LEADER})
def check_approval_decide(request, pk):
    approval = selectors.get_check_approval_for_user(request.user, pk)
    if request.method != "POST":
        return redirect(approval)
    form = DecisionForm(request.POST)
    approve = request.POST.get("decision") == "approve"

    def decide():
        on = form.cleaned_data["on"]
        if approve:
            return services.check_approval_approve(approval=approval, user=request.user, on=on)
        return services.check_approval_return(
            approval=approval, reason=form.cleaned_data["reason"], user=request.user, on=on
        )

    return save_form(
        request,
        form,
        decide,
        success=lambda a: f"已批准，已向{a.notices.count()}家机构发出检查通知。" if approve else "已退回审批表。",
        next_url=approval,
        failure="审批失败：",
    )


# 检查通知 ------------------------------------------------------------------------------------------
@access(ANY_SIGNED_IN)
def check_notice_list(request):
    notices = selectors.check_notices_for_user(request.user)
    year = request.GET.get("year")
    if year:
        notices = notices.filter(year=parse_year(year))
    return render(
        request,
        "inspections/notices/notice_list.html",
        {"page": paginate(request, notices), "query": query_without_page(request), "count": notices.count()},
    )


@access(ANY_SIGNED_IN)
def check_notice_detail(request, pk):
    notice = selectors.get_check_notice_for_user(request.user, pk)
    own = request.user.is_school_admin and request.user.organization_id == notice.organization_id
    return render(
        request,
        "inspections/notices/notice_detail.html",
        {
            "notice": notice,
            "officers": notice.officers.order_by("name"),
            "recusals": notice.recusals.select_related("officer", "replacement").order_by("-id"),
            "own": own,
            "recusal_form": RecusalForm(notice=notice) if own else None,
            "decision_form": RecusalDecisionForm() if request.user.is_bureau_writer else None,
            "pending": RecusalStatus.PENDING,
        },
    )


@access(ANY_SIGNED_IN)
def check_notice_pdf(request, pk):
    notice = selectors.get_check_notice_for_user(request.user, pk)
    content = render_pdf("inspections/notices/pdf.html", notice_context(notice))
    return download(content, filename=f"检查通知_{notice.number}.pdf", mimetype="application/pdf", inline=True)


def notice_context(notice) -> dict:
    approval = notice.approval
    return {
        "title": "行政检查通知书",
        "notice": notice,
        "approval": approval,
        "officers": notice.officers.order_by("name"),
        "items": approval.checklist.items.order_by("number"),
    }


@access(SCHOOL)
def check_notice_receive(request, pk):
    notice = selectors.get_check_notice_for_user(request.user, pk)
    if request.method != "POST":
        return redirect(notice)
    services.check_notice_receive(notice=notice, user=request.user)
    return redirect(notice)


# 回避 ------------------------------------------------------------------------------------------
@access(SCHOOL)
def recusal_request(request, pk):
    notice = selectors.get_check_notice_for_user(request.user, pk)
    if request.method != "POST":
        return redirect(notice)
    form = RecusalForm(request.POST, notice=notice)
    return save_form(
        request,
        form,
        lambda: services.recusal_request(
            notice=notice, officer=form.cleaned_data["officer"], reason=form.cleaned_data["reason"], user=request.user
        ),
        success="已提交回避申请，教育局将作出决定。",
        next_url=notice,
        failure="回避申请未提交：",
    )


@access(BUREAU_WRITERS)
def recusal_decide(request, pk):
    recusal = selectors.get_recusal_for_user(request.user, pk)
    if request.method != "POST":
        return redirect(recusal.notice)
    form = RecusalDecisionForm(request.POST)
    return save_form(
        request,
        form,
        lambda: services.recusal_decide(
            recusal=recusal,
            grant=form.cleaned_data["grant"],
            replacement=form.cleaned_data["replacement"],
            reason=form.cleaned_data["reason"],
            on=form.cleaned_data["on"],
            user=request.user,
        ),
        success=lambda r: f"已决定：{r.get_status_display()}。",
        next_url=recusal.notice,
        failure="决定未保存：",
    )
