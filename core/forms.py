"""Form helpers shared by the apps."""

from collections.abc import Callable
from typing import Any

from django import forms
from django.contrib import messages
from django.core.exceptions import NON_FIELD_ERRORS, ValidationError
from django.shortcuts import redirect

from . import bounds, pinyin


class DateInput(forms.DateInput):
    input_type = "date"

    def __init__(self, attrs=None):
        super().__init__(attrs=attrs, format="%Y-%m-%d")


class VersionForm(forms.Form):
    """A workflow button's form: the version of the record the user saw, so an action on a record that
    changed meanwhile is refused (the service compares it with the stored version)."""

    expected_version = forms.IntegerField(
        widget=forms.HiddenInput, error_messages={"required": "页面已过期，请刷新后再操作。"}
    )


class BoundedFormMixin:
    """Fields that read numbers and dates say what an Excel import says for the same bad value
    ("3.5" → 请填写整数); the bounds themselves are the model's validators (core.bounds)."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for field in self.fields.values():
            bounds.adjust_form_field(field)


class PortalModelForm(BoundedFormMixin, forms.ModelForm):
    """The base of every model form of the portal: numbers and dates read like an import reads them
    (BoundedFormMixin), and a model error on a field the form does not show is reported, not raised.

    A model's own validation (`clean()`, constraints) may name a field the form does not show — a
    hazard's 整改时限 when only its 发现日期 is edited. Django would raise ValueError ("has no field
    named …", an HTTP 500); here the message is shown on top of the form instead, and nothing is saved.
    """

    def _update_errors(self, errors):
        if hasattr(errors, "error_dict"):
            shown, hidden = {}, []
            for field, messages in errors.error_dict.items():
                if field == NON_FIELD_ERRORS or field in self.fields:
                    shown[field] = messages
                else:
                    hidden += messages
            if hidden:
                shown.setdefault(NON_FIELD_ERRORS, []).extend(hidden)
            errors = ValidationError(shown)
        super()._update_errors(errors)


class VersionedModelForm(PortalModelForm):
    """A model form that carries the record's version, so a stale save can be refused.

    Views pass `form.model_data()` and `form.loaded_version` to the app's update service.
    """

    expected_version = forms.IntegerField(widget=forms.HiddenInput, required=False)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if self.instance.pk:
            # Editing requires the loaded version, so a save can never skip the stale check.
            self.fields["expected_version"].required = True
            if not self.is_bound:
                self.initial["expected_version"] = self.instance.version
        for field in self.fields.values():
            if isinstance(field, forms.DateField):
                field.widget = DateInput()

    @property
    def loaded_version(self) -> int | None:
        """The version of the record the editor loaded (None on create)."""
        return self.cleaned_data.get("expected_version")

    def model_data(self) -> dict:
        """The cleaned values of the model's own (non-m2m) fields."""
        names = [f.name for f in self.instance._meta.concrete_fields]
        return {k: v for k, v in self.cleaned_data.items() if k in names}


def in_pinyin_order(field: forms.ModelChoiceField) -> None:
    """A short model menu (officers, lawyers) read in pinyin order: its labels sorted here, in Python;
    what may be chosen is still the field's queryset. Long menus sort by a stored key instead."""
    field.choices = sorted(field.choices, key=lambda choice: (choice[0] != "", pinyin.sort_key(str(choice[1]))))


def add_service_errors(form, exc) -> None:
    """Show a service's ValidationError on the form: on its field when the form has it, else on top.

    The errors keep their codes, so a view can still tell a stale save (code "stale") from the others.
    """
    if hasattr(exc, "error_dict"):
        for field, errors in exc.error_dict.items():
            form.add_error(field if field in form.fields else None, errors)
    else:
        form.add_error(None, exc)


def error_summary(form) -> str:
    """Every error of a form in one line, for a flash message."""
    return "；".join(e for errors in form.errors.values() for e in errors)


def is_outdated(form) -> bool:
    """The form came from a page that is out of date: it carries no version, or the record changed since
    (a service's StaleVersionError). Showing that form again would only be refused again."""
    stale = any(e.code == "stale" for errors in form.errors.as_data().values() for e in errors)
    return stale or "expected_version" in form.errors


def form_status(form) -> int:
    """400 for a submitted form with errors (what was typed is shown again), else 200."""
    return 400 if form.is_bound and form.errors else 200


def save_form(
    request,
    form,
    save: Callable[[], Any],
    *,
    success: str | Callable[[Any], str],
    next_url=None,
    failure: str | None = None,
):
    """The step every form view shares: validate, call the service, then redirect or show the errors.

    On a valid POST, `save()` (the service call) runs. If the service refuses with a ValidationError,
    its errors go on the form and None is returned, so the view shows the form again (form_status:
    400). If it succeeds, `success` is flashed (a string, or a function of what save() returned, for
    a message that depends on the outcome) and the user goes to `next_url` (anything redirect()
    takes), by default to what save() returned.

    `failure` is for a form posted from a button on another page, where there is no form page to show
    again: a refused submission is flashed as `failure` followed by its errors, and the user goes back
    to `next_url`. With it the result is always a redirect.
    """
    if request.method == "POST" and form.is_valid():
        try:
            saved = save()
        except ValidationError as exc:
            add_service_errors(form, exc)
        else:
            messages.success(request, success(saved) if callable(success) else success)
            return redirect(next_url or saved)
    if failure is None:
        return None
    messages.error(request, failure + error_summary(form))
    return redirect(next_url)
