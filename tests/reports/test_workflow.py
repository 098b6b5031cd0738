import datetime
import io

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.management import CommandError, call_command
from django.urls import reverse

from core import stats
from directory.models import OrgKind
from documents.renderer import sha256
from reports import services
from reports.models import BlockKind, Report, ReportSnapshot, ReportStatus
from tests.factories import OrganizationFactory

from .factories import PLAIN, SMALL, bureau, make_report

pytestmark = pytest.mark.django_db


def approved(report, staff, leader):
    services.report_submit(report=report, user=staff)
    return services.report_approve(report=report, user=leader, written_on=datetime.date(2022, 1, 13))


def test_new_report_has_the_national_structure_and_a_generated_index_number(bureau_staff):
    report = make_report(user=bureau_staff)
    assert report.index_number == "11330702732038549W/2022-00001"
    assert (report.file_name, report.publisher) == ("2021年法治政府建设年度报告", "金华市婺城区教育局")
    parts = [b.text for b in report.blocks.filter(kind=BlockKind.HEADING, level=1)]
    assert parts == [
        "2021年度推进法治政府建设的主要举措和成效",
        "存在的不足和原因",
        "党政主要负责人履行推进法治建设第一责任人职责，加强法治政府建设的有关情况",
        "下一年度推进法治政府建设的主要安排",
    ]
    second = make_report(year=2020, user=bureau_staff)
    assert second.index_number == "11330702732038549W/2021-00001"
    assert report.events.get().get_action_display() == "生成初稿"


def test_the_index_number_format_is_configurable(bureau_staff, settings):
    settings.REPORT_INDEX_NUMBER_FORMAT = "{credit_code}-{year}-{serial:03d}"
    assert make_report(user=bureau_staff).index_number == "11330702732038549W-2022-001"


def test_one_report_per_year(bureau_staff):
    make_report(user=bureau_staff)
    with pytest.raises(ValidationError, match="年度报告已存在"):
        make_report(user=bureau_staff)


def test_only_staff_draft_and_only_leaders_review(bureau_staff, leader, school_admin_a):
    with pytest.raises(PermissionDenied):
        services.report_create(year=2021, user=leader)
    report = make_report(user=bureau_staff, blocks=SMALL)
    with pytest.raises(PermissionDenied):
        services.report_submit(report=report, user=leader)
    services.report_submit(report=report, user=bureau_staff)
    with pytest.raises(PermissionDenied):
        services.report_approve(report=report, user=bureau_staff)
    with pytest.raises(PermissionDenied):
        services.report_approve(report=report, user=school_admin_a)


# One figure, which the records support (two public schools are registered before the report).
ONE_FIGURE = [
    (BlockKind.HEADING, 1, "主要举措和成效"),
    (BlockKind.PARAGRAPH, 1, "全区公办学校{{directory.public_schools}}。"),
]


def test_submit_approve_publish_freezes_the_report(bureau_staff, leader):
    OrganizationFactory.create_batch(2)
    report = approved(make_report(user=bureau_staff, blocks=ONE_FIGURE), bureau_staff, leader)
    assert report.status == ReportStatus.APPROVED and report.written_on == datetime.date(2022, 1, 13)
    report = services.report_publish(report=report, user=leader, published_on=datetime.date(2022, 1, 14))
    snapshot = report.snapshot
    assert report.status == ReportStatus.PUBLISHED and report.published_on == datetime.date(2022, 1, 14)
    assert bytes(snapshot.pdf).startswith(b"%PDF-") and snapshot.sha256 == sha256(bytes(snapshot.pdf))
    assert snapshot.figures["directory.public_schools"]["value"] == 2
    assert [e.get_action_display() for e in report.events.order_by("at", "id")] == [
        "生成初稿",
        "提交审核",
        "审核通过",
        "发布",
    ]
    publish = report.events.get(action="publish")
    assert (publish.actor, publish.from_status, publish.to_status) == (leader, "approved", "published")


def test_later_data_changes_do_not_alter_a_published_report(bureau_staff, leader, staff_client):
    OrganizationFactory.create_batch(2)
    report = approved(make_report(user=bureau_staff, blocks=ONE_FIGURE), bureau_staff, leader)
    report = services.report_publish(report=report, user=leader)
    frozen = bytes(report.snapshot.pdf)
    OrganizationFactory.create_batch(3)  # three more public schools after publication
    assert stats.get("directory.public_schools").value(2021) == 5
    response = staff_client.get(reverse("reports:report_pdf", args=[report.pk]))
    assert response.content == frozen
    preview = staff_client.get(reverse("reports:report_preview", args=[report.pk])).content.decode()
    assert ">2所</a>" in preview and ">5所<" not in preview


def test_a_snapshot_is_never_regenerated(bureau_staff, leader):
    report = approved(make_report(user=bureau_staff, blocks=PLAIN), bureau_staff, leader)
    report = services.report_publish(report=report, user=leader)
    snapshot = ReportSnapshot.objects.get(report=report)
    snapshot.sha256 = "0" * 64
    with pytest.raises(ValidationError, match="不可修改"):
        snapshot.save()
    with pytest.raises(ValidationError):
        services.report_publish(report=report, user=leader)


