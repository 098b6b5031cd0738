from django import forms
from django.forms import formset_factory
from django.utils.html import format_html

from core.forms import DateInput, VersionedModelForm, VersionForm

from . import chips
from .models import MAX_LEVEL, BlockKind, Report, SchoolReportForm


class ReportCreateForm(forms.Form):
    year = forms.IntegerField(label="报告年度", min_value=2000, max_value=2100)
    other_matters = forms.BooleanField(label="包含“其他需要报告的事项”部分", required=False)


class ReportMetadataForm(VersionedModelForm):
    class Meta:
        model = Report
        fields = ["title", "file_name", "publisher", "written_on", "signed_on", "disclosure", "disclosure_reason"]


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

    def clean_text(self):
        """The text as stored: chips (〔行政检查总数〕) back to placeholders."""
        text, unknown = chips.from_chips(self.cleaned_data["text"])
        if unknown:
            raise forms.ValidationError(
                f"未知的数据{'、'.join(dict.fromkeys(unknown))}：请从右侧“数据”列表插入，"
                "或删去后重新插入（数据名称不能改动）。"
            )
        return text


BlockFormSet = formset_factory(BlockForm, extra=2, can_delete=True)


class SectionAddForm(VersionForm):
    heading = forms.CharField(label="部分标题（一级标题）", max_length=120, initial="其他需要报告的事项")


class ReturnForm(VersionForm):
    reason = forms.CharField(
        label="退回理由",
        max_length=500,
        widget=forms.Textarea(attrs={"rows": 3}),
        error_messages={"required": "请填写退回理由。"},
    )


class ApproveForm(VersionForm):
    written_on = forms.DateField(label="成文日期", required=False, widget=DateInput())


class PublishForm(VersionForm):
    published_on = forms.DateField(label="发布日期", required=False, widget=DateInput())


# The form's parts, in order: (title, fields). The first parts are prefilled from the school's records.
SCHOOL_FORM_SECTIONS = [
    ("法律顾问", ["has_counsel", "counsel_names", "counsel_services"]),
    ("普法活动", ["law_activities", "activity_participants", "activity_kinds"]),
    (
        "安全自查与隐患整改",
        ["self_checks", "self_checks_accepted", "hazards_found", "hazards_closed", "hazards_open", "hazards_overdue"],
    ),
    ("接受行政检查", ["inspections", "inspections_passed", "inspections_rectify", "inspections_referred"]),
    ("平安校园考核", ["safety_grade", "safety_score"]),
    ("更正说明", ["corrections"]),
    (
        "学校填报",
        ["charter_and_rules", "leadership_study", "education", "problems", "plans", "contact", "contact_phone"],
    ),
]


class SchoolFormForm(VersionedModelForm):
    class Meta:
        model = SchoolReportForm
        fields = [name for _title, names in SCHOOL_FORM_SECTIONS for name in names]
        widgets = {
            **{name: forms.Textarea(attrs={"rows": 2}) for name in ("counsel_names", "activity_kinds")},
            **{
                name: forms.Textarea(attrs={"rows": 3})
                for name in ("charter_and_rules", "leadership_study", "education", "problems", "plans", "corrections")
            },
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        # Say, under each prefilled field, what the school's records gave and where they are.
        for name, entry in (self.instance.prefilled or {}).items():
            if name in self.fields and isinstance(entry, dict):
                self.fields[name].help_text = prefill_note(self.instance, name)

    def sections(self):
        return [(title, [self[name] for name in names]) for title, names in SCHOOL_FORM_SECTIONS]


def prefill_note(form: SchoolReportForm, name: str) -> str:
    """平台记录：<value>（<source>，查看记录）, as safe HTML."""
    entry = form.prefilled[name]
    value = form.prefilled_value(name)
    shown = {True: "是", False: "否"}.get(value, value) if isinstance(value, bool) else (value if value != "" else "无")
    link = format_html('，<a href="{}">查看记录</a>', entry["url"]) if entry.get("url") else ""
    return format_html("平台记录：{}（{}{}）", shown, entry.get("source", ""), link)
