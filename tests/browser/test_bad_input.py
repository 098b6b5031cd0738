"""Journey 4: bad input in the browser keeps what was typed, says what is wrong in Chinese, writes nothing."""

import io

import openpyxl
import pytest

from directory.models import Organization
from tests.factories import PASSWORD, TownshipFactory, UserFactory, valid_credit_code

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def staff_user():
    TownshipFactory(name="琅琊镇")
    return UserFactory(username="browserstaff", full_name="浏览器测试员")


def test_form_with_errors_keeps_input_and_shows_chinese_messages(page, sign_in, staff_user):
    sign_in("browserstaff", PASSWORD)
    page.goto("/directory/new/")
    page.fill("#id_name", "浏览器登记的幼儿园")
    page.select_option("#id_kind", label="民办幼儿园")
    page.select_option("#id_ownership", label="民办")
    page.fill("#id_credit_code", "11330702732038549X")
    page.select_option("#id_township", label="琅琊镇")
    page.click("main form button[type=submit]")
    page.wait_for_load_state("networkidle")
    assert page.input_value("#id_name") == "浏览器登记的幼儿园"
    assert page.input_value("#id_credit_code") == "11330702732038549X"
    assert "校验位错误" in page.locator(".field-error").first.inner_text()
    assert not Organization.objects.filter(name="浏览器登记的幼儿园").exists()
    # Correcting the one field saves it.
    page.fill("#id_credit_code", valid_credit_code("52"))
    page.click("main form button[type=submit]")
    page.wait_for_load_state("networkidle")
    assert page.locator("h1").inner_text() == "浏览器登记的幼儿园"
    # The refused form answers 400, which Chromium logs; nothing else may go wrong on the page.
    assert [e for e in page.console_errors if "status of 400" not in e] == []


def test_import_with_bad_rows_lists_them_and_writes_nothing(page, sign_in, staff_user, tmp_path):
    book = openpyxl.Workbook()
    sheet = book.active
    sheet.append(["机构名称", "机构类型", "办学性质", "营利属性", "统一社会信用代码", "乡镇（街道）"])
    sheet.append(["浏览器导入甲园", "民办幼儿园", "民办", "非营利性", valid_credit_code("52"), "琅琊镇"])
    sheet.append(["浏览器导入乙园", "民办幼儿园", "民办", "非营利性", "123", "琅琊镇"])
    path = tmp_path / "机构.xlsx"
    buffer = io.BytesIO()
    book.save(buffer)
    path.write_bytes(buffer.getvalue())

    sign_in("browserstaff", PASSWORD)
    page.goto("/directory/import/")
    page.set_input_files("#id_file", str(path))
    page.click("form.inline-form button[type=submit]")
    page.wait_for_load_state("networkidle")
    text = page.locator("main").inner_text()
    assert "1 行有误" in text and "第3行" in text and "应为18位" in text
    assert page.locator("button", has_text="确认导入").count() == 0
    assert not Organization.objects.filter(name__startswith="浏览器导入").exists()
