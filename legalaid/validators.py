"""律师执业证号 (lawyer's practising certificate number) check.

17 digits: the 5-digit region code of the law firm (province + city), the 4-digit year of the first
licence, 1 digit for the practice category, 1 digit for sex and a 6-digit serial number.
"""

from datetime import date

from django.core.exceptions import ValidationError

# Lawyers were licensed again from 1979 onwards (律师制度恢复).
FIRST_LICENCE_YEAR = 1979


def license_no_problem(value: str, *, today: date | None = None) -> str | None:
    """Why `value` is not a plausible 执业证号, in Chinese, or None when it is."""
    if not value.isdigit() or not value.isascii():
        return "执业证号只能由数字组成（共17位）。"
    if len(value) != 17:
        return f"执业证号应为17位数字，当前为{len(value)}位。"
    if value[:5] == "00000":
        return "执业证号前5位应为执业机构所在地的地区代码，不能全为0。"
    year = int(value[5:9])
    this_year = (today or date.today()).year
    if not FIRST_LICENCE_YEAR <= year <= this_year:
        return f"执业证号第6至9位为首次执业年份，“{year}”不在{FIRST_LICENCE_YEAR}年至{this_year}年之间。"
    return None


def validate_license_no(value: str) -> None:
    problem = license_no_problem(value)
    if problem:
        raise ValidationError(problem, code="invalid_license_no")


def normalize_license_no(value) -> str:
    return str(value or "").strip().replace(" ", "")
