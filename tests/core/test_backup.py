import io
import re

import pytest
from django.core.management import call_command

from directory.models import Organization
from tests.factories import OrganizationFactory


@pytest.mark.django_db(transaction=True)
def test_backup_restores_into_a_fresh_database_with_the_same_counts():
    OrganizationFactory.create_batch(3)
    out = io.StringIO()
    call_command("backup_check", stdout=out)
    assert "全部一致" in out.getvalue()
    assert Organization.objects.count() == 3


@pytest.mark.django_db
def test_restore_db_refuses_the_live_database_unless_its_name_is_given_again(tmp_path):
    from django.conf import settings
    from django.core.management.base import CommandError

    live = str(settings.DATABASES["default"]["NAME"])
    dump = tmp_path / "x.dump"
    dump.write_bytes(b"not used: refused before reading")
    for i_know in (None, "wucheng_edu"):
        with pytest.raises(CommandError, match=re.escape(f"--i-know {live}")):
            call_command("restore_db", str(dump), target=live, i_know=i_know, replace=True)


def _status(path, *, status="ok", hours_ago=2.0):
    import json
    from datetime import timedelta

    from django.utils import timezone

    finished = (timezone.now() - timedelta(hours=hours_ago)).isoformat()
    path.write_text(json.dumps({"status": status, "finished_at": finished, "last_success": {"finished_at": finished}}))


@pytest.mark.django_db
def test_healthz_reports_the_last_good_backup_and_its_age(client, settings, tmp_path):
    from django.urls import reverse

    settings.BACKUP_STATUS_FILE = status_file = tmp_path / "status.json"
    settings.BACKUP_MAX_AGE_HOURS = 26

    def backup():
        response = client.get(reverse("core:healthz"))
        assert response.status_code == 200  # a backup problem never takes the portal out of the balancer
        return response.json()["backup"]

    assert backup()["state"] == "missing"
    _status(status_file, hours_ago=2)
    assert (backup()["state"], backup()["ok"], backup()["age_hours"]) == ("ok", True, 2.0)
    _status(status_file, hours_ago=30)
    assert (backup()["state"], backup()["ok"]) == ("stale", False)
    _status(status_file, status="failed", hours_ago=3)
    assert (backup()["state"], backup()["ok"]) == ("failed", False)
    status_file.write_text("{not json")
    assert backup()["state"] == "unreadable"


def test_a_missing_sqlite_database_is_an_error_not_an_empty_backup(tmp_path):
    from core import backup

    with pytest.raises(backup.BackupError, match="cannot be opened"):
        backup.open_sqlite(str(tmp_path / "gone.sqlite3"))
    assert not (tmp_path / "gone.sqlite3").exists()
    (tmp_path / "real.sqlite3").write_bytes(b"")
    backup.open_sqlite(str(tmp_path / "real.sqlite3")).close()
