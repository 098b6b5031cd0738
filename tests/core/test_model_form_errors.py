"""Every model form of the portal reports a model error on a field it does not show, instead of raising.

A model's own validation may name a field the form leaves out (a hazard's 整改时限 when only its 发现日期
is edited). Django raises ValueError for it ("… has no field named …"): an HTTP 500 for the user. The
forms derive from core.forms.PortalModelForm, which shows such an error on top of the form. The forms
are found in every project app's `forms` module, so a new form is covered without being listed here.
"""

import importlib
import inspect
from pathlib import Path

import pytest
from django.apps import apps
from django.conf import settings
from django.core.exceptions import ValidationError
from django.forms import BaseFormSet
from django.forms.models import BaseModelForm

MESSAGE = "交叉校验：该项与表单外的字段冲突。"


def portal_model_forms() -> dict[str, type[BaseModelForm]]:
    found = {}
    base = Path(settings.BASE_DIR)
    for config in apps.get_app_configs():
        path = Path(config.path)
        if not path.is_relative_to(base) or "site-packages" in path.parts or ".venv" in path.parts:
            continue  # a library's app, not the portal's
        try:
            module = importlib.import_module(f"{config.name}.forms")
        except ModuleNotFoundError:
            continue
        for name, value in vars(module).items():
            if not inspect.isclass(value):
                continue
            if issubclass(value, BaseModelForm) and value.__module__ == module.__name__ and value._meta.model:
                found[f"{module.__name__}.{name}"] = value
            elif issubclass(value, BaseFormSet) and issubclass(getattr(value, "form", object), BaseModelForm):
                found[f"{module.__name__}.{name}"] = value.form
    return found


FORMS = portal_model_forms()


def test_the_forms_are_found():
    assert {"inspections.forms.HazardEditForm", "directory.forms.OrganizationForm", "accounts.forms.UserForm"} <= set(
        FORMS
    )
    assert len(FORMS) >= 20


@pytest.mark.django_db
@pytest.mark.parametrize("name", sorted(FORMS))
def test_a_model_error_on_a_field_the_form_does_not_show_is_reported(name, monkeypatch, bureau_staff):
    form_class = FORMS[name]
    model = form_class._meta.model
    shown = set(form_class.base_fields)
    hidden = next(f.name for f in model._meta.concrete_fields if f.name not in shown and not f.primary_key)

    def clean(self):
        raise ValidationError({hidden: MESSAGE})

    monkeypatch.setattr(model, "clean", clean)
    kwargs = {"user": bureau_staff} if "user" in inspect.signature(form_class.__init__).parameters else {}
    form = form_class(data={}, **kwargs)

    assert not form.is_valid()  # and no ValueError ("has no field named …")
    assert MESSAGE in form.non_field_errors()
