"""Forms of 双随机 draws and of inspection records (both know the plan and the draw that binds a record)."""

from django import forms

from core.forms import DateInput, in_pinyin_order
from directory.models import Department, Organization, OrgKind, Township
from directory.widgets import searchable

from .forms import MultipleFileField, partners
from .models import Conclusion, DrawnEntity, Officer, Plan, Substitution
from .services.draws import pool_sizes


# Draws ---------------------------------------------------------------------------------------------
class DrawForm(forms.Form):
    officers_per_entity = forms.IntegerField(label="每家机构执法人员数", min_value=2, max_value=5, initial=2)
    township = forms.ModelChoiceField(
        label="限定乡镇（街道）", queryset=Township.objects.all(), required=False, empty_label="不限"
    )
    exclude_recent_months = forms.IntegerField(
        label="排除行动开始前N个月内已检查的机构", min_value=0, max_value=36, initial=0, help_text="0表示不排除。"
    )
    redraw_reason = forms.CharField(
        label="重新抽取理由",
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text="该行动已抽取过时必填；原抽取结果保留并公开，尚未执行的承诺将标为“已撤回（未抽取）”。",
    )

    officers = forms.ModelMultipleChoiceField(
        label="执法人员库",
        queryset=Officer.objects.none(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )

    def __init__(self, *args, plan: Plan, **kwargs):
        super().__init__(*args, **kwargs)
        day = plan.starts_on
        self.fields["officers"].queryset = Officer.objects.certified_on(day).order_by("name")
        self.fields[
            "officers"
        ].help_text = f"只列出行动开始日（{day:%Y年%-m月%-d日}）持有效行政执法证的在岗人员；不选则全部入库。"
        in_pinyin_order(self.fields["officers"])
        labels = dict(OrgKind.choices)
        sizes = pool_sizes(kinds=plan.target_kinds, day=day)
        self.quota_names = []
        for kind in plan.target_kinds:
            name = f"quota_{kind}"
            self.fields[name] = forms.IntegerField(
                label=f"抽取{labels[kind]}（家）",
                min_value=0,
                initial=0,
                required=False,
                help_text=f"行动开始日名录中在办{sizes.get(kind, 0)}家。",
            )
            self.quota_names.append(name)
        self.order_fields(
            [*self.quota_names, "officers_per_entity", "township", "exclude_recent_months", "officers", "redraw_reason"]
        )

    def quotas(self) -> dict[str, int]:
        return {n.removeprefix("quota_"): self.cleaned_data.get(n) or 0 for n in self.quota_names}


# Inspection records --------------------------------------------------------------------------------
def officer_label(officer: Officer) -> str:
    until = f"{officer.valid_until:%Y年%-m月%-d日}"
    validity = f"证件已于{until}过期" if officer.certificate_expired else f"有效期至{until}"
    return f"{officer.name}（证号{officer.certificate_no}，{validity}）"


# The fields of a valid InspectionForm that services.records.inspection_create takes as they are.
RECORD_FIELDS = (
    "inspected_on",
    "conclusion",
    "rectify_deadline",
    "notes",
    "site_contact",
    "location",
    "started_at",
    "ended_at",
    "present_persons",
    "substitution_reason",
    "substitution_note",
    "separate_visit",
)


def record_data(form) -> dict:
    """What a valid inspection form gives the service (the plain record and the combined visit alike)."""
    data = {name: form.cleaned_data[name] for name in RECORD_FIELDS}
    data["officers"] = list(form.cleaned_data["officers"])
    data["partners"] = list(form.cleaned_data["partners"])
    data["files"] = form.cleaned_data["attachments"]
    return data


class InspectionForm(forms.Form):
    # Not typed: where the service's errors about the item answers go, shown beside the checklist.
    answers = forms.CharField(required=False, widget=forms.HiddenInput)
    organization = forms.ModelChoiceField(label="被检查机构", queryset=Organization.objects.none())
    inspected_on = forms.DateField(label="检查日期", widget=DateInput())
    separate_visit = forms.BooleanField(
        label="确认是另一次检查",
        required=False,
        help_text="同一机构、同一行动、同一天已有检查记录时，只有确属另一次检查才勾选。",
    )
    officers = forms.ModelMultipleChoiceField(
        label="执法人员（至少2名持证）", queryset=Officer.objects.none(), widget=forms.CheckboxSelectMultiple
    )
    substitution_reason = forms.ChoiceField(
        label="人员调整原因",
        required=False,
        choices=[("", "无调整（按抽取人员检查）"), *Substitution.choices],
        help_text="双随机抽中的机构：实际检查人员与抽取的执法人员不同时必选，将在“一公开”页面公开。",
    )
    substitution_note = forms.CharField(
        label="人员调整说明",
        required=False,
        max_length=200,
        help_text="如：王某与该园举办者系近亲属，依法回避，由李某替补。原因为“其他”时必填。",
    )
    partners = forms.ModelMultipleChoiceField(
        label="协作部门", queryset=Department.objects.none(), required=False, widget=forms.CheckboxSelectMultiple
    )
    conclusion = forms.ChoiceField(label="检查结论", choices=Conclusion.choices, widget=forms.RadioSelect)
    rectify_deadline = forms.DateField(
        label="整改期限", required=False, widget=DateInput(), help_text="结论为责令整改时必填。"
    )
    site_contact = forms.CharField(label="被检查单位在场人员", max_length=50, required=False)
    # 现场检查笔录 (visits from 2025); also editable on the record until it is signed.
    location = forms.CharField(label="检查地点", max_length=200, required=False)
    started_at = forms.TimeField(label="检查开始时间", required=False, widget=forms.TimeInput(attrs={"type": "time"}))
    ended_at = forms.TimeField(label="检查结束时间", required=False, widget=forms.TimeInput(attrs={"type": "time"}))
    present_persons = forms.CharField(
        label="在场人员（姓名、职务）", max_length=300, required=False, help_text="如：张三（校长）、李四（后勤主任）"
    )
    notes = forms.CharField(label="检查情况记录", required=False, widget=forms.Textarea(attrs={"rows": 3}))
    attachments = MultipleFileField(label="现场照片、扫描件（JPG/PNG/PDF，单个不超过10MB）")

    def __init__(self, *args, plan: Plan, **kwargs):
        super().__init__(*args, **kwargs)
        # Organizations of the plan's kinds still in the registry when it started (records are back-entered).
        self.fields["organization"].queryset = (
            Organization.objects.filter(kind__in=plan.target_kinds).open_on(plan.starts_on).order_by("name_key", "id")
        )
        searchable(self.fields["organization"], kinds=plan.target_kinds, open_on=plan.starts_on)
        period = {"min": f"{plan.starts_on:%Y-%m-%d}", "max": f"{plan.ends_on:%Y-%m-%d}"}
        self.fields["inspected_on"].widget.attrs.update(period)
        self.fields[
            "inspected_on"
        ].help_text = f"行动期间：{plan.starts_on:%Y年%-m月%-d日}至{plan.ends_on:%Y年%-m月%-d日}。"
        self.fields["officers"].queryset = Officer.objects.filter(active=True).order_by("name")
        self.fields["partners"].queryset = partners()
        self.fields["officers"].label_from_instance = officer_label
        in_pinyin_order(self.fields["officers"])
        # {organization id: [drawn officer ids]} of the plan's performed draw: the officers a record binds to.
        self.drawn = DrawnEntity.objects.binding_officers(plan_id=plan.pk)

    def drawn_summary(self) -> dict[str, dict]:
        """For the page's script: {organization id: {"officers": [ids], "names": "张三、李四"}}."""
        ids = {pk for officers in self.drawn.values() for pk in officers}
        names = dict(Officer.objects.filter(pk__in=ids).values_list("pk", "name"))
        return {
            str(org): {"officers": officers, "names": "、".join(names.get(pk, "") for pk in officers)}
            for org, officers in self.drawn.items()
        }

    def head_fields(self) -> list:
        """The fields above the checklist: the confirmation only beside its warning, the substitution
        only for a plan with a performed draw."""
        names = ["organization", "inspected_on"]
        if self.is_bound and (self.has_error("inspected_on", "duplicate") or self.data.get("separate_visit")):
            names.append("separate_visit")
        names.append("officers")
        if self.drawn:
            names += ["substitution_reason", "substitution_note"]
        return [self[n] for n in [*names, "partners"]]
