"""Downloads: one safe Content-Disposition (RFC 6266), and nothing a signed-in user sees is cached."""

from urllib.parse import unquote

import pytest
from django.urls import reverse

from core.downloads import content_disposition, safe_filename
from reports.models import BlockKind
from tests.reports.factories import make_report


@pytest.mark.parametrize(
    "typed, expected",
    [
        ("../../etc/passwd", "etc_passwd"),
        ("..\\..\\windows\\win.ini", "windows_win.ini"),
        ('报告"; filename="evil.exe', "报告_; filename=_evil.exe"),
        ("第一行\r\nSet-Cookie: x=1", "第一行 Set-Cookie_ x=1"),
        ("\u202eexe.pdf", "exe.pdf"),
        ("...", "下载文件"),
        ("2021年法治政府建设年度报告.pdf", "2021年法治政府建设年度报告.pdf"),
    ],
)
def test_file_names_are_cleaned(typed, expected):
    assert safe_filename(typed) == expected


def test_header_has_an_ascii_fallback_and_the_utf8_name():
    header = content_disposition('年度报告 "终稿".pdf')
    assert header.startswith('attachment; filename="') and "filename*=UTF-8''" in header
    fallback = header.split('filename="')[1].split('"')[0]
    assert fallback.isascii() and '"' not in fallback and fallback.endswith(".pdf")
    assert unquote(header.split("filename*=UTF-8''")[1]) == "年度报告 _终稿_.pdf"
    assert "\n" not in content_disposition("a\nb") and content_disposition("x.pdf", attachment=False).startswith(
        "inline;"
    )


@pytest.mark.django_db
def test_a_report_named_like_a_path_downloads_under_a_plain_name(staff_client, bureau_staff):
    report = make_report(user=bureau_staff, blocks=[(BlockKind.HEADING, 1, "标题"), (BlockKind.PARAGRAPH, 1, "正文。")])
    report.file_name = '../../etc/passwd"\r\nX-Evil: 1'
    report.save()
    response = staff_client.get(reverse("reports:report_docx", args=[report.pk]))
    assert response.status_code == 200
    header = response["Content-Disposition"]
    assert "/" not in header.split("filename*=")[0] and ".." not in header and "\n" not in header
    name = unquote(header.split("filename*=UTF-8''")[1])
    assert name.startswith("etc_passwd_ X-Evil_ 1") and name.endswith(".docx")
    assert "X-Evil" not in response.headers  # no header injected
    assert response["Cache-Control"] == "no-store, private"


@pytest.mark.django_db
def test_signed_in_pages_and_downloads_are_not_cached(staff_client, school_a):
    for url in (reverse("core:home"), reverse("directory:organization_list"), reverse("directory:organization_export")):
        response = staff_client.get(url)
        assert response.status_code == 200
        directives = {d.strip() for d in response["Cache-Control"].split(",")}
        assert {"no-store", "private"} <= directives and "public" not in directives, url


@pytest.mark.django_db
def test_public_pages_keep_their_caching(client):
    response = client.get(reverse("public:index"))
    assert response.status_code == 200 and "no-store" not in response.get("Cache-Control", "")
