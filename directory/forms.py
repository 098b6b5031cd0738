from django import forms

from core.forms import VersionedModelForm

from .models import Organization


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
