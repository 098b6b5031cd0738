"""The 2021 annual report's PDF: our render time beside naive WeasyPrint on the same HTML, in one run.

    DJANGO_SECURE=false .venv/bin/python benchmarks/report_pdf.py [--runs 5] [--seed-stand-ins]

Needs the demo data (`manage.py load_demo`). Prints, for each step, the median and best wall-clock
time and the median CPU time of the process (CPU time is steadier on a shared machine):
- statistics: every figure the report cites, computed for the year;
- ours, cold: text → HTML → PDF through documents.renderer (cache emptied first);
- ours, unchanged draft: the same request again (served from the cache keyed by the HTML's SHA-256);
- published: the frozen PDF read back from the database;
- ours without the prepared font copies: the same document rendered with the full system fonts only
  (shows what documents.prepared_fonts buys);
- naive WeasyPrint: `HTML(string=html).write_pdf()` on the very same HTML, system Noto CJK fonts,
  default font configuration and URL fetcher.
Results and their history are in docs/performance.md ("Report PDF").
--seed-stand-ins registers the seed's 2021 values for statistics that no module provides yet
(the test stand-ins), so the PDF has its full length before inspections/legalaid/conversions land.
"""

import argparse
import os
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "wucheng_edu.settings")
os.environ.setdefault("LOG_LEVEL", "WARNING")

from benchmarks.harness import machine, save_result  # noqa: E402


def measure(func, runs: int, before=None) -> tuple[dict, object]:
    walls, cpus, result = [], [], None
    for _ in range(runs):
        if before:
            before()
        wall, cpu = time.perf_counter(), time.process_time()
        result = func()
        walls.append(time.perf_counter() - wall)
        cpus.append(time.process_time() - cpu)
    return {"median": statistics.median(walls), "best": min(walls), "cpu": statistics.median(cpus)}, result


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--seed-stand-ins", action="store_true")
    args = parser.parse_args()
    load_before = os.getloadavg()[0]

    import django

    django.setup()
    import tempfile

    from django.core.cache import cache
    from django.db import connection
    from django.test import override_settings
    from weasyprint import HTML

    from documents.prepared_fonts import prepared_manifest
    from documents.renderer import html_to_pdf, render_html
    from reports import figures as fig
    from reports import rendering
    from reports.models import Report

    if args.seed_stand_ins:
        from tests.reports import seed_stats

        class Patch:
            def setitem(self, mapping, key, value):
                mapping[key] = value

        installed = seed_stats.install(Patch())
        print(f"stand-ins for {len(installed)} statistics not provided by a module yet")
    report = Report.objects.filter(year=2021).first()
    if report is None:
        sys.exit("No 2021 report: run `manage.py load_demo` first.")

    if report.is_published:
        # Render the same text with live figures, as a draft, so that there is something to render.
        report.status = "approved"
    texts = [block.text for block in report.blocks.all()]
    stats_time, _ = measure(lambda: fig.compute_all(texts, report.year), args.runs)
    document = rendering.build(report)
    context = rendering._context(document, watermark=rendering.WATERMARK)
    html = render_html(rendering.PDF_TEMPLATE, context)
    # Warm-up: the first render of a process also loads the font list (kept for the next ones).
    html_to_pdf(html)
    cold, pdf = measure(lambda: rendering.draft_pdf(rendering.build(report)), args.runs, before=cache.clear)
    pdf_only, _ = measure(lambda: html_to_pdf(html), args.runs)
    warm, _ = measure(lambda: rendering.draft_pdf(rendering.build(report)), args.runs)
    # Naive: a fresh default font configuration per render, system fonts only (the prepared copies are
    # not registered with fontconfig, so the same HTML falls back to the full Noto CJK / WenKai fonts).
    naive, naive_pdf = measure(lambda: HTML(string=html).write_pdf(), args.runs)
    with tempfile.TemporaryDirectory() as empty, override_settings(DOCUMENT_PREPARED_FONTS_DIR=empty):
        prepared_manifest.cache_clear()
        full_fonts_html = render_html(rendering.PDF_TEMPLATE, context)
        html_to_pdf(full_fonts_html)
        full_fonts, _ = measure(lambda: html_to_pdf(full_fonts_html), args.runs)
    prepared_manifest.cache_clear()
    published = Report.objects.filter(year=2021, status="published").first()
    frozen = (
        measure(lambda: bytes(Report.objects.get(pk=published.pk).snapshot.pdf), args.runs)[0] if published else None
    )

    try:
        import io

        from pypdf import PdfReader

        pages = len(PdfReader(io.BytesIO(pdf)).pages)
    except ImportError:
        pages = "?"
    rows = [
        ("statistics for the year (figures)", stats_time),
        ("ours, cold: figures + HTML + PDF", cold),
        ("ours, PDF only (same HTML as naive)", pdf_only),
        ("ours, PDF only, without the prepared font copies", full_fonts),
        ("ours, unchanged draft (cached)", warm),
        ("published: frozen PDF from the database", frozen),
        ("naive WeasyPrint, same HTML (PDF only)", naive),
    ]
    lines = [
        f"# Report PDF benchmark {time.strftime('%Y-%m-%d %H:%M')}",
        "",
        f"{machine(connection.vendor)}; load average {load_before:.2f} before, {os.getloadavg()[0]:.2f} after",
        "",
        f"2021年法治政府建设年度报告: {len(document.blocks)} blocks, {len(document.figures)} figures "
        f"({len(document.missing)} missing), PDF {len(pdf):,} bytes, {pages} pages; naive PDF "
        f"{len(naive_pdf):,} bytes; {args.runs} runs each; prepared fonts: "
        f"{', '.join(prepared_manifest()) or 'none (run manage.py prepare_document_fonts)'}",
        "",
        "| step | median s | best s | cpu s |",
        "|---|---:|---:|---:|",
    ]
    for label, t in rows:
        if t is None:
            lines.append(f"| {label} | (not published yet) | | |")
        else:
            lines.append(f"| {label} | {t['median']:.3f} | {t['best']:.3f} | {t['cpu']:.3f} |")
    ratio = {key: naive[key] / pdf_only[key] for key in ("median", "best", "cpu")}
    lines.append(f"| naive ÷ ours (PDF only) | {ratio['median']:.2f} | {ratio['best']:.2f} | {ratio['cpu']:.2f} |")
    save_result("report-pdf", connection.vendor, "\n".join(lines) + "\n")


if __name__ == "__main__":
    main()
