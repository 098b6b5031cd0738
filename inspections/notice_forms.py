"""Forms of the 行政检查审批表, its decision, and the 回避 request and decision."""

from django import forms

from core.dates import EffectiveDateField
from core.forms import DateInput, PortalModelForm
from directory.models import Organization

from .models import ApprovalKind, CheckApproval, Checklist, ChecklistStatus, Officer, Plan


def officer_label(officer) -> str:
    return f"{officer.name}（{officer.certificate_no}）"


class CheckApprovalForm(PortalModelForm):
    """A plan's (its checklist and period by default) or a single visit's 审批表."""

    kind = forms.ChoiceField(label="审批类型", choices=ApprovalKind.choices, widget=forms.RadioSelect)
    organizations = forms.ModelMultipleChoiceField(
        label="被检查机构",
        queryset=Organization.objects.order_by("name_key", "pk"),
        widget=forms.SelectMultiple(attrs={"size": 8}),
        error_messages={"required": "请至少选择1个被检查机构。", "invalid_choice": "请从列表中选择被检查机构。"},
    )
    officers = forms.ModelMultipleChoiceField(
        label="执法人员",
        queryset=Officer.objects.filter(active=True).order_by("name"),
        widget=forms.CheckboxSelectMultiple,
        error_messages={"required": "请至少选择2名执法人员。", "invalid_choice": "请从列表中选择执法人员。"},
    )

    class Meta:
        model = CheckApproval
        fields = ["kind", "plan", "checklist", "basis", "starts_on", "ends_on"]
        widgets = {"basis": forms.Textarea(attrs={"rows": 3}), "starts_on": DateInput(), "ends_on": DateInput()}
        help_texts = {
            "plan": "审批检查行动时选择；检查表和检查期间默认取自该行动。",
            "basis": "如《中华人民共和国民办教育促进法》第四十一条、《中小学幼儿园安全管理办法》第五十条。",
            "ends_on": "单次检查与检查日期起相同。",
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["plan"].queryset = Plan.objects.order_by("-starts_on", "-id")
        self.fields["plan"].required = False
        self.fields["checklist"].queryset = Checklist.objects.filter(status=ChecklistStatus.PUBLISHED)
        self.fields["checklist"].required = False
        self.fields["starts_on"].required = False
        self.fields["ends_on"].required = False
        self.fields["officers"].label_from_instance = officer_label

    def clean(self):
        data = super().clean()
        if not data.get("plan"):
            for name, message in (
                ("checklist", "请选择检查表（检查事项）。"),
                ("starts_on", "请填写检查日期。"),
            ):
                if not data.get(name):
                    self.add_error(name, message)
            if data.get("kind") == ApprovalKind.VISIT and data.get("starts_on") and not data.get("ends_on"):
                data["ends_on"] = data["starts_on"]
        return data

    def model_data(self) -> dict:
        return {f: self.cleaned_data.get(f) for f in self.Meta.fields}


class DecisionForm(forms.Form):
    on = EffectiveDateField(label="审批日期")
    reason = forms.CharField(
        label="退回理由", required=False, max_length=1000, widget=forms.Textarea(attrs={"rows": 2})
    )


class SubmitForm(forms.Form):
    on = EffectiveDateField(label="报批日期")


class RecusalForm(forms.Form):
    officer = forms.ModelChoiceField(
        label="申请回避的执法人员",
        queryset=Officer.objects.none(),
        error_messages={"required": "请选择申请回避的执法人员。", "invalid_choice": "请选择检查通知中列明的执法人员。"},
    )
    reason = forms.CharField(
        label="申请理由",
        max_length=1000,
        widget=forms.Textarea(attrs={"rows": 3}),
        error_messages={"required": "请写明申请回避的理由。"},
        help_text="如执法人员与本单位或其负责人有近亲属关系、利害关系，可能影响公正检查。",
    )

    def __init__(self, *args, notice, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["officer"].queryset = notice.officers.order_by("name")


class RecusalDecisionForm(forms.Form):
    grant = forms.TypedChoiceField(
        label="决定",
        choices=[("1", "同意回避"), ("0", "不同意回避")],
        coerce=lambda v: v == "1",
        widget=forms.RadioSelect,
        error_messages={"required": "请选择同意或不同意。"},
    )
    replacement = forms.ModelChoiceField(
        label="替换的执法人员",
        queryset=Officer.objects.filter(active=True).order_by("name"),
        required=False,
        help_text="同意回避时可指定替换人员；不指定则该人员退出本次检查。",
    )
    reason = forms.CharField(label="理由", required=False, max_length=1000, widget=forms.Textarea(attrs={"rows": 2}))
    on = EffectiveDateField(label="决定日期")

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["replacement"].label_from_instance = officer_label
