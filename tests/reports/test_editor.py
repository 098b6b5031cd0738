import pytest
from django.urls import reverse

from reports.models import Block, BlockKind, Report

from .factories import PLAIN, SMALL, make_report

pytestmark = pytest.mark.django_db


def formset_data(rows, version, **extra):
    data = {
        "expected_version": version,
        "b-TOTAL_FORMS": len(rows),
        "b-INITIAL_FORMS": 0,
        "b-MIN_NUM_FORMS": 0,
        "b-MAX_NUM_FORMS": 1000,
        **extra,
    }
    for i, row in enumerate(rows):
        for key, value in row.items():
            data[f"b-{i}-{key}"] = value
    return data


def row(order, kind, text, level=2, delete=False):
    data = {"order": order, "kind": kind, "level": level, "text": text}
    if delete:
        data["DELETE"] = "on"
    return data


@pytest.fixture
def report(bureau_staff):
    return make_report(user=bureau_staff, blocks=SMALL)


@pytest.fixture
def plain_report(bureau_staff):
    """A report with nothing to check before approval."""
    return make_report(user=bureau_staff, blocks=PLAIN)


def texts(report):
    return [b.text for b in report.blocks.all()]


def test_section_edit_adds_moves_deletes_and_changes_levels(staff_client, report):
    url = reverse("reports:section_edit", args=[report.pk, 0])
    page = staff_client.get(url)
    assert page.status_code == 200 and "执法队伍" in page.content.decode()
    data = formset_data(
        [
            row(1, "heading", "主要举措和成效", level=1),
            row(3, "heading", "执法队伍", level=3),  # level changed, moved after the new paragraph
            row(2, "paragraph", "新增的一段。"),
            row(4, "item", "全区公办学校{{directory.public_schools}}。", delete=True),
            row(5, "paragraph", "民办学校{{directory.private_schools}}。"),
            row("", "paragraph", ""),  # blank extra row: ignored
        ],
        report.version,
    )
    response = staff_client.post(url, data)
    assert response.status_code == 302
    report.refresh_from_db()
    assert texts(report) == [
        "主要举措和成效",
        "新增的一段。",
        "执法队伍",
        "民办学校{{directory.private_schools}}。",
        "存在的不足和原因",
        "宣传力度不够。",
    ]
    assert report.blocks.get(text="执法队伍").level == 3
    assert report.events.filter(action="edit").exists()


def test_a_stale_save_is_refused_and_the_editors_text_is_kept(staff_client, report, bureau_staff):
    url = reverse("reports:section_edit", args=[report.pk, 1])
    loaded = report.version
    first = formset_data([row(1, "heading", "存在的不足和原因", level=1), row(2, "paragraph", "甲的修改。")], loaded)
    assert staff_client.post(url, first).status_code == 302
    second = formset_data([row(1, "heading", "存在的不足和原因", level=1), row(2, "paragraph", "乙的修改。")], loaded)
    response = staff_client.post(url, second)
    body = response.content.decode()
    assert response.status_code == 409
    assert "保存未成功" in body and "乙的修改。" in body
    assert "乙的修改。" not in texts(Report.objects.get(pk=report.pk))


def test_typed_heading_numbers_are_refused_with_nothing_saved(staff_client, report):
    url = reverse("reports:section_edit", args=[report.pk, 1])
    data = formset_data(
        [row(1, "heading", "1.工作中存在的不足和原因", level=1), row(2, "paragraph", "改过的")], report.version
    )
    response = staff_client.post(url, data)
    assert response.status_code == 400
    assert "编号由系统按层级自动生成，请删除开头的“1.”" in response.content.decode()
    assert texts(Report.objects.get(pk=report.pk))[-1] == "宣传力度不够。"


def test_malformed_placeholder_is_refused(staff_client, report):
    url = reverse("reports:section_edit", args=[report.pk, 1])
    data = formset_data([row(1, "heading", "不足", level=1), row(2, "paragraph", "共{{检查 总数}}次")], report.version)
    response = staff_client.post(url, data)
    assert response.status_code == 400 and "无法识别的数据占位符" in response.content.decode()


def test_move_a_block_up(staff_client, report, django_assert_max_num_queries):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    block = report.blocks.get(text="民办学校{{directory.private_schools}}。")
    with CaptureQueriesContext(connection) as small:
        response = staff_client.post(
            reverse("reports:block_move", args=[report.pk, block.pk]),
            {"direction": "up", "expected_version": report.version},
        )
    assert response.status_code == 302
    assert texts(Report.objects.get(pk=report.pk))[2] == "民办学校{{directory.private_schools}}。"
    # A longer report costs no more: the two swapped blocks are written, not every block.
    last = report.blocks.order_by("position").last().position
    Block.objects.bulk_create(
        Block(report=report, position=last + n, kind=BlockKind.PARAGRAPH, text=f"段{n}") for n in range(1, 31)
    )
    report.refresh_from_db()
    with django_assert_max_num_queries(len(small.captured_queries)):
        staff_client.post(
            reverse("reports:block_move", args=[report.pk, block.pk]),
            {"direction": "down", "expected_version": report.version},
        )
    assert texts(Report.objects.get(pk=report.pk))[3] == "民办学校{{directory.private_schools}}。"


def test_add_a_part_for_other_matters(staff_client, report):
    response = staff_client.post(
        reverse("reports:section_add", args=[report.pk]),
        {"heading": "其他需要报告的事项", "expected_version": report.version},
    )
    assert response.status_code == 302
    report.refresh_from_db()
    assert texts(report)[-1] == "其他需要报告的事项"
    detail = staff_client.get(reverse("reports:report_detail", args=[report.pk])).content.decode()
    assert "三、其他需要报告的事项" in detail


