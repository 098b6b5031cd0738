from django import forms

from core.forms import VersionedModelForm

from .models import Organization
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
            "status",
            "status_date",
            "established_on",
            "notes",
        ]
        widgets = {"notes": forms.Textarea(attrs={"rows": 3})}

    def clean_credit_code(self) -> str:
        return normalize_credit_code(self.cleaned_data["credit_code"])
