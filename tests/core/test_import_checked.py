"""A bulk import's confirm writes the rows its preview checked, as long as nothing they were checked
against has changed since (core.imports.run_import); otherwise it checks every row again."""

from pathlib import Path

import pytest
from django.conf import settings
from django.urls import reverse

from core.imports import PENDING_DIR, open_confirm_token
from directory.models import Organization, Township
from directory.resources import OrganizationResource
from tests.directory.test_import_export import good_row, xlsx
from tests.factories import OrganizationFactory, TownshipFactory, valid_credit_code

pytestmark = pytest.mark.django_db
URL = "directory:organization_import"


@pytest.fixture(autouse=True)
def township(db):
    return TownshipFactory(name="琅琊镇")


def preview(client, rows):
    response = client.post(reverse(URL), {"file": xlsx(rows)})
    assert response.status_code == 200, response.context.get("file_error")
    return response.context["token"]


def confirm(client, token):
    return client.post(reverse(URL), {"step": "confirm", "token": token})


def checked_file(token, user) -> Path:
    stash, _ = open_confirm_token(token, user=user, path=reverse(URL))
    return Path(settings.MEDIA_ROOT) / PENDING_DIR / f"{stash}.checked"


def refuse_to_check_again(monkeypatch):
    def checked_again(*args, **kwargs):
        raise AssertionError("the confirm validated the rows again")

    monkeypatch.setattr(OrganizationResource, "import_data", checked_again)


def test_the_confirm_writes_the_checked_rows_each_with_its_history(staff_client, bureau_staff, monkeypatch):
    existing = OrganizationFactory(name="旧名幼儿园", credit_code=valid_credit_code("52"))
    token = preview(
        staff_client, [good_row("新办甲幼儿园"), good_row("新办乙幼儿园"), good_row("新名幼儿园", existing.credit_code)]
    )
    assert checked_file(token, bureau_staff).is_file()
    refuse_to_check_again(monkeypatch)

    response = confirm(staff_client, token)

    assert response.status_code == 302
    created = Organization.objects.filter(name__in=["新办甲幼儿园", "新办乙幼儿园"])
    assert created.count() == 2
    for organization in created:
        (record,) = organization.history.all()
        assert record.history_type == "+" and record.history_user == bureau_staff
        assert record.history_change_reason == "Excel导入"
        assert (record.name, record.credit_code, record.township_id) == (
            organization.name,
            organization.credit_code,
            organization.township_id,
        )
    existing.refresh_from_db()
    assert existing.name == "新名幼儿园"
    latest = existing.history.first()
    assert (latest.history_type, latest.name, latest.history_user) == ("~", "新名幼儿园", bureau_staff)
    assert not checked_file(token, bureau_staff).exists()  # dropped with the stash


def test_a_change_since_the_preview_makes_the_confirm_check_every_row_again(staff_client):
    token = preview(staff_client, [good_row("改名前预览幼儿园")])
    Township.objects.filter(name="琅琊镇").update(name="琅琊街道")  # a colleague renames the township

    response = confirm(staff_client, token)

    assert response.status_code == 400
    assert "数据已变化" in response.content.decode()
    assert "琅琊镇" in response.content.decode()  # the row's reason names the township it no longer finds
    assert not Organization.objects.filter(name="改名前预览幼儿园").exists()


def test_an_organization_entered_since_the_preview_is_not_created_twice(staff_client):
    code = valid_credit_code("52")
    token = preview(staff_client, [good_row("预览时新办幼儿园", code)])
    OrganizationFactory(name="同事录入幼儿园", credit_code=code)

    assert confirm(staff_client, token).status_code == 302
    (organization,) = Organization.objects.filter(credit_code=code)
    assert organization.name == "预览时新办幼儿园"  # the file's row updated it, as a new preview would say


def test_a_checked_file_that_was_altered_is_ignored(staff_client, bureau_staff):
    token = preview(staff_client, [good_row("校验文件被改幼儿园")])
    path = checked_file(token, bureau_staff)
    path.write_bytes(b"\0" * 32 + path.read_bytes()[32:])  # the seal no longer matches

    assert confirm(staff_client, token).status_code == 302
    assert Organization.objects.filter(name="校验文件被改幼儿园").count() == 1
