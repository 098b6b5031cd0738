"""Excel import and export at scale, each beside a baseline measured in the same run.

    DATABASE_URL=postgres://postgres@127.0.0.1:5432/wt_imports_bench DJANGO_SECURE=false \\
        .venv/bin/python benchmarks/excel.py [--rows 10000] [--runs 3] [--only import|export]

Needs a database filled by `manage.py seed_scale --organizations 2000 --inspections 100000 --hazards 1000`
(staff user `staff`). Nothing is left behind: every import runs in a transaction that is rolled back.

- import: a 10,000-row 机构名录 file as the registry exports it (every optional cell blank), read, previewed
  (dry run, its checked rows kept beside the stashed file) and confirmed through the portal (`core.imports`,
  OrganizationResource, bulk mode: the confirm writes the checked rows, nothing having changed), beside
  django-import-export's documented default path on the same rows: `ModelResource` of the model,
  `import_data(dry_run=True)` then `import_data(dry_run=False)`, field names as headers.
- export: the inspection register (all of it, as the page exports it) streamed to an .xlsx file in a child
  process, with its wall time and peak RSS; beside it the same rows read without writing (the database's share).

Targets (docs/performance.md): import preview + confirm ≤ 4 s; 100,000-row export ≤ 5 s with peak RSS < 200 MB.
Timings on this 2-core VM vary with what else runs: the load average is printed with the results.
"""

import argparse
import io
import os
import resource
import statistics
import subprocess
import sys
import tempfile
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


def import_rows(count: int):
    from directory.models import OrgKind, Township
    from directory.validators import credit_code_check_char

    township = Township.objects.order_by("pk").first()
    for n in range(count):
        body = f"52330702MA3B{n:05d}"
        yield {
            "name": f"基准导入{n}幼儿园",
            "kind": OrgKind.PRIVATE_KINDERGARTEN,
            "credit_code": body + credit_code_check_char(body),
            "township": township,
        }


def portal_file(count: int) -> bytes:
    """The rows as the registry's export writes them (OrganizationResource's columns, blanks left blank)."""
    from core.exports import write_xlsx
    from directory.resources import OrganizationResource

    headers = [f.column_name for f in OrganizationResource().get_export_fields()]
    rows = (
        [r["name"], "民办幼儿园", "民办", "非营利性", r["credit_code"], "", r["township"].name]
        + ["", "", "", 1, "在办", None]
        for r in import_rows(count)
    )
    buffer = io.BytesIO()
    write_xlsx(buffer, title="机构名录", headers=headers, rows=rows)
    return buffer.getvalue()


def measure_imports(count: int, runs: int) -> list[str]:
    from django.db import transaction
    from import_export import resources

    from accounts.models import User
    from core.imports import drop_stash, keep_checked, preview_import, read_dataset, run_import, stash_upload
    from directory.models import Organization
    from directory.resources import OrganizationResource

    user = User.objects.get(username="staff")
    content = portal_file(count)

    class DefaultOrganizationResource(resources.ModelResource):
        class Meta:
            model = Organization
            import_id_fields = ("credit_code",)
            fields = ("name", "kind", "ownership", "profit_status", "credit_code", "license_no", "township")
            fields += ("address", "principal", "contact_phone", "sites", "status")

    import tablib

    default_rows = tablib.Dataset(headers=list(DefaultOrganizationResource.Meta.fields))
    for r in import_rows(count):
        values = [r["name"], r["kind"], "private", "non_profit", r["credit_code"], "", r["township"].pk]
        default_rows.append([*values, "", "", "", 1, "active"])

    results = {key: [] for key in ("read", "preview", "confirm", "default preview", "default confirm")}
    cpu = {key: [] for key in results}
    for _ in range(runs):
        try:
            with transaction.atomic():
                wall, used, dataset = timed(lambda: read_dataset("机构名录.xlsx", content))
                results["read"].append(wall)
                cpu["read"].append(used)
                stash = stash_upload(content, ".xlsx")

                def check(d=dataset, stash=stash):
                    preview = preview_import(resource=OrganizationResource(), dataset=d, user=user)
                    keep_checked(stash, preview)  # as the import page does
                    return preview

                wall, used, preview = timed(check)
                assert preview.ok and preview.new_count == count, preview.bad_rows[:3]
                results["preview"].append(wall)
                cpu["preview"].append(used)
                wall, used, done = timed(
                    lambda d=dataset, s=stash: run_import(
                        resource=OrganizationResource(), dataset=d, user=user, stash=s
                    )
                )
                drop_stash(stash)
                assert done.ok and Organization.objects.filter(name__startswith="基准导入").count() == count
                results["confirm"].append(wall)
                cpu["confirm"].append(used)
                raise Rollback
        except Rollback:
            pass
        try:
            with transaction.atomic():
                wall, used, result = timed(
                    lambda: DefaultOrganizationResource().import_data(default_rows, dry_run=True)
                )
                assert not result.has_errors() and not result.has_validation_errors()
                results["default preview"].append(wall)
                cpu["default preview"].append(used)
                wall, used, result = timed(
                    lambda: DefaultOrganizationResource().import_data(default_rows, dry_run=False)
                )
                assert Organization.objects.filter(name__startswith="基准导入").count() == count
                results["default confirm"].append(wall)
                cpu["default confirm"].append(used)
                raise Rollback
        except Rollback:
            pass
    med = {key: statistics.median(values) for key, values in results.items()}
    med_cpu = {key: statistics.median(values) for key, values in cpu.items()}
    ours = med["read"] + med["preview"] + med["confirm"]
    default = med["default preview"] + med["default confirm"]
    ours_cpu = med_cpu["read"] + med_cpu["preview"] + med_cpu["confirm"]
    default_cpu = med_cpu["default preview"] + med_cpu["default confirm"]
    return [
        f"## Import: {count:,} rows of 机构名录 (optional cells blank), median of {runs} runs",
        "",
        "| step | ours s | django-import-export default s |",
        "|---|---:|---:|",
        f"| read the .xlsx (calamine; openpyxl if formulae) | {med['read']:.2f} | — (dataset built in memory) |",
        f"| preview (dry run, every row validated) | {med['preview']:.2f} | {med['default preview']:.2f} |",
        f"| confirm (checked rows written with history) | {med['confirm']:.2f} | {med['default confirm']:.2f} |",
        f"| **total** (target ≤ 4 s) | **{ours:.2f}** | {default:.2f} |",
        f"| total CPU time of the process | {ours_cpu:.2f} | {default_cpu:.2f} |",
        "",
    ]


