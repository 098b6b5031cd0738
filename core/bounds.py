"""One set of bounds for every number and date the portal stores.

The bounds live on the model fields as validators (`validators=bounds.COUNT`,
`validators=[bounds.FACT]`), so a form (through the model's `full_clean`), an Excel import (every row
is `full_clean`ed) and a service (which calls `full_clean`) refuse the same values with the same
Chinese message. Reading a typed value (is "3.5" a whole number? is "2021-13-45" a date?) is shared
too: forms adjust their fields with `adjust_form_field`, and imports read every plain cell through
`form_field(model_field)`, the same Django form field a form uses, so "3.5" participants is refused
with one message in both.

docs/bounds.md lists the bound of every field and why.
"""

from datetime import date, datetime, timedelta
from decimal import Decimal

from django import forms
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.utils import timezone
from django.utils.deconstruct import deconstructible

EARLIEST = date(1949, 1, 1)

# Messages shared by forms and imports (a form field and an import cell say the same thing).
WHOLE_NUMBER = "请填写整数。"
NUMBER = "请填写数字。"
DATE_FORMAT_HINT = "日期无法识别，请写成2021-05-01的格式。"


def chinese_date(day: date) -> str:
    return f"{day.year}年{day.month}月{day.day}日"


def _number(value) -> str:
    if isinstance(value, Decimal) and value == value.to_integral_value():
        value = int(value)
    return f"{value:,}" if isinstance(value, int) else str(value)


def between(low, high, unit: str = "") -> list:
    """A number from `low` to `high`, one message for both ends. Django's own validators, so that
    Django adds no second "确保该值小于或等于2147483647" for the database's integer range."""
    message = f"应在{_number(low)}至{_number(high)}{unit}之间。"
    return [MinValueValidator(low, message=message), MaxValueValidator(high, message=message)]


@deconstructible
class DateBound:
    """A date from `EARLIEST` (or `earliest`) to today plus `days_ahead` days.

    `days_ahead=0` is a fact (an inspection, a visit: it happened, so not after today); 366 is a
    date of the working year (a plan, a deadline); longer for validity periods (a certificate).
    Today is read when a value is checked, never frozen into a migration.
    """

    def __init__(self, days_ahead: int = 0, earliest: date = EARLIEST):
        self.days_ahead, self.earliest = days_ahead, earliest

    def latest(self) -> date:
        return timezone.localdate() + timedelta(days=self.days_ahead)

    def __call__(self, value) -> None:
        if value is None:
            return
        if isinstance(value, datetime):
            value = timezone.localtime(value).date() if timezone.is_aware(value) else value.date()
        if value < self.earliest:
            raise ValidationError(f"不能早于{chinese_date(self.earliest)}，请核对年份。", code="date_too_early")
        latest = self.latest()
        if value > latest:
            if self.days_ahead == 0:
                raise ValidationError(f"不能晚于今天（{chinese_date(latest)}）。", code="date_in_future")
            raise ValidationError(f"不能晚于{chinese_date(latest)}，请核对年份。", code="date_too_late")

    def __eq__(self, other) -> bool:
        return isinstance(other, DateBound) and (self.days_ahead, self.earliest) == (other.days_ahead, other.earliest)

    def __hash__(self) -> int:
        return hash((self.days_ahead, self.earliest))


@deconstructible
class YearBound:
    """A year from 1949 to next year."""

    def __call__(self, value) -> None:
        if value is None:
            return
        latest = timezone.localdate().year + 1
        if not (EARLIEST.year <= value <= latest):
            raise ValidationError(f"年度应在{EARLIEST.year}至{latest}之间。", code="year_out_of_range")

    def __eq__(self, other) -> bool:
        return isinstance(other, YearBound)

    def __hash__(self) -> int:
        return hash(YearBound)


# The bounds by meaning; docs/bounds.md says which field uses which.
COUNT = between(0, 100_000)  # people, 人次, services, hazards, inspections of a year
SESSIONS = between(1, 1_000)  # 场次 of one activity record
SITES = between(1, 100)  # 办学点, 智安校园点位 of one organization
SCORE = between(0, 100, "分")
MONEY = [MinValueValidator(Decimal("0"), message="不能小于0元。")]
FACT = DateBound(days_ahead=0)  # it happened: not after today
WORKING_YEAR = DateBound(days_ahead=366)  # planned or set dates (plans, deadlines): up to a year ahead
VALIDITY = DateBound(days_ahead=366 * 10)  # the end of a certificate or a contract
FOUNDED = DateBound(days_ahead=0, earliest=date(1800, 1, 1))  # 百年老校 exist
YEAR = YearBound()
# Free text from the public (扫码评价的意见建议): long enough for a paragraph, short enough to read in a list.
COMMENT_LENGTH = 500


def adjust_form_field(field: forms.Field) -> forms.Field:
    """Give a form field the portal's messages for values it cannot read (used by forms and imports)."""
    if isinstance(field, forms.IntegerField):
        field.error_messages["invalid"] = WHOLE_NUMBER
    elif isinstance(field, forms.DecimalField | forms.FloatField):
        field.error_messages["invalid"] = NUMBER
    elif isinstance(field, forms.DateField):
        field.error_messages["invalid"] = DATE_FORMAT_HINT
    return field


def form_field(model_field) -> forms.Field:
    """The form field a model form shows for `model_field`, as an import reads the same column."""
    field = model_field.formfield()
    if field is None:
        raise ValueError(f"{model_field.name} has no form field")
    return adjust_form_field(field)
