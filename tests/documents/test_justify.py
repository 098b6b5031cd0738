"""Chinese body text justified line by line: full lines to the margin, the last line left, GB/T 15834 line breaks."""

import re
import subprocess
from html import unescape

from documents import renderer
from documents.justify import GRID, INDENT, MEASURE, advance_of, justify_fragment, justify_paragraphs

from .pdf_layout import needs_poppler, pdf_lines, short_inner_lines

SEED = (
    "区教育局法治工作按照区委建设“平安婺城”“法治婺城”的总体部署，紧紧围绕建设现代化都市核心区的总体目标，"
    "深入推进依法行政、依法治教，积极推动教育管理与服务法治化进程，促进我区教育事业不断向前发展。2021年先后开展"
    "各级各类行政检查行动1019次，其中春季开学核验及疫情期间日常巡查212件，联合检查480件（占47.1%），"
    "“双减”综合办理窗口——“一站式服务办出加速度”……全区58所公办中小学及幼儿园（68个点位）完成智安校园建设。"
)
NO_START = "，。、；：？！”’）》〕】"
NO_END = "“‘（《〔【"


def markup_lines(html: str) -> list[str]:
    """The markup of each line justify_fragment made (one `white-space: pre` span, lines joined by newlines)."""
    assert html.startswith('<span class="jp">') and html.endswith("</span>")
    return html[len('<span class="jp">') : -len("</span>")].split("\n")


def lines_of(html: str) -> list[str]:
    """The plain text of each line."""
    return [unescape(re.sub(r"<[^>]+>", "", line)) for line in markup_lines(html)]


def spacing_of(line: str) -> float | None:
    match = re.match(r'<span style="letter-spacing: ([-\d.]+)pt">', line)
    return float(match.group(1)) if match else None


def test_lines_follow_the_chinese_line_breaking_rules():
    lines = lines_of(justify_fragment(SEED))
    assert "".join(lines) == SEED and len(lines) > 5
    for before, after in zip(lines, lines[1:], strict=False):
        assert after[0] not in NO_START, (before, after)
        assert before[-1] not in NO_END, (before, after)
        assert not (before[-1].isdigit() and after[0].isdigit()), (before, after)  # 1019 stays whole
        assert not (before[-1] == after[0] and after[0] in "—…"), (before, after)  # —— and …… stay whole


def test_every_line_but_the_last_fills_the_measure():
    advance = advance_of("body")
    lines = markup_lines(justify_fragment(SEED))
    for i, line in enumerate(lines):
        text = lines_of(f'<span class="jp">{line}</span>')[0]
        room = MEASURE - (INDENT if i == 0 else 0)
        spacing = spacing_of(line)
        width = sum(advance(c) for c in text) + (len(text) - 1) * (GRID if spacing is None else spacing)
        if i < len(lines) - 1:
            assert abs(width - room) < 0.1, (i, text, width, room)
        else:  # the last line starts left and keeps the grid's spacing
            assert spacing is None and width < room


def test_inline_elements_are_closed_at_a_line_end_and_reopened_on_the_next_line():
    figure = '<span class="fig">' + "一二三四五六七八九十" * 4 + "</span>"
    lines = markup_lines(justify_fragment(f"全年开展普法活动{figure}场。"))
    assert len(lines) == 2
    for line in lines:
        assert '<span class="fig">' in line and line.count("<span") == line.count("</span>")
    assert "".join(lines_of(f'<span class="jp">{chr(10).join(lines)}</span>')) == (
        "全年开展普法活动" + "一二三四五六七八九十" * 4 + "场。"
    )


def test_a_short_paragraph_and_text_outside_justify_are_left_alone():
    assert justify_fragment("金华市婺城区教育局") == "金华市婺城区教育局"
    outside = f"<html><body><p>{SEED}</p><div class='justify'></div></body></html>"
    assert justify_paragraphs(outside) == outside
    inside = f'<div class="justify"><p class="noindent">{SEED}</p><table><tr><td>{SEED}</td></tr></table></div>'
    justified = justify_paragraphs(inside)
    assert f'<p class="noindent">{justify_fragment(SEED, indent=False)}</p>' in justified
    assert justify_fragment(SEED, indent=False) != justify_fragment(SEED)  # the first line is longer unindented
    assert f"<td>{SEED}</td>" in justified


def test_escaped_text_stays_escaped():
    html = justify_fragment("学校&lt;script&gt;与“A&amp;B”" + "依法治教" * 20)
    assert "&lt;script&gt;" in html and "A&amp;B" in html and "<script>" not in html


@needs_poppler
def test_the_pdf_has_full_inner_lines_and_the_same_text():
    paragraphs = [SEED, SEED[40:] + SEED[:40], "（一）" + SEED[::2]]
    body = '<div class="justify">' + "".join(f"<p>{p}</p>" for p in paragraphs) + "</div>"
    html = renderer.render_html("documents/official.html", {"title": "测试"}).replace("<body>", "<body>" + body)
    pdf = renderer.html_to_pdf(html)
    pages = pdf_lines(pdf)
    assert sum(len(page) for page in pages) > 15
    assert short_inner_lines(pages) == []
    # The text reads as written: no spaces or other characters were added to stretch the lines.
    text = subprocess.run(["pdftotext", "-", "-"], input=pdf, capture_output=True, check=True).stdout.decode()  # noqa: S603,S607
    running = "".join(text.split())
    assert all(p in running for p in paragraphs)
