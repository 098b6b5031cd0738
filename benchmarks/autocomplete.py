"""The searchable menus' endpoint at a province's size, beside a trivial page in the same run.

    DATABASE_URL=postgres://postgres@127.0.0.1:5432/wt_autocomplete_bench DJANGO_SECURE=false \\
        .venv/bin/python benchmarks/autocomplete.py [--runs 30]

Needs a database filled by `manage.py seed_scale --organizations 20000` (staff user `staff`). Each query
below is asked `--runs` times through Django's test Client as bureau staff would ask it while typing in
an organization menu (the hazard form's: every kind but the bureau): pinyin initials (from the start of
the name and from its middle), full pinyin, a name fragment, a credit-code prefix, the empty query
that opens the menu. Beside it, in the same run: `/healthz` through the same middleware.
Target (issue 15): p95 ≤ 30 ms at 20,000 organizations on PostgreSQL.
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

QUERIES = {
    "initials, start of the name": ["tzs", "jxsd08", "sxsd03qcx"],
    "initials, inside the name": ["clyspx", "byys", "zxxx"],
    "full pinyin": ["taizhou", "chengxijiedao", "xihuzhen"],
    "name fragment": ["博雅", "城西街道", "明德艺术培训"],
    "credit code prefix": ["523310", "91330408", "523310060000"],
    "empty (menu opened)": [""],
}


def percentile(values, share):
    ordered = sorted(values)
    return ordered[max(0, int(len(ordered) * share + 0.5) - 1)]


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--runs", type=int, default=30)
    parser.add_argument("--label", default="", help="a suffix of the results file (before, after …)")
    args = parser.parse_args()
    load_before = os.getloadavg()

    import django

    django.setup()
    from django.db import connection
    from django.test import Client
    from django.urls import reverse

    from accounts.models import User
    from directory.models import Organization, OrgKind
    from directory.widgets import search_url

    client = Client(HTTP_HOST="127.0.0.1")
    client.force_login(User.objects.get(username="staff"))
    url = search_url(kinds=set(OrgKind.values) - {OrgKind.BUREAU})
    healthz = reverse("core:healthz")

    def timed(path, params=None):
        start = time.perf_counter()
        response = client.get(path, params)
        elapsed = (time.perf_counter() - start) * 1000
        assert response.status_code == 200, response.status_code
        return elapsed, response

    timed(url, {"q": "tzs"})  # connection and caches warm
    samples = {kind: [] for kind in QUERIES}
    found = {}
    baseline = []
    for _ in range(args.runs):
        for kind, queries in QUERIES.items():
            for query in queries:
                elapsed, response = timed(url, {"q": query})
                samples[kind].append(elapsed)
                found[query] = len(response.json()["results"])
        baseline.append(timed(healthz)[0])
    every = [ms for values in samples.values() for ms in values]
    rows = [
        f"| {kind} ({', '.join(repr(q) for q in QUERIES[kind])}) | {len(values)} | "
        f"{statistics.median(values):.1f} | {percentile(values, 0.95):.1f} | "
        f"{', '.join(str(found[q]) for q in QUERIES[kind])} |"
        for kind, values in samples.items()
    ]
    load_after = os.getloadavg()
    lines = [
        f"# Autocomplete endpoint benchmark {time.strftime('%Y-%m-%d %H:%M')}{' ' + args.label if args.label else ''}",
        "",
        f"{machine(connection.vendor)}; load average {load_before[0]:.2f} {load_before[1]:.2f} before, "
        f"{load_after[0]:.2f} {load_after[1]:.2f} after",
        "",
        f"{Organization.objects.count():,} organizations; GET {url.split('?')[0]}?q=… with the hazard form's "
        f"limits (every kind but the bureau), as bureau staff, Django test Client (no network); "
        f"{args.runs} runs of each query",
        "",
        "| query | requests | p50 ms | p95 ms | results |",
        "|---|---:|---:|---:|---|",
        *rows,
        f"| **all queries** (target p95 ≤ 30 ms) | {len(every)} | **{statistics.median(every):.1f}** | "
        f"**{percentile(every, 0.95):.1f}** | |",
        f"| baseline: /healthz | {len(baseline)} | {statistics.median(baseline):.1f} | "
        f"{percentile(baseline, 0.95):.1f} | |",
    ]
    kind = "autocomplete" + (f"-{args.label}" if args.label else "")
    save_result(kind, connection.vendor, "\n".join(lines) + "\n")


if __name__ == "__main__":
    main()
