"""A draft never states what the records do not support (issue 12, item 2; docs/reports.md).

Three kinds of sentences: 数据语句 (待核实 when a figure is zero or missing), 事件语句 (from the year's
records), 沿用上年表述 (to confirm). Approval is refused while any of them remains unresolved.
"""

import datetime

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from directory.models import OrgKind
from reports import rendering, services
from reports.models import BlockKind, BlockOrigin, ReportStatus
from tests.factories import DepartmentFactory, OrganizationFactory
from tests.inspections.factories import InspectionFactory, PlanFactory

from .factories import PLAIN, make_report

pytestmark = pytest.mark.django_db

ZERO_AS_FACT = ["0场", "0人次", "0%", "其中。", "：。", "0家", "0位"]
DATED_2021 = [
    "摸底排查",
    "11月份开展疫情防控检查",
    "全省首家",
    "浙江卫视",
    "中国教育电视台",
    "六一儿童节",
    "疫情防控时期",
]


def text_of(report) -> str:
    document = rendering.build(report)
    return "\n".join(block.plain for block in document.blocks)


def html_of(report) -> str:
    return rendering.body_html(rendering.build(report))


def test_an_empty_year_prints_no_zero_as_fact_and_cannot_be_approved(bureau_staff, leader):
    report = make_report(year=2019, user=bureau_staff)
    text, html = text_of(report), html_of(report)
    for fragment in ZERO_AS_FACT:
        assert fragment not in text, fragment
        assert fragment not in html, fragment
    assert "【待核实：行政检查总数为0】" in text or "【待核实：" in text
    for event in DATED_2021:
        assert event not in text, event
    services.report_submit(report=report, user=bureau_staff)
    with pytest.raises(ValidationError) as exc:
        services.report_approve(report=report, user=leader)
    messages = exc.value.messages
    assert messages[0] == "无法审核通过，请先退回修改以下内容："
    assert any("待核实" in m and "行政检查" in m for m in messages)
    assert any(m.endswith("沿用上年表述，尚未确认") for m in messages)
    assert not any("{{" in m for m in messages)  # figures by their Chinese labels, never template syntax
    report.refresh_from_db()
    assert report.status == ReportStatus.SUBMITTED


def _second_year(year=2022):
    """A year with two plans typed in through the services' models: partners, two kinds, two months."""
    civil = DepartmentFactory(name="金华市婺城区民政局", short_name="区民政局")
    market = DepartmentFactory(name="金华市婺城区市场监督管理局", short_name="区市场监管局")
    random_plan = PlanFactory(
        name=f"{year}年双随机", kind="random", starts_on=datetime.date(year, 4, 1), ends_on=datetime.date(year, 5, 31)
    )
    random_plan.partners.set([civil])
    special = PlanFactory(
        name=f"{year}年专项", kind="special", starts_on=datetime.date(year, 9, 1), ends_on=datetime.date(year, 9, 30)
    )
    special.partners.set([civil, market])
    kindergartens = OrganizationFactory.create_batch(3, kind=OrgKind.PRIVATE_KINDERGARTEN, ownership="private")
    training = OrganizationFactory.create_batch(2, kind=OrgKind.NONSUBJECT_TRAINING, ownership="private")
    for org in kindergartens[:2]:
        InspectionFactory(plan=random_plan, organization=org, inspected_on=datetime.date(year, 4, 20))
    InspectionFactory(plan=random_plan, organization=training[0], inspected_on=datetime.date(year, 5, 6))
    InspectionFactory(plan=random_plan, organization=training[0], inspected_on=datetime.date(year, 5, 7))  # again
    for org in [kindergartens[2], *training]:
        InspectionFactory(plan=special, organization=org, inspected_on=datetime.date(year, 9, 15))


def test_a_second_year_states_its_own_plans_and_none_of_2021s_dated_events(bureau_staff):
    _second_year()
    report = make_report(year=2022, user=bureau_staff)
    text = text_of(report)
    assert "4月至5月，联合区民政局对婺城区2家幼儿园和1家培训机构进行“双随机”检查，共计3家" in text
    assert "9月份，联合区民政局和区市场监管局对婺城区1家幼儿园和2家培训机构进行专项检查，共计3家" in text
    assert "2022年先后开展各级各类行政检查行动7次" in text
    for event in DATED_2021:
        assert event not in text, event
    events = report.blocks.filter(origin=BlockOrigin.EVENT)
    assert events.filter(slot="events:inspections").count() == 1


def test_a_new_year_starts_from_last_years_published_report(bureau_staff, leader):
    last = make_report(year=2021, user=bureau_staff, blocks=[*PLAIN, (BlockKind.PARAGRAPH, 1, "2021年全面完成。")])
    services.report_submit(report=last, user=bureau_staff)
    services.report_approve(report=last, user=leader, written_on=datetime.date(2022, 1, 13))
    services.report_publish(report=last, user=leader, published_on=datetime.date(2022, 1, 14))
    report = make_report(year=2022, user=bureau_staff)
    texts = [(b.text, b.origin) for b in report.blocks.all()]
    assert ("2022年全面完成。", BlockOrigin.CARRIED) in texts  # its year moved on, to be confirmed
    assert ("主要举措和成效", BlockOrigin.WRITTEN) in texts  # headings are structure, nothing to confirm
    assert ("全面推进依法治教。", BlockOrigin.CARRIED) in texts


