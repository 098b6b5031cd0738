"""A report as a document: numbered blocks with their figures, then HTML, PDF (GB/T 9704) or .docx.

A published report is never rendered again: its PDF and HTML come from the snapshot, and its .docx
uses the figures frozen at publication.
"""

from dataclasses import dataclass, field

from django.core.cache import cache
from django.template.loader import render_to_string
from django.utils.safestring import SafeString, mark_safe

from documents.fonts import font_stack
from documents.renderer import html_to_pdf, render_html, render_pdf, sha256

from . import figures as fig
from . import sentences
from .appendix import AppendixTable, appendix_tables
from .charts import bar_chart
from .numbering import number_blocks

PDF_TEMPLATE = "reports/report_pdf.html"
WATERMARK = "草稿"
DRAFT_CACHE_SECONDS = 15 * 60


@dataclass
class RenderedBlock:
    kind: str
    level: int
    number: str
    html: SafeString
    plain: str
    flags: list = field(default_factory=list)  # its 待核实 sentences (reports.sentences)

    @property
    def tag(self) -> str:
        return {1: "h2", 2: "h3", 3: "h4", 4: "h5"}.get(self.level, "p") if self.kind == "heading" else "p"


@dataclass
class Document:
    report: object
    blocks: list[RenderedBlock]
    figures: dict[str, fig.Figure]
    mode: str = "document"
    charts: dict[str, str] = field(default_factory=dict)

    @property
    def missing(self) -> list[fig.Figure]:
        return [f for f in self.figures.values() if f.missing]

    @property
    def scalars(self) -> list[fig.Figure]:
        """The figures of the appendix: never one the records do not support (zero or missing)."""
        return [f for f in self.figures.values() if f.kind != "table" and not sentences.unsupported(f)]

    @property
    def tables(self) -> list[fig.Figure]:
        return [f for f in self.figures.values() if f.kind == "table" and not sentences.unsupported(f)]

    @property
    def appendix(self) -> list[AppendixTable]:
        return appendix_tables(self)

    @property
    def complete(self) -> bool:
        return not self.missing


def frozen_figures(report, blocks=()) -> dict[str, fig.Figure] | None:
    """The figures frozen at publication, in the order the text cites them (as when they were computed):
    PostgreSQL's jsonb keeps a document's keys in its own order, not the order they were written in."""
    snapshot = getattr(report, "snapshot", None) if report.pk else None
    if snapshot is None:
        return None
    stored = snapshot.figures
    cited = list(dict.fromkeys(key for block in blocks for key in fig.keys_in(block.text) if key in stored))
    return {key: fig.Figure.from_json(stored[key]) for key in [*cited, *sorted(set(stored) - set(cited))]}


def build(report, blocks=None, *, mode: str = "document", figures: dict | None = None) -> Document:
    """Number the blocks and compute (or, once published, read back) every figure they cite."""
    blocks = list(report.blocks.all()) if blocks is None else list(blocks)
    if figures is None and report.pk and report.is_published:
        figures = frozen_figures(report, blocks)
    if figures is None:
        figures = fig.compute_all([b.text for b in blocks], report.year, with_previous=mode == "preview")
    rendered = []
    for block, numbered in zip(blocks, number_blocks(blocks), strict=True):
        rendered.append(
            RenderedBlock(
                kind=block.kind,
                level=numbered.level,
                number=numbered.number,
                html=mark_safe(sentences.render(block.text, figures, mode=mode)),  # noqa: S308 - escaped there
                plain=sentences.plain(block.text, figures),
                flags=sentences.flags(block.text, figures),
            )
        )
    document = Document(report=report, blocks=rendered, figures=figures, mode=mode)
    # WeasyPrint's SVG splits font-family on bare commas and strips quotes, not spaces.
    font = ",".join(family.strip().strip('"') for family in font_stack("hei").split(","))
    for figure in document.tables:
        document.charts[figure.key] = bar_chart(figure.rows, title=figure.label, unit=figure.unit, font_family=font)
    return document


def _context(document: Document, *, watermark: str = "") -> dict:
    report = document.report
    return {
        "doc": document,
        "report": report,
        "title": report.title,
        "watermark": watermark,
    }


def body_html(document: Document) -> str:
    """The report's body (title, text, signature, appendix) as an HTML fragment."""
    return render_to_string("reports/_document.html", {**_context(document), "fonts": {}})


def draft_pdf(document: Document) -> bytes:
    """A PDF of the current text and figures, marked 草稿 (never the published file).

    Rendering takes about a second, so the PDF is cached under the SHA-256 of its HTML: asking again
    for an unchanged draft costs nothing, and any change of text or figure changes the key.
    """
    html = render_html(PDF_TEMPLATE, _context(document, watermark=WATERMARK))
    key = f"reports:draft-pdf:{sha256(html.encode())}"
    pdf = cache.get(key)
    if pdf is None:
        pdf = html_to_pdf(html)
        cache.set(key, pdf, DRAFT_CACHE_SECONDS)
    return pdf


def final_pdf(document: Document) -> bytes:
    return render_pdf(PDF_TEMPLATE, _context(document))


def standalone_html(document: Document, *, watermark: str = "") -> str:
    """A self-contained HTML file of the report (the same page layout as the PDF)."""
    return render_html(PDF_TEMPLATE, _context(document, watermark=watermark))


def report_pdf(report) -> bytes:
    """The report's PDF: the frozen bytes once published, otherwise a fresh draft with the watermark."""
    if report.pk and report.is_published:
        return bytes(report.snapshot.pdf)
    return draft_pdf(build(report))


def report_html(report) -> str:
    if report.pk and report.is_published:
        return render_html(
            "reports/report_frozen.html",
            {"report": report, "body": mark_safe(report.snapshot.html)},  # noqa: S308
        )
    return standalone_html(build(report), watermark=WATERMARK)
