from django import forms
from django.forms import formset_factory

from core.forms import DateInput, VersionedModelForm

from .models import MAX_LEVEL, BlockKind, Report, SchoolReportForm


class ReportCreateForm(forms.Form):
    year = forms.IntegerField(label="报告年度", min_value=2000, max_value=2100)
    other_matters = forms.BooleanField(label="包含“其他需要报告的事项”部分", required=False)


class ReportMetadataForm(VersionedModelForm):
    class Meta:
        model = Report
        fields = ["title", "file_name", "publisher", "written_on", "disclosure", "disclosure_reason"]


class BlockForm(forms.Form):
    order = forms.IntegerField(label="顺序", min_value=0, required=False, widget=forms.NumberInput(attrs={"min": 0}))
    kind = forms.ChoiceField(label="类型", choices=BlockKind.choices, initial=BlockKind.PARAGRAPH)
    level = forms.TypedChoiceField(
        label="标题层级",
        coerce=int,
        choices=[(1, "1级 一、"), (2, "2级 （一）"), (3, "3级 1."), (4, "4级 （1）")][:MAX_LEVEL],
        initial=2,
    )
    text = forms.CharField(
        label="内容",
        required=False,
        strip=True,
        widget=forms.Textarea(attrs={"rows": 4, "data-figure-target": ""}),
    )


BlockFormSet = formset_factory(BlockForm, extra=2, can_delete=True)


class VersionForm(forms.Form):
    expected_version = forms.IntegerField(widget=forms.HiddenInput)


class SectionAddForm(VersionForm):
    heading = forms.CharField(label="部分标题（一级标题）", max_length=120, initial="其他需要报告的事项")


class ReturnForm(forms.Form):
    reason = forms.CharField(label="退回理由", max_length=500, widget=forms.Textarea(attrs={"rows": 3}))


class ApproveForm(forms.Form):
    written_on = forms.DateField(label="成文日期", required=False, widget=DateInput())


class PublishForm(forms.Form):
    published_on = forms.DateField(label="发布日期", required=False, widget=DateInput())


class SchoolFormForm(VersionedModelForm):
    class Meta:
        model = SchoolReportForm
        fields = [
            "has_counsel",
            "counsel_services",
            "law_activities",
            "activity_participants",
            "self_checks",
            "hazards_found",
            "hazards_closed",
            "charter_and_rules",
            "leadership_study",
            "education",
            "problems",
            "plans",
            "contact",
            "contact_phone",
        ]
        widgets = {
            name: forms.Textarea(attrs={"rows": 3})
            for name in ("charter_and_rules", "leadership_study", "education", "problems", "plans")
        }
