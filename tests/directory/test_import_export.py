import io

import openpyxl
import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from directory.models import Organization
from tests.factories import OrganizationFactory, TownshipFactory, valid_credit_code
from tests.imports import confirm

pytestmark = pytest.mark.django_db
HEADERS = ["机构名称", "机构类型", "办学性质", "营利属性", "统一社会信用代码", "乡镇（街道）", "办学点数", "办学状态"]


def xlsx(rows, headers=HEADERS):
    book = openpyxl.Workbook()
    sheet = book.active
    sheet.append(headers)
    for row in rows:
        sheet.append(row)
    buffer = io.BytesIO()
    book.save(buffer)
    return SimpleUploadedFile("机构.xlsx", buffer.getvalue())


@pytest.fixture
def township():
    return TownshipFactory(name="琅琊镇")


def good_row(name, code=None, township="琅琊镇"):
    return [name, "民办幼儿园", "民办", "非营利性", code or valid_credit_code("52"), township, 1, "在办"]


def test_file_with_bad_rows_lists_every_reason_and_writes_nothing(staff_client, township):
    dup = valid_credit_code("52")
    rows = [
        good_row("导入甲幼儿园"),
        good_row("导入乙幼儿园", code="11330702732038549X"),  # wrong check character
        ["", "民办幼儿园", "民办", "非营利性", valid_credit_code("52"), "琅琊镇", 1, "在办"],  # no name
        good_row("导入丙幼儿园", code=dup),
        good_row("导入丁幼儿园", code=dup),  # duplicate of the row above
        ["导入戊机构", "宇宙学院", "民办", "非营利性", valid_credit_code("52"), "琅琊镇", 1, "在办"],  # unknown kind
        good_row("导入己幼儿园", township="火星镇"),  # unknown township
    ]
    response = staff_client.post(reverse("directory:organization_import"), {"file": xlsx(rows)})
    assert response.status_code == 400
    preview = response.context["preview"]
    bad = {row.line: " ".join(row.errors) for row in preview.bad_rows}
    assert set(bad) == {3, 4, 6, 7, 8}
    assert "校验位错误" in bad[3]
    assert "机构名称" in bad[4]
    assert "与第5行重复" in bad[6]
    assert "未知的机构类型“宇宙学院”" in bad[7]
    assert "未知的乡镇（街道）“火星镇”" in bad[8]
    assert 'value="confirm"' not in response.content.decode()
    assert not Organization.objects.filter(name__startswith="导入").exists()


def test_valid_file_previews_then_imports_on_confirm(staff_client, bureau_staff, township):
    existing = OrganizationFactory(name="旧名称幼儿园")
    rows = [good_row("导入甲幼儿园"), good_row("新名称幼儿园", code=existing.credit_code)]
    url = reverse("directory:organization_import")
    preview = staff_client.post(url, {"file": xlsx(rows)})
    assert preview.status_code == 200 and preview.context["preview"].ok
    assert not Organization.objects.filter(name="导入甲幼儿园").exists()  # preview writes nothing
    done = confirm(staff_client, url, preview)
    assert done.status_code == 302
    created = Organization.objects.get(name="导入甲幼儿园")
    assert created.created_by == bureau_staff
    existing.refresh_from_db()
    assert existing.name == "新名称幼儿园"


def test_missing_columns_and_wrong_file_type_are_refused(staff_client, township):
    url = reverse("directory:organization_import")
    response = staff_client.post(url, {"file": xlsx([["甲"]], headers=["机构名称"])})
    assert response.status_code == 400 and "缺少必需的列" in response.content.decode()
    response = staff_client.post(url, {"file": SimpleUploadedFile("a.txt", b"hello")})
    assert response.status_code == 400 and "只能导入" in response.content.decode()


def test_import_is_for_bureau_writers_only(leader_client, school_a_client):
    url = reverse("directory:organization_import")
    assert leader_client.get(url).status_code == 403
    assert school_a_client.get(url).status_code == 403


def test_export_follows_filters_and_escapes_formulae(staff_client):
    OrganizationFactory(name='=HYPERLINK("http://x")小学')
    OrganizationFactory(kindergarten=True, name="只导出这所幼儿园")
    response = staff_client.get(reverse("directory:organization_export"), {"kind": "public_kindergarten"})
    assert response.status_code == 200
    assert "attachment" in response["Content-Disposition"]
    sheet = openpyxl.load_workbook(io.BytesIO(response.content)).active
    values = [row[0] for row in sheet.iter_rows(min_row=2, values_only=True)]
    assert values == ["只导出这所幼儿园"]
    everything = openpyxl.load_workbook(io.BytesIO(staff_client.get(reverse("directory:organization_export")).content))
    cells = [row[0] for row in everything.active.iter_rows(min_row=2)]
    formula = next(c for c in cells if "HYPERLINK" in str(c.value))
    assert formula.data_type == "s" and formula.quotePrefix  # text, not a formula
    assert formula.value == '=HYPERLINK("http://x")小学'  # and nothing lost
    header = next(everything.active.iter_rows(max_row=1, values_only=True))
    assert header[0] == "机构名称"


def test_confirm_rechecks_and_writes_nothing_if_the_data_changed_since_the_preview(staff_client, township):
    url = reverse("directory:organization_import")
    rows = [good_row("导入甲幼儿园"), good_row("导入乙幼儿园")]
    preview = staff_client.post(url, {"file": xlsx(rows)})
    assert preview.context["preview"].ok
    OrganizationFactory(name="抢先登记", credit_code=rows[1][4])  # someone registers row 2's code meanwhile
    response = confirm(staff_client, url, preview)
    assert response.status_code == 302
    # Row 2 is now an update of the record registered meanwhile; row 1 is new: both valid, both written.
    assert Organization.objects.get(credit_code=rows[1][4]).name == "导入乙幼儿园"


def test_confirm_with_a_row_made_invalid_meanwhile_writes_nothing(staff_client, township):
    url = reverse("directory:organization_import")
    other = TownshipFactory(name="汤溪镇")
    rows = [good_row("导入甲幼儿园"), good_row("导入乙幼儿园", township="汤溪镇")]
    preview = staff_client.post(url, {"file": xlsx(rows)})
    assert preview.context["preview"].ok
    other.delete()  # the township of row 2 is removed before confirming
    response = confirm(staff_client, url, preview)
    assert response.status_code == 400
    assert "未知的乡镇（街道）“汤溪镇”" in response.content.decode()
    assert not Organization.objects.filter(name__startswith="导入").exists()


def test_imported_and_renamed_organizations_are_found_by_pinyin_and_sorted(staff_client, township):
    existing = OrganizationFactory(name="旧名称幼儿园")
    rows = [good_row("婺城区第十一幼儿园"), good_row("婺城区第二幼儿园", code=existing.credit_code)]
    url = reverse("directory:organization_import")
    confirm(staff_client, url, staff_client.post(url, {"file": xlsx(rows)}))
    search = reverse("directory:organization_search")
    found = [row["text"] for row in staff_client.get(search, {"q": "wcqd"}).json()["results"]]
    assert found == ["婺城区第二幼儿园", "婺城区第十一幼儿园"]  # the bulk update re-keyed the renamed row
    assert not staff_client.get(search, {"q": "jmc"}).json()["results"]  # its old name (旧名称) is gone
