"""Fonts of official documents: rare characters and emoji drawn from fallback fonts, licensed font files used."""

import logging
import shutil
import subprocess

import pytest
from django.core.checks import run_checks
from django.test import override_settings

from documents import renderer
from documents.fonts import font_stack, preferred_family
from documents.prepared_fonts import locate

pytestmark = pytest.mark.skipif(
    not (shutil.which("pdffonts") and shutil.which("pdfimages") and locate("HanaMinB")),
    reason="poppler-utils or fonts-hanazono (scripts/setup_system.sh) is not installed",
)


def render(text: str) -> bytes:
    html = renderer.render_html("documents/official.html", {"title": "测试"})
    return renderer.html_to_pdf(html.replace("<body>", f"<body><p>{text}</p>"))


def poppler(tool: str, pdf: bytes, tmp_path) -> str:
    path = tmp_path / "doc.pdf"
    path.write_bytes(pdf)
    args = {"pdftotext": [str(path), "-"], "pdfimages": ["-list", str(path)], "pdffonts": [str(path)]}[tool]
    return subprocess.run([tool, *args], capture_output=True, check=True, text=True).stdout  # noqa: S603


def notdef_warnings(caplog) -> list[str]:
    return [r.getMessage() for r in caplog.records if r.name == "weasyprint" and ".notdef" in r.getMessage()]


def test_an_extension_b_character_and_an_emoji_are_drawn_with_real_glyphs(caplog, tmp_path):
    caplog.set_level(logging.WARNING, logger="weasyprint")
    # Control: a code point no font has is drawn as .notdef, and WeasyPrint says so.
    render("未分配的码位\u0378")
    assert notdef_warnings(caplog), "the check would not notice a missing glyph"
    caplog.clear()

    pdf = render("生僻字𠀀（U+20000），表情😀。")
    assert notdef_warnings(caplog) == []
    assert "生僻字𠀀（U+20000），表情😀。" in poppler("pdftotext", pdf, tmp_path)
    fonts = poppler("pdffonts", pdf, tmp_path)
    assert "+HanaMin" in fonts and "Emoji" in fonts
    images = poppler("pdfimages", pdf, tmp_path).splitlines()[2:]
    assert [row for row in images if " image " in row], "the colour emoji is drawn as a picture"


def test_the_fallbacks_close_every_stack():
    for role in ("title", "body", "hei", "kai"):
        assert font_stack(role).endswith('"HanaMinA", "HanaMinB", ' + ("sans-serif" if role == "hei" else "serif"))


def test_a_licensed_font_file_named_in_the_settings_is_used(tmp_path):
    # LXGW WenKai stands in for a bureau's licensed 仿宋_GB2312 file: any .ttf/.otf works the same way.
    path, _index = locate("LXGW WenKai")
    with override_settings(DOCUMENT_FONTS={"body": [path]}):
        assert font_stack("body").startswith('"LXGW WenKai"')
        assert preferred_family("body") == "LXGW WenKai"  # the name the .docx gives Word
        fonts = poppler("pdffonts", render("婺城区教育局依法治教。"), tmp_path)
    body = [row for row in fonts.splitlines()[2:] if "+" in row]
    assert body and all("LXGW-WenKai" in row for row in body), fonts


def test_a_missing_font_file_is_reported_and_documents_still_render(tmp_path):
    missing = str(tmp_path / "仿宋_GB2312.ttf")
    with override_settings(DOCUMENT_FONTS={"body": [missing, "Noto Serif CJK SC"]}):
        warnings = [w for w in run_checks() if w.id == "documents.W001"]
        assert [w.msg for w in warnings] == [f"DOCUMENT_FONTS 中的字体文件无法读取：{missing}"]
        assert "婺城区教育局" in poppler("pdftotext", render("婺城区教育局依法治教。"), tmp_path)
