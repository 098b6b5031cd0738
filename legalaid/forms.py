from django import forms
from django.urls import reverse

from core.forms import DateInput, VersionedModelForm, in_pinyin_order
from core.uploads import validate_upload
from core.widgets import SearchModelSelect
from directory.models import SCHOOL_KINDS, Department, DepartmentKind, Organization, OrgKind, OrgStatus
from directory.widgets import searchable

from . import selectors
from .models import Activity, Appointment, CadreTraining, Evaluation, LawFirm, Lawyer, NormativeDocument, ServiceRecord
from .validators import normalize_license_no


class LawyerChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj) -> str:
        return f"{obj.name}（{obj.firm.name}，执业证号{obj.license_no}）"


def school_choices():
    return (
        Organization.objects.filter(kind__in=SCHOOL_KINDS, status=OrgStatus.ACTIVE)
        .order_by("name_key", "id")
        .only("pk", "name")
    )


class FirmForm(VersionedModelForm):
    class Meta:
        model = LawFirm
        fields = ["name", "credit_code", "address", "contact_person", "phone", "notes"]
        widgets = {"notes": forms.Textarea(attrs={"rows": 3})}


class LawyerForm(VersionedModelForm):
    # Longer than 17 on the form so a number typed with spaces can be normalized, then checked.
    license_no = forms.CharField(label="执业证号", max_length=40, help_text="17位数字，可带空格输入。")

    class Meta:
        model = Lawyer
        fields = ["name", "firm", "license_no", "phone", "specialties", "active"]

    def clean_license_no(self) -> str:
        return normalize_license_no(self.cleaned_data["license_no"])


class AppointmentForm(VersionedModelForm):
    """A school administrator's form has no organization field: the view fixes it to their school."""

    lawyer = LawyerChoiceField(label="法律顾问", queryset=selectors.lawyers_to_choose(), empty_label="请选择律师")

    class Meta:
        model = Appointment
        fields = ["organization", "lawyer", "start_date", "end_date", "fee", "scope", "contract_file", "notes"]
        widgets = {
            "scope": forms.Textarea(attrs={"rows": 3}),
            "notes": forms.Textarea(attrs={"rows": 2}),
            "contract_file": forms.FileInput(attrs={"accept": ".pdf,.jpg,.jpeg,.png"}),
        }

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        if user.is_school_admin or self.instance.pk:
            del self.fields["organization"]
        else:
            self.fields["organization"].queryset = school_choices()
            self.fields["organization"].empty_label = "请选择学校或幼儿园"
            searchable(self.fields["organization"], kinds=SCHOOL_KINDS, active=True)
        if self.instance.pk:
            # Keep the current lawyer selectable even if they have since left the register.
            self.fields["lawyer"].queryset = self.fields["lawyer"].queryset | type(self.instance.lawyer).objects.filter(
                pk=self.instance.lawyer_id
            )
        in_pinyin_order(self.fields["lawyer"])
        if self.instance.contract_name:
            self.fields[
                "contract_file"
            ].help_text = f"已上传：{self.instance.contract_name}。重新选择文件将替换原合同。"

    def clean_contract_file(self):
        upload = self.cleaned_data.get("contract_file")
        if upload and hasattr(upload, "content_type"):
            validate_upload(upload, kinds=("pdf", "image"))
        return upload


class TerminateForm(forms.Form):
    on = forms.DateField(label="解聘日期", widget=DateInput())
    reason = forms.CharField(label="解聘原因", max_length=200)


def appointment_label(appointment) -> str:
    return (
        f"{appointment.organization.name} · {appointment.lawyer.name}"
        f"（{appointment.start_date:%Y.%m.%d}—{appointment.ends_on:%Y.%m.%d}）"
    )


class ServiceRecordForm(VersionedModelForm):
    class Meta:
        model = ServiceRecord
        fields = ["appointment", "date", "kind", "hours", "summary"]
        widgets = {"summary": forms.Textarea(attrs={"rows": 4})}

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        field = self.fields["appointment"]
        field.queryset = selectors.appointments_for_user(user).order_by("organization__name_key", "-start_date", "id")
        field.label = "法律顾问"
        field.empty_label = "请选择本校的法律顾问"
        field.label_from_instance = appointment_label
        field.widget = SearchModelSelect(search_url=reverse("legalaid:appointment_search"))
        field.widget.choices = field.choices
        field.widget.is_required = field.required


class EvaluationForm(VersionedModelForm):
    class Meta:
        model = Evaluation
        fields = ["score", "comment"]
        widgets = {"comment": forms.Textarea(attrs={"rows": 4})}


class ActivityForm(VersionedModelForm):
    organizations = forms.ModelMultipleChoiceField(
        label="组织单位",
        queryset=Organization.objects.none(),
        widget=forms.SelectMultiple(attrs={"size": 8}),
        help_text="可多选：输入名称或拼音首字母查找后勾选。教育局组织的活动请选择“金华市婺城区教育局”。",
    )

    class Meta:
        model = Activity
        fields = [
            "title",
            "date",
            "kind",
            "audience",
            "organizations",
            "sessions",
            "participants",
            "winners",
            "description",
        ]
        widgets = {"description": forms.Textarea(attrs={"rows": 4})}

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        if user.is_school_admin:
            del self.fields["organizations"]
        else:
            kinds = SCHOOL_KINDS | {OrgKind.BUREAU}
            self.fields["organizations"].queryset = (
                Organization.objects.filter(kind__in=kinds, status=OrgStatus.ACTIVE)
                .order_by("name_key", "id")
                .only("pk", "name")
            )
            searchable(self.fields["organizations"], kinds=kinds, active=True)
            if self.instance.pk and not self.is_bound:
                self.initial["organizations"] = [o.pk for o in self.instance.organizations.all()]


class PhotoForm(forms.Form):
    image = forms.FileField(label="活动照片", widget=forms.FileInput(attrs={"accept": ".jpg,.jpeg,.png"}))

    def clean_image(self):
        image = self.cleaned_data["image"]
        validate_upload(image, kinds=("image",))
        return image


class TrainingForm(VersionedModelForm):
    class Meta:
        model = CadreTraining
        fields = ["date", "title", "lecturer", "participants", "hours", "content"]
        widgets = {"content": forms.Textarea(attrs={"rows": 3})}


class DocumentForm(VersionedModelForm):
    class Meta:
        model = NormativeDocument
        fields = ["title", "drafting_department", "drafted_on", "notes"]
        widgets = {"notes": forms.Textarea(attrs={"rows": 3})}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["drafting_department"].queryset = Department.objects.filter(kind=DepartmentKind.SECTION)


class DocumentActionForm(forms.Form):
    on = forms.DateField(label="办理日期", widget=DateInput(), required=False, help_text="不填则为今天。")
    opinion = forms.CharField(label="审查意见", widget=forms.Textarea(attrs={"rows": 3}), required=False)
    number = forms.CharField(label="文号", max_length=60, required=False)
    expected_version = forms.IntegerField(widget=forms.HiddenInput)
