"""One set of bounds: forms and imports refuse the same values with the same Chinese message."""

import pytest
from django.forms.models import model_to_dict
from django.urls import reverse

from directory.forms import OrganizationForm
from legalaid.forms import ActivityForm
from legalaid.resources import ActivityResource
from reports.forms import SchoolFormForm
from tests.factories import TownshipFactory, valid_credit_code
from tests.imports import xlsx_upload
from tests.reports.factories import SchoolReportFormFactory

pytestmark = pytest.mark.django_db


def form_error(bureau_staff, school_a, participants) -> str:
    data = {"title": "宪法宣传", "date": "2021-12-04", "kind": "constitution", "audience": "students"}
    data |= {"organizations": [school_a.pk], "sessions": "1", "participants": participants}
    form = ActivityForm(data=data, user=bureau_staff)
    assert not form.is_valid()
    return " ".join(form.errors["participants"])


def import_error(client, school_a, participants) -> str:
    columns = [f.column_name for f in ActivityResource().get_export_fields()]
    row = ["宪法宣传", "2021-12-04", "宪法宣传", "学生", school_a.name, 1, participants, None, ""]
    response = client.post(reverse("legalaid:activity_import"), {"file": xlsx_upload(columns, [row])})
    (message,) = [m for m in response.context["preview"].bad_rows[0].errors if m.startswith("参加人数：")]
    return message.removeprefix("参加人数：")


@pytest.mark.parametrize(("typed", "cell"), [("3.5", 3.5), ("1000000000", 1e9), ("99999999999", 99_999_999_999)])
def test_form_and_import_refuse_the_same_participants_with_the_same_message(
    staff_client, bureau_staff, school_a, typed, cell
):
    message = form_error(bureau_staff, school_a, typed)
    assert message in ("请填写整数。", "应在0至100,000之间。")
    assert import_error(staff_client, school_a, cell) == message


def test_a_credit_code_typed_with_spaces_full_width_or_lower_case_is_read_in_forms_and_imports(staff_client):
    township = TownshipFactory(name="琅琊镇")
    code = valid_credit_code("52")
    typed = "　".join([code[:6], code[6:12].lower(), code[12:]]).translate({ord("0"): "０", ord("2"): "２"})
    data = {"name": "空格幼儿园", "kind": "private_kindergarten", "ownership": "private"}
    data |= {"profit_status": "non_profit", "credit_code": typed, "township": township.pk, "sites": "1"}
    data |= {"status": "active"}
    form = OrganizationForm(data=data)
    assert form.is_valid(), form.errors
    assert form.cleaned_data["credit_code"] == code

    columns = ["机构名称", "机构类型", "办学性质", "统一社会信用代码", "乡镇（街道）"]
    row = ["空格幼儿园", "民办幼儿园", "民办", typed, "琅琊镇"]
    response = staff_client.post(reverse("directory:organization_import"), {"file": xlsx_upload(columns, [row])})
    assert response.status_code == 200, response.context["preview"].bad_rows


@pytest.mark.parametrize("score", ["-5", "150"])
def test_the_school_form_refuses_a_safety_score_outside_0_to_100(school_a, score):
    record = SchoolReportFormFactory(organization=school_a)
    data = {k: ("" if v is None else v) for k, v in model_to_dict(record).items()} | {"safety_score": score}
    data["expected_version"] = record.version
    form = SchoolFormForm(data=data, instance=record)
    assert not form.is_valid()
    assert form.errors["safety_score"] == ["应在0至100分之间。"]


def test_dates_outside_the_bounds_are_refused_with_the_year_to_check(staff_client, school_a):
    from inspections.forms import HazardCreateForm

    data = {"organization": school_a.pk, "area": "fire", "severity": "general", "description": "灭火器过期"}
    future = HazardCreateForm(data=data | {"found_on": "2099-05-10"})
    ancient = HazardCreateForm(data=data | {"found_on": "1900-05-10"})
    assert not future.is_valid() and "不能晚于今天" in future.errors["found_on"][0]
    assert not ancient.is_valid() and ancient.errors["found_on"] == ["不能早于1949年1月1日，请核对年份。"]
