"""The editor shows figures as labelled chips (〔行政检查总数〕), never template syntax, and saves them back."""

import pytest
from django.urls import reverse

from reports import chips
from reports.models import Block, BlockKind, Report

from .factories import SMALL, make_report
from .test_editor import formset_data, row

pytestmark = pytest.mark.django_db


def _figure(value, unit):
    from reports.figures import Figure

    return Figure(key="x", name="x", year=2021, value=value, unit=unit)


def test_the_editor_shows_chips_and_saving_unchanged_keeps_the_text_and_its_origin(staff_client, bureau_staff):
    report = make_report(
        user=bureau_staff,
        blocks=[
            *SMALL[:4],
            (BlockKind.PARAGRAPH, 1, "比上年{{ inspections.total@-1 }}件，依据浙政办发〔2021〕5号。"),
            *SMALL[4:],
        ],
    )
    Block.objects.filter(report=report, text__startswith="民办学校").update(origin="carried", confirmed=False)
    body = staff_client.get(reverse("reports:section_edit", args=[report.pk, 0])).content.decode()
    assert "〔公办中小学及幼儿园 0所〕" in body and "〔公办中小学及幼儿园办学点·数字 0〕" in body
    assert "〔行政检查总数·上年 0件〕" in body and "浙政办发〔2021〕5号" in body
    assert "{{" not in body.split('aria-label="数据"')[0]  # no template syntax in the paragraphs

    section = list(report.blocks.order_by("position"))[:5]
    texts = [b.text for b in section]
    # As the page showed them (label and value), except one chip written without its value.
    shown = [chips.to_chips(b.text, {"directory.public_schools": _figure(0, "所")}) for b in section]
    rows = [row(i + 1, b.kind, text, level=b.level) for i, (b, text) in enumerate(zip(section, shown, strict=True))]
    response = staff_client.post(
        reverse("reports:section_edit", args=[report.pk, 0]), formset_data(rows, report.version)
    )
    assert response.status_code == 302, response.content.decode()[:3000]
    saved = [b.text for b in report.blocks.order_by("position")][:5]
    assert saved[:-1] == texts[:-1] and saved[-1] == "比上年{{inspections.total@-1}}件，依据浙政办发〔2021〕5号。"
    carried = report.blocks.get(text__startswith="民办学校")
    assert (carried.origin, carried.confirmed) == ("carried", False)  # unchanged: still to be confirmed


def test_a_chip_typed_wrong_is_refused_by_name_and_nothing_is_saved(staff_client, bureau_staff):
    report = make_report(user=bureau_staff, blocks=SMALL)
    before = [b.text for b in report.blocks.order_by("position")]
    data = formset_data(
        [
            row(1, "heading", "主要举措和成效", level=1),
            row(2, "paragraph", "全年检查〔行政检查总次数〕次，〔行政检查总数·去年〕。"),
        ],
        report.version,
    )
    response = staff_client.post(reverse("reports:section_edit", args=[report.pk, 0]), data)
    body = response.content.decode()
    assert response.status_code == 400
    assert "未知的数据〔行政检查总次数〕、〔行政检查总数·去年〕" in body
    assert [b.text for b in Report.objects.get(pk=report.pk).blocks.order_by("position")] == before