def test_approval_is_refused_while_a_statistic_is_missing(bureau_staff, leader):
    blocks = [*PLAIN, (BlockKind.PARAGRAPH, 1, "行政检查{{inspections.not_landed_yet}}。")]
    report = make_report(user=bureau_staff, blocks=blocks)
    services.report_submit(report=report, user=bureau_staff)
    with pytest.raises(ValidationError) as exc:
        services.report_approve(report=report, user=leader)
    messages = " ".join(exc.value.messages)
    assert "统计指标“inspections.not_landed_yet”尚未注册" in messages
    assert "存在的不足和原因“行政检查〔inspections.n…”：待核实（inspections.not_landed_yet无记录）" in messages
    report.refresh_from_db()
    assert report.status == ReportStatus.SUBMITTED and not ReportSnapshot.objects.filter(report=report).exists()


def test_return_needs_a_reason_and_sends_the_report_back_to_draft(bureau_staff, leader):
    report = make_report(user=bureau_staff, blocks=SMALL)
    services.report_submit(report=report, user=bureau_staff)
    with pytest.raises(ValidationError, match="退回理由"):
        services.report_return(report=report, user=leader, reason="  ")
    report = services.report_return(report=report, user=leader, reason="第二部分请补充具体问题")
    assert report.status == ReportStatus.DRAFT and report.return_reason == "第二部分请补充具体问题"
    event = report.events.get(action="return")
    assert (event.actor, event.from_status, event.to_status, event.note) == (
        leader,
        "submitted",
        "draft",
        "第二部分请补充具体问题",
    )


def test_a_submitted_report_cannot_be_edited(bureau_staff):
    report = make_report(user=bureau_staff, blocks=SMALL)
    report = services.report_submit(report=report, user=bureau_staff)
    with pytest.raises(ValidationError, match="只有起草中的报告可以修改"):
        services.section_save(
            report=report,
            index=0,
            rows=[{"kind": "heading", "level": 1, "text": "x"}],
            user=bureau_staff,
            expected_version=report.version,
        )


def test_submit_refuses_skipped_heading_levels(bureau_staff):
    report = make_report(user=bureau_staff, blocks=[(BlockKind.HEADING, 1, "一"), (BlockKind.HEADING, 3, "跳级")])
    with pytest.raises(ValidationError, match="前面没有第2级标题"):
        services.report_submit(report=report, user=bureau_staff)


def test_withheld_needs_a_reason(bureau_staff):
    report = make_report(user=bureau_staff, blocks=SMALL)
    with pytest.raises(ValidationError) as exc:
        services.report_update_metadata(
            report=report, data={"disclosure": "withheld"}, user=bureau_staff, expected_version=report.version
        )
    assert "不予公开" in str(exc.value)
    assert Report.objects.get(pk=report.pk).disclosure == "active"


def test_the_bureau_issues_the_report_whoever_starts_it(bureau_staff, staff_client):
    first = bureau()
    OrganizationFactory(kind=OrgKind.BUREAU, name="另一教育行政部门")  # a second entry: the first one issues
    report = services.report_create(year=2021, user=bureau_staff)
    assert (report.issuer, report.publisher) == (first, first.name)
    response = staff_client.post(reverse("reports:report_create"), {"year": 2020})
    assert response.status_code == 302 and Report.objects.get(year=2020).issuer == first


def test_the_configured_bureau_issues_in_the_pages_and_the_command(bureau_staff, tmp_path, settings):
    """Several bureaus in the registry (a city or province): the deployment's own issues, not the first."""
    OrganizationFactory(kind=OrgKind.BUREAU, name="金华市教育局")  # created first: the lowest key
    own = OrganizationFactory(kind=OrgKind.BUREAU, name="金华市婺城区教育局")
    settings.BUREAU_CREDIT_CODE = own.credit_code
    assert services.report_create(year=2021, user=bureau_staff).issuer == own
    out = io.StringIO()
    call_command("annual_report", "--year", "2021", "--output", str(tmp_path / "r.html"), "--html", stdout=out)
    assert "临时初稿" not in out.getvalue()  # it found the report the bureau started
    with pytest.raises(CommandError, match="没有统一社会信用代码为X"):
        call_command("annual_report", "--year", "2021", "--issuer", "X", "--output", str(tmp_path / "x.pdf"))


def test_without_a_bureau_in_the_registry_no_report_is_started(bureau_staff, staff_client):
    with pytest.raises(ValidationError, match="无法确定发文机关"):
        services.report_create(year=2021, user=bureau_staff)
    response = staff_client.post(reverse("reports:report_create"), {"year": 2021})
    assert response.status_code == 400 and "无法确定发文机关" in response.content.decode()
    assert not Report.objects.exists()