def test_picker_lists_statistics_with_current_values_and_missing_ones(staff_client, bureau_staff):
    report = make_report(user=bureau_staff, blocks=[*SMALL, (BlockKind.PARAGRAPH, 1, "{{inspections.not_yet}}")])
    body = staff_client.get(reverse("reports:section_edit", args=[report.pk, 0])).content.decode()
    assert "〔公办中小学及幼儿园〕" in body and "directory.public_schools" not in body
    assert "inspections.not_yet" in body and "未注册" in body  # not registered: no label to show


def test_leader_and_schools_cannot_edit(login_as, leader, school_admin_a, report):
    url = reverse("reports:section_edit", args=[report.pk, 0])
    assert login_as(leader).get(url).status_code == 403
    school_a_client = login_as(school_admin_a)
    assert school_a_client.get(url).status_code == 403
    assert school_a_client.get(reverse("reports:report_detail", args=[report.pk])).status_code == 404


def test_preview_traces_figures_and_reports_missing_ones(staff_client, bureau_staff):
    report = make_report(user=bureau_staff, blocks=[*SMALL, (BlockKind.PARAGRAPH, 1, "{{inspections.not_yet}}")])
    body = staff_client.get(reverse("reports:report_preview", args=[report.pk])).content.decode()
    assert 'href="/directory/?as_of=2021-12-31&amp;ownership=public&amp;kind_group=school"' in body
    assert "一、主要举措和成效" in body and "（一）执法队伍" in body
    # No public school in the registry: the sentence is highlighted as 待核实, with the figures it lacks.
    assert '1.<mark class="unverified">全区公办学校' in body
    assert "待核实：公办中小学及幼儿园为0、公办中小学及幼儿园办学点为0" in body
    assert "统计指标“inspections.not_yet”尚未注册" in body


def test_metadata_form_saves_and_refuses_stale_versions(staff_client, report):
    url = reverse("reports:report_metadata", args=[report.pk])
    data = {
        "title": report.title,
        "file_name": "新文件名",
        "publisher": "金华市婺城区教育局",
        "written_on": "2022-01-13",
        "disclosure": "active",
        "disclosure_reason": "",
        "expected_version": report.version,
    }
    assert staff_client.post(url, data).status_code == 302
    response = staff_client.post(url, {**data, "file_name": "旧版本的修改"})
    assert response.status_code == 409 and "未被保存" in response.content.decode()
    assert Report.objects.get(pk=report.pk).file_name == "新文件名"


def test_workflow_buttons_through_the_views(login_as, bureau_staff, leader, plain_report):
    report = plain_report
    staff_client = login_as(bureau_staff)
    staff_client.post(reverse("reports:report_submit", args=[report.pk]), {"expected_version": report.version})
    report.refresh_from_db()
    assert report.status == "submitted"
    leader_client = login_as(leader)
    page = leader_client.get(reverse("reports:report_detail", args=[report.pk])).content.decode()
    assert "审核通过" in page and "退回修改" in page
    returned = leader_client.post(
        reverse("reports:report_return", args=[report.pk]), {"reason": "", "expected_version": report.version}
    )
    assert Report.objects.get(pk=report.pk).status == "submitted"
    assert "请填写退回理由。" in leader_client.get(returned["Location"]).content.decode()
    # Bureau staff can draft and submit, not approve, return or publish.
    staff_client = login_as(bureau_staff)
    for name in ("report_approve", "report_return", "report_publish"):
        assert staff_client.post(reverse(f"reports:{name}", args=[report.pk]), {}).status_code == 403
    leader_client = login_as(leader)
    approve = {"written_on": "2022-01-13", "expected_version": report.version}
    leader_client.post(reverse("reports:report_approve", args=[report.pk]), approve)
    report.refresh_from_db()
    leader_client.post(
        reverse("reports:report_publish", args=[report.pk]),
        {"published_on": "2022-01-14", "expected_version": report.version},
    )
    report.refresh_from_db()
    assert report.status == "published" and str(report.written_on) == "2022-01-13"


def test_approve_and_publish_refuse_a_report_the_leader_did_not_see(login_as, bureau_staff, leader, plain_report):
    report = plain_report
    """Publishing freezes the report for good: it must be the version on the leader's screen."""
    login_as(bureau_staff).post(
        reverse("reports:report_submit", args=[report.pk]), {"expected_version": report.version}
    )
    report.refresh_from_db()
    seen = report.version
    leader_client = login_as(leader)
    url = reverse("reports:report_approve", args=[report.pk])
    no_version = leader_client.post(url, {"written_on": "2022-01-13"}, follow=True)
    assert "审核未完成：页面已过期，请刷新后再操作。" in no_version.content.decode()
    stale = leader_client.post(url, {"written_on": "2022-01-13", "expected_version": seen - 1}, follow=True)
    assert "审核未完成" in stale.content.decode()
    assert Report.objects.get(pk=report.pk).status == "submitted"
    leader_client.post(url, {"written_on": "2022-01-13", "expected_version": seen})
    publish = reverse("reports:report_publish", args=[report.pk])
    leader_client.post(publish, {"published_on": "2022-01-14", "expected_version": seen})  # the pre-approval version
    assert Report.objects.get(pk=report.pk).status == "approved"
