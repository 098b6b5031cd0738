"""A second year's annual report draft at a province's size, beside a trivial page in the same run.

    DATABASE_URL=postgres://postgres@127.0.0.1:5432/wucheng_scale DJANGO_SECURE=false \\
        .venv/bin/python benchmarks/report_draft.py [--year 2025] [--runs 5]

Needs a database filled by `manage.py seed_scale` (1,000,000 inspections by default; staff user `staff`).
As a bureau in its second year has it, the year before has a published report (made here from the
built-in text when the database has none). Then, as the staff member does it in the browser:
- 新建报告: POST of the report_create page: the draft of `--year` from last year's published text and the
  year's records (carried paragraphs, event sentences of the year's plans, partners, activities), stored;
- the draft page that follows (GET report_detail, the cache emptied first): every figure computed for
  the year, each sentence checked (待核实), the issues listed;
- the same page again (figures cached until a record changes);
- baseline: `/healthz` through the same middleware, and the year's inspections counted by one query.
Nothing is left behind: every run happens in a transaction that is rolled back.
Target (DESIGN.md §5): the draft built in ≤ 1 s at 1,000,000 inspections.
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
os.environ.setdefault("DJANGO_SECURE", "false")
os.environ.setdefault("LOG_LEVEL", "WARNING")

from benchmarks.harness import machine, save_result  # noqa: E402


class Rollback(Exception):
    pass


def timed(func):
    wall, cpu = time.perf_counter(), time.process_time()
    result = func()
    return time.perf_counter() - wall, time.process_time() - cpu, result


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--year", type=int, default=0, help="the draft's year (default: last year)")
    parser.add_argument("--runs", type=int, default=5)
    args = parser.parse_args()
    load_before = os.getloadavg()[0]

    import django

    django.setup()
    from django.conf import settings
    from django.core.cache import cache
    from django.db import connection, transaction
    from django.test import Client
    from django.urls import reverse
    from django.utils import timezone

    from accounts.models import User
    from inspections.models import Inspection
    from reports.models import Report, ReportStatus
    from reports.services import reports as services

    # Pages name their static files; the benchmark needs no collected manifest for that.
    settings.STORAGES = {
        **settings.STORAGES,
        "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
    }
    year = args.year or timezone.localdate().year - 1
    staff = User.objects.get(username="staff")
    client = Client(HTTP_HOST="127.0.0.1")
    client.force_login(staff)
    results = {key: [] for key in ("create", "page cold", "page again", "healthz", "count")}
    blocks = flagged = 0
    inspections = Inspection.objects.filter(inspected_on__year=year).count()
    total = Inspection.objects.count()
    for _ in range(args.runs):
        try:
            with transaction.atomic():
                if not Report.objects.filter(year=year - 1, status=ReportStatus.PUBLISHED).exists():
                    previous = services.report_create(year=year - 1, user=staff, own_text=True)
                    Report.objects.filter(pk=previous.pk).update(status=ReportStatus.PUBLISHED)
                Report.objects.filter(year=year).delete()
                cache.clear()
                wall, cpu, response = timed(lambda: client.post(reverse("reports:report_create"), {"year": year}))
                assert response.status_code == 302, response.status_code
                results["create"].append((wall, cpu))
                cache.clear()
                wall, cpu, page = timed(lambda url=response.url: client.get(url))
                assert page.status_code == 200, page.status_code
                results["page cold"].append((wall, cpu))
                wall, cpu, _ = timed(lambda url=response.url: client.get(url))
                results["page again"].append((wall, cpu))
                report = Report.objects.get(year=year)
                blocks = report.blocks.count()
                flagged = page.content.decode().count("待核实")
                raise Rollback
        except Rollback:
            pass
        wall, cpu, _ = timed(lambda: client.get(reverse("core:healthz")))
        results["healthz"].append((wall, cpu))
        wall, cpu, _ = timed(lambda: Inspection.objects.filter(inspected_on__year=year).count())
        results["count"].append((wall, cpu))

    def med(key, index):
        return statistics.median(value[index] for value in results[key])

    built = med("create", 0) + med("page cold", 0)
    lines = [
        f"# Report draft benchmark {time.strftime('%Y-%m-%d %H:%M')}",
        "",
        f"{machine(connection.vendor)}; load average {load_before:.2f} before, {os.getloadavg()[0]:.2f} after",
        "",
        f"{year}年 draft from the published {year - 1} report: {total:,} inspections in the database, "
        f"{inspections:,} in {year}; {blocks} paragraphs; 待核实 shown {flagged} times on the page; "
        f"median of {args.runs} runs",
        "",
        "| step | median s | cpu s |",
        "|---|---:|---:|",
        f"| 新建报告: draft built and stored (POST) | {med('create', 0):.3f} | {med('create', 1):.3f} |",
        f"| the draft page, figures computed (cache emptied) | {med('page cold', 0):.3f} | {med('page cold', 1):.3f} |",
        f"| **draft built and shown** (target ≤ 1 s) | **{built:.3f}** | |",
        f"| the draft page again (figures cached) | {med('page again', 0):.3f} | {med('page again', 1):.3f} |",
        f"| baseline: /healthz | {med('healthz', 0):.3f} | {med('healthz', 1):.3f} |",
        f"| baseline: the year's inspections counted (one query) | {med('count', 0):.3f} | {med('count', 1):.3f} |",
    ]
    save_result("report-draft", connection.vendor, "\n".join(lines) + "\n")


if __name__ == "__main__":
    main()
