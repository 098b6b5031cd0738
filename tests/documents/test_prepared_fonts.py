"""Prepared GB 2312 copies of the open CJK fonts: faster PDFs, the same text, nothing missing."""

import shutil
import subprocess

import pytest
from django.test import override_settings

from documents import prepared_fonts, renderer
from documents.fonts import font_stack

pytestmark = pytest.mark.skipif(
    not (shutil.which("fc-match") and shutil.which("pdffonts") and prepared_fonts.locate("Noto Serif CJK SC", 400)),
    reason="fontconfig, poppler-utils or fonts-noto-cjk is not installed",
)


@pytest.fixture
def prepared(tmp_path):
    with override_settings(DOCUMENT_PREPARED_FONTS_DIR=tmp_path):
        renderer._local.__dict__.pop("font_config", None)  # a configuration that knows the copies
        yield prepared_fonts.prepare()
    prepared_fonts.prepared_manifest.cache_clear()
    renderer._local.__dict__.pop("font_config", None)


def pdf_fonts(content: bytes, tmp_path) -> str:
    path = tmp_path / "doc.pdf"
    path.write_bytes(content)
    return subprocess.run(["pdffonts", str(path)], capture_output=True, check=True, text=True).stdout  # noqa: S603,S607


def test_the_copies_stand_just_before_their_full_family(prepared):
    assert {"Noto Serif CJK SC", "Noto Sans CJK SC"} <= set(prepared)
    assert '"WDoc Noto Serif CJK SC", "Noto Serif CJK SC"' in font_stack("body")
    assert '"WDoc Noto Sans CJK SC", "Noto Sans CJK SC"' in font_stack("hei")


def test_a_document_uses_the_copies_and_the_full_font_for_rare_characters(prepared, tmp_path):
    # 堃 is outside GB 2312: it must come from the full font, not go missing.
    html = renderer.render_html("documents/official.html", {"title": "测试"}).replace(
        "<body>", "<body><p>婺城区教育局依法治教，校长王堃。</p>"
    )
    pdf = renderer.html_to_pdf(html)
    fonts = pdf_fonts(pdf, tmp_path)
    assert "WDoc-Noto-Serif-CJK-SC" in fonts and "+Noto-Serif-CJK-SC" in fonts
    text = subprocess.run(["pdftotext", "-", "-"], input=pdf, capture_output=True, check=True).stdout.decode()  # noqa: S603,S607
    assert "婺城区教育局依法治教，校长王堃。" in text
