"""Effective dates (办理日期): the day a reported state change happened, as opposed to the day it was typed.

Every state change a person reports (a rectification handed in, a verification, a return, an extension,
a visit, a registry status change …) carries the day it happened. It defaults to today, is never in the
future and never before the record it belongs to. The rule is written once here; forms (for the error
beside the field) and services (for every caller) both apply it. The time a change was typed stays in
the audit history (`history_date`, `created_at`, `StatusChange.at`).
"""

from collections.abc import Iterable
from datetime import date

from django import forms
from django.core.exceptions import ValidationError
from django.utils import timezone

from .bounds import DATE_FORMAT_HINT

EFFECTIVE_DATE_LABEL = "办理日期"
EFFECTIVE_DATE_HELP = "事项实际办理的日期，默认今天；补录以前的事项时填写当时的日期。"


def cn_date(day: date) -> str:
    """2021年5月1日."""
    return f"{day.year}年{day.month}月{day.day}日"


def effective_date(
    value: date | None,
    *,
    field: str = "on",
    label: str = EFFECTIVE_DATE_LABEL,
    not_before: Iterable[tuple[date | None, str]] = (),
) -> date:
    """The effective date of a change: `value`, or today when none was given.

    Refused with a Chinese message on `field` when it lies in the future or before any of the
    `not_before` dates (each with the name of what it is, e.g. (hazard.found_on, "发现日期")); dates
    given as None are not checked.
    """
    today = timezone.localdate()
    day = value or today
    if day > today:
        raise ValidationError({field: f"{label}不能晚于今天（{cn_date(today)}）。"}, code="future")
    for bound, name in not_before:
        if bound and day < bound:
            raise ValidationError({field: f"{label}不能早于{name}（{cn_date(bound)}）。"}, code="too_early")
    return day


def not_in_future(value: date | None, *, label: str = "日期") -> None:
    """A form validator: the same "not in the future" rule as `effective_date`, beside the field."""
    if value:
        try:
            effective_date(value, label=label)
        except ValidationError as exc:
            raise ValidationError(exc.messages, code="future") from None


class EffectiveDateField(forms.DateField):
    """The 办理日期 of a form: a date input that starts at today and refuses a future day.

    Left empty it means today (the services' default), as the field's initial value says.

    "Not before the record it belongs to" is the service's rule (it knows the record); its error comes
    back on this field through `core.forms.save_form` when the field is named as the service's `field`.
    """

    def __init__(self, *, label: str = EFFECTIVE_DATE_LABEL, help_text: str = EFFECTIVE_DATE_HELP, **kwargs):
        from .forms import DateInput

        kwargs.setdefault("initial", timezone.localdate)
        kwargs.setdefault("required", False)
        kwargs.setdefault("widget", DateInput())
        kwargs.setdefault("error_messages", {"required": f"请填写{label}。", "invalid": DATE_FORMAT_HINT})
        super().__init__(
            label=label, help_text=help_text, validators=[lambda value: not_in_future(value, label=label)], **kwargs
        )


def parse_year(value, default: int | None = None) -> int:
    """A year asked for in a URL (`?year=`): 2000 to next year, else `default` (this year when not given)."""
    today = timezone.localdate()
    try:
        year = int(value)
    except (TypeError, ValueError):
        year = None
    if year is not None and 2000 <= year <= today.year + 1:
        return year
    return today.year if default is None else default
