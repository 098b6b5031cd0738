"""Throughput under concurrency: gunicorn with several workers on loopback, beside the trivial view.

    DATABASE_URL=postgres://postgres@127.0.0.1:5432/wucheng_scale .venv/bin/python benchmarks/load.py \
        [--seconds 30] [--workers 4] [--clients 8]

For each page, in one run: --clients concurrent keep-alive clients (2 processes of threads) request it
for --seconds; prints requests per second, the error count (any answer but 200, or no answer) and the
latency p50/p95 seen by the clients, and writes the table to benchmarks/results/. The load generator
shares the 2 cores with gunicorn and PostgreSQL.
"""

import argparse
import os
import sys
from datetime import datetime
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from benchmarks.harness import Server, machine, run_load, save_result, session_cookie, summarize  # noqa: E402

PAGES = [
    ("trivial Django view (baseline)", "/bench/trivial/"),
    ("health check (one SELECT 1)", "/healthz"),
    ("inspection list, page 1", "/inspections/records/"),
    ("inspection list, filtered", "/inspections/records/?year=2021&kind=random"),
    ("hazard register, overdue", "/inspections/hazards/?overdue=yes"),
    ("inspection dashboard", "/inspections/dashboard/"),
]


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--seconds", type=float, default=30)
    parser.add_argument("--workers", type=int, default=4, help="gunicorn workers")
    parser.add_argument("--clients", type=int, default=8, help="concurrent clients")
    parser.add_argument("--port", type=int, default=8765)
    args = parser.parse_args()
    cookie = session_cookie("staff")
    from django.db import connection

    vendor = connection.vendor
    connection.close()
    rows = []
    load_before = os.getloadavg()[0]
    with Server(port=args.port, workers=args.workers):
        for label, path in PAGES:
            run_load(args.port, path, cookie, 2, processes=1, threads=2)  # warm every worker
            samples = run_load(args.port, path, cookie, args.seconds, processes=2, threads=max(1, args.clients // 2))
            s = summarize(samples, args.seconds)
            rows.append((label, path, s))
            print(
                f"{label:<36} {s['rps']:7.1f} req/s  errors {s['errors']:4d}  "
                f"p50 {s['p50'] or 0:7.1f} ms  p95 {s['p95'] or 0:7.1f} ms  ({s['requests']} requests)",
                flush=True,
            )
    load_after = os.getloadavg()[0]
    lines = [
        f"# Load benchmark {datetime.now():%Y-%m-%d %H:%M}",
        "",
        f"{machine(vendor)}; "
        f"gunicorn {args.workers} sync workers on 127.0.0.1, {args.clients} concurrent keep-alive clients "
        f"(Python, same machine), {args.seconds:.0f} s per page; load average {load_before:.2f} before, "
        f"{load_after:.2f} after",
        "",
        "| page | req/s | vs trivial | errors | p50 ms | p95 ms | requests |",
        "|---|---:|---:|---:|---:|---:|---:|",
    ]
    base = rows[0][2]["rps"] or 1
    for label, path, s in rows:
        lines.append(
            f"| {label} (`{path}`) | {s['rps']:.1f} | {s['rps'] / base:.2f} | {s['errors']} | "
            f"{s['p50'] or 0:.1f} | {s['p95'] or 0:.1f} | {s['requests']} |"
        )
    save_result("load", vendor, "\n".join(lines) + "\n")


if __name__ == "__main__":
    main()
