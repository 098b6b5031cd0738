"""How an import reads a cell (django-import-export widgets, configured for the portal).

Every widget raises ValueError with a Chinese message; the resource prefixes the column's name and
the preview the row's number. A plain column reads its cell exactly as the model form reads the same
field (`FieldWidget`), so forms and imports accept and refuse the same values with the same words.
"""

from datetime import date

from django import forms
from django.core.exceptions import ValidationError
from import_export import widgets

from . import bounds
from .imports import FORMULA_MESSAGE, FORMULA_WITHOUT_VALUE


class FieldWidget(widgets.Widget):
    """A cell read by the form field of its model field (core.bounds.form_field): "3.5" for a count is
    refused with 请填写整数, "2021-13-45" with the date hint, a blank optional text cell is ""."""

    def __init__(self, model_field, *, has_default: bool = False):
        super().__init__(coerce_to_string=True)
        self.form_field = bounds.form_field(model_field)
        if has_default:
            self.form_field.required = False  # a blank cell takes the column's default

    def clean(self, value, row=None, **kwargs):
        if value is FORMULA_WITHOUT_VALUE:
            raise ValueError(FORMULA_MESSAGE)
        if isinstance(value, str):
            value = value.strip()
        elif (
            value is not None
            and isinstance(self.form_field, forms.DateField | forms.DateTimeField)
            and not isinstance(value, date)
        ):
            value = str(value)  # a number in a date column: a form only ever receives text
        try:
            return self.form_field.clean(value)
        except ValidationError as exc:
            raise ValueError(" ".join(exc.messages)) from None

    def render(self, value, obj=None, **kwargs):
        if value is None:
            return ""
        if kwargs.get("force_native_type"):
            return value
        return value.isoformat() if isinstance(value, date) else str(value)


class ChoiceLabelWidget(widgets.Widget):
    """Read and write a choice field by its Chinese label (e.g. 公办小学), refusing unknown labels."""

    def __init__(self, choices, what: str, **kwargs):
        super().__init__(**kwargs)
        self.by_label = {str(label): value for value, label in choices}
        self.by_value = {value: str(label) for value, label in choices}
        self.what = what

    def clean(self, value, row=None, **kwargs):
        text = "" if value is None else str(value).strip()
        if not text:
            return ""
        if text in self.by_label:
            return self.by_label[text]
        if text in self.by_value:
            return text
        raise ValueError(f"未知的{self.what}“{text}”，可选：{'、'.join(self.by_label)}。")

    def render(self, value, obj=None, **kwargs):
        return self.by_value.get(value, value or "")


class NameForeignKeyWidget(widgets.ForeignKeyWidget):
    """A foreign key given by its name, with a Chinese message when nothing matches."""

    def __init__(self, model, field="name", what="", **kwargs):
        super().__init__(model, field=field, **kwargs)
        self.what = what or model._meta.verbose_name

    def clean(self, value, row=None, **kwargs):
        key = "" if value is None else str(value).strip()
        if not key:
            return None
        # One query per distinct value in the file, not one per row.
        if getattr(self, "_cache", None) is None:
            self._cache = {}
        if key not in self._cache:
            self._cache[key] = list(self.get_queryset(value, row, **kwargs).filter(**{self.field: key})[:2])
        matches = self._cache[key]
        if not matches:
            raise ValueError(f"未知的{self.what}“{key}”。")
        if len(matches) > 1:
            raise ValueError(f"有多个名为“{key}”的{self.what}，无法确定是哪一个。")
        return matches[0]


class NamesWidget(widgets.ManyToManyWidget):
    """Names separated by 、 (or commas); an unknown name is an error, never silently dropped."""

    SEPARATOR = "、"

    def __init__(self, model, what: str, field: str = "name"):
        super().__init__(model, separator=self.SEPARATOR, field=field)
        self.what = what
        self._cache: dict[str, list] = {}

    def names(self, value) -> list[str]:
        text = str(value or "").replace("，", self.SEPARATOR).replace(",", self.SEPARATOR)
        return list(dict.fromkeys(n.strip() for n in text.split(self.SEPARATOR) if n.strip()))

    def clean(self, value, row=None, **kwargs):
        names = self.names(value)
        key = self.SEPARATOR.join(names)
        if key not in self._cache:  # a file repeats the same few lists of names
            found = {getattr(o, self.field): o for o in self.model.objects.filter(**{f"{self.field}__in": names})}
            unknown = [n for n in names if n not in found]
            if unknown:
                raise ValueError(f"未知的{self.what}“{self.SEPARATOR.join(unknown)}”。")
            self._cache[key] = [found[n] for n in names]
        return self._cache[key]

    def render(self, value, obj=None, **kwargs):
        if value is None:
            return ""
        return self.SEPARATOR.join(str(getattr(o, self.field)) for o in value.all())
