"""Database backup, restore and verification (PostgreSQL via pg_dump/pg_restore; SQLite via its backup API).

`scripts/backup.sh` and `scripts/restore.sh` call the management commands `backup_db` and `restore_db`;
`backup_check` proves a backup restores: it dumps, restores into a scratch database and compares the
row count of every table. `backup_health` reads the status file the backup script writes (/healthz).
"""

import json
import shutil
import sqlite3
import subprocess
from datetime import datetime
from pathlib import Path

from django.conf import settings
from django.db import connection, connections
from django.utils import timezone


class BackupError(RuntimeError):
    pass


def _pg_env(db: dict) -> dict:
    import os

    env = {**os.environ}
    if db.get("PASSWORD"):
        env["PGPASSWORD"] = str(db["PASSWORD"])
    return env


def _pg_args(db: dict, name: str | None = None) -> list[str]:
    args = ["-h", db.get("HOST") or "127.0.0.1", "-p", str(db.get("PORT") or 5432), "-U", db.get("USER") or "postgres"]
    return [*args, "-d", name or db["NAME"]]


def _run(cmd: list[str], env: dict | None = None) -> None:
    result = subprocess.run(cmd, env=env, capture_output=True, text=True)  # noqa: S603 (fixed argv, no shell)
    if result.returncode != 0:
        raise BackupError(f"{cmd[0]} failed: {result.stderr.strip()[:500]}")


def is_postgres(alias: str = "default") -> bool:
    return connections[alias].vendor == "postgresql"


def open_sqlite(name: str) -> sqlite3.Connection:
    """The SQLite database `name` (a path or a file: URI); a missing file is an error, not a new empty
    database to back up (mode=rw)."""
    uri = name if name.startswith("file:") else f"{Path(name).resolve().as_uri()}?mode=rw"
    try:
        return sqlite3.connect(uri, uri=True)
    except sqlite3.OperationalError as exc:
        raise BackupError(f"SQLite database cannot be opened: {name} ({exc})") from None


def dump(target: Path, alias: str = "default") -> Path:
    """Write a consistent backup of the database to `target` (custom-format dump or SQLite file)."""
    db = settings.DATABASES[alias]
    target.parent.mkdir(parents=True, exist_ok=True)
    if is_postgres(alias):
        if not shutil.which("pg_dump"):
            raise BackupError("pg_dump not found: apt-get install postgresql-client")
        _run(
            ["pg_dump", "--format=custom", "--no-owner", "--no-privileges", "-f", str(target), *_pg_args(db)],
            env=_pg_env(db),
        )
        # A dump that cannot be listed would not restore: find out tonight, not on the day it is needed.
        _run(["pg_restore", "--list", str(target)])
    else:
        source = open_sqlite(str(db["NAME"]))
        with sqlite3.connect(target) as dest:
            source.backup(dest)
        source.close()
    return target


def is_live(target_name: str, alias: str = "default") -> bool:
    """Whether `target_name` is the database the portal itself runs on."""
    live = settings.DATABASES[alias]["NAME"]
    if is_postgres(alias):
        return target_name == live
    return Path(target_name).resolve() == Path(live).resolve()


def pg_connect(db: dict, name: str):
    """A psycopg2 connection to database `name` on the server of `db` (a DATABASES entry)."""
    import psycopg2

    return psycopg2.connect(
        dbname=name,
        host=db.get("HOST") or "127.0.0.1",
        port=db.get("PORT") or 5432,
        user=db.get("USER") or "postgres",
        password=db.get("PASSWORD") or None,
    )


def exists(target_name: str, alias: str = "default") -> bool:
    db = settings.DATABASES[alias]
    if not is_postgres(alias):
        return Path(target_name).exists()
    conn = pg_connect(db, "postgres")
    try:
        cursor = conn.cursor()
        cursor.execute("SELECT 1 FROM pg_database WHERE datname = %s", [target_name])
        return cursor.fetchone() is not None
    finally:
        conn.close()


def check_target(target_name: str, *, replace: bool = False, i_know: str | None = None, alias: str = "default"):
    """Refuse to overwrite the live database unless `i_know` names it again, and any other existing
    database unless `replace` is given."""
    if is_live(target_name, alias):
        if i_know != target_name:
            raise BackupError(
                f"“{target_name}”是门户正在使用的数据库，恢复会删除其中的全部现有数据。"
                f"确需覆盖时，请加参数 --i-know {target_name}（再写一遍数据库名）。"
            )
    elif exists(target_name, alias) and not replace:
        raise BackupError(f"数据库“{target_name}”已存在；请换一个新名字，或加 --replace 删除后重建。")


