"""Journey 3: the annual report from first draft to the public's download, checked by its SHA-256.

Bureau staff generate the 2021 draft, add a sentence with a live figure and submit it; a leader
approves and publishes it (the report is frozen); an anonymous visitor finds it in the disclosure
catalogue, downloads the PDF and checks that its SHA-256 is the one the page shows.
"""

import dataclasses
import hashlib
import io
import re

import pytest
from pypdf import PdfReader

from core import stats
from directory.models import OrgKind
from reports.models import Report, ReportStatus
from tests.factories import OrganizationFactory
from tests.reports.factories import bureau
from tests.reports.seed_stats import PREVIOUS_YEAR, SEED_2021

from .journeys import PASSWORD, expect_text, main_text, scripts_ready

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

SENTENCE = "隐患排查闭环管理仍需加强，全年排查发现隐患"


def _fixed(value, year: int, kind: str):
    empty = [] if kind == "table" else 0
    return lambda asked: value if asked == year else empty


@pytest.fixture
def statistics_2021(monkeypatch, bureau_staff, leader):
    """The district for 2021: the other modules' figures as the seed states them (each registered
    statistic answers its seed value; its label, unit and trace stay), and a directory the test fills,
    whose figures are counted for real."""
    bureau()
    for n in range(3):
        OrganizationFactory(name=f"城东第{n + 1}幼儿园", kind=OrgKind.PUBLIC_KINDERGARTEN)
    OrganizationFactory(name="城西小学")
    stats.autodiscover()
    for table, year in ((SEED_2021, 2021), (PREVIOUS_YEAR, 2020)):
        for name, (value, kind, unit) in table.items():
            registered = stats.REGISTRY.get(name) or stats.Statistic(
                name=name, label=name, unit=unit, kind=kind, func=lambda y: None
            )
            fixed = dataclasses.replace(registered, func=_fixed(value, year, registered.kind))
            monkeypatch.setitem(stats.REGISTRY, name, fixed)


