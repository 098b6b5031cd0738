from django import forms

from core.forms import BoundedFormMixin, DateInput, VersionedModelForm

from . import selectors
from .models import CaseKind, ConversionCase, MaterialStatus, Step, Track, TrackStatus, Visit


class StaffChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj) -> str:
        return obj.get_full_name()


class CaseOpenForm(BoundedFormMixin, forms.ModelForm):
    assignee = StaffChoiceField(label="经办人", queryset=selectors.case_staff(), empty_label="请选择经办人")

    class Meta:
        model = ConversionCase
        fields = ["organization", "kind", "assignee", "opened_on", "due_on", "new_name", "note"]
        widgets = {"opened_on": DateInput(), "due_on": DateInput(), "note": forms.Textarea(attrs={"rows": 3})}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["organization"].queryset = selectors.convertible_organizations()
        self.fields["organization"].empty_label = "请选择学科类培训机构"
        self.fields["kind"].initial = CaseKind.CONVERT
        self.fields["due_on"].required = False


class CaseEditForm(VersionedModelForm):
    assignee = StaffChoiceField(label="经办人", queryset=selectors.case_staff())

    class Meta:
        model = ConversionCase
        fields = ["assignee", "due_on", "new_name", "note"]
        widgets = {"note": forms.Textarea(attrs={"rows": 3})}


class TrackForm(VersionedModelForm):
    class Meta:
        model = Track
        fields = ["status", "accepted_on", "completed_on", "document_no", "note"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["status"].choices = TrackStatus.choices


class MaterialForm(forms.Form):
    """Mark one material; the version it was loaded with travels along so a stale mark is refused."""

    status = forms.ChoiceField(
        label="状态",
        choices=[(s.value, s.label) for s in MaterialStatus if s != MaterialStatus.PENDING],
    )
    reason = forms.CharField(label="退回原因", max_length=200, required=False)
    expected_version = forms.IntegerField(widget=forms.HiddenInput)

    def clean(self):
        data = super().clean()
        if data.get("status") == MaterialStatus.RETURNED and not (data.get("reason") or "").strip():
            self.add_error("reason", "退回材料须说明原因。")
        return data


class VisitForm(BoundedFormMixin, forms.ModelForm):
    class Meta:
        model = Visit
        fields = ["visited_on", "visitor", "purpose"]
        widgets = {"visited_on": DateInput()}


class StepForm(BoundedFormMixin, forms.ModelForm):
    class Meta:
        model = Step
        fields = ["done_on", "name", "departments"]
        widgets = {"done_on": DateInput()}


class CompleteForm(forms.Form):
    completed_on = forms.DateField(label="办结日期", required=False, widget=DateInput())
    expected_version = forms.IntegerField(widget=forms.HiddenInput)


class WithdrawForm(forms.Form):
    reason = forms.CharField(label="撤销原因", max_length=200)
    expected_version = forms.IntegerField(widget=forms.HiddenInput)


class NoteForm(forms.Form):
    text = forms.CharField(label="备注", max_length=300, widget=forms.Textarea(attrs={"rows": 2}))
