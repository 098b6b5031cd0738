"""Form widgets that render their markup in Python instead of through the form template engine.

Django renders every <option> of a Select through a template (about 0.1–0.2 ms each): a filter of the
province's 1,350 townships or 800 lawyers took longer to render than the list it filters. FastSelect
renders the same HTML in Python. A list page's filter form is on every request of a register, so its
text, number and date boxes and its yes/no menus are rendered in Python too (`python_rendered`): the
template renderer took a fifth of an empty list page (a template and an attrs include per box).
"""

import hashlib
from html import escape

from django import forms
from django.core.exceptions import EmptyResultSet
from django.forms.models import ModelChoiceIterator
from django.forms.utils import flatatt
from django.utils.html import conditional_escape, format_html
from django.utils.safestring import mark_safe
from django_filters.widgets import BaseCSVWidget

from .caching import cached_until_changed


class FastSelect(forms.Select):
    """A single <select>, the same markup as forms.Select, rendered without a template per option.

    With `label="name"`, the options of a model choice field are read as (pk, name) pairs straight
    from the database instead of building a model instance per option (use it when the model's
    str() is that field). When str() combines fields, name them and give the format:
    `label=("name", "firm__name"), fmt="{}（{}）"` (800 lawyers: 819 instances and their firms saved).
    """

    def __init__(self, attrs=None, choices=(), *, label: str | tuple[str, ...] | None = None, fmt: str = "{}"):
        super().__init__(attrs, choices)
        self.label = (label,) if isinstance(label, str) else label
        self.fmt = fmt

    # A DataVersion shared by the menus of one form (PortalFilterSet sets it): one query for all.
    version = None

    def source_models(self, queryset) -> set:
        """The model of the options and the models their label reads through a relation."""
        models = {queryset.model}
        for path in self.label:
            model = queryset.model
            for part in path.split("__")[:-1]:
                model = model._meta.get_field(part).related_model
                models.add(model)
        return models

    def _model_options(self, queryset) -> str:
        """The <option> elements of every row, none selected, cached until a row of the model (or of a
        model the label reads through a relation) changes: a province's 1,350 townships took ~9 ms a
        request to read, escape and join."""
        try:
            sql = str(queryset.query)
        except EmptyResultSet:  # queryset.none(): nothing to offer
            return ""
        key = "fastselect:" + hashlib.sha256(f"{sql}|{self.label}|{self.fmt}".encode()).hexdigest()

        def compute():
            rows = queryset.values_list("pk", *self.label)
            return "".join(self._option(pk, self.fmt.format(*parts), ()) for pk, *parts in rows)

        return cached_until_changed(key, self.version or self.source_models(queryset), compute)

    def render(self, name, value, attrs=None, renderer=None):
        final = self.build_attrs(self.attrs, attrs)
        final["name"] = name
        selected = set(self.format_value(value))
        parts = [format_html("<select{}>", flatatt(final))]
        choices = self.choices
        if self.label and isinstance(choices, ModelChoiceIterator):
            if choices.field.empty_label is not None:
                parts.append(self._option("", choices.field.empty_label, selected))
            options = self._model_options(choices.queryset)
            for chosen in selected - {""}:
                plain = f'<option value="{escape(chosen)}">'
                options = options.replace(plain, plain[:-1] + " selected>", 1)
            parts.append(options)
        else:
            for option_value, label in choices:
                if isinstance(label, (list, tuple)):  # an option group
                    parts.append(format_html('<optgroup label="{}">', option_value))
                    parts += [self._option(v, sub, selected) for v, sub in label]
                    parts.append("</optgroup>")
                else:
                    parts.append(self._option(option_value, label, selected))
        parts.append("</select>")
        return mark_safe("".join(parts))

    @staticmethod
    def _option(value, label, selected) -> str:
        # html.escape is what django.utils.html.escape calls, without the lazy-string wrapper.
        value = "" if value is None else str(value)
        flag = " selected" if value in selected else ""
        return f'<option value="{escape(value)}"{flag}>{escape(str(label))}</option>'


def _attrs(attrs: dict) -> str:
    """django/forms/widgets/attrs.html: ` name="value"`, a bare ` name` for True, nothing for False."""
    parts = []
    for name, value in attrs.items():
        if value is True:
            parts.append(f" {conditional_escape(name)}")
        elif value is not False:
            parts.append(f' {conditional_escape(name)}="{conditional_escape(str(value))}"')
    return "".join(parts)


class PythonRenderedInput:
    """Mixin for a forms.Input subclass: the markup of django/forms/widgets/input.html, built in Python
    from the widget's own context (so formats, types and attributes are Django's)."""

    def render(self, name, value, attrs=None, renderer=None):
        widget = self.get_context(name, value, attrs)["widget"]
        value_attr = "" if widget["value"] is None else f' value="{conditional_escape(str(widget["value"]))}"'
        return mark_safe(
            f'<input type="{conditional_escape(widget["type"])}" name="{conditional_escape(widget["name"])}"'
            f"{value_attr}{_attrs(widget['attrs'])}>"
        )


class FastNullBooleanSelect(forms.NullBooleanSelect):
    """The yes/no/all menu (django-filter's BooleanFilter), rendered by FastSelect."""

    def render(self, name, value, attrs=None, renderer=None):
        return FastSelect(self.attrs, self.choices).render(name, self.format_value(value), attrs)


class FastCSVSelect(BaseCSVWidget, FastSelect):
    """django-filter's 排序 menu (its CSV widget over a Select): one chosen order renders through
    FastSelect; several (typed into the URL) fall back to django-filter's text box."""


# Django's inputs whose template is input.html with nothing around it (not a project subclass, which
# may have its own template; not the file or multiple-hidden inputs, which render differently).
PLAIN_INPUTS = frozenset(
    {
        forms.TextInput,
        forms.NumberInput,
        forms.EmailInput,
        forms.URLInput,
        forms.SearchInput,
        forms.TelInput,
        forms.DateInput,
        forms.DateTimeInput,
        forms.TimeInput,
        forms.HiddenInput,
    }
)
_PYTHON_RENDERED = {}


def python_rendered(widget: forms.Widget) -> forms.Widget:
    """The same widget, rendered in Python where this module knows its markup: a plain Select becomes a
    FastSelect, a NullBooleanSelect a FastNullBooleanSelect, django-filter's
    排序 menu a FastCSVSelect, and a text/number/date/email… input keeps
    its class but renders through PythonRenderedInput. Anything else is returned unchanged."""
    kind = type(widget)
    if kind is forms.Select:
        return FastSelect(attrs=widget.attrs, choices=widget.choices)
    if kind.__bases__ == (BaseCSVWidget, forms.Select):  # django-filter builds this class per field
        widget.__class__ = FastCSVSelect
        widget.label, widget.fmt = None, "{}"
        return widget
    if kind is forms.NullBooleanSelect:
        fast = FastNullBooleanSelect(attrs=widget.attrs)
        fast.choices = widget.choices
        return fast
    if kind in PLAIN_INPUTS:
        if kind not in _PYTHON_RENDERED:
            name = f"PythonRendered{kind.__name__}"
            _PYTHON_RENDERED[kind] = type(name, (PythonRenderedInput, kind), {"__module__": __name__})
        widget.__class__ = _PYTHON_RENDERED[kind]
    return widget
