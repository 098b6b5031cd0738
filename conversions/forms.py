from django import forms
from django.utils import timezone

from core.dates import EffectiveDateField, not_in_future
from core.forms import DateInput, PortalModelForm, VersionedModelForm
from directory.validators import credit_code_problem, normalize_credit_code

from . import selectors
from .models import CaseKind, ConversionCase, Dept, MaterialStatus, ProcedureBaseline, Step, Track, TrackStatus, Visit


class StaffChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj) -> str:
        return obj.get_full_name()


class CaseOpenForm(PortalModelForm):
    assignee = StaffChoiceField(label="经办人", queryset=selectors.case_staff(), empty_label="请选择经办人")

    class Meta:
        model = ConversionCase
        fields = ["organization", "kind", "assignee", "opened_on", "due_on", "new_name", "note"]
        widgets = {"opened_on": DateInput(), "due_on": DateInput(), "note": forms.Textarea(attrs={"rows": 3})}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["organization"].queryset = selectors.convertible_organizations()
        self.fields["organization"].empty_label = "请选择学科类培训机构"
        self.fields["organization"].help_text = "只列出在办、尚未办结过营转非案件、也没有办理中案件的学科类培训机构。"
        self.fields["kind"].initial = CaseKind.CONVERT
        self.fields["opened_on"].initial = timezone.localdate
        self.fields["opened_on"].help_text = "实际受理的日期，默认今天；补录以前的案件时填写当时的日期。"
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
        help_texts = {
            "accepted_on": "部门实际受理的日期；留空按今天记。",
            "completed_on": "部门实际办结的日期；标为已办结时留空按今天记。",
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["status"].choices = TrackStatus.choices
        for name in ("accepted_on", "completed_on"):
            self.fields[name].validators.append(not_in_future)


class MaterialForm(forms.Form):
    """Mark one material; the version it was loaded with travels along so a stale mark is refused."""

    status = forms.ChoiceField(
        label="状态",
        choices=[(s.value, s.label) for s in MaterialStatus if s != MaterialStatus.PENDING],
    )
    reason = forms.CharField(label="退回原因", max_length=200, required=False)
    expected_version = forms.IntegerField(widget=forms.HiddenInput)
    on = EffectiveDateField()

    def clean(self):
        data = super().clean()
        if data.get("status") == MaterialStatus.RETURNED and not (data.get("reason") or "").strip():
            self.add_error("reason", "退回材料须说明原因。")
        return data


class VerifyAllForm(forms.Form):
    """核验全部材料: on the day the window checked them."""

    on = EffectiveDateField()


class VisitForm(PortalModelForm):
    class Meta:
        model = Visit
        fields = ["visited_on", "visitor", "purpose"]
        widgets = {"visited_on": DateInput()}


class StepForm(PortalModelForm):
    class Meta:
        model = Step
        fields = ["done_on", "name", "departments"]
        widgets = {"done_on": DateInput()}


class CompleteForm(forms.Form):
    """办结: the day, and for the registry the new code and licence number the user confirms.

    A 转登 needs the 统一社会信用代码 of the new 民办非企业单位 and the reissued 办学许可证号; a 变更 the
    licence number it keeps (blank once the subject-class licence is cancelled); a 注销 neither. They are
    proposed from the tracks' document numbers where those look right, and saved only as confirmed here.
    """

    completed_on = EffectiveDateField(
        label="办结日期", help_text="案件实际办结的日期，默认今天；不能早于各部门最后办结的日期。"
    )
    credit_code = forms.CharField(
        label="转登后统一社会信用代码",
        max_length=30,
        help_text="民政登记后的新代码（原公司代码随公司注销而停用）。",
    )
    license_no = forms.CharField(label="换发后的办学许可证号", max_length=40)
    expected_version = forms.IntegerField(widget=forms.HiddenInput)

    def __init__(self, *args, case: ConversionCase, **kwargs):
        super().__init__(*args, **kwargs)
        documents = {t.department: t.document_no.strip() for t in case.tracks.all()}
        if case.kind == CaseKind.CONVERT:
            code = normalize_credit_code(documents.get(Dept.CIVIL, ""))
            self.initial.setdefault("credit_code", "" if credit_code_problem(code) else code)
            self.initial.setdefault("license_no", documents.get(Dept.EDUCATION, ""))
            if documents.get(Dept.EDUCATION):
                self.fields["license_no"].help_text = "已按教育部门登记的证照编号预填，请与新证核对。"
        elif case.kind == CaseKind.CHANGE:
            del self.fields["credit_code"]
            self.fields["license_no"].label = "变更后的办学许可证号"
            self.fields["license_no"].required = False
            self.fields["license_no"].help_text = "学科类办学许可证注销后不再持证的，请留空。"
            self.initial.setdefault("license_no", case.organization.license_no)
        else:
            del self.fields["credit_code"]
            del self.fields["license_no"]


class WithdrawForm(forms.Form):
    reason = forms.CharField(label="撤销原因", max_length=200)
    on = EffectiveDateField(label="撤销日期")
    expected_version = forms.IntegerField(widget=forms.HiddenInput)


class NoteForm(forms.Form):
    text = forms.CharField(label="备注", max_length=300, widget=forms.Textarea(attrs={"rows": 2}))


class BaselineForm(VersionedModelForm):
    """改革前基数: the steps and visits before the joint window, recorded once by the bureau."""

    class Meta:
        model = ProcedureBaseline
        fields = ["year", "steps", "visits", "source"]
