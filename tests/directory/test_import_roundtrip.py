"""What the registry exports imports back: unchanged rows are 未变, blank optional cells stay blank,
and a preview that passes confirms — also at 10,000 rows through the task worker."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from core.models import ExportJob, ImportJob
from directory.models import Organization, OrgKind, Ownership, ProfitStatus
from tests.factories import OrganizationFactory, TownshipFactory, valid_credit_code
from tests.imports import confirm

pytestmark = pytest.mark.django_db


def blank_optional(**kwargs):
    """An organization whose optional columns (许可证号, 地址, 法定代表人, 电话) are empty."""
    return OrganizationFactory(license_no="", address="", principal="", contact_phone="", **kwargs)


def test_the_registry_export_imports_back_unchanged(staff_client):
    blank_optional(name="空白甲小学")
    OrganizationFactory(name="乙小学", license_no="教民1330702号", sites=3)
    OrganizationFactory(name='=HYPERLINK("x")幼儿园', kindergarten=True)
    history = Organization.history.count()
    exported = staff_client.get(reverse("directory:organization_export")).content
    url = reverse("directory:organization_import")
    preview = staff_client.post(url, {"file": SimpleUploadedFile("机构名录.xlsx", exported)})
    assert preview.status_code == 200
    assert "新增 0 条，更新 0 条，未变 3 条" in preview.content.decode()
    done = confirm(staff_client, url, preview)
    assert done.status_code == 302
    assert "新增0条，更新0条，未变3条" in staff_client.get(done["Location"]).content.decode()
    assert Organization.history.count() == history  # nothing was rewritten


def test_blank_optional_cells_import_as_blank_text(staff_client):
    blank_optional(name="空白甲小学")
    exported = staff_client.get(reverse("directory:organization_export")).content
    Organization.objects.all().delete()
    url = reverse("directory:organization_import")
    preview = staff_client.post(url, {"file": SimpleUploadedFile("机构名录.xlsx", exported)})
    assert "新增 1 条" in preview.content.decode()
    assert confirm(staff_client, url, preview).status_code == 302
    org = Organization.objects.get(name="空白甲小学")
    assert (org.license_no, org.address, org.principal, org.contact_phone) == ("", "", "", "")


def test_a_changed_row_is_an_update_and_the_rest_stay_unchanged(staff_client):
    blank_optional(name="甲小学")
    OrganizationFactory(name="乙小学")
    exported = staff_client.get(reverse("directory:organization_export")).content
    Organization.objects.filter(name="乙小学").update(name="乙小学（旧名）")
    url = reverse("directory:organization_import")
    preview = staff_client.post(url, {"file": SimpleUploadedFile("机构名录.xlsx", exported)})
    assert "新增 0 条，更新 1 条，未变 1 条" in preview.content.decode()


def test_ten_thousand_exported_rows_with_blank_cells_preview_and_confirm(
    settings, staff_client, bureau_staff, django_capture_on_commit_callbacks
):
    """The registry's own export of 10,000 organizations (every optional cell blank) passes the
    preview and the confirm writes all of them (the large-file path: export and import jobs)."""
    township = TownshipFactory(name="琅琊镇")
    Organization.objects.bulk_create(
        Organization(
            name=f"规模测试{n}幼儿园",
            kind=OrgKind.PRIVATE_KINDERGARTEN,
            ownership=Ownership.PRIVATE,
            profit_status=ProfitStatus.NON_PROFIT,
            credit_code=valid_credit_code("52"),
            township=township,
        )
        for n in range(10_000)
    )
    with django_capture_on_commit_callbacks(execute=True):
        staff_client.get(reverse("directory:organization_export"))
    export = ExportJob.objects.get()
    exported = staff_client.get(reverse("core:export_download", args=[export.pk])).getvalue()
    Organization.objects.all().delete()

    url = reverse("directory:organization_import")
    with django_capture_on_commit_callbacks(execute=True):
        staff_client.post(url, {"file": SimpleUploadedFile("机构名录.xlsx", exported)})
    job = ImportJob.objects.get()
    assert job.status == ImportJob.Status.READY, job.result.get("bad")
    assert job.result["new"] == 10_000
    with django_capture_on_commit_callbacks(execute=True):
        staff_client.post(reverse("core:import_job", args=[job.pk]))
    job.refresh_from_db()
    assert job.status == ImportJob.Status.DONE
    assert Organization.objects.filter(address="", license_no="", principal="", contact_phone="").count() == 10_000
