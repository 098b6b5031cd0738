"""The 2021 report as load_demo publishes it: its PDF states the seed's figures, in GB/T 9704 layout."""

import hashlib
import io
import re
import shutil
import subprocess

import pytest
from django.urls import reverse
from docx import Document as WordDocument
from docx.oxml.ns import qn
from docx.shared import Pt, RGBColor

from reports.models import Report, ReportStatus
from tests.documents.pdf_layout import pdf_lines, short_inner_lines

pytestmark = [
    pytest.mark.django_db,
    pytest.mark.skipif(not shutil.which("pdftotext"), reason="poppler-utils (pdftotext) is not installed"),
]


def pdf_text(content: bytes, *, layout: bool = False) -> str:
    args = ["pdftotext", "-enc", "UTF-8", *(["-layout"] if layout else []), "-", "-"]
    return subprocess.run(args, input=content, capture_output=True, check=True).stdout.decode()  # noqa: S603


def joined(text: str) -> str:
    """The running text: page numbers dropped, lines joined (a figure may wrap across lines)."""
    lines = [line.strip() for line in text.splitlines()]
    return "".join(line for line in lines if line and not re.fullmatch(r"—\s*\d+\s*—", line))


def pdf_text_of(report) -> str:
    return pdf_text(bytes(report.snapshot.pdf))


@pytest.fixture
def published(seed_statistics, demo):
    return Report.objects.get(year=2021)


def test_demo_publishes_the_seed_report_with_its_metadata(published, demo):
    assert published.status == ReportStatus.PUBLISHED, demo
    assert published.index_number == "11330702732038549W/2022-00444"
    assert (published.file_name, published.publisher) == ("2021年法治政府建设年度报告", "金华市婺城区教育局")
    assert str(published.written_on) == "2022-01-13" and published.get_disclosure_display() == "主动公开"
    assert str(published.signed_on) == "2022-01-10"  # the seed's text is signed three days before its 成文日期
    assert "已发布并冻结" in demo


def test_the_published_pdf_states_the_seeds_figures(published):
    text = joined(pdf_text(bytes(published.snapshot.pdf)))
    for phrase in [
        "2021年法治政府建设年度报告",
        "持有“行政执法证”的在职人员9人",
        "2021年5名区管干部、2名公务员参加了学法用法考试",
        "法律顾问覆盖率达100%",
        "全区58所公办中小学及幼儿园（68个点位）",
        "开展各级各类行政检查行动1019次",
        "2020年全区有21所学校",
        "现有88家机构平均分给11位工作人员",
        "办事环节由3个减少到1个，办理次数由3次减少到1次",
        "教育压减率达100%",
        "金华市婺城区教育局2022年1月10日",
    ]:
        assert phrase in text, phrase
    assert "【缺少数据" not in text and "草稿" not in text


def test_the_pdf_reads_in_order_with_automatic_numbering(published):
    text = joined(pdf_text(bytes(published.snapshot.pdf)))
    headings = [
        "一、2021年度推进法治政府建设的主要举措和成效",
        "（一）切实加强普法组织领导",
        "1.细化教育系统的普法方案",
        "4.充分发挥“五老”普法教育积极作用",
        "（1）疫情防控时期",
        "二、存在的不足和原因",
        "（一）法治建设意识有待提高",
        "三、党政主要负责人履行推进法治建设第一责任人职责",
        "四、下一年度推进法治政府建设的主要安排",
        "附件",
        "主要数据一览",
    ]
    positions = [text.find(h) for h in headings]
    assert -1 not in positions, dict(zip(headings, positions, strict=True))
    assert positions == sorted(positions)


