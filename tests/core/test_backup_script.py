"""scripts/backup.sh itself (not a Python copy of it) backs up a scratch PostgreSQL database and the
uploaded files; scripts/restore.sh restores the dump with every table's rows; a failed step fails
the run loudly and the status file (read by /healthz) says so while keeping the last good backup.

The scratch databases live on the PostgreSQL server of the test run, or, on a SQLite run, on
BACKUP_TEST_DATABASE_URL (default postgres://postgres@127.0.0.1:5432/wucheng_backup_test): the
name given there is the prefix of the scratch databases, which are dropped afterwards.
"""

import json
import os
import subprocess
import sys
import tarfile
import uuid
from pathlib import Path

import environ
import psycopg2
import pytest
from django.conf import settings
from django.urls import reverse

from core import backup

ROOT = Path(settings.BASE_DIR)
DEFAULT_SERVER = "postgres://postgres@127.0.0.1:5432/wucheng_backup_test"


def _server() -> dict:
    url = os.environ.get("BACKUP_TEST_DATABASE_URL")
    if url:
        return environ.Env.db_url_config(url)
    db = settings.DATABASES["default"]
    if db["ENGINE"].endswith("postgresql"):
        return {**db, "NAME": f"{db['NAME'].removeprefix('test_')[:40]}_bk"}
    return environ.Env.db_url_config(DEFAULT_SERVER)


def _admin(server: dict, sql: str) -> None:
    conn = backup.pg_connect(server, "postgres")
    conn.autocommit = True
    try:
        conn.cursor().execute(sql)
    finally:
        conn.close()


def _url(server: dict, name: str) -> str:
    password = f":{server['PASSWORD']}" if server.get("PASSWORD") else ""
    host, port = server.get("HOST") or "127.0.0.1", server.get("PORT") or 5432
    return f"postgres://{server.get('USER') or 'postgres'}{password}@{host}:{port}/{name}"


@pytest.fixture(scope="module")
def scratch(tmp_path_factory):
    """A scratch database filled with the portal's tables and a few records; dropped afterwards."""
    server = _server()
    try:
        _admin(server, "SELECT 1")
    except psycopg2.OperationalError as exc:
        pytest.fail(f"PostgreSQL for the backup test is not reachable ({exc}); set BACKUP_TEST_DATABASE_URL")
    prefix = f"{server['NAME']}_{uuid.uuid4().hex[:6]}"
    names = {"source": f"{prefix}_src", "restored": f"{prefix}_restored"}
    _admin(server, f'CREATE DATABASE "{names["source"]}"')
    try:
        env = {
            "PATH": os.environ["PATH"],
            "HOME": str(tmp_path_factory.mktemp("home")),
            "DJANGO_READ_DOT_ENV": "false",
            "DJANGO_SECRET_KEY": "backup-test-" + uuid.uuid4().hex,
            "DATABASE_URL": _url(server, names["source"]),
            "PYTHON": sys.executable,
        }
        fill = subprocess.run(
            [sys.executable, "-m", "tests.core.backup_source"], cwd=ROOT, env=env, capture_output=True, text=True
        )
        assert fill.returncode == 0, fill.stderr[-3000:]
        yield server, names, env
    finally:
        for name in names.values():
            _admin(server, f'DROP DATABASE IF EXISTS "{name}"')


def _run(script: str, *args, env: dict) -> subprocess.CompletedProcess:
    return subprocess.run([str(ROOT / "scripts" / script), *args], env=env, capture_output=True, text=True)  # noqa: S603


def test_the_backup_script_backs_up_and_restore_brings_back_every_row_and_file(scratch, tmp_path):
    server, names, env = scratch
    media = tmp_path / "media"
    (media / "legalaid" / "contracts" / "2022").mkdir(parents=True)
    contract = media / "legalaid" / "contracts" / "2022" / "a1b2.pdf"
    contract.write_bytes(b"%PDF-1.4\n% counsel contract\n")
    backups = tmp_path / "backups"
    env = {**env, "MEDIA_ROOT": str(media), "BACKUP_DIR": str(backups)}

    done = _run("backup.sh", env=env)
    assert done.returncode == 0, done.stderr
    (dump,) = backups.glob("wucheng_edu-*.dump")
    (archive,) = backups.glob("media-*.tar.gz")
    assert not list(backups.glob("*.partial"))
    assert oct(dump.stat().st_mode & 0o777) == "0o600"  # personal data: the application user only
    status = json.loads((backups / "status.json").read_text())
    assert status["status"] == "ok" and status["last_success"]["database_bytes"] == dump.stat().st_size

    restored = _run("restore.sh", str(dump), names["restored"], env=env)
    assert restored.returncode == 0, restored.stderr
    before, after = backup.pg_table_counts(server, names["source"]), backup.pg_table_counts(server, names["restored"])
    assert after == before
    assert before["directory_organization"] >= 5 and before["inspections_historicalhazard"] == 3
    assert f"共 {sum(before.values()):,} 行" in restored.stdout

    with tarfile.open(archive) as tar:
        tar.extractall(tmp_path / "unpacked", filter="data")
    assert (tmp_path / "unpacked" / "media" / contract.relative_to(media)).read_bytes() == contract.read_bytes()

    # Restoring again over an existing database needs --replace; over the live one, --i-know its name.
    again = _run("restore.sh", str(dump), names["restored"], env=env)
    assert again.returncode != 0 and "已存在" in again.stderr
    live = _run("restore.sh", str(dump), names["source"], "--replace", env=env)
    assert live.returncode != 0 and f"--i-know {names['source']}" in live.stderr
    assert backup.pg_table_counts(server, names["source"]) == before


def test_a_failed_step_fails_loudly_and_the_status_keeps_the_last_good_backup(scratch, tmp_path, settings, client, db):
    server, names, env = scratch
    media, backups = tmp_path / "media", tmp_path / "backups"
    media.mkdir()
    env = {**env, "MEDIA_ROOT": str(media), "BACKUP_DIR": str(backups)}
    assert _run("backup.sh", env=env).returncode == 0
    good = json.loads((backups / "status.json").read_text())["last_success"]

    cases = {
        "MEDIA_ROOT": {**env, "MEDIA_ROOT": str(tmp_path / "gone")},  # the upload folder is missing
        "DATABASE_URL": {k: v for k, v in env.items() if k != "DATABASE_URL"},  # run without the environment
        "pg_dump": {**env, "DATABASE_URL": _url(server, names["source"] + "_missing")},  # the dump fails
    }
    for expected, failing_env in cases.items():
        result = _run("backup.sh", env=failing_env)
        assert result.returncode == 1, expected
        assert "备份失败" in result.stderr and expected in result.stderr, result.stderr
        status = json.loads((backups / "status.json").read_text())
        assert status["status"] == "failed" and status["last_success"] == good
    assert len(list(backups.glob("wucheng_edu-*.dump"))) == 1 and not list(backups.glob("*.partial"))

    settings.BACKUP_STATUS_FILE = backups / "status.json"
    health = client.get(reverse("core:healthz")).json()
    assert health["status"] == "ok"  # the portal keeps serving…
    assert health["backup"]["state"] == "failed" and not health["backup"]["ok"]  # …and says the backup failed
    assert health["backup"]["last_success"] == good["finished_at"]
