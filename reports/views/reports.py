"""年度报告 pages: the list, a report's page, preview, exports, and the review workflow."""

from django.shortcuts import redirect, render
from django.utils import timezone
from django.views.decorators.http import require_POST

from accounts.access import ANY_SIGNED_IN, access
from accounts.roles import DISTRICT_ROLES
from core.exports import xlsx_export
from core.forms import form_status, save_form
from core.listing import list_page

from .. import rendering, selectors, sentences, services
from ..docx_export import MIME as DOCX
from ..docx_export import render_docx
from ..filters import ReportFilter
from ..forms import ApproveForm, PublishForm, ReportCreateForm, ReportMetadataForm, ReturnForm, VersionForm
from ..roles import APPROVERS, DRAFTERS
from ..selectors import split_sections
from .common import download


def _filtered(request):
    return ReportFilter(request.GET, queryset=selectors.reports_for_user(request.user))


@access(ANY_SIGNED_IN)
def index(request):
    """Bureau users: every report; schools: the published ones and a link to their own form."""
    return list_page(request, "reports/report_list.html", _filtered(request))


@access(DISTRICT_ROLES)
def report_export(request):
    rows = [
        [
            r.year,
            r.title,
            r.index_number,
            r.get_status_display(),
            r.publisher,
            r.written_on,
            r.published_on,
            r.get_disclosure_display(),
        ]
        for r in _filtered(request).qs
    ]
    headers = ["年度", "标题", "信息索引号", "状态", "发布机构", "成文日期", "发布日期", "公开方式"]
    return xlsx_export(label="法治政府建设年度报告", headers=headers, rows=rows).response()


@access(DRAFTERS)
def report_create(request):
    default_year = timezone.localdate().year - 1
    form = ReportCreateForm(request.POST or None, initial={"year": default_year})

    def save():
        return services.report_create(
            year=form.cleaned_data["year"], user=request.user, other_matters=form.cleaned_data["other_matters"]
        )

    done = save_form(request, form, save, success=lambda report: f"已按{report.year}年度数据生成初稿，请逐部分修改。")
    return done or render(request, "reports/report_create.html", {"form": form}, status=form_status(form))


@access(ANY_SIGNED_IN)
def report_detail(request, pk):
    report = selectors.get_report_for_user(request.user, pk)
    if not request.user.sees_district:
        return redirect("public:report_detail", pk=report.pk)
    blocks = list(report.blocks.all())
    document = rendering.build(report, blocks)
    for block, rendered in zip(blocks, document.blocks, strict=True):
        block.rendered = rendered
        block.badges = sentences.badges(block, rendered.flags)
    issues = [] if report.is_published else services.report_issues(report, document, blocks)
    listed = {issue.message for issue in issues}
    problems = [] if report.is_published else services.report_problems(report, document)
    problems = [p for p in problems if p not in listed]
    return render(
        request,
        "reports/report_detail.html",
        {
            "report": report,
            "doc": document,
            "sections": split_sections(blocks),
            "problems": problems,
            "issues": issues,
            "events": selectors.events_of(report)[:50],
            "can_edit": report.is_draft and request.user.role in DRAFTERS,
            "can_review": request.user.role in APPROVERS,
            "return_form": ReturnForm(),
            "approve_form": ApproveForm(initial={"written_on": report.written_on or timezone.localdate()}),
            "publish_form": PublishForm(initial={"published_on": timezone.localdate()}),
        },
    )


@access(DRAFTERS)
def report_metadata(request, pk):
    report = selectors.get_report_for_user(request.user, pk, write=True)
    form = ReportMetadataForm(request.POST or None, instance=report)
    done = save_form(
        request,
        form,
        lambda: services.report_update_metadata(
            report=report, data=form.model_data(), user=request.user, expected_version=form.loaded_version
        ),
        success="发布信息已保存。",
        next_url=report,
    )
    if done:
        return done
    status = 409 if any(e.code == "stale" for e in form.errors.as_data().get("__all__", [])) else 400
    return render(
        request, "reports/report_metadata.html", {"form": form, "report": report}, status=status if form.errors else 200
    )


@access(DISTRICT_ROLES)
def report_preview(request, pk):
    report = selectors.get_report_for_user(request.user, pk)
    document = rendering.build(report, mode="preview")
    return render(request, "reports/report_preview.html", {"report": report, "doc": document})


def _filename(report, suffix: str) -> str:
    tag = "" if report.is_published else "（草稿）"
    return f"{report.file_name or report.title}{tag}.{suffix}"


@access(ANY_SIGNED_IN)
def report_pdf(request, pk):
    report = selectors.get_report_for_user(request.user, pk)
    return download(
        rendering.report_pdf(report), filename=_filename(report, "pdf"), mimetype="application/pdf", inline=True
    )


@access(DISTRICT_ROLES)
def report_docx(request, pk):
    report = selectors.get_report_for_user(request.user, pk)
    content = render_docx(rendering.build(report), draft=not report.is_published)
    return download(content, filename=_filename(report, "docx"), mimetype=DOCX)


@access(DISTRICT_ROLES)
def report_html(request, pk):
    report = selectors.get_report_for_user(request.user, pk)
    return download(rendering.report_html(report), filename=_filename(report, "html"), mimetype="text/html")


def _button(request, pk, form, act, *, success: str, failure: str):
    """A workflow button: the action runs only with the version the user saw; refusals are flashed."""
    report = selectors.get_report_for_user(request.user, pk)
    return save_form(
        request,
        form,
        lambda: act(report, form.cleaned_data),
        success=success,
        next_url=report,
        failure=failure,
    )


@access(DRAFTERS)
@require_POST
def report_submit(request, pk):
    return _button(
        request,
        pk,
        VersionForm(request.POST),
        lambda report, data: services.report_submit(
            report=report, user=request.user, expected_version=data["expected_version"]
        ),
        success="已提交局领导审核。",
        failure="提交未完成：",
    )


@access(APPROVERS)
@require_POST
def report_approve(request, pk):
    return _button(
        request,
        pk,
        ApproveForm(request.POST),
        lambda report, data: services.report_approve(
            report=report, user=request.user, written_on=data["written_on"], expected_version=data["expected_version"]
        ),
        success="已审核通过，可以发布。",
        failure="审核未完成：",
    )


@access(APPROVERS)
@require_POST
def report_return(request, pk):
    return _button(
        request,
        pk,
        ReturnForm(request.POST),
        lambda report, data: services.report_return(
            report=report, user=request.user, reason=data["reason"], expected_version=data["expected_version"]
        ),
        success="已退回起草人修改。",
        failure="退回未完成：",
    )


@access(APPROVERS)
@require_POST
def report_publish(request, pk):
    return _button(
        request,
        pk,
        PublishForm(request.POST),
        lambda report, data: services.report_publish(
            report=report,
            user=request.user,
            published_on=data["published_on"],
            expected_version=data["expected_version"],
        ),
        success="报告已发布并冻结，已在信息公开目录公开。",
        failure="发布未完成：",
    )
