"""A new draft for 2021 from the demo's records, and the 2022 draft that follows the published 2021 report.

The published 2021 report stays frozen: its PDF keeps its SHA-256 whatever is drafted after it.
"""

import hashlib

import pytest

from accounts.models import User
from accounts.roles import Role
from reports import rendering, services
from reports.drafting import draft_blocks
from reports.events import district_name
from reports.models import Block, BlockOrigin, Report, ReportStatus

pytestmark = pytest.mark.django_db


def _text(report, blocks) -> str:
    return "\n".join(b.plain for b in rendering.build(report, blocks).blocks)


def test_a_new_2021_draft_states_the_seed_figures_split_by_kind_with_each_plans_partners(demo_district):
    published = Report.objects.get(year=2021)
    frozen = published.snapshot.sha256
    report = Report(year=2021, issuer=published.issuer, title="2021年法治政府建设年度报告")  # not saved
    blocks = [
        Block(kind=b.kind, level=b.level, text=b.text, position=i, origin=b.origin, slot=b.slot)
        for i, b in enumerate(draft_blocks(2021, district=district_name(published.issuer.name)))
    ]
    text = _text(report, blocks)
    section_six = next(b.text for b in blocks if b.slot == "events:inspections")
    assert next(b.origin for b in blocks if b.slot == "events:inspections") == BlockOrigin.EVENT
    for fragment in [
        "2021年先后开展各级各类行政检查行动1019次",
        "对婺城区118家幼儿园、6家民办学校和88家培训机构进行开学核验检查，共计212家",
        "465家培训机构（学科类88家、非学科类377家）",
        "联合区民政局对婺城区12家幼儿园和9家培训机构进行“双随机”检查，共计21家",
        "联合区市场监管局对婺城区6家幼儿园和9家培训机构进行专项检查，共计15家",
        "6家民办学校和9家培训机构",
        "共计15家",
        "对婺城区118家幼儿园进行实地年检核查，共计118家",
        "11月份，区教育局对婺城区109家幼儿园和64家培训机构",
        "共计173家",
        "2021年行政检查共计1019件",
    ]:
        assert fragment in text, fragment
    for partner in ["区民政局", "区市场监管局", "区消防救援大队", "区综合执法局"]:
        assert partner in section_six, partner
    # 2021's own dated events are kept for 2021, to be confirmed like any carried text.
    assert "全省首家" in text and "六一儿童节" in text
    assert "【待核实" not in text  # every figure of the demo year is supported by its records
    # The frozen report is untouched.
    again = rendering.report_pdf(Report.objects.get(pk=published.pk))
    assert hashlib.sha256(again).hexdigest() == frozen == published.snapshot.sha256


def test_the_2022_draft_carries_the_published_2021_text_but_none_of_its_dated_events(demo_district):
    published = Report.objects.get(year=2021)
    assert published.status == ReportStatus.PUBLISHED
    frozen = bytes(published.snapshot.pdf)
    staff = User.objects.filter(role=Role.BUREAU_STAFF).first()
    report = services.report_create(year=2022, user=staff)
    blocks = list(report.blocks.all())
    text = _text(report, blocks)
    for event in ["摸底排查", "11月份开展疫情防控检查", "全省首家", "浙江卫视", "六一儿童节", "疫情防控时期"]:
        assert event not in text, event
    carried = [b for b in blocks if b.origin == BlockOrigin.CARRIED]
    assert carried and all(b.needs_confirmation for b in carried)
    assert any("2022年" in b.text for b in carried) and not any("2021年度" in b.text for b in carried)
    assert rendering.report_pdf(Report.objects.get(pk=published.pk)) == frozen
