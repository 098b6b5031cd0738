"""Forms of the inspections module. Status changes are never made here: views call services."""

from decimal import Decimal

from django import forms

from core.dates import EffectiveDateField
from core.forms import DateInput, PortalModelForm, VersionedModelForm, VersionForm
from directory.models import PUBLIC_KINDS, Department, DepartmentKind, Organization, OrgKind
from directory.widgets import searchable

from .models import (
    BASE_SYSTEMS,
    OPTIONAL_SYSTEMS,
    SCORE_SHEET,
    VETO_ITEMS,
    Answer,
    Checklist,
    ChecklistItem,
    ChecklistStatus,
    Hazard,
    HazardStatus,
    LawExam,
    Officer,
    Plan,
    SafetyAssessment,
    SmartCampus,
    Term,
)

DRAWABLE_KINDS = [(k, label) for k, label in OrgKind.choices if k != OrgKind.BUREAU]


class MultipleFileInput(forms.ClearableFileInput):
    allow_multiple_selected = True


class MultipleFileField(forms.FileField):
    """Several files in one input; type and size are checked by the service (core.uploads)."""

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("widget", MultipleFileInput(attrs={"accept": ".pdf,.jpg,.jpeg,.png"}))
        kwargs.setdefault("required", False)
        super().__init__(*args, **kwargs)

    def clean(self, data, initial=None):
        if isinstance(data, list | tuple):
            return [super(MultipleFileField, self).clean(d, initial) for d in data if d]
        return [super().clean(data, initial)] if data else []


def sections():
    return Department.objects.filter(kind=DepartmentKind.SECTION, active=True)


def partners():
    return Department.objects.filter(kind=DepartmentKind.PARTNER, active=True)


# Officers ------------------------------------------------------------------------------------------
class OfficerForm(VersionedModelForm):
    class Meta:
        model = Officer
        fields = ["name", "certificate_no", "valid_from", "valid_until", "section", "phone", "active"]
        help_texts = {"certificate_no": "发证地简称或字母加6至16位数字，如“浙33070201001”。"}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["section"].queryset = sections()

    def clean_certificate_no(self) -> str:
        return (self.cleaned_data["certificate_no"] or "").strip().upper()


class ExamForm(PortalModelForm):
    class Meta:
        model = LawExam
        fields = ["year", "name", "category", "officer", "exam_date", "score", "passed"]
        widgets = {"exam_date": DateInput()}


# Checklists ----------------------------------------------------------------------------------------
ChecklistItemFormSet = forms.modelformset_factory(
    ChecklistItem,
    form=PortalModelForm,
    fields=["number", "area", "text", "legal_basis"],
    extra=3,
    can_delete=True,
    widgets={"text": forms.TextInput(attrs={"size": 50}), "legal_basis": forms.TextInput(attrs={"size": 30})},
)


class NewVersionForm(forms.Form):
    notes = forms.CharField(label="修订说明", widget=forms.Textarea(attrs={"rows": 2}), max_length=500)


# Plans ---------------------------------------------------------------------------------------------
class PlanForm(VersionedModelForm):
    partners = forms.ModelMultipleChoiceField(
        label="协作部门", queryset=partners(), required=False, widget=forms.CheckboxSelectMultiple
    )
    target_kinds = forms.MultipleChoiceField(
        label="检查对象类型", choices=DRAWABLE_KINDS, widget=forms.CheckboxSelectMultiple
    )

    class Meta:
        model = Plan
        fields = [
            "name",
            "kind",
            "lead_section",
            "starts_on",
            "ends_on",
            "target_kinds",
            "checklist",
            "planned_count",
            "description",
        ]
        widgets = {"description": forms.Textarea(attrs={"rows": 3})}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["lead_section"].queryset = sections()
        self.fields["partners"].queryset = partners()
        self.fields["checklist"].queryset = Checklist.objects.filter(status=ChecklistStatus.PUBLISHED)
        if self.instance.pk:
            self.initial.setdefault("partners", list(self.instance.partners.all()))


