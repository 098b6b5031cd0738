"""A PDF's lines read back with poppler (`pdftotext -bbox-layout`): where each line starts and ends, per page."""

import re
import shutil
import subprocess
from dataclasses import dataclass
from html import unescape

import pytest

from documents.justify import INDENT, MEASURE

needs_poppler = pytest.mark.skipif(not shutil.which("pdftotext"), reason="poppler-utils (pdftotext) is not installed")
PAGE_NUMBER = re.compile(r"—\s*\d+\s*—")
LINE = re.compile(r'<line xMin="([\d.]+)" yMin="([\d.]+)" xMax="([\d.]+)" yMax="[\d.]+">(.*?)</line>', re.S)
WORD = re.compile(r"<word [^>]*>([^<]*)</word>")


@dataclass
class Line:
    page: int
    x0: float
    x1: float
    y: float
    text: str


def pdf_lines(content: bytes) -> list[list[Line]]:
    """The lines of each page, top to bottom, page numbers left out."""
    out = subprocess.run(  # noqa: S603
        ["pdftotext", "-bbox-layout", "-", "-"],  # noqa: S607
        input=content,
        capture_output=True,
        check=True,
    ).stdout.decode()
    pages = []
    for number, page in enumerate(out.split("<page ")[1:], start=1):
        lines: list[Line] = []
        # poppler may cut one printed line in pieces (a change of font, a wide gap): join those on one baseline
        parts = sorted(LINE.findall(page), key=lambda m: (round(float(m[1])), float(m[0])))
        for x0, y, x1, words in parts:
            text = unescape("".join(WORD.findall(words)))
            if lines and abs(lines[-1].y - float(y)) < 2:
                lines[-1].x1, lines[-1].text = max(lines[-1].x1, float(x1)), lines[-1].text + text
            else:
                lines.append(Line(number, float(x0), float(x1), float(y), text))
        pages.append([line for line in lines if not PAGE_NUMBER.fullmatch(line.text)])
    return pages


def short_inner_lines(pages: list[list[Line]], *, until: str | None = None, tolerance: float = 1.5) -> list[Line]:
    """Lines of body text that end short of (or past) the right margin though their paragraph goes on.

    Body lines start at the page's left margin or one 2 em indent in; a line is inside its paragraph
    when the next body line starts at the margin (a new paragraph starts indented). Reading stops at
    the first line whose text is `until` (the 署名).
    """
    body = []
    for page in filter(None, pages):
        left = (28 if page[0].page % 2 else 26) / 25.4 * 72  # official.html: odd pages 28 mm, even 26 mm
        for line in page:
            if until is not None and line.text == until:
                break
            starts_paragraph = abs(line.x0 - left - INDENT) < 1
            if abs(line.x0 - left) < 1 or starts_paragraph:
                body.append((line, left, starts_paragraph))
            else:
                body.append(None)  # a title, a caption, a table cell: no paragraph continues across it
        else:
            continue
        break
    short = []
    for current, following in zip(body, body[1:], strict=False):
        if current and following and not following[2]:
            line, left, _ = current
            if abs(line.x1 - (left + MEASURE)) > tolerance:
                short.append(line)
    return short
