"""综合查一次 / 一表通查 (国办发〔2024〕54号): the proposals of a year, the bureau's decision on each, the
combined visits and the one record made for all their plans."""

from django import forms
from django.contrib import messages
from django.shortcuts import redirect, render
from django.urls import reverse
from django.views.decorators.http import require_POST

from accounts.access import access
from accounts.roles import BUREAU_WRITERS, DISTRICT_ROLES
from core.dates import cn_date, parse_year
from core.forms import DateInput, form_status, save_form
from core.listing import paginate, query_without_page
from directory.models import Organization

from .. import combined_selectors as selectors
from .. import services
from ..forms import parse_answers
from ..models import Answer, CombinedStatus, Plan
from ..record_forms import InspectionForm, record_data


# Forms ------------------------------------------------------------------------------------------------
class DecisionForm(forms.Form):
    """Which proposal: the organization and the plans (their ids, as the proposal lists them)."""

    year = forms.IntegerField(widget=forms.HiddenInput, min_value=2000, max_value=2100)
    organization = forms.ModelChoiceField(queryset=Organization.objects.all(), widget=forms.HiddenInput)
    plans = forms.ModelMultipleChoiceField(queryset=Plan.objects.all(), widget=forms.MultipleHiddenInput)


class CombineForm(DecisionForm):
    planned_on = forms.DateField(label="计划检查日期", widget=DateInput())


class DeclineForm(DecisionForm):
    reason = forms.CharField(label="不合并理由", max_length=500, widget=forms.TextInput)


class CombinedInspectionForm(InspectionForm):
    """The inspection form of a combined visit: the organization is the visit's, the date within the
    plans' common window, the officers drawn for any of the plans ticked."""

    def __init__(self, *args, visit, plans, **kwargs):
        super().__init__(*args, plan=plans[0], **kwargs)
        del self.fields["organization"]
        starts_on, ends_on = max(p.starts_on for p in plans), min(p.ends_on for p in plans)
        self.fields["inspected_on"].widget.attrs.update({"min": f"{starts_on:%Y-%m-%d}", "max": f"{ends_on:%Y-%m-%d}"})
        self.fields["inspected_on"].help_text = f"各行动的共同期间：{cn_date(starts_on)}至{cn_date(ends_on)}。"
        drawn = selectors.drawn_officers(visit)
        self.drawn = {visit.organization_id: drawn} if drawn else {}

    def head_fields(self) -> list:
        names = ["inspected_on"]
        if self.is_bound and (self.has_error("inspected_on", "duplicate") or self.data.get("separate_visit")):
            names.append("separate_visit")
        names.append("officers")
        if self.drawn:
            names += ["substitution_reason", "substitution_note"]
        return [self[n] for n in [*names, "partners"]]


# Proposals ----------------------------------------------------------------------------------------------
@access(DISTRICT_ROLES)
def combined_proposals(request):
    year = parse_year(request.GET.get("year"))
    proposals = selectors.proposals(year)
    for n, proposal in enumerate(proposals):
        data = {"year": year, "organization": proposal.organization.pk, "plans": proposal.plan_ids}
        ids = f"id_{n}_%s"
        proposal.combine_form = CombineForm(initial={**data, "planned_on": proposal.starts_on}, auto_id=ids)
        proposal.decline_form = DeclineForm(initial=data, auto_id=ids)
    return render(
        request,
        "inspections/combined/proposals.html",
        {"year": year, "proposals": proposals, "years": range(year - 2, year + 2)},
    )


def _decide(request, form_class, decide, success):
    form = form_class(request.POST)
    year = request.POST.get("year", "")
    back = f"{reverse('inspections:combined_proposals')}?year={year if year.isdigit() else ''}"

    def save():
        return decide(
            organization=form.cleaned_data["organization"],
            plans=list(form.cleaned_data["plans"]),
            year=form.cleaned_data["year"],
            user=request.user,
            **{k: v for k, v in form.cleaned_data.items() if k in ("planned_on", "reason")},
        )

    done = save_form(request, form, save, success=success, failure="未能处理：", next_url=back)
    return done


@access(BUREAU_WRITERS)
@require_POST
def combined_combine(request):
    return _decide(
        request,
        CombineForm,
        services.combined_visit_create,
        lambda visit: f"已合并为一次检查：{visit.organization.name}，计划{cn_date(visit.planned_on)}检查。",
    )


@access(BUREAU_WRITERS)
@require_POST
def combined_decline(request):
    return _decide(
        request,
        DeclineForm,
        services.combined_visit_decline,
        lambda visit: f"已决定不合并：{visit.organization.name}，该建议不再提示。",
    )


# Visits ---------------------------------------------------------------------------------------------------
@access(DISTRICT_ROLES)
def combined_visit_list(request):
    """Every decision; `?year=&recorded=1` lists the combined visits recorded in a year (the statistic's trace)."""
    visits = selectors.visits_for_user(request.user)
    status = request.GET.get("status", "")
    if status in CombinedStatus.values:
        visits = visits.filter(status=status)
    year = request.GET.get("year", "")
    recorded = request.GET.get("recorded") == "1"
    if recorded:
        visits = visits.filter(inspection__isnull=False)
        if year.isdigit():
            visits = visits.filter(inspection__year=int(year))
    elif year.isdigit():
        visits = visits.filter(created_at__year=int(year))
    return render(
        request,
        "inspections/combined/visit_list.html",
        {"page": paginate(request, visits), "query": query_without_page(request), "status": status},
    )


@access(DISTRICT_ROLES)
def combined_visit_detail(request, pk):
    visit = selectors.get_visit_for_user(request.user, pk)
    plans = selectors.visit_plans(visit)
    return render(
        request,
        "inspections/combined/visit_detail.html",
        {"visit": visit, "plans": plans, "groups": selectors.union_rows(selectors.union_items(plans))},
    )


@access(BUREAU_WRITERS)
def combined_visit_record(request, pk):
    visit = selectors.get_visit_for_user(request.user, pk)
    if visit.is_recorded:
        messages.info(request, f"该综合查一次已录入检查记录（{visit.inspection.number}）。")
        return redirect(visit.inspection)
    plans = selectors.visit_plans(visit)
    partners = {d for p in plans for d in p.partners.all()}
    form = CombinedInspectionForm(
        request.POST or None,
        request.FILES or None,
        visit=visit,
        plans=plans,
        initial={"partners": list(partners), "inspected_on": visit.planned_on},
    )
    form.initial["officers"] = form.drawn.get(visit.organization_id, [])
    groups = selectors.union_items(plans)
    done = save_form(
        request,
        form,
        lambda: services.combined_inspection_create(
            visit=visit,
            answers=parse_answers(request.POST, [g.item for g in groups]),
            user=request.user,
            **record_data(form),
        ),
        success=lambda inspection: f"已保存检查记录 {inspection.number}，计入{len(plans)}个检查行动。",
    )
    if done:
        return done
    data = request.POST if request.method == "POST" else None
    return render(
        request,
        "inspections/combined/record_form.html",
        {
            "form": form,
            "visit": visit,
            "plans": plans,
            "head": form.head_fields(),
            "tail": [form[n] for n in ("conclusion", "rectify_deadline", "site_contact", "notes", "attachments")],
            "groups": selectors.union_rows(groups, data=data),
            "choices": Answer.choices,
        },
        status=form_status(form),
    )