def export_child(path: str) -> None:
    """Run in a child process: stream the whole inspection register to `path`, print rows and seconds."""
    import django

    django.setup()
    from types import SimpleNamespace

    from django.http import QueryDict

    from accounts.models import User
    from core.exports import write_xlsx
    from inspections.views.records import inspection_table

    request = SimpleNamespace(user=User.objects.get(username="staff"), GET=QueryDict())
    start = time.perf_counter()
    table = inspection_table(request)
    if path == "-":
        rows = sum(1 for _ in table.rows)
    else:
        rows = write_xlsx(path, title="检查记录", headers=table.headers, rows=table.rows)
    seconds = time.perf_counter() - start
    print(rows, seconds, resource.getrusage(resource.RUSAGE_SELF).ru_maxrss)


def measure_export(runs: int) -> list[str]:
    lines = []
    results = {"read only": [], "read + write .xlsx": []}
    rss = {}
    rows = 0
    size = 0
    for _ in range(runs):
        for label, target in (("read only", "-"), ("read + write .xlsx", "file")):
            with tempfile.TemporaryDirectory() as tmp:
                path = "-" if target == "-" else str(Path(tmp) / "export.xlsx")
                out = subprocess.run(
                    [sys.executable, __file__, "--export-child", path], capture_output=True, text=True, check=True
                )
                rows, seconds, peak = out.stdout.split()
                results[label].append(float(seconds))
                rss[label] = max(rss.get(label, 0), int(peak))
                if target == "file":
                    size = Path(path).stat().st_size
    rows = int(rows)
    lines += [
        f"## Export: the inspection register, {rows:,} rows, median of {runs} runs (child process each)",
        "",
        "| step | s | peak RSS MB |",
        "|---|---:|---:|",
    ]
    for label, values in results.items():
        lines.append(f"| {label} | {statistics.median(values):.2f} | {rss[label] / 1024:.0f} |")
    lines += ["", f"File: {size / 1024 / 1024:.1f} MB. Target: ≤ 5 s, peak RSS < 200 MB.", ""]
    return lines


def main() -> None:
    if len(sys.argv) == 3 and sys.argv[1] == "--export-child":
        export_child(sys.argv[2])
        return
    parser = argparse.ArgumentParser()
    parser.add_argument("--rows", type=int, default=10_000)
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--only", choices=["import", "export"], help="measure one of the two")
    args = parser.parse_args()
    load_before = os.getloadavg()[0]

    import django

    django.setup()
    from django.db import connection

    vendor = connection.vendor
    lines = [f"# Import and export benchmark {time.strftime('%Y-%m-%d %H:%M')}", ""]
    body = [] if args.only == "export" else measure_imports(args.rows, args.runs)
    body += [] if args.only == "import" else measure_export(args.runs)
    lines += [f"{machine(vendor)}; load average {load_before:.2f} before, {os.getloadavg()[0]:.2f} after", ""]
    kind = args.only or "import-export"  # one file per measured part: --only runs do not overwrite each other
    save_result(kind, vendor, "\n".join(lines + body) + "\n")


if __name__ == "__main__":
    main()