def test_all_fonts_are_embedded_and_subset(published, tmp_path):
    if not shutil.which("pdffonts"):
        pytest.skip("pdffonts is not installed")
    path = tmp_path / "r.pdf"
    path.write_bytes(bytes(published.snapshot.pdf))
    rows = subprocess.run(["pdffonts", str(path)], capture_output=True, check=True, text=True).stdout  # noqa: S603,S607
    fonts = rows.splitlines()[2:]
    assert fonts
    assert not [row for row in fonts if "DejaVu" in row or "UKai" in row], "a glyph fell back to another font"
    for row in fonts:
        name, emb, sub = row.split()[0], row.split()[-5], row.split()[-4]
        assert (emb, sub) == ("yes", "yes"), row
        assert re.match(r"[A-Z]{6}\+", name), row


def test_page_numbers_alternate_sides(published, tmp_path):
    """“— 1 —” at the right of odd pages, “— 2 —” at the left of even pages (A4 is 595 pt wide)."""
    path = tmp_path / "r.pdf"
    path.write_bytes(bytes(published.snapshot.pdf))
    out = subprocess.run(  # noqa: S603
        ["pdftotext", "-bbox", "-f", "1", "-l", "2", str(path), "-"],  # noqa: S607
        capture_output=True,
        check=True,
        text=True,  # noqa: S607
    ).stdout
    dashes = [float(x) for x in re.findall(r'<word xMin="([\d.]+)"[^>]*>—', out)]
    page_one, page_two = out.split("<page ")[1:3]
    first = float(re.search(r'<word xMin="([\d.]+)"[^>]*>—', page_one).group(1))
    second = float(re.search(r'<word xMin="([\d.]+)"[^>]*>—', page_two).group(1))
    assert dashes and first > 400 and second < 150


def test_a_draft_pdf_carries_the_watermark(bureau_staff, staff_client):
    from .factories import SMALL, make_report

    report = make_report(user=bureau_staff, blocks=SMALL)
    response = staff_client.get(reverse("reports:report_pdf", args=[report.pk]))
    assert response["Content-Type"] == "application/pdf"
    text = pdf_text(response.content)
    assert "草" in text and "稿" in text


def test_docx_has_the_same_structure_and_appendix(published, staff_client):
    """The .docx reads like the PDF; its appendix has the PDF's captions and tables (the frozen HTML is
    what the PDF was made of), header rows marked to repeat on each page."""
    from lxml import html as lxml_html

    response = staff_client.get(reverse("reports:report_docx", args=[published.pk]))
    doc = WordDocument(io.BytesIO(response.content))
    paragraphs = [p.text for p in doc.paragraphs if p.text]
    assert paragraphs[0] == "2021年法治政府建设年度报告"
    assert "二、存在的不足和原因" in paragraphs
    assert any(p.startswith("3.深化执法队伍建设") and "在职人员9人" in p for p in paragraphs)
    assert "金华市婺城区教育局" in paragraphs and "2022年1月10日" in paragraphs
    section = doc.sections[0]
    assert round(section.top_margin.mm) == 37 and round(section.left_margin.mm) == 28

    frozen = lxml_html.fromstring(published.snapshot.html)
    captions = [p.text_content() for p in frozen.xpath('//p[@class="caption"]')]
    tables = [
        [[cell.text_content() for cell in row.xpath("./th|./td")] for row in table.xpath(".//tr")]
        for table in frozen.xpath('//section[@class="appendix"]//table')
    ]
    assert len(captions) == len(tables) > 1 and tables[0][0] == ["序号", "指标", "数值"]
    pdf_text = "".join(pdf_text_of(published).split())
    assert all("".join(caption.split()) in pdf_text for caption in captions)
    assert all("".join(table[-1]) in pdf_text for table in tables)  # the last row of each table, read across
    assert [p for p in paragraphs if p.startswith("附表")] == captions
    assert [[[cell.text for cell in row.cells] for row in table.rows] for table in doc.tables] == tables
    for table in doc.tables:
        assert table.rows[0]._tr.trPr.find(qn("w:tblHeader")) is not None


