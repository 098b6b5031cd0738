"""Latency and query counts of portal pages, beside baselines measured in the same run.

    DATABASE_URL=postgres://postgres@127.0.0.1:5432/wucheng_scale .venv/bin/python benchmarks/pages.py [--runs 30]

Requests go through Django's full stack in-process (middleware, sessions, templates), signed in as the
bureau user `staff` (the Django admin pages as the superuser `admin`); the figures are server time,
without network. Baselines: a trivial Django view and the Django admin changelist of the same model
(benchmarks/admin_baseline.py), shown for reference. Each target has a budget (p95); the table says
which are met. Results are printed and written to
benchmarks/results/ with the machine, the load average and the row counts. Every page is requested once cold
("first"), then in rounds that visit every page in turn, so a page and its baseline share the same
moments of a shared machine.
"""

import argparse
import os
import statistics
import sys
import time
from datetime import datetime
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "wucheng_edu.settings")
os.environ.setdefault("DJANGO_SECURE", "false")
os.environ.setdefault("LOG_LEVEL", "WARNING")
os.environ["DJANGO_DEBUG"] = "false"  # as in production: cached templates, no query log

from benchmarks.harness import machine, save_result  # noqa: E402


def setup():
    import django

    django.setup()
    from django.conf import settings

    settings.ROOT_URLCONF = "benchmarks.urls"
    settings.DEBUG = False
    settings.ALLOWED_HOSTS = ["*"]


def percentile(sorted_times: list[float], q: float) -> float:
    return sorted_times[max(0, int(round(q * len(sorted_times))) - 1)]


def timed(func) -> tuple[float, int, object]:
    """One call of `func` (returns an HTTP status or None): milliseconds, queries, status."""
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    with CaptureQueriesContext(connection) as ctx:
        start = time.perf_counter()
        status = func()
        elapsed = (time.perf_counter() - start) * 1000
    return elapsed, len(ctx.captured_queries), status


def measure_all(calls: dict, runs: dict, on_done) -> dict:
    """Time every call: once cold ("first"), then in rounds that visit every page in turn.

    Rounds rather than one page's runs back to back, so that a page and the admin baseline it is
    compared with see the same moments of a shared machine (a busy second slows both, not one).
    """
    first = {label: timed(func) for label, func in calls.items()}
    samples = {label: [] for label in calls}
    for n in range(max(runs.values())):
        for label, func in calls.items():
            if n < runs[label]:
                samples[label].append(timed(func))
    results = {}
    for label, rows in samples.items():
        times = sorted(ms for ms, _, _ in rows)
        results[label] = {
            "first": first[label][0],
            "p50": statistics.median(times),
            "p95": percentile(times, 0.95),
            "queries": "/".join(str(q) for q in sorted({q for _, q, _ in rows})),
            "status": rows[-1][2],
        }
        on_done(label, results[label])
    return results


def row_counts() -> dict:
    from django.db.models import Count

    from directory.models import Organization
    from inspections.models import Hazard, Inspection

    busy = (
        Inspection.objects.filter(conclusion="rectify")
        .values("organization__township")
        .annotate(n=Count("id"))
        .order_by("-n")
        .first()
    )
    return {
        "organizations": Organization.objects.count(),
        "inspections": Inspection.objects.count(),
        "inspections_passed": Inspection.objects.filter(conclusion="passed").count(),
        "hazards": Hazard.objects.count(),
        "busy_township": busy["organization__township"] if busy else "",
    }


def statistics_call(year: int):
    from core import stats

    def run():
        for stat in stats.all_statistics().values():
            stat.value(year)
        return None

    return run


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--runs", type=int, default=30)
    parser.add_argument("--only", help="substring of the labels to run (baselines of those are kept)")
    args = parser.parse_args()
    setup()
    from django.db import connection
    from django.test import Client

    from accounts.models import User
    from benchmarks import targets as t
    from reports.models import Report

    clients = {}
    for name in ("staff", "admin"):
        user = User.objects.filter(username=name).first()
        if user is None:
            sys.exit("需要演示账号 staff 和 admin（运行 load_demo 或 seed_scale）")
        clients[name] = Client()
        clients[name].force_login(user, backend="django.contrib.auth.backends.ModelBackend")
    counts = row_counts()
    report = Report.objects.filter(year=2021).order_by("id").first()
    targets = t.build(counts, report.pk if report else None)
    if args.only:
        wanted = [x for x in targets if args.only in x.label]
        needed = {x.baseline for x in wanted} | {"baseline: trivial Django view"}
        targets = [x for x in targets if x in wanted or x.label in needed]
    print(
        f"{counts['organizations']:,} organizations, {counts['inspections']:,} inspections, "
        f"{counts['hazards']:,} hazards; load average {os.getloadavg()[0]:.2f} on {os.cpu_count()} cores",
        flush=True,
    )
    calls, runs = {}, {}
    for target in targets:
        if target.url.startswith("stats:"):
            calls[target.label] = statistics_call(int(target.url.split(":")[1]))
        else:

            def func(client=clients[target.user], url=target.url):
                return client.get(url).status_code

            calls[target.label] = func
        runs[target.label] = min(target.runs or args.runs, args.runs)

    def report(label, result):
        print(
            f"{label:<48} first {result['first']:8.1f}  p50 {result['p50']:8.1f} ms  "
            f"p95 {result['p95']:8.1f} ms  queries {result['queries']:>5}  HTTP {result['status'] or '-'}",
            flush=True,
        )

    load_before = os.getloadavg()[0]
    results = measure_all(calls, runs, report)
    load_after = os.getloadavg()[0]
    write_table(targets, results, counts, connection.vendor, load_before, load_after)


def verdict(target, result, results) -> tuple[str, str]:
    ratio = ""
    ok = True
    if target.baseline and target.baseline in results:
        r = results[target.baseline]["p50"] / result["p50"]
        ratio = f"{r:.1f}×"
    if target.goal is not None:
        ok = ok and result["p95"] < target.goal
    if result["status"] not in (None, 200):
        ok = False
    if target.goal is None and not target.baseline:
        return ratio, ""
    return ratio, "yes" if ok else "**no**"


def write_table(targets, results, counts, vendor, load_before, load_after) -> None:
    lines = [
        f"# Page benchmark {datetime.now():%Y-%m-%d %H:%M}",
        "",
        f"{machine(vendor)}; load average {load_before:.2f} before, {load_after:.2f} after (shared machine)",
        "",
        f"data: {counts['organizations']:,} organizations, {counts['inspections']:,} inspections, "
        f"{counts['hazards']:,} hazards",
        "",
        "| page | first ms | p50 ms | p95 ms | queries | goal p95 | vs admin (p50) | met |",
        "|---|---:|---:|---:|---:|---:|---:|:---:|",
    ]
    for target in targets:
        r = results.get(target.label)
        if r is None:
            continue
        ratio, met = verdict(target, r, results)
        goal = f"< {target.goal:.0f}" if target.goal else ""
        url = target.url if not target.url.startswith("stats:") else "core.stats, every statistic"
        lines.append(
            f"| {target.label} (`{url}`) | {r['first']:.0f} | {r['p50']:.1f} | {r['p95']:.1f} | {r['queries']} "
            f"| {goal} | {ratio} | {met} |"
        )
    save_result("pages", vendor, "\n".join(lines) + "\n")


if __name__ == "__main__":
    main()
