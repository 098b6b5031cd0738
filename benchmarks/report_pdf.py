"""The 2021 annual report's PDF: our render time beside naive WeasyPrint on the same HTML, in one run.

    DJANGO_SECURE=false .venv/bin/python benchmarks/report_pdf.py [--runs 5] [--seed-stand-ins]

Needs the demo data (`manage.py load_demo`). Prints, for each step, the median and best wall-clock
time and the median CPU time of the process (CPU time is steadier on a shared machine):
- statistics: every figure the report cites, computed for the year;
- ours, cold: text → HTML → PDF through documents.renderer (cache emptied first);
- ours, unchanged draft: the same request again (served from the cache keyed by the HTML's SHA-256);
- published: the frozen PDF read back from the database;
- naive WeasyPrint: `HTML(string=html).write_pdf()` on the very same HTML, system Noto CJK fonts,
  default font configuration and URL fetcher.
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

    import django

    django.setup()
    from django.core.cache import cache
    from weasyprint import HTML

    from documents.renderer import render_html
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
    html = render_html(rendering.PDF_TEMPLATE, rendering._context(document, watermark=rendering.WATERMARK))
    cold, pdf = measure(lambda: rendering.draft_pdf(rendering.build(report)), args.runs, before=cache.clear)
    warm, _ = measure(lambda: rendering.draft_pdf(rendering.build(report)), args.runs)
    naive, naive_pdf = measure(lambda: HTML(string=html).write_pdf(), args.runs)
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
    print(
        f"2021年法治政府建设年度报告: {len(document.blocks)} blocks, {len(document.figures)} figures "
        f"({len(document.missing)} missing), PDF {len(pdf):,} bytes, {pages} pages; {args.runs} runs each"
    )
    rows = [
        ("statistics for the year (figures)", stats_time),
        ("ours, cold: figures + HTML + PDF", cold),
        ("ours, unchanged draft (cached)", warm),
        ("published: frozen PDF from the database", frozen),
        ("naive WeasyPrint, same HTML (PDF only)", naive),
    ]
    print(f"{'step':<44}{'median s':>10}{'best s':>10}{'cpu s':>10}")
    for label, t in rows:
        if t is None:
            print(f"{label:<44}{'(not published yet)':>30}")
        else:
            print(f"{label:<44}{t['median']:>10.3f}{t['best']:>10.3f}{t['cpu']:>10.3f}")
    print(f"naive PDF {len(naive_pdf):,} bytes; load average {os.getloadavg()[0]:.2f} on {os.cpu_count()} cores")


if __name__ == "__main__":
    main()
