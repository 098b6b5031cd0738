"""A <select> of a model's rows rendered without a template per option.

Django renders every <option> through a template: a menu of the province's 1,350 townships, 819
lawyers or every organization took longer to render than the list it filters (docs/performance.md).
"""

from html import escape

from django import forms
from django.forms.models import ModelChoiceIterator
from django.forms.utils import flatatt
from django.utils.html import format_html
from django.utils.safestring import mark_safe


class FastSelect(forms.Select):
    """The markup of forms.Select for a model choice field, its options read as (pk, label) pairs
    instead of a model instance each. `label` names the field(s) the model's str() shows, `fmt`
    joins several: `FastSelect(label=("name", "firm__name"), fmt="{}（{}）")`. Other choices render
    as Django's Select."""

    def __init__(self, attrs=None, choices=(), *, label: str | tuple[str, ...] = "name", fmt: str = "{}"):
        super().__init__(attrs, choices)
        self.label = (label,) if isinstance(label, str) else label
        self.fmt = fmt

    def render(self, name, value, attrs=None, renderer=None):
        if not isinstance(self.choices, ModelChoiceIterator):
            return super().render(name, value, attrs, renderer)
        selected = set(self.format_value(value))
        options = []
        if self.choices.field.empty_label is not None:
            options.append(("", self.choices.field.empty_label))
        rows = self.choices.queryset.values_list("pk", *self.label)
        options += [(pk, self.fmt.format(*parts)) for pk, *parts in rows]
        html = "".join(
            f'<option value="{escape(str(pk))}"{" selected" * (str(pk) in selected)}>{escape(str(label))}</option>'
            for pk, label in options
        )
        return format_html('<select name="{}"{}>', name, flatatt(self.build_attrs(self.attrs, attrs))) + mark_safe(
            html + "</select>"
        )  # noqa: S308 (escaped above)


class SearchMedia:
    js = ("vendor/tom-select/tom-select.complete.min.js", "js/search-select.js")
    css = {"all": ("vendor/tom-select/tom-select.default.min.css", "css/search-select.css")}


class SearchSelect(FastSelect):
    """A FastSelect that static/js/search-select.js turns into a search box (Tom Select) asking
    `search_url` for matches; without JavaScript it is the plain menu, its choice kept after an error."""

    Media = SearchMedia

    def __init__(self, attrs=None, choices=(), *, search_url: str, **kwargs):
        super().__init__({**(attrs or {}), "data-search-url": search_url}, choices, **kwargs)


class SearchModelSelect(forms.Select):
    """A SearchSelect whose options are labelled by the field (label_from_instance), for menus whose
    label is more than a column or two."""

    Media = SearchMedia

    def __init__(self, attrs=None, choices=(), *, search_url: str):
        super().__init__({**(attrs or {}), "data-search-url": search_url}, choices)


class SearchSelectMultiple(forms.SelectMultiple):
    """A multiple select that becomes a searchable checklist (Tom Select with check boxes)."""

    Media = SearchMedia

    def __init__(self, attrs=None, choices=(), *, search_url: str):
        super().__init__({**(attrs or {}), "data-search-url": search_url, "data-checklist": ""}, choices)
