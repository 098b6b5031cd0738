from django import forms

from core.dates import EffectiveDateField
from core.forms import VersionedModelForm, VersionForm

from .models import Organization, OrgStatus
from .validators import normalize_credit_code


class OrganizationForm(VersionedModelForm):
    class Meta:
        model = Organization
        fields = [
            "name",
            "kind",
            "ownership",
            "profit_status",
            "credit_code",
            "license_no",
            "township",
            "address",
            "principal",
            "contact_phone",
            "sites",
            "established_on",
            "notes",
        ]
        widgets = {"notes": forms.Textarea(attrs={"rows": 3})}

    def clean_credit_code(self) -> str:
        return normalize_credit_code(self.cleaned_data["credit_code"])


class OrganizationStatusForm(VersionForm):
    """A change of 办学状态 (在办/停办/注销), on the day it happened. The registry form does not change it."""

    status = forms.ChoiceField(label="新的办学状态", choices=OrgStatus.choices)
    status_date = EffectiveDateField(label="状态变更日期", help_text="停办、注销或恢复办学的实际日期，默认今天。")
    reason = forms.CharField(label="说明", max_length=200, required=False, help_text="如批准文号、停办原因。")

    def __init__(self, *args, organization: Organization, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["status"].choices = [(k, v) for k, v in OrgStatus.choices if k != organization.status]