def test_carried_text_is_confirmed_or_edited_before_approval(staff_client, bureau_staff, leader):
    report = make_report(year=2022, user=bureau_staff, blocks=PLAIN)
    report.blocks.filter(kind=BlockKind.PARAGRAPH).update(origin=BlockOrigin.CARRIED)
    first, second = report.blocks.filter(kind=BlockKind.PARAGRAPH).order_by("position")
    detail = staff_client.get(reverse("reports:report_detail", args=[report.pk])).content.decode()
    assert detail.count(">沿用上年表述</span>") == 2 and "确认沿用" in detail
    editor_link = reverse("reports:block_edit", args=[report.pk, first.pk])
    assert f'<a href="{editor_link}">去处理</a>' in detail

    response = staff_client.post(
        reverse("reports:block_confirm", args=[report.pk, first.pk]), {"expected_version": report.version}
    )
    assert response.status_code == 302
    first.refresh_from_db()
    assert first.confirmed and not first.needs_confirmation

    # Saving the second part unchanged keeps the paragraph to confirm; editing it makes it this year's text.
    report.refresh_from_db()
    url = reverse("reports:section_edit", args=[report.pk, 1])
    form = {"expected_version": report.version, "b-TOTAL_FORMS": "2", "b-INITIAL_FORMS": "2"}
    rows = [("heading", 1, "存在的不足和原因"), ("paragraph", 1, second.text)]
    for i, (kind, level, text) in enumerate(rows):
        form.update({f"b-{i}-order": i + 1, f"b-{i}-kind": kind, f"b-{i}-level": level, f"b-{i}-text": text})
    assert staff_client.post(url, form).status_code == 302
    assert report.blocks.get(text=second.text).needs_confirmation
    report.refresh_from_db()
    form.update({"expected_version": report.version, "b-1-text": "宣传力度仍需加强。"})
    assert staff_client.post(url, form).status_code == 302
    assert report.blocks.get(text="宣传力度仍需加强。").origin == BlockOrigin.WRITTEN

    services.report_submit(report=report, user=bureau_staff)
    assert services.report_approve(report=report, user=leader).status == ReportStatus.APPROVED


def test_a_zero_figure_sentence_is_highlighted_and_can_be_deleted(login_as, bureau_staff, leader):
    staff_client = login_as(bureau_staff)
    blocks = [
        (BlockKind.HEADING, 1, "主要举措和成效"),
        (BlockKind.PARAGRAPH, 1, "依法治教稳步推进。全年开展普法活动{{legalaid.activities_total}}。"),
    ]
    report = make_report(year=2022, user=bureau_staff, blocks=blocks)
    block = report.blocks.get(kind=BlockKind.PARAGRAPH)
    editor = staff_client.get(reverse("reports:section_edit", args=[report.pk, 0])).content.decode()
    assert ">数据语句</span>" in editor and ">待核实</span>" in editor
    assert "“全年开展普法活动〔普法活动〕。”：普法活动为0。" in editor
    assert "删除该句" in editor
    preview = staff_client.get(reverse("reports:report_preview", args=[report.pk])).content.decode()
    assert '<mark class="unverified">全年开展普法活动' in preview and "待核实：普法活动为0" in preview
    pdf_text = text_of(report)
    assert "依法治教稳步推进。【待核实：普法活动为0】" in pdf_text and "0场" not in pdf_text
    # The leader sees the same list on the report's page.
    leader_page = login_as(leader).get(reverse("reports:report_detail", args=[report.pk])).content.decode()
    assert "审核前需处理的语句（1）" in leader_page and "待核实（普法活动为0）" in leader_page
    staff_client = login_as(bureau_staff)

    response = staff_client.post(
        reverse("reports:sentence_delete", args=[report.pk, block.pk]),
        {"expected_version": report.version, "sentence": "1", "next": "editor"},
    )
    assert response.status_code == 302 and response["Location"].endswith(f"#b-{block.pk}")
    block.refresh_from_db()
    assert block.text == "依法治教稳步推进。"
    assert services.report_issues(report) == []


def test_a_years_warning_notices_are_stated_from_its_own_records(bureau_staff):
    from inspections.models import WarningNotice
    from tests.inspections.factories import HazardFactory

    hazard = HazardFactory()
    for day, title in [
        (datetime.date(2022, 3, 15), "关于食堂燃气管道老化的警示"),
        (datetime.date(2022, 6, 1), "关于防溺水设施缺失的警示"),
        (datetime.date(2022, 9, 8), "关于校车超员的警示"),
        (datetime.date(2022, 11, 20), "关于消防通道堵塞的警示"),
        (datetime.date(2023, 1, 5), "次年的警示"),
    ]:
        WarningNotice.objects.create(hazard=hazard, title=title, body="各校对照自查。", issued_on=day)
    text = text_of(make_report(year=2022, user=bureau_staff))
    assert (
        "2022年由校内隐患发布全区警示通报4期（3月15日《关于食堂燃气管道老化的警示》、6月1日《关于防溺水设施缺失的警示》、"
        "9月8日《关于校车超员的警示》等）" in text
    )
    assert "次年的警示" not in text


def test_a_year_without_warning_notices_says_nothing_about_them(bureau_staff):
    report = make_report(year=2022, user=bureau_staff)
    assert "警示通报" not in text_of(report)
    assert not report.blocks.filter(slot="events:warnings").exists()
