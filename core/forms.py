"""Form helpers shared by the apps."""

from django import forms


class DateInput(forms.DateInput):
    input_type = "date"

    def __init__(self, attrs=None):
        super().__init__(attrs=attrs, format="%Y-%m-%d")


class VersionedModelForm(forms.ModelForm):
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


def add_service_errors(form, exc) -> None:
    """Show a service's ValidationError on the form: on its field when the form has it, else on top."""
    if hasattr(exc, "error_dict"):
        for field, messages in exc.message_dict.items():
            target = field if field in form.fields else None
            for message in messages:
                form.add_error(target, message)
    else:
        for message in exc.messages:
            form.add_error(None, message)


def form_status(form) -> int:
    """400 for a submitted form with errors (what was typed is shown again), else 200."""
    return 400 if form.is_bound and form.errors else 200
