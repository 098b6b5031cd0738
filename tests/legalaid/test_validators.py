import pytest
from django.core.exceptions import ValidationError

from legalaid.validators import license_no_problem, validate_license_no


def test_a_well_formed_licence_number_passes():
    assert license_no_problem("13307200611000100") is None
    validate_license_no("13307201510123456")


@pytest.mark.parametrize(
    ("value", "message"),
    [
        ("1330720061100010", "应为17位数字，当前为16位"),
        ("133072006110001000", "当前为18位"),
        ("1330720061100010X", "只能由数字组成"),
        ("１３３０７２００６１１０００１００", "只能由数字组成"),  # full-width digits
        ("13307197811000100", "“1978”不在1979年"),
        ("13307209911000100", "“2099”不在1979年"),
        ("00000200611000100", "不能全为0"),
    ],
)
def test_malformed_licence_numbers_are_refused_in_chinese(value, message):
    assert message in license_no_problem(value)
    with pytest.raises(ValidationError):
        validate_license_no(value)