# Inspection records (the record and draw forms are in record_forms.py) ---------------------------
def parse_answers(data, items) -> dict:
    """Answers from POST fields answer_<item id> and note_<item id>."""
    answers = {}
    for item in items:
        result = data.get(f"answer_{item.pk}")
        if result in Answer.values:
            answers[str(item.pk)] = {"r": result, "n": (data.get(f"note_{item.pk}") or "").strip()}
    return answers


# Hazards -------------------------------------------------------------------------------------------
class HazardCreateForm(PortalModelForm):
    class Meta:
        model = Hazard
        fields = ["organization", "area", "severity", "description", "found_on", "deadline"]
        widgets = {"description": forms.Textarea(attrs={"rows": 3}), "found_on": DateInput(), "deadline": DateInput()}
        help_texts = {"found_on": "实际发现的日期；补录往年隐患时填写当时的日期。"}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        kinds = set(OrgKind.values) - {OrgKind.BUREAU}
        self.fields["organization"].queryset = Organization.objects.filter(kind__in=kinds).order_by("name_key", "id")
        searchable(self.fields["organization"], kinds=kinds)


class HazardEditForm(VersionedModelForm):
    class Meta:
        model = Hazard
        fields = ["area", "severity", "description", "found_on"]
        widgets = {"description": forms.Textarea(attrs={"rows": 3})}


class HazardPlanForm(VersionedModelForm):
    """The 五到位 of rectification; the deadline only while none is set (later: an extension).

    The first filling of an open hazard also says when the 五到位 were put in place (办理日期).
    """

    on = EffectiveDateField(label="五到位落实日期")

    class Meta:
        model = Hazard
        fields = ["measures", "responsible_person", "funds", "deadline", "prevention"]
        widgets = {"measures": forms.Textarea(attrs={"rows": 3}), "prevention": forms.Textarea(attrs={"rows": 2})}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for name in ("measures", "responsible_person", "funds", "prevention"):
            self.fields[name].required = True
        self.fields["funds"].help_text = "无需资金的填0。"
        if self.instance.deadline:
            del self.fields["deadline"]
        else:
            self.fields["deadline"].required = True
        if self.instance.status != HazardStatus.OPEN:
            del self.fields["on"]  # already in place: a correction changes the plan, not that day


class HazardSubmitForm(forms.Form):
    expected_version = forms.IntegerField(widget=forms.HiddenInput)
    completion_note = forms.CharField(label="整改完成情况", widget=forms.Textarea(attrs={"rows": 3}))
    evidence = MultipleFileField(label="整改佐证材料（整改后照片、验收单等）")
    on = EffectiveDateField(label="整改完成、提交核验的日期")


class DecisionForm(VersionForm):
    """Verifying a hazard or reviewing a self-check: with the version the reviewer saw and the day of it."""

    decision = forms.ChoiceField(
        label="核验结论", choices=[("accept", "通过"), ("return", "退回")], widget=forms.RadioSelect
    )
    reason = forms.CharField(label="意见或退回理由", required=False, widget=forms.Textarea(attrs={"rows": 2}))
    on = EffectiveDateField()

    def clean(self):
        data = super().clean()
        if data.get("decision") == "return" and not (data.get("reason") or "").strip():
            self.add_error("reason", "退回须写明理由。")
        return data

    def service_kwargs(self) -> dict:
        """The keyword arguments of the reviewing service (hazard_verify, selfcheck_review)."""
        data = self.cleaned_data
        return {
            "accept": data["decision"] == "accept",
            "reason": data["reason"],
            "expected_version": data["expected_version"],
            "on": data["on"],
        }


