"""Fault drill: a task worker SIGKILLed in the middle of a large import writes nothing; the job is not
lost, and after `requeue_stale_tasks` a new worker writes every row exactly once.

    DATABASE_URL=postgres://postgres@127.0.0.1:5432/wucheng_scale \
        .venv/bin/python benchmarks/worker_kill.py [--rows 5000]

Steps: build an Excel file of --rows new organizations; create the import job as the import page does,
validate it, confirm it (the apply task goes to the database queue); start `manage.py db_worker`; as
soon as the worker is inserting the rows, SIGKILL it; check that no row of the file is in the registry
and the job is still "正在导入"; run `requeue_stale_tasks --older-than 0`; start a worker again; wait
for the job to finish; check the registry holds each row once; deliver the task a second time and
check again. The drill's rows are deleted at the end (--keep keeps them).
"""

import argparse
import io
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from benchmarks.harness import PYTHON, ROOT, django_setup  # noqa: E402

PREFIX = "断点演练"


def build_file(rows: int, tag: str) -> bytes:
    import openpyxl

    from directory.models import Township
    from directory.validators import credit_code_check_char

    township = Township.objects.order_by("id").first().name
    book = openpyxl.Workbook()
    sheet = book.active
    sheet.append(
        ["机构名称", "机构类型", "办学性质", "营利属性", "统一社会信用代码", "乡镇（街道）", "办学点数", "办学状态"]
    )
    for i in range(rows):
        body = f"52339999{tag}{i:06d}"
        code = body + credit_code_check_char(body)
        sheet.append([f"{PREFIX}{tag}-{i:05d}", "民办幼儿园", "民办", "非营利性", code, township, 1, "在办"])
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


def start_worker(log) -> subprocess.Popen:
    return subprocess.Popen(
        [PYTHON, "manage.py", "db_worker", "--interval", "0.5"],
        cwd=ROOT,
        env={**os.environ, "DJANGO_SECURE": "false"},
        stdout=log,
        stderr=subprocess.STDOUT,
        start_new_session=True,
    )


def worker_is_inserting() -> bool:
    from django.db import connection

    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT count(*) FROM pg_stat_activity WHERE datname = current_database() AND pid <> pg_backend_pid() "
            "AND state = 'active' AND query ILIKE 'INSERT INTO \"directory_%%'"
        )
        return cursor.fetchone()[0] > 0


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--rows", type=int, default=5000)
    parser.add_argument("--keep", action="store_true")
    args = parser.parse_args()
    django_setup()
    from django.core.management import call_command
    from django_tasks_db.models import DBTaskResult

    from accounts.models import User
    from core.imports import stash_upload
    from core.models import ImportJob
    from core.tasks import apply_import, validate_import
    from directory.models import Organization

    tag = f"{int(time.time()) % 1000:03d}"[:3]
    drill = Organization.objects.filter(name__startswith=f"{PREFIX}{tag}-")
    content = build_file(args.rows, tag)
    staff = User.objects.get(username="staff")
    job = ImportJob.objects.create(
        title="机构名录（断点演练）",
        resource_path="directory.resources.OrganizationResource",
        filename=f"{PREFIX}.xlsx",
        stash=stash_upload(content, ".xlsx"),
        done_url="/directory/",
        total_rows=args.rows,
        created_by=staff,
    )
    print(f"1. 导入任务 #{job.pk}：{args.rows} 行新机构，校验中……", flush=True)
    started = time.monotonic()
    validate_import.call(job.pk)
    job.refresh_from_db()
    assert job.status == ImportJob.Status.READY, (job.status, job.error, job.result.get("bad", [])[:3])
    print(f"   校验通过（{time.monotonic() - started:.1f} 秒）；确认导入，写入任务排队", flush=True)
    ImportJob.objects.filter(pk=job.pk).update(status=ImportJob.Status.IMPORTING)
    result = apply_import.enqueue(job.pk)

    log = open("/tmp/bench-worker.log", "a")  # noqa: SIM115 (kept open for the workers' lifetime)
    worker = start_worker(log)
    print(f"2. 启动任务进程 db_worker（pid {worker.pid}），等待它开始写入……", flush=True)
    deadline = time.monotonic() + 300
    while not worker_is_inserting():
        if time.monotonic() > deadline or worker.poll() is not None:
            os.killpg(worker.pid, signal.SIGKILL)
            sys.exit("任务进程没有开始写入（见 /tmp/bench-worker.log）")
        time.sleep(0.1)
    time.sleep(1.0)  # well inside the write
    os.killpg(worker.pid, signal.SIGKILL)
    worker.wait()
    task = DBTaskResult.objects.get(pk=result.id)
    job.refresh_from_db()
    written = drill.count()
    print(
        f"3. 写入中途 SIGKILL 任务进程：机构名录中该文件的机构 {written} 家（应为 0）；"
        f"导入任务状态“{job.get_status_display()}”，队列中任务状态 {task.status}",
        flush=True,
    )
    assert written == 0 and job.status == ImportJob.Status.IMPORTING and task.status == "RUNNING"

    out = io.StringIO()
    call_command("requeue_stale_tasks", "--older-than", "0", stdout=out)
    print(f"4. requeue_stale_tasks --older-than 0：{out.getvalue().strip()}", flush=True)

    worker = start_worker(log)
    print(f"5. 重新启动任务进程（pid {worker.pid}），等待导入完成……", flush=True)
    started = time.monotonic()
    while True:
        job.refresh_from_db()
        if job.status != ImportJob.Status.IMPORTING:
            break
        if time.monotonic() - started > 600:
            break
        time.sleep(0.5)
    os.killpg(worker.pid, signal.SIGTERM)
    worker.wait()
    names = list(drill.values_list("name", flat=True))
    print(
        f"6. 导入任务状态“{job.get_status_display()}”（{time.monotonic() - started:.1f} 秒）；"
        f"该文件的机构 {len(names)} 家，不重复的名称 {len(set(names))} 个（应均为 {args.rows}）",
        flush=True,
    )
    assert job.status == ImportJob.Status.DONE and len(names) == len(set(names)) == args.rows

    again = apply_import.call(job.pk)
    print(f"7. 同一任务再投递一次：返回 {again}，该文件的机构仍为 {drill.count()} 家", flush=True)
    assert drill.count() == args.rows

    if not args.keep:
        ids = list(drill.values_list("id", flat=True))
        Organization.history.filter(id__in=ids).delete()
        drill.delete()
        ImportJob.objects.filter(pk=job.pk).delete()
        print("演练数据已删除。")
    print("结论：任务进程被杀时不写入任何行、任务不丢失；重新排队后只写入一次。")


if __name__ == "__main__":
    main()