def test_html_export_and_pdf_are_the_frozen_ones(published, staff_client):
    """Fonts, line breaking and the signature date may change later; what was published never does."""
    sha = published.snapshot.sha256
    response = staff_client.get(reverse("reports:report_html", args=[published.pk]))
    body = response.content.decode()
    assert "attachment" in response["Content-Disposition"]
    assert '开展各级各类行政检查行动<span class="fig">1019</span>次' in body
    assert sha in body and 'class="jp"' not in body  # the line breaking is the PDF's, never the HTML's
    assert sha == hashlib.sha256(bytes(published.snapshot.pdf)).hexdigest()
    Report.objects.filter(pk=published.pk).update(signed_on="2022-01-12")
    again = staff_client.get(reverse("reports:report_pdf", args=[published.pk])).content
    assert hashlib.sha256(again).hexdigest() == sha


def test_narrative_pages_and_lines_are_full(published, tmp_path):
    """GB/T 9704 pages are full: a page of the text loses at most the room of a heading kept with the
    first two lines of its paragraph (three lines), never more, until the page with the signature.
    Lines are full too: every line whose paragraph goes on ends at the right margin (justified)."""
    lines = pdf_lines(bytes(published.snapshot.pdf))
    assert short_inner_lines(lines, until="附件") == []
    assert sum(len(page) for page in lines[:11]) > 200
    path = tmp_path / "r.pdf"
    path.write_bytes(bytes(published.snapshot.pdf))
    out = subprocess.run(["pdftotext", "-bbox", str(path), "-"], capture_output=True, check=True, text=True).stdout  # noqa: S603,S607
    bottom = 841.89 - 35 / 25.4 * 72  # A4 height minus the 35 mm bottom margin
    pitch = 28.95
    pages = out.split("<page ")[1:]
    appendix = next(i for i, page in enumerate(pages) if ">附件</word>" in page)
    for number, page in enumerate(pages[: appendix - 1], 1):  # the signature page ends where the text ends
        lines = [float(y) for y, word in re.findall(r'yMax="([\d.]+)">([^<]+)</word>', page) if "—" not in word]
        assert bottom - max(lines) < 3 * pitch, f"page {number} ends {(bottom - max(lines)) / pitch:.1f} lines early"
    assert number > 5


def test_report_page_shows_the_checksum_without_loading_the_frozen_pdf(published, staff_client):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    with CaptureQueriesContext(connection) as ctx:
        page = staff_client.get(reverse("reports:report_detail", args=[published.pk])).content.decode()
    assert published.snapshot.sha256 in page
    selected = " ".join(q["sql"] for q in ctx.captured_queries)
    assert '"pdf"' not in selected  # 376 KB of PDF per view of the page, for a 64-character checksum


def test_docx_headings_carry_word_heading_styles(staff_client, bureau_staff):
    """一、/（一）/1./（1） headings carry Heading 1–4 (Word's navigation pane shows the outline);
    numbered paragraphs (1.…。text) and body text stay Normal."""
    from .factories import make_report

    report = make_report(
        year=2022,
        user=bureau_staff,
        blocks=[
            ("heading", 1, "主要举措和成效"),
            ("heading", 2, "执法队伍"),
            ("heading", 3, "持证上岗"),
            ("heading", 4, "年度培训"),
            ("item", 4, "全年培训两次。"),  # a numbered paragraph: body text, not a heading
            ("paragraph", 1, "宣传力度不够。"),
        ],
    )
    doc = WordDocument(io.BytesIO(staff_client.get(reverse("reports:report_docx", args=[report.pk])).content))
    styles = {p.text: p.style.name for p in doc.paragraphs if p.text}
    assert {text: style for text, style in styles.items() if style != "Normal"} == {
        "一、主要举措和成效": "Heading 1",
        "（一）执法队伍": "Heading 2",
        "1.持证上岗": "Heading 3",
        "（1）年度培训": "Heading 4",
    }
    for level in range(1, 5):  # Word's navigation pane reads the outline level of each heading style
        style = doc.styles[f"Heading {level}"]
        assert style.element.pPr.find(qn("w:outlineLvl")) is not None
        assert style.font.color.rgb == RGBColor(0, 0, 0) and style.font.size == Pt(16)
