"""Latency and query counts of portal pages, beside baselines measured in the same run.

    DATABASE_URL=postgres://postgres@127.0.0.1:5432/wucheng_scale .venv/bin/python benchmarks/pages.py [--runs 30]

Requests go through Django's full stack in-process (middleware, sessions, templates), signed in as a
bureau user; the figures are server time, without network. Baselines: a trivial Django view and the
Django admin changelist of the same model. Results are printed and written to benchmarks/results/.
"""

import argparse
import os
import platform
import statistics
import sys
import time
from datetime import datetime
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "wucheng_edu.settings")
os.environ.setdefault("DJANGO_SECURE", "false")


def setup():
    import django

    django.setup()
    from django.conf import settings

    settings.ROOT_URLCONF = "benchmarks.urls"
    settings.DEBUG = False
    settings.ALLOWED_HOSTS = ["*"]


def measure(client, url: str, runs: int) -> dict:
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    client.get(url)  # warm caches, compile templates
    times = []
    queries = 0
    status = None
    for _ in range(runs):
        with CaptureQueriesContext(connection) as ctx:
            start = time.perf_counter()
            response = client.get(url)
            times.append((time.perf_counter() - start) * 1000)
        queries = len(ctx.captured_queries)
        status = response.status_code
    times.sort()
    return {
        "p50": statistics.median(times),
        "p95": times[max(0, int(round(0.95 * len(times))) - 1)],
        "queries": queries,
        "status": status,
    }


def targets():
    """(label, url, baseline?) — extended as modules land; missing URLs are skipped with a note."""
    from benchmarks import targets as t

    return t.TARGETS


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--runs", type=int, default=30)
    parser.add_argument("--only", help="substring of the labels to run")
    args = parser.parse_args()
    setup()
    from django.db import connection
    from django.test import Client

    from accounts.models import User

    user = User.objects.filter(is_superuser=True, role="admin").first()
    if user is None:
        sys.exit("需要一个系统管理员账号（运行 load_demo 或 seed_scale）")
    client = Client()
    client.force_login(user, backend="django.contrib.auth.backends.ModelBackend")
    rows = []
    for label, url in targets():
        if args.only and args.only not in label:
            continue
        result = measure(client, url, args.runs)
        rows.append((label, url, result))
        print(
            f"{label:<44} p50 {result['p50']:8.1f} ms  p95 {result['p95']:8.1f} ms  "
            f"queries {result['queries']:3d}  HTTP {result['status']}",
            flush=True,
        )
    vendor = connection.vendor
    header = (
        f"# Benchmark {datetime.now():%Y-%m-%d %H:%M}\n\nmachine: {platform.node()} {platform.machine()}, "
        f"{os.cpu_count()} cores, Python {platform.python_version()}, database {vendor}\n\n"
        "| page | p50 ms | p95 ms | queries | status |\n|---|---:|---:|---:|---:|\n"
    )
    body = "".join(
        f"| {label} (`{url}`) | {r['p50']:.1f} | {r['p95']:.1f} | {r['queries']} | {r['status']} |\n"
        for label, url, r in rows
    )
    out = ROOT / "benchmarks" / "results" / f"pages-{vendor}-{datetime.now():%Y%m%d-%H%M}.md"
    out.write_text(header + body, encoding="utf-8")
    print(f"\nwritten to {out.relative_to(ROOT)}")


if __name__ == "__main__":
    main()
