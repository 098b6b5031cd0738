"""Database backup, restore and verification (PostgreSQL via pg_dump/pg_restore; SQLite via its backup API).

`scripts/backup.sh` and `scripts/restore.sh` call the management commands `backup_db` and `restore_db`;
`backup_check` proves a backup restores: it dumps, restores into a scratch database and compares the
row count of every table.
"""

import shutil
import sqlite3
import subprocess
from pathlib import Path

from django.conf import settings
from django.db import connection, connections


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
    else:
        source = sqlite3.connect(db["NAME"])
        with sqlite3.connect(target) as dest:
            source.backup(dest)
        source.close()
    return target


def restore(dump_file: Path, *, target_name: str, alias: str = "default") -> None:
    """Restore `dump_file` into a new database `target_name` (PostgreSQL) or file path (SQLite)."""
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


def table_counts_restored(target_name: str, alias: str = "default") -> dict[str, int]:
    db = settings.DATABASES[alias]
    if is_postgres(alias):
        import psycopg2

        conn = psycopg2.connect(
            dbname=target_name,
            host=db.get("HOST") or "127.0.0.1",
            port=db.get("PORT") or 5432,
            user=db.get("USER") or "postgres",
            password=db.get("PASSWORD") or None,
        )
        query = "SELECT tablename FROM pg_tables WHERE schemaname = 'public'"
    else:
        conn = sqlite3.connect(target_name)
        query = "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'"
    try:
        cursor = conn.cursor()
        cursor.execute(query)
        tables = [row[0] for row in cursor.fetchall()]
        counts = {}
        for table in tables:
            cursor.execute(f'SELECT COUNT(*) FROM "{table}"')  # noqa: S608 (names read from the catalogue)
            counts[table] = cursor.fetchone()[0]
        return counts
    finally:
        conn.close()
