"""Journey 3: the annual report from first draft to the public's download, checked by its SHA-256.

Bureau staff generate the 2021 draft, add a sentence with a live figure and submit it; a leader
approves and publishes it (the report is frozen); an anonymous visitor finds it in the disclosure
catalogue, downloads the PDF and checks that its SHA-256 is the one the page shows.
"""

import dataclasses

import pytest

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


def test_draft_edit_submit_and_approval_refused_while_unsupported_sentences_remain(
    page, new_page, sign_in, shot, statistics_2021
):
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
    assert "发布前需解决的问题" not in draft and "缺少数据" not in draft
    shot(staff, "draft")

    # 2. They add a sentence to 二、存在的不足和原因 with a figure from the picker, and submit.
    staff.locator("section.card", has_text="存在的不足和原因").get_by_role("link", name="编辑本部分").click()
    scripts_ready(staff)
    new_block = staff.locator("fieldset", has_text="（新增）").first.locator("textarea")
    new_block.fill(SENTENCE)
    staff.get_by_placeholder("筛选指标").fill("隐患")
    staff.locator("[data-picker-item]", has_text="〔排查发现隐患〕").get_by_role("button", name="插入").click()
    new_block.press("Control+End")
    new_block.press_sequentially("，均已建档跟踪。")
    assert new_block.input_value() == SENTENCE + "〔排查发现隐患〕，均已建档跟踪。"  # a chip, not template code
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

    # 3. A leader opens it: the built-in text's sentences the records do not support (or that were carried
    # over and not yet confirmed) are listed, and approval is refused until staff resolve them.
    leader = sign_in("leader", PASSWORD, on=new_page())
    leader.get_by_role("navigation", name="主菜单").get_by_role("link", name="年度报告").click()
    leader.get_by_role("link", name="2021年法治政府建设年度报告").click()
    expect_text(leader, "审核前需处理的语句")
    leader.fill("#id_written_on", "2022-01-13")
    leader.get_by_role("button", name="审核通过").click()
    expect_text(leader, "无法审核通过，请先退回修改以下内容")
    assert Report.objects.get(year=2021).status == ReportStatus.SUBMITTED
    shot(leader, "approval-refused")
    assert staff.console_errors == [] and leader.console_errors == []


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
