"""Fault drill: PostgreSQL restarted under load. The portal answers errors only while the database is
down, recovers by itself (CONN_HEALTH_CHECKS), and nothing committed before the restart is lost.

    DATABASE_URL=postgres://postgres@127.0.0.1:5432/wucheng_scale .venv/bin/python benchmarks/pg_restart.py \
        [--seconds 40] [--restart-at 12]

Steps: commit marker rows (and count the big tables); start gunicorn; run a bounded load loop on the
inspection list and /healthz; after --restart-at seconds run
`pg_ctlcluster --skip-systemctl-redirect 15 main restart`; print the timeline second by second (200s
and errors) with the restart window marked; check there were no errors before the restart, none after
the first successful answer that followed it, and that the marker rows and the counts are intact.

The restart drops every connection to the cluster, including other people's: the script waits (up to
--wait-idle seconds) until no other database of the cluster has an active session.
"""

import argparse
import subprocess
import sys
import threading
import time
from collections import Counter
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from benchmarks.harness import Server, django_setup, run_load, session_cookie  # noqa: E402

RESTART = ["pg_ctlcluster", "--skip-systemctl-redirect", "15", "main", "restart"]
MARK = "重启演练"


def other_activity() -> int:
    from django.db import connection

    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT count(*) FROM pg_stat_activity WHERE datname IS NOT NULL AND datname <> current_database() "
            "AND state NOT IN ('idle')"
        )
        return cursor.fetchone()[0]


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--seconds", type=float, default=40)
    parser.add_argument("--restart-at", type=float, default=12)
    parser.add_argument("--workers", type=int, default=3)
    parser.add_argument("--port", type=int, default=8766)
    parser.add_argument("--wait-idle", type=float, default=300, help="wait for other databases to be idle")
    args = parser.parse_args()
    cookie = session_cookie("staff")
    from django.db import connection

    from directory.models import Township
    from inspections.models import Hazard, Inspection

    tag = time.strftime("%H%M%S")
    Township.objects.bulk_create([Township(name=f"{MARK}{tag}-{i}", sort_order=999) for i in range(5)])
    before = {
        "markers": Township.objects.filter(name__startswith=f"{MARK}{tag}-").count(),
        "inspections": Inspection.objects.count(),
        "hazards": Hazard.objects.count(),
    }
    print(f"1. 已提交演练数据：{before}", flush=True)
    waited = time.monotonic()
    while other_activity() and time.monotonic() - waited < args.wait_idle:
        time.sleep(2)
    if other_activity():
        print("   （其他数据库仍有活动会话，照常重启）", flush=True)
    connection.close()

    window = {}

    def restart():
        time.sleep(args.restart_at)
        window["start"] = time.time()
        done = subprocess.run(RESTART, capture_output=True, text=True)
        window["end"] = time.time()
        window["rc"] = done.returncode
        window["out"] = (done.stdout + done.stderr).strip()

    with Server(port=args.port, workers=args.workers, log="/tmp/bench-pg-restart-gunicorn.log"):
        print(
            f"2. gunicorn {args.workers} 个进程已启动；负载 {args.seconds:.0f} 秒，"
            f"第 {args.restart_at:.0f} 秒重启 PostgreSQL",
            flush=True,
        )
        restarter = threading.Thread(target=restart)
        t0 = time.time()
        restarter.start()
        results = {}

        def load(path):
            results[path] = run_load(args.port, path, cookie, args.seconds, processes=1, threads=2)

        loaders = [threading.Thread(target=load, args=(p,)) for p in ("/inspections/records/", "/healthz")]
        for t in loaders:
            t.start()
        for t in loaders:
            t.join()
        restarter.join()
    samples = sorted(s for r in results.values() for s in r)
    if window.get("rc") != 0:
        sys.exit(f"重启失败：{window.get('out')}")
    start, end = window["start"], window["end"]
    took = end - start
    print(f"3. PostgreSQL 重启：第 {start - t0:.1f} 秒开始，第 {end - t0:.1f} 秒完成（{took:.1f} 秒）", flush=True)
    per_second: dict[int, Counter] = {}
    for at, _ms, status in samples:
        per_second.setdefault(int(at - t0), Counter())["ok" if status == 200 else "error"] += 1
    print("   秒   成功   错误")
    for second in sorted(per_second):
        c = per_second[second]
        mark = "  ← 重启中" if start - t0 - 1 < second <= end - t0 else ""
        print(f"   {second:3d} {c['ok']:6d} {c['error']:6d}{mark}")
    errors_before = [s for s in samples if s[2] != 200 and s[0] + s[1] / 1000 < start]
    first_ok_after = next((s[0] for s in samples if s[0] >= end and s[2] == 200), None)
    errors_after = [s for s in samples if first_ok_after and s[0] > first_ok_after and s[2] != 200]
    errors_during = [s for s in samples if s[2] != 200 and s not in errors_before and s not in errors_after]
    recovery = (first_ok_after - end) if first_ok_after else None
    print(
        f"4. 重启前错误 {len(errors_before)} 个；重启期间错误 {len(errors_during)} 个；"
        f"恢复后（重启完成后 {recovery:.2f} 秒起）错误 {len(errors_after)} 个；共 {len(samples)} 个请求"
        if recovery is not None
        else "4. 重启后没有成功的请求：未恢复！",
        flush=True,
    )
    after = {
        "markers": Township.objects.filter(name__startswith=f"{MARK}{tag}-").count(),
        "inspections": Inspection.objects.count(),
        "hazards": Hazard.objects.count(),
    }
    print(f"5. 重启后数据：{after}（{'一致' if after == before else '不一致！'}）", flush=True)
    Township.objects.filter(name__startswith=MARK).delete()
    ok = not errors_before and not errors_after and recovery is not None and after == before
    print("结论：" + ("只在数据库重启期间出错，之后自动恢复，重启前提交的数据完整。" if ok else "未通过，见上。"))
    sys.exit(0 if ok else 1)


if __name__ == "__main__":
    django_setup()
    main()
