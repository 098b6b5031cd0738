"""Forms of the inspections module. Status changes are never made here: views call services."""

from decimal import Decimal

from django import forms
from django.db.models import Count

from core.dates import EffectiveDateField
from core.forms import DateInput, PortalModelForm, VersionedModelForm, VersionForm
from directory.models import Department, DepartmentKind, Organization, OrgKind, OrgStatus, Township

from .models import (
    BASE_SYSTEMS,
    OPTIONAL_SYSTEMS,
    SCORE_SHEET,
    VETO_ITEMS,
    Answer,
    Checklist,
    ChecklistItem,
    ChecklistStatus,
    Conclusion,
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


# Draws ---------------------------------------------------------------------------------------------
class DrawForm(forms.Form):
    officers_per_entity = forms.IntegerField(label="每家机构执法人员数", min_value=2, max_value=5, initial=2)
    township = forms.ModelChoiceField(
        label="限定乡镇（街道）", queryset=Township.objects.all(), required=False, empty_label="不限"
    )
    exclude_recent_months = forms.IntegerField(
        label="排除近N个月内已检查的机构", min_value=0, max_value=36, initial=0, help_text="0表示不排除。"
    )
    redraw_reason = forms.CharField(
        label="重新抽取理由",
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text="该行动已抽取过时必填；原抽取结果保留并公开。",
    )

    officers = forms.ModelMultipleChoiceField(
        label="执法人员库",
        queryset=Officer.objects.none(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text="只列出今天持有效行政执法证的在岗人员；不选则全部入库。",
    )

    def __init__(self, *args, plan: Plan, **kwargs):
        super().__init__(*args, **kwargs)
        from django.utils import timezone

        self.fields["officers"].queryset = Officer.objects.certified_on(timezone.localdate()).order_by("name")
        labels = dict(OrgKind.choices)
        sizes = dict(
            Organization.objects.filter(status=OrgStatus.ACTIVE, kind__in=plan.target_kinds)
            .values_list("kind")
            .annotate(n=Count("id"))
        )
        self.quota_names = []
        for kind in plan.target_kinds:
            name = f"quota_{kind}"
            self.fields[name] = forms.IntegerField(
                label=f"抽取{labels[kind]}（家）",
                min_value=0,
                initial=0,
                required=False,
                help_text=f"名录中在办{sizes.get(kind, 0)}家。",
            )
            self.quota_names.append(name)
        self.order_fields(
            [*self.quota_names, "officers_per_entity", "township", "exclude_recent_months", "officers", "redraw_reason"]
        )

    def quotas(self) -> dict[str, int]:
        return {n.removeprefix("quota_"): self.cleaned_data.get(n) or 0 for n in self.quota_names}


# Inspection records --------------------------------------------------------------------------------
def parse_answers(data, items) -> dict:
    """Answers from POST fields answer_<item id> and note_<item id>."""
    answers = {}
    for item in items:
        result = data.get(f"answer_{item.pk}")
        if result in Answer.values:
            answers[str(item.pk)] = {"r": result, "n": (data.get(f"note_{item.pk}") or "").strip()}
    return answers


def officer_label(officer: Officer) -> str:
    until = f"{officer.valid_until:%Y年%-m月%-d日}"
    validity = f"证件已于{until}过期" if officer.certificate_expired else f"有效期至{until}"
    return f"{officer.name}（证号{officer.certificate_no}，{validity}）"


class InspectionForm(forms.Form):
    # Not typed: where the service's errors about the item answers go, shown beside the checklist.
    answers = forms.CharField(required=False, widget=forms.HiddenInput)
    organization = forms.ModelChoiceField(label="被检查机构", queryset=Organization.objects.none())
    inspected_on = forms.DateField(label="检查日期", widget=DateInput())
    officers = forms.ModelMultipleChoiceField(
        label="执法人员（至少2名持证）", queryset=Officer.objects.none(), widget=forms.CheckboxSelectMultiple
    )
    partners = forms.ModelMultipleChoiceField(
        label="协作部门", queryset=Department.objects.none(), required=False, widget=forms.CheckboxSelectMultiple
    )
    conclusion = forms.ChoiceField(label="检查结论", choices=Conclusion.choices, widget=forms.RadioSelect)
    rectify_deadline = forms.DateField(
        label="整改期限", required=False, widget=DateInput(), help_text="结论为责令整改时必填。"
    )
    site_contact = forms.CharField(label="被检查单位在场人员", max_length=50, required=False)
    notes = forms.CharField(label="检查情况记录", required=False, widget=forms.Textarea(attrs={"rows": 3}))
    attachments = MultipleFileField(label="现场照片、扫描件（JPG/PNG/PDF，单个不超过10MB）")

    def __init__(self, *args, plan: Plan, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["organization"].queryset = Organization.objects.filter(
            kind__in=plan.target_kinds, status=OrgStatus.ACTIVE
        ).order_by("kind_rank", "name")
        self.fields["officers"].queryset = Officer.objects.filter(active=True).order_by("name")
        self.fields["partners"].queryset = partners()
        self.fields["officers"].label_from_instance = officer_label


# Hazards -------------------------------------------------------------------------------------------
class HazardCreateForm(PortalModelForm):
    class Meta:
        model = Hazard
        fields = ["organization", "area", "severity", "description", "found_on", "deadline"]
        widgets = {"description": forms.Textarea(attrs={"rows": 3}), "found_on": DateInput(), "deadline": DateInput()}
        help_texts = {"found_on": "实际发现的日期；补录往年隐患时填写当时的日期。"}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["organization"].queryset = Organization.objects.exclude(kind=OrgKind.BUREAU).order_by(
            "kind_rank", "name"
        )


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
        self.fields["organization"].queryset = Organization.objects.filter(ownership="public").exclude(
            kind=OrgKind.BUREAU
        )
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
