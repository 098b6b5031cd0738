"""Prepared GB 2312 copies of the open CJK fonts (fontTools): faster PDFs, the same text, nothing missing."""

import shutil
import subprocess

import pytest
from django.test import override_settings

from documents import prepared_fonts, renderer
from documents.fonts import font_faces, font_stack

pytestmark = pytest.mark.skipif(
    not (shutil.which("fc-match") and shutil.which("pdffonts") and prepared_fonts.locate("LXGW WenKai")),
    reason="fontconfig, poppler-utils or fonts-lxgw-wenkai is not installed",
)


@pytest.fixture
def prepared(tmp_path):
    """The 楷体 copy only (the smallest face: a few seconds; `prepare_document_fonts` makes all five)."""
    with override_settings(DOCUMENT_PREPARED_FONTS_DIR=tmp_path):
        yield prepared_fonts.prepare(faces=[("LXGW WenKai", 400)])
    prepared_fonts.prepared_manifest.cache_clear()


def pdf_fonts(content: bytes, tmp_path) -> str:
    path = tmp_path / "doc.pdf"
    path.write_bytes(content)
    return subprocess.run(["pdffonts", str(path)], capture_output=True, check=True, text=True).stdout  # noqa: S603,S607


def test_the_copy_holds_gb2312_only_and_stands_just_before_its_full_family(prepared, tmp_path):
    from fontTools.ttLib import TTFont

    copy = tmp_path / prepared["LXGW WenKai"]["400"]
    cmap = TTFont(copy).getBestCmap()
    assert ord("婺") in cmap and ord("堃") not in cmap  # 婺 is in GB 2312, 堃 is not
    assert '"WDoc LXGW WenKai", "LXGW WenKai"' in font_stack("kai")
    assert f'font-family: "WDoc LXGW WenKai"; font-weight: 400; src: url("{copy.as_uri()}")' in font_faces()


def test_a_document_uses_the_copy_and_the_full_font_for_rare_characters(prepared, tmp_path):
    html = renderer.render_html("documents/official.html", {"title": "测试"}).replace(
        "<body>", "<body><h3>（一）婺城区教育局依法治教，校长王堃。</h3>"
    )
    pdf = renderer.html_to_pdf(html)
    fonts = pdf_fonts(pdf, tmp_path)
    assert "+WDoc-LXGW-WenKai" in fonts and "+LXGW-WenKai" in fonts
    text = subprocess.run(["pdftotext", "-", "-"], input=pdf, capture_output=True, check=True).stdout.decode()  # noqa: S603,S607
    assert "（一）婺城区教育局依法治教，校长王堃。" in text
