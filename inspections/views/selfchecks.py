"""学校自查 pages: a school fills and submits; the bureau accepts or returns."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.shortcuts import redirect, render
from django.utils import timezone

from accounts.access import ANY_SIGNED_IN, access
from accounts.roles import BUREAU_WRITERS, Role
from core.forms import add_service_errors, error_summary, form_status, is_outdated, save_form
from core.listing import list_page
from core.uploads import serve_file

from .. import selectors, services
from ..exports import selfcheck_rows
from ..filters import SelfCheckFilter
from ..forms import DecisionForm, SelfCheckCreateForm, SelfCheckFillForm, parse_answers
from ..models import Answer, SelfCheckStatus
from ..models.selfchecks import term_on
from .common import Table, export_response
from .records import grouped_items


def _selfchecks(request):
    return SelfCheckFilter(request.GET, queryset=selectors.selfchecks_for_user(request.user))


@access(ANY_SIGNED_IN)
def selfcheck_list(request):
    return list_page(request, "inspections/selfcheck_list.html", _selfchecks(request))


@access(ANY_SIGNED_IN)
def selfcheck_export(request):
    return export_response(request, label="学校自查", table=selfcheck_table)


def selfcheck_table(request) -> Table:
    return Table.from_queryset(_selfchecks(request).qs, selfcheck_rows)


@access({Role.SCHOOL_ADMIN})
def selfcheck_create(request):
    today = timezone.localdate()
    year, term = term_on(today)
    form = SelfCheckCreateForm(request.POST or None, initial={"year": year, "term": term})
    checklist = selectors.current_checklist()
    if request.method == "POST" and form.is_valid():
        if checklist is None:
            form.add_error(None, "局机关尚未发布检查表，暂不能自查。")
        else:
            try:
                self_check = services.selfcheck_create(
                    organization=request.user.organization,
                    year=form.cleaned_data["year"],
                    term=form.cleaned_data["term"],
                    checklist=checklist,
                    user=request.user,
                )
            except ValidationError as exc:
                add_service_errors(form, exc)
            else:
                return redirect(self_check)
    return render(
        request,
        "inspections/form.html",
        {"form": form, "title": "开始本学期安全自查", "submit_label": "开始自查"},
        status=form_status(form),
    )


@access(ANY_SIGNED_IN)
def selfcheck_detail(request, pk):
    self_check = selectors.get_selfcheck_for_user(request.user, pk)
    own = request.user.is_school_admin and request.user.organization_id == self_check.organization_id
    editable = own and self_check.is_editable
    form = SelfCheckFillForm(
        request.POST or None,
        request.FILES or None,
        initial={"expected_version": self_check.version, "summary": self_check.summary},
    )
    if request.method == "POST" and not editable:
        raise PermissionDenied("该自查不能由您修改。")
    submit = request.POST.get("action") == "submit"

    done = save_form(
        request,
        form,
        lambda: services.selfcheck_save(
            self_check=self_check,
            answers=parse_answers(request.POST, list(self_check.checklist.items.all())),
            summary=form.cleaned_data["summary"],
            files=form.cleaned_data["attachments"],
            user=request.user,
            expected_version=form.cleaned_data["expected_version"],
            submit=submit,
            on=form.cleaned_data["on"],
        ),
        success="自查已提交，等待局机关审核。" if submit else "草稿已保存。",
        next_url=self_check,
    )
    if done:
        return done
    return _page(request, self_check, form=form, editable=editable, status=form_status(form))


def _page(request, self_check, *, form, editable: bool, review_form=None, status: int = 200):
    """The self-check's page: the fill form for its school, the review form for the bureau."""
    groups = grouped_items(
        self_check.checklist, answers=self_check.answers, data=request.POST if form.is_bound else None
    )
    if review_form is None and request.user.is_bureau_writer and self_check.status == SelfCheckStatus.SUBMITTED:
        review_form = DecisionForm(initial={"expected_version": self_check.version})
    return render(
        request,
        "inspections/selfcheck_detail.html",
        {
            "self_check": self_check,
            "form": form,
            "groups": groups,
            "editable": editable,
            "choices": Answer.choices,
            "answered": len(self_check.answers),
            "item_count": sum(len(g["rows"]) for g in groups),
            "review_form": review_form,
            "changes": services.changes_of(self_check),
            "hazards": self_check.hazards.all(),
        },
        status=status,
    )


@access(BUREAU_WRITERS)
def selfcheck_review(request, pk):
    self_check = selectors.get_selfcheck_for_user(request.user, pk)
    if request.method != "POST":
        return redirect(self_check)
    form = DecisionForm(request.POST)
    accept = form.data.get("decision") == "accept"
    done = save_form(
        request,
        form,
        lambda: services.selfcheck_review(self_check=self_check, user=request.user, **form.service_kwargs()),
        success="已通过，不合格项已列入隐患台账。" if accept else "已退回学校。",
        next_url=self_check,
    )
    if done:
        return done
    messages.error(request, "审核未完成：" + error_summary(form))
    if is_outdated(form):
        return redirect(self_check)
    fresh = selectors.get_selfcheck_for_user(request.user, pk)  # nothing was saved
    fill = SelfCheckFillForm(initial={"expected_version": fresh.version, "summary": fresh.summary})
    return _page(request, fresh, form=fill, editable=False, review_form=form, status=400)


@access(ANY_SIGNED_IN)
def selfcheck_attachment(request, pk):
    attachment = selectors.get_selfcheck_attachment_for_user(request.user, pk)
    return serve_file(attachment.file, download_name=attachment.original_name)