class ExtendForm(VersionForm):
    new_deadline = forms.DateField(label="新的整改时限", widget=DateInput())
    reason = forms.CharField(label="延期理由", widget=forms.Textarea(attrs={"rows": 2}))
    on = EffectiveDateField(
        label="批准日期", help_text="延期实际批准的日期，默认今天；须在原整改时限届满前（含当日）。"
    )

    def __init__(self, *args, **kwargs):
        # Shown on the hazard's page beside the verification or hand-in form: ids of its own.
        kwargs.setdefault("auto_id", "extend_%s")
        super().__init__(*args, **kwargs)


class NoticeForm(forms.Form):
    title = forms.CharField(label="通报标题", max_length=100)
    body = forms.CharField(label="警示内容", widget=forms.Textarea(attrs={"rows": 5}))
    on = EffectiveDateField(label="发布日期", help_text="通报实际发布的日期，默认今天。")


# Self-checks ---------------------------------------------------------------------------------------
class SelfCheckCreateForm(forms.Form):
    year = forms.IntegerField(label="年度", min_value=2000, max_value=2100)
    term = forms.ChoiceField(label="学期", choices=Term.choices)


class SelfCheckFillForm(forms.Form):
    expected_version = forms.IntegerField(widget=forms.HiddenInput)
    # Not typed: where the service's errors about the item answers go, shown beside the checklist.
    answers = forms.CharField(required=False, widget=forms.HiddenInput)
    summary = forms.CharField(label="自查情况说明", required=False, widget=forms.Textarea(attrs={"rows": 3}))
    attachments = MultipleFileField(label="佐证材料（JPG/PNG/PDF）")
    on = EffectiveDateField(
        label="提交日期", help_text="提交审核时记录的日期，默认今天；补录往期自查时填写实际提交的日期。"
    )


# Campus safety -------------------------------------------------------------------------------------
class SmartCampusForm(VersionedModelForm):
    base_systems = forms.MultipleChoiceField(
        label="五大基本系统", choices=BASE_SYSTEMS, required=False, widget=forms.CheckboxSelectMultiple
    )
    optional_systems = forms.MultipleChoiceField(
        label="选配系统", choices=OPTIONAL_SYSTEMS, required=False, widget=forms.CheckboxSelectMultiple
    )

    class Meta:
        model = SmartCampus
        fields = ["sites", "base_systems", "optional_systems", "completed_on", "police_linked", "notes"]
        widgets = {"notes": forms.Textarea(attrs={"rows": 2})}


class AssessmentForm(VersionedModelForm):
    veto = forms.MultipleChoiceField(
        label="一票否决事项", choices=VETO_ITEMS, required=False, widget=forms.CheckboxSelectMultiple
    )

    class Meta:
        model = SafetyAssessment
        fields = ["organization", "year", "inspector_group", "notes"]
        widgets = {"notes": forms.Textarea(attrs={"rows": 3})}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        kinds = PUBLIC_KINDS - {OrgKind.BUREAU}
        self.fields["organization"].queryset = Organization.objects.filter(kind__in=kinds).order_by("name_key", "id")
        searchable(self.fields["organization"], kinds=kinds)
        for key, label, full in SCORE_SHEET:
            self.fields[f"score_{key}"] = forms.DecimalField(
                label=f"{label}（满分{full}）",
                min_value=Decimal(0),
                max_value=Decimal(full),
                decimal_places=1,
                initial=self.instance.scores.get(key) if self.instance.pk else full,
            )
        if self.instance.pk:
            self.fields["organization"].disabled = True
            self.fields["year"].disabled = True
            self.initial["veto"] = self.instance.veto_items

    def clean(self):
        data = super().clean()
        # The score sheet is validated with the model (ranges, veto items) before the form is valid.
        if all(f"score_{key}" in data for key, _, _ in SCORE_SHEET):
            self.instance.scores = {key: float(data[f"score_{key}"]) for key, _, _ in SCORE_SHEET}
            self.instance.veto_items = list(data.get("veto") or [])
        return data

    def model_data(self) -> dict:
        data = super().model_data()
        data["scores"] = dict(self.instance.scores)
        data["veto_items"] = list(self.instance.veto_items)
        return data