def restore(
    dump_file: Path, *, target_name: str, alias: str = "default", replace: bool = False, i_know: str | None = None
) -> None:
    """Restore `dump_file` into a new database `target_name` (PostgreSQL) or file path (SQLite);
    see `check_target` for when an existing one may be replaced."""
    check_target(target_name, replace=replace, i_know=i_know, alias=alias)
    db = settings.DATABASES[alias]
    if is_postgres(alias):
        env = _pg_env(db)
        base = _pg_args(db, "postgres")
        _run(["dropdb", "--if-exists", *base[:-2], target_name], env=env)
        _run(["createdb", *base[:-2], target_name], env=env)
        _run(
            [
                "pg_restore",
                "--no-owner",
                "--no-privileges",
                "--exit-on-error",
                *_pg_args(db, target_name),
                str(dump_file),
            ],
            env=env,
        )
    else:
        shutil.copyfile(dump_file, target_name)


def drop(target_name: str, alias: str = "default") -> None:
    db = settings.DATABASES[alias]
    if is_postgres(alias):
        _run(["dropdb", "--if-exists", *_pg_args(db, "postgres")[:-2], target_name], env=_pg_env(db))
    else:
        Path(target_name).unlink(missing_ok=True)


def table_counts_live() -> dict[str, int]:
    with connection.cursor() as cursor:
        tables = connection.introspection.table_names(cursor)
        counts = {}
        for table in tables:
            cursor.execute(f"SELECT COUNT(*) FROM {connection.ops.quote_name(table)}")  # noqa: S608 (introspected names)
            counts[table] = cursor.fetchone()[0]
    return counts


PG_TABLES = "SELECT tablename FROM pg_tables WHERE schemaname = 'public'"
SQLITE_TABLES = "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'"


def _table_counts(conn, tables_query: str) -> dict[str, int]:
    try:
        cursor = conn.cursor()
        cursor.execute(tables_query)
        tables = [row[0] for row in cursor.fetchall()]
        counts = {}
        for table in tables:
            cursor.execute(f'SELECT COUNT(*) FROM "{table}"')  # noqa: S608 (names read from the catalogue)
            counts[table] = cursor.fetchone()[0]
        return counts
    finally:
        conn.close()


def pg_table_counts(db: dict, name: str) -> dict[str, int]:
    """The row count of every table of PostgreSQL database `name` on the server of `db`."""
    return _table_counts(pg_connect(db, name), PG_TABLES)


def table_counts_restored(target_name: str, alias: str = "default") -> dict[str, int]:
    if is_postgres(alias):
        return pg_table_counts(settings.DATABASES[alias], target_name)
    return _table_counts(sqlite3.connect(target_name), SQLITE_TABLES)


def backup_health(now: datetime | None = None) -> dict:
    """The last backup as scripts/backup.sh recorded it: whether it is good, and its age.

    `state` is "ok", "stale" (the last good backup is older than BACKUP_MAX_AGE_HOURS), "failed"
    (the latest run failed), "missing" (no status file: the backup never ran here) or "unreadable".
    """
    now = now or timezone.now()
    limit = settings.BACKUP_MAX_AGE_HOURS
    try:
        status = json.loads(Path(settings.BACKUP_STATUS_FILE).read_text())
        last = status.get("last_success") or {}
        finished = datetime.fromisoformat(last["finished_at"]) if last.get("finished_at") else None
    except FileNotFoundError:
        return {"ok": False, "state": "missing", "max_age_hours": limit}
    except (OSError, ValueError, TypeError, AttributeError):
        return {"ok": False, "state": "unreadable", "max_age_hours": limit}
    age = (now - finished).total_seconds() / 3600 if finished else None
    if status.get("status") != "ok":
        state = "failed"
    elif age is None or age > limit:
        state = "stale"
    else:
        state = "ok"
    return {
        "ok": state == "ok",
        "state": state,
        "last_success": finished.isoformat() if finished else None,
        "age_hours": round(age, 1) if age is not None else None,
        "max_age_hours": limit,
        "last_run": status.get("finished_at"),
    }
