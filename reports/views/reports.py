"""年度报告 pages: the list, a report's page, preview, exports, and the review workflow."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.shortcuts import redirect, render
from django.utils import timezone
from django.views.decorators.http import require_POST

from accounts.access import ANY_SIGNED_IN, access
from accounts.roles import DISTRICT_ROLES
from core.exports import xlsx_export
from core.forms import form_status, save_form
from core.listing import list_page
from directory.models import Organization, OrgKind

from .. import rendering, selectors, services
from ..docx_export import MIME as DOCX
from ..docx_export import render_docx
from ..filters import ReportFilter
from ..forms import ApproveForm, PublishForm, ReportCreateForm, ReportMetadataForm, ReturnForm
from ..selectors import split_sections
from .common import DRAFTERS, LEADERS, download, flash_errors


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
        issuer = Organization.objects.filter(kind=OrgKind.BUREAU).order_by("pk").first()
        if issuer is None:
            raise ValidationError("机构名录中没有教育行政部门，无法确定发文机关。")
        return services.report_create(
            year=form.cleaned_data["year"],
            issuer=issuer,
            user=request.user,
            other_matters=form.cleaned_data["other_matters"],
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
    problems = [] if report.is_published else services.report_problems(report, document)
    return render(
        request,
        "reports/report_detail.html",
        {
            "report": report,
            "doc": document,
            "sections": split_sections(blocks),
            "problems": problems,
            "events": selectors.events_of(report)[:50],
            "can_edit": report.is_draft and request.user.role in DRAFTERS,
            "can_review": request.user.role in LEADERS,
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


def _workflow(request, pk, action):
    report = selectors.get_report_for_user(request.user, pk)
    try:
        action(report)
    except ValidationError as exc:  # includes StaleVersionError
        flash_errors(request, exc)
    return redirect(report)


def _version(request):
    value = request.POST.get("expected_version")
    return int(value) if value and value.isdigit() else None


@access(DRAFTERS)
@require_POST
def report_submit(request, pk):
    def act(report):
        services.report_submit(report=report, user=request.user, expected_version=_version(request))
        messages.success(request, "已提交局领导审核。")

    return _workflow(request, pk, act)


@access(LEADERS)
@require_POST
def report_approve(request, pk):
    form = ApproveForm(request.POST)

    def act(report):
        if not form.is_valid():
            raise ValidationError(form.errors["written_on"])
        services.report_approve(
            report=report,
            user=request.user,
            written_on=form.cleaned_data["written_on"],
            expected_version=_version(request),
        )
        messages.success(request, "已审核通过，可以发布。")

    return _workflow(request, pk, act)


@access(LEADERS)
@require_POST
def report_return(request, pk):
    form = ReturnForm(request.POST)

    def act(report):
        services.report_return(
            report=report, user=request.user, reason=form.data.get("reason", ""), expected_version=_version(request)
        )
        messages.success(request, "已退回起草人修改。")

    return _workflow(request, pk, act)


@access(LEADERS)
@require_POST
def report_publish(request, pk):
    form = PublishForm(request.POST)

    def act(report):
        if not form.is_valid():
            raise ValidationError(form.errors["published_on"])
        services.report_publish(
            report=report,
            user=request.user,
            published_on=form.cleaned_data["published_on"],
            expected_version=_version(request),
        )
        messages.success(request, "报告已发布并冻结，已在信息公开目录公开。")

    return _workflow(request, pk, act)
