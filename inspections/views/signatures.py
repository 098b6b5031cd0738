"""现场检查笔录 pages: on-site fields, signing on a phone (officers and the representative), signature
images, supplements. Signing and editing are the bureau's; the school sees its own record and PDF."""

from django import forms
from django.contrib import messages
from django.core.exceptions import ValidationError
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse

from accounts.access import ANY_SIGNED_IN, access
from accounts.roles import BUREAU_WRITERS
from core.forms import form_status, save_form
from core.uploads import serve_file

from .. import selectors
from ..models import Inspection, Officer, Signature
from ..services import signatures as service


class SiteRecordForm(forms.ModelForm):
    class Meta:
        model = Inspection
        fields = service.SITE_FIELDS
        widgets = {
            "started_at": forms.TimeInput(attrs={"type": "time"}, format="%H:%M"),
            "ended_at": forms.TimeInput(attrs={"type": "time"}, format="%H:%M"),
            "notes": forms.Textarea(attrs={"rows": 4}),
        }
        labels = {"notes": "检查情况"}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["recorder"].queryset = Officer.objects.filter(pk__in=self.instance.officers.values("pk"))


class SignatureForm(forms.Form):
    image = forms.CharField(required=False, widget=forms.HiddenInput, max_length=400_000)
    name = forms.CharField(label="签名人姓名", max_length=50, required=False)
    title = forms.CharField(label="职务", max_length=50, required=False)


class RefusalForm(forms.Form):
    name = forms.CharField(label="被检查单位在场人员姓名", max_length=50, required=False)
    title = forms.CharField(label="职务", max_length=50, required=False)
    reason = forms.CharField(
        label="拒签情况说明", max_length=300, widget=forms.Textarea(attrs={"rows": 2}), required=False
    )


class SupplementForm(forms.Form):
    text = forms.CharField(label="补充说明", max_length=2000, widget=forms.Textarea(attrs={"rows": 3}))


def _site_record(request, pk) -> Inspection:
    inspection = selectors.get_inspection_for_user(request.user, pk, write=True)
    if not service.uses_site_record(inspection):
        messages.error(request, "2025年1月1日前的检查使用纸质检查记录表，不在平台填写笔录和签名。")
    return inspection


@access(BUREAU_WRITERS)
def site_record_edit(request, pk):
    inspection = _site_record(request, pk)
    if not service.uses_site_record(inspection):
        return redirect(inspection)
    if inspection.signed_at:
        messages.error(request, service.LOCKED)
        return redirect(inspection)
    form = SiteRecordForm(request.POST or None, instance=inspection)
    done = save_form(
        request,
        form,
        lambda: service.site_record_update(
            inspection=inspection, user=request.user, **{f: form.cleaned_data[f] for f in service.SITE_FIELDS}
        ),
        success="已保存现场检查笔录。",
    )
    if done:
        return done
    context = {"form": form, "title": f"编辑现场检查笔录 {inspection.number}", "back": inspection.get_absolute_url()}
    return render(request, "inspections/form.html", context, status=form_status(form))


@access(BUREAU_WRITERS)
def sign_index(request, pk):
    inspection = _site_record(request, pk)
    if not service.uses_site_record(inspection):
        return redirect(inspection)
    context = {"inspection": inspection, "signers": service.signers_of(inspection)}
    return render(request, "inspections/signatures/index.html", context)


@access(BUREAU_WRITERS)
def sign(request, pk, signer):
    inspection = _site_record(request, pk)
    if not service.uses_site_record(inspection):
        return redirect(inspection)
    person = service.signer_of(inspection, signer)
    if person is None:
        return redirect("inspections:sign_index", pk=inspection.pk)
    if person.done or inspection.signed_at:
        messages.info(request, f"{person.name}已签名。" if person.done else service.LOCKED)
        return redirect("inspections:sign_index", pk=inspection.pk)
    refusing = request.POST.get("action") == "refuse"
    form = SignatureForm(None if refusing else request.POST or None)
    refusal = RefusalForm(request.POST if refusing else None)
    next_url = reverse("inspections:sign_index", args=[inspection.pk])
    if refusing and person.officer is None:
        done = save_form(
            request,
            refusal,
            lambda: service.signature_refuse(inspection=inspection, user=request.user, **refusal.cleaned_data),
            success="已记录被检查单位拒绝签名及情况说明。",
            next_url=next_url,
        )
    else:
        done = save_form(
            request,
            form,
            lambda: service.signature_add(
                inspection=inspection,
                key=signer,
                data_url=form.cleaned_data["image"],
                user=request.user,
                name=form.cleaned_data["name"],
                title=form.cleaned_data["title"],
            ),
            success=lambda s: f"{s.signer_name}已签名。",
            next_url=next_url,
        )
    if done:
        return done
    status = max(form_status(form), form_status(refusal))
    context = {"inspection": inspection, "signer": person, "form": form, "refusal": refusal}
    return render(request, "inspections/signatures/sign.html", context, status=status)


@access(ANY_SIGNED_IN)
def signature_image(request, pk):
    signature = get_object_or_404(
        Signature.objects.filter(inspection__in=selectors.inspections_for_user(request.user)), pk=pk
    )
    return serve_file(signature.image, download_name=f"签名_{signature.signer_name}.png")


@access(BUREAU_WRITERS)
def supplement_add(request, pk):
    inspection = selectors.get_inspection_for_user(request.user, pk, write=True)
    if request.method != "POST":
        return redirect(inspection)
    form = SupplementForm(request.POST)
    if form.is_valid():
        try:
            service.supplement_add(inspection=inspection, text=form.cleaned_data["text"], user=request.user)
        except ValidationError as exc:
            messages.error(request, "；".join(exc.messages))
        else:
            messages.success(request, "已添加补充说明。")
    else:
        messages.error(request, "请填写补充说明的内容（不超过2000字）。")
    return redirect(inspection)


def record_context(inspection) -> dict:
    """What the record page and the 现场检查笔录 PDF add about signatures and supplements."""
    site = service.uses_site_record(inspection)
    return {
        "site_record": site,
        "signers": service.signers_of(inspection) if site else [],
        "supplements": inspection.supplements.select_related("author"),
        "supplement_form": SupplementForm(),
    }