def test_draft_approve_publish_and_download_the_frozen_pdf(page, new_page, sign_in, shot, statistics_2021):
    # 1. Staff generate the 2021 draft: the national structure, figures filled in from the statistics.
    staff = sign_in("staff", PASSWORD)
    staff.get_by_role("navigation", name="主菜单").get_by_role("link", name="年度报告").click()
    staff.get_by_role("link", name="起草年度报告").click()
    staff.fill("#id_year", "2021")
    staff.get_by_role("button", name="生成初稿").click()
    expect_text(staff, "已按2021年度数据生成初稿，请逐部分修改。")
    assert staff.locator("h1").inner_text() == "2021年法治政府建设年度报告 起草中"
    draft = main_text(staff)
    assert "11330702732038549W/2022-00001" in draft
    assert "持有“行政执法证”的在职人员9人" in draft  # a module's figure (the seed's value)
    assert "覆盖全区幼儿园3家" in draft  # counted from the directory
    assert "发布前需解决的问题" not in draft and "缺少数据" not in draft
    shot(staff, "draft")

    # 2. They add a sentence to 二、存在的不足和原因 with a figure from the picker, and submit.
    staff.locator("section.card", has_text="存在的不足和原因").get_by_role("link", name="编辑本部分").click()
    scripts_ready(staff)
    new_block = staff.locator("fieldset", has_text="（新增）").first.locator("textarea")
    new_block.fill(SENTENCE)
    staff.get_by_placeholder("筛选指标").fill("隐患")
    staff.locator("[data-picker-item]", has_text="{{inspections.hazards_found}}").get_by_role(
        "button", name="插入"
    ).click()
    new_block.press("Control+End")
    new_block.press_sequentially("，均已建档跟踪。")
    assert new_block.input_value() == SENTENCE + "{{inspections.hazards_found}}，均已建档跟踪。"
    shot(staff, "editor")
    staff.get_by_role("button", name="保存本部分").click()
    expect_text(staff, "已保存“存在的不足和原因”。")
    assert SENTENCE + "64条，均已建档跟踪。" in main_text(staff)
    scripts_ready(staff)
    staff.get_by_role("button", name="提交审核").click()
    expect_text(staff, "已提交局领导审核。")
    assert staff.dialogs == ["提交后正文不能再修改，确定提交局领导审核？"]
    assert staff.locator("h1 .tag").inner_text() == "待审核"
    assert staff.get_by_role("link", name="编辑本部分").count() == 0

    # 3. A leader approves it with its 成文日期 and publishes it: the report is frozen.
    leader = sign_in("leader", PASSWORD, on=new_page())
    leader.get_by_role("navigation", name="主菜单").get_by_role("link", name="年度报告").click()
    leader.get_by_role("link", name="2021年法治政府建设年度报告").click()
    leader.fill("#id_written_on", "2022-01-13")
    leader.get_by_role("button", name="审核通过").click()
    expect_text(leader, "已审核通过，可以发布。")
    assert leader.locator("h1 .tag").inner_text() == "已审核待发布"
    scripts_ready(leader)
    leader.fill("#id_published_on", "2022-01-14")
    leader.get_by_role("button", name="发布并冻结").click()
    expect_text(leader, "报告已发布并冻结，已在信息公开目录公开。", timeout=30_000)
    assert leader.dialogs == ["发布后报告将冻结（正文、数据、PDF及校验值不再改变）并公开，确定发布？"]
    assert leader.locator("h1 .tag").inner_text() == "已发布"
    shot(leader, "published")
    report = Report.objects.get(year=2021)
    assert report.status == ReportStatus.PUBLISHED and str(report.written_on) == "2022-01-13"
    assert [(e.get_action_display(), e.actor.username) for e in report.events.order_by("at", "id")] == [
        ("生成初稿", "staff"),
        ("编辑正文", "staff"),
        ("提交审核", "staff"),
        ("审核通过", "leader"),
        ("发布", "leader"),
    ]

    # 4. An anonymous visitor finds it in the disclosure catalogue and downloads the PDF.
    visitor = new_page()
    visitor.goto("/public/")
    row = visitor.locator("table tbody tr", has_text="11330702732038549W/2022-00001")
    assert "2022年1月13日" in row.inner_text() and "主动公开" in row.inner_text()
    row.get_by_role("link", name="2021年法治政府建设年度报告").click()
    shown = visitor.locator("dd.hash").inner_text()
    assert SENTENCE + "64条，均已建档跟踪。" in main_text(visitor)  # the frozen text
    shot(visitor, "public-detail")
    content, headers = receive_file(visitor, visitor.get_by_role("link", name="下载PDF"))
    assert headers["content-type"] == "application/pdf"
    assert headers["x-report-sha256"] == shown
    assert content.startswith(b"%PDF-")
    assert hashlib.sha256(content).hexdigest() == shown == report.snapshot.sha256
    text = "".join(page.extract_text() for page in PdfReader(io.BytesIO(content)).pages)
    assert "全年排查发现隐患64条，均已建档跟踪。" in re.sub(r"\s+", "", text)  # the staff's sentence, frozen
    assert staff.console_errors == [] and leader.console_errors == [] and visitor.console_errors == []


def receive_file(page, link) -> tuple[bytes, dict]:
    """Click a link to a file and return the bytes the browser received over HTTP, with the headers.

    Chromium hands a PDF served inline to its viewer (the page then holds the viewer, not the bytes),
    and a headless shell without the viewer saves it as a download instead; so the response is taken
    where it enters the browser, passed on unchanged, whichever of the two follows.
    """
    href = link.get_attribute("href")
    received = []

    def keep(route):
        response = route.fetch()
        received.append((response.body(), response.headers))
        route.fulfill(response=response)

    page.route(f"**{href}", keep)
    link.click()
    page.wait_for_load_state()
    page.unroute(f"**{href}")
    assert len(received) == 1, f"{href} was fetched {len(received)} times"
    return received[0]
