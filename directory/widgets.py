"""Organization menus that search the registry as the user types (core.widgets.SearchSelect)."""

from urllib.parse import urlencode

from django import forms
from django.urls import reverse

from core.widgets import SearchSelect, SearchSelectMultiple


def search_url(*, kinds=(), open_on=None, active: bool = False) -> str:
    """The search endpoint limited as the form's menu is, so it offers nothing the form would refuse."""
    params = [("kind", kind) for kind in sorted(kinds)]
    if open_on:
        params.append(("open_on", open_on.isoformat()))
    if active:
        params.append(("active", "1"))
    return reverse("directory:organization_search") + ("?" + urlencode(params) if params else "")


def searchable(field: forms.ModelChoiceField, **limits) -> None:
    """Give an organization field a searchable menu; `limits` (kinds, open_on, active) must match the
    field's queryset."""
    multiple = isinstance(field, forms.ModelMultipleChoiceField)
    widget_class = SearchSelectMultiple if multiple else SearchSelect
    widget = widget_class(field.widget.attrs, search_url=search_url(**limits))
    widget.choices = field.choices
    widget.is_required = field.required
    field.widget = widget
