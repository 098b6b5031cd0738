"""A paragraph is edited on its own page, not as part of a form of the whole section."""

import pytest
from django.urls import reverse

from reports.models import BlockOrigin, Report

from .factories import SMALL, make_report

pytestmark = pytest.mark.django_db


@pytest.fixture
def report(bureau_staff):
    report = make_report(year=2022, user=bureau_staff, blocks=SMALL)
    report.blocks.filter(text__startswith="民办学校").update(origin=BlockOrigin.CARRIED, confirmed=False)
    return report


def url(report, text):
    return reverse("reports:block_edit", args=[report.pk, report.blocks.get(text__startswith=text).pk])


def post(client, report, text, new, **extra):
    block = report.blocks.get(text__startswith=text)
    data = {"kind": block.kind, "level": block.level, "text": new, "expected_version": report.version, **extra}
    return client.post(url(report, text), data)


def test_the_page_shows_one_paragraph_with_chips_and_the_picker(staff_client, report):
    body = staff_client.get(url(report, "民办学校")).content.decode()
    assert "第4段" in body and "民办学校〔民办学校" in body and "{{" not in body.split('aria-label="数据"')[0]
    assert "宣传力度不够" not in body  # another section's paragraph is not on the page
    assert "沿用上年表述" in body and "确认沿用" in body
    detail = staff_client.get(reverse("reports:report_detail", args=[report.pk])).content.decode()
    assert url(report, "民办学校") in detail  # 编辑 beside every paragraph, 去处理 of each issue


def test_saving_a_paragraph_changes_only_it_and_makes_it_this_years_writing(staff_client, report):
    others = {b.text for b in report.blocks.all()} - {report.blocks.get(text__startswith="民办学校").text}
    response = post(staff_client, report, "民办学校", "民办学校〔民办学校〕，均已年检。")
    assert response.status_code == 302, [response.context["form"].errors, response.context["version_form"].errors]
    assert response["Location"].endswith("#section-0")
    report = Report.objects.get(pk=report.pk)
    edited = report.blocks.get(text__startswith="民办学校")
    assert edited.text == "民办学校{{directory.private_schools}}，均已年检。" and edited.origin == BlockOrigin.WRITTEN
    assert {b.text for b in report.blocks.exclude(pk=edited.pk)} == others


def test_saving_it_unchanged_keeps_it_to_be_confirmed(staff_client, report):
    shown = staff_client.get(url(report, "民办学校")).context["form"].initial["text"]
    assert post(staff_client, report, "民办学校", shown).status_code == 302
    block = Report.objects.get(pk=report.pk).blocks.get(text__startswith="民办学校")
    assert (block.text, block.origin, block.confirmed) == ("民办学校{{directory.private_schools}}。", "carried", False)


def test_an_empty_paragraph_or_a_stale_page_is_refused_and_nothing_is_saved(staff_client, report):
    before = [(b.text, b.origin) for b in report.blocks.all()]
    response = post(staff_client, report, "民办学校", "  ")
    assert response.status_code == 400 and "内容不能为空" in response.content.decode()
    response = post(staff_client, report, "民办学校", "民办学校若干。", expected_version=report.version - 1)
    assert response.status_code == 409 and "有人在您打开本页后修改了报告" in response.content.decode()
    assert [(b.text, b.origin) for b in Report.objects.get(pk=report.pk).blocks.all()] == before


def test_only_the_bureaus_drafters_reach_it(login_as, leader, school_admin_a, report):
    assert login_as(leader).get(url(report, "民办学校")).status_code == 403
    assert login_as(school_admin_a).get(url(report, "民办学校")).status_code in (403, 404)
