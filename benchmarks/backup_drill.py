"""Backup and restore drill: runs what the systemd timer runs, then restores it and compares rows.

    python benchmarks/backup_drill.py --env-file drill.env --restore-into NAME [--checkout /srv/wucheng_edu]

The drill runs exactly the unit's ExecStart in its WorkingDirectory with only its EnvironmentFile's
variables (plus PATH and LANG), the deploy path /srv/wucheng_edu mapped to this checkout, and the
record says so and what PID 1 is. (On a host where the unit is installed, `systemctl start
wucheng-edu-backup.service` runs the same command; see docs/deploy.md.)
Then scripts/restore.sh restores the dump into a new database NAME; the row count of every table
before and after are compared, and the record is written to benchmarks/results/backup-drill-*.md.
The restored database is dropped unless --keep.
"""

import argparse
import json
import os
import shlex
import subprocess
import sys
import tarfile
import time
from datetime import datetime
from pathlib import Path

import environ

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
from core.backup import pg_connect, pg_table_counts  # noqa: E402 (after the path)

UNIT = ROOT / "deploy" / "wucheng-edu-backup.service"
DEPLOY_ROOT = "/srv/wucheng_edu"


def unit_settings(path: Path) -> dict:
    """The [Service] keys of a unit file (continuation lines joined)."""
    values, section, pending = {}, None, ""
    for raw in path.read_text().splitlines():
        line = pending + raw.strip()
        pending = ""
        if line.endswith("\\"):
            pending = line[:-1] + " "
            continue
        if not line or line.startswith(("#", ";")):
            continue
        if line.startswith("["):
            section = line.strip("[]")
        elif section == "Service" and "=" in line:
            key, value = line.split("=", 1)
            values[key.strip()] = value.strip()
    return values


def environment_file(path: Path) -> dict:
    """KEY=VALUE lines as systemd's EnvironmentFile reads them (comments and blank lines skipped)."""
    env = {}
    for line in path.read_text().splitlines():
        line = line.strip()
        if line and not line.startswith(("#", ";")) and "=" in line:
            key, value = line.split("=", 1)
            env[key.strip()] = value.strip().strip('"')
    return env


def server(url: str) -> dict:
    return environ.Env.db_url_config(url)


def drop_database(url: str, name: str) -> None:
    conn = pg_connect(server(url), "postgres")
    conn.autocommit = True
    try:
        conn.cursor().execute(f'DROP DATABASE IF EXISTS "{name}"')
    finally:
        conn.close()


def run(cmd: list[str], *, env: dict, cwd: Path) -> tuple[subprocess.CompletedProcess, float]:
    started = time.monotonic()
    result = subprocess.run(cmd, env=env, cwd=cwd, capture_output=True, text=True)  # noqa: S603
    return result, time.monotonic() - started


def outcome(cmd: list[str], result: subprocess.CompletedProcess, seconds: float) -> list[str]:
    return [
        f"- command: `{shlex.join(cmd)}`, exit status {result.returncode}, {seconds:.1f} s",
        f"- output: `{result.stdout.strip() or result.stderr.strip()}`",
    ]


def failed(lines: list[str]) -> int:
    print("\n".join(lines), file=sys.stderr)
    return 1


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--env-file", required=True, type=Path, help="stands in for /etc/wucheng_edu/env")
    parser.add_argument("--restore-into", required=True, help="a new database for the restore")
    parser.add_argument("--checkout", default=str(ROOT), help=f"where {DEPLOY_ROOT} is on this machine")
    parser.add_argument("--keep", action="store_true", help="keep the restored database")
    args = parser.parse_args()

    service = unit_settings(UNIT)
    pid1 = Path("/proc/1/comm").read_text().strip()
    exec_start = shlex.split(service["ExecStart"].replace(DEPLOY_ROOT, args.checkout))
    workdir = Path(service["WorkingDirectory"].replace(DEPLOY_ROOT, args.checkout))
    unit_env = environment_file(args.env_file)
    env = {"PATH": "/usr/local/bin:/usr/bin:/bin", "LANG": "C.UTF-8", **unit_env}
    url = unit_env["DATABASE_URL"]

    before = pg_table_counts(server(url), server(url)["NAME"])
    backup, backup_seconds = run(exec_start, env=env, cwd=workdir)
    status_file = Path(unit_env.get("BACKUP_STATUS_FILE") or Path(unit_env["BACKUP_DIR"]) / "status.json")
    status = json.loads(status_file.read_text()) if status_file.exists() else {}
    lines = [
        f"# Backup and restore drill, {datetime.now():%Y-%m-%d %H:%M}",
        "",
        f"PID 1 is `{pid1}`, not systemd: the unit could not be started with systemd-run/systemctl here, so the",
        f"drill ran exactly its ExecStart (`{service['ExecStart']}`) in its WorkingDirectory with only the",
        f"variables of its EnvironmentFile (`{args.env_file.name}` standing in for `{service['EnvironmentFile']}`)",
        f"plus PATH and LANG; `{DEPLOY_ROOT}` is this checkout (`{args.checkout}`), the user the drill's own.",
        "",
        "## Backup (the timer's unit)",
        "",
        *outcome(exec_start, backup, backup_seconds),
    ]
    if backup.returncode != 0:
        return failed(lines)
    dump, archive = Path(status["database_file"]), Path(status["media_file"])
    lines += [
        f"- database dump: {status['database_bytes']:,} bytes (`pg_dump --format=custom`)",
        f"- media archive: {status['media_bytes']:,} bytes",
        f"- status file: state `{status['status']}`, finished {status['finished_at']}, {status['seconds']} s",
    ]

    restore_cmd = [str(Path(args.checkout) / "scripts" / "restore.sh"), str(workdir / dump), args.restore_into]
    restored, restore_seconds = run(restore_cmd, env=env, cwd=workdir)
    lines += [
        "",
        "## Restore",
        "",
        *outcome(restore_cmd, restored, restore_seconds),
    ]
    if restored.returncode != 0:
        return failed(lines)
    after = pg_table_counts(server(url), args.restore_into)
    differing = sorted(t for t in set(before) | set(after) if before.get(t) != after.get(t))
    largest = sorted(before, key=lambda t: -before[t])[:12]
    lines += [
        f"- tables: {len(before)} before, {len(after)} after; rows: {sum(before.values()):,} before,"
        f" {sum(after.values()):,} after; tables that differ: {', '.join(differing) or 'none'}",
        "",
        "| table (largest 12) | rows before | rows after |",
        "|---|---:|---:|",
        *(f"| {t} | {before[t]:,} | {after.get(t, 0):,} |" for t in largest),
    ]
    with tarfile.open(workdir / archive) as tar:
        names = tar.getnames()
    lines += ["", f"Media archive: {len(names)} entries (`tar -tzf` lists them; restore: `tar -xzf … -C <parent>`)."]
    if not args.keep:
        drop_database(url, args.restore_into)
    out = ROOT / "benchmarks" / "results" / f"backup-drill-{datetime.now():%Y%m%d-%H%M}.md"
    out.write_text("\n".join(lines) + "\n")
    print(out)
    return 0 if not differing else 1


if __name__ == "__main__":
    os.chdir(ROOT)
    sys.exit(main())
