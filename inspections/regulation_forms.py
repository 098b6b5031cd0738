"""Forms of the 检查事项清单, the frequency rules and the leader's approvals (国办发〔2024〕54号)."""

from django import forms

from core.dates import EffectiveDateField
from core.forms import DateInput, PortalModelForm, VersionedModelForm, VersionForm
from directory.models import Department, Organization
from directory.widgets import searchable

from .forms import DRAWABLE_KINDS
from .models import CheckMatter, FrequencyRule, VisitApproval


class CheckMatterForm(VersionedModelForm):
    org_kinds = forms.MultipleChoiceField(label="适用对象", choices=DRAWABLE_KINDS, widget=forms.CheckboxSelectMultiple)

    class Meta:
        model = CheckMatter
        fields = ["body", "org_kinds", "method"]
        help_texts = {"body": "具体实施检查的科室或协作部门；执法主体为本局。"}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["body"].queryset = Department.objects.filter(active=True).order_by("kind", "name")


class MatterPublishForm(VersionForm):
    published_on = EffectiveDateField(label="公布日期")


class FrequencyRuleForm(VersionedModelForm):
    org_kind = forms.ChoiceField(label="机构类型", choices=DRAWABLE_KINDS)

    class Meta:
        model = FrequencyRule
        fields = ["year", "org_kind", "max_visits", "repeat_days"]


class VisitApprovalForm(PortalModelForm):
    organization = forms.ModelChoiceField(label="被检查机构", queryset=Organization.objects.order_by("name_key", "id"))
    approved_on = EffectiveDateField(label="审批日期")

    class Meta:
        model = VisitApproval
        fields = ["organization", "visit_on", "reason"]
        widgets = {"visit_on": DateInput(), "reason": forms.Textarea(attrs={"rows": 3})}
        help_texts = {"reason": "写明为何确需超出年度上限或在间隔期内再次检查（如投诉举报核查、事故调查）。"}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        searchable(self.fields["organization"])
