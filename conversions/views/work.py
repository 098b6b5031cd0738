"""Working a case: each view checks access, binds one form, calls one service, then goes back to the case."""

from django.contrib import messages
from django.shortcuts import render
from django.views.decorators.http import require_POST

from accounts.access import access
from accounts.roles import BUREAU_WRITERS
from core.forms import form_status, save_form

from .. import selectors, services
from ..forms import (
    CaseEditForm,
    CompleteForm,
    MaterialForm,
    NoteForm,
    StepForm,
    TrackForm,
    VerifyAllForm,
    VisitForm,
    WithdrawForm,
)
from .detail import detail_context


def _again(request, case, **kwargs):
    """Show the case page again with the failed form and its errors (nothing was saved)."""
    case = selectors.get_case_for_user(request.user, case.pk)
    messages.error(request, "未保存，请按提示修改后重新提交。")
    return render(request, "conversions/case_detail.html", detail_context(request, case, **kwargs), status=400)


@access(BUREAU_WRITERS)
def case_edit(request, pk):
    case = selectors.get_case_for_user(request.user, pk, write=True)
    form = CaseEditForm(request.POST or None, instance=case)
    done = save_form(
        request,
        form,
        lambda: services.case_update(
            case=case, data=form.model_data(), user=request.user, expected_version=form.loaded_version
        ),
        success="已保存。",
        next_url=case,
    )
    return done or render(request, "conversions/case_edit.html", {"form": form, "case": case}, status=form_status(form))


@access(BUREAU_WRITERS)
@require_POST
def track_update(request, pk):
    track = selectors.get_track_for_user(request.user, pk, write=True)
    form = TrackForm(request.POST, instance=track, prefix=f"track{track.pk}")
    done = save_form(
        request,
        form,
        lambda: services.track_update(
            track=track, data=form.model_data(), user=request.user, expected_version=form.loaded_version
        ),
        success=f"已保存{track.get_department_display()}办理情况。",
        next_url=f"{track.case.get_absolute_url()}#track-{track.pk}",
    )
    return done or _again(request, track.case, track_form=form)


@access(BUREAU_WRITERS)
@require_POST
def material_mark(request, pk):
    item = selectors.get_material_for_user(request.user, pk, write=True)
    form = MaterialForm(request.POST)
    done = save_form(
        request,
        form,
        lambda: services.material_mark(
            item=item,
            status=form.cleaned_data["status"],
            reason=form.cleaned_data["reason"],
            user=request.user,
            expected_version=form.cleaned_data["expected_version"],
            on=form.cleaned_data["on"],
        ),
        success=f"材料“{item.name}”已更新。",
        next_url=f"{item.case.get_absolute_url()}#material-{item.pk}",
    )
    if done:
        return done
    errors = [e for errs in form.errors.values() for e in errs]
    return _again(request, item.case, material_errors={item.pk: errors})


@access(BUREAU_WRITERS)
@require_POST
def materials_verify_all(request, pk):
    case = selectors.get_case_for_user(request.user, pk, write=True)
    form = VerifyAllForm(request.POST, prefix="verify")
    done = save_form(
        request,
        form,
        lambda: services.materials_verify_all(case=case, user=request.user, on=form.cleaned_data["on"]),
        success=lambda count: f"已核验{count}份材料。" if count else "没有待核验的材料。",
        next_url=f"{case.get_absolute_url()}#materials",
    )
    return done or _again(request, case, forms={"verify": form})


def _record(request, pk, *, form_class, prefix, service, success):
    case = selectors.get_case_for_user(request.user, pk, write=True)
    form = form_class(request.POST, prefix=prefix)
    done = save_form(
        request,
        form,
        lambda: service(case=case, data=form.cleaned_data, user=request.user),
        success=success,
        next_url=f"{case.get_absolute_url()}#{prefix}s",
    )
    return done or _again(request, case, forms={prefix: form})


@access(BUREAU_WRITERS)
@require_POST
def visit_add(request, pk):
    return _record(
        request, pk, form_class=VisitForm, prefix="visit", service=services.visit_record, success="已记录来访。"
    )


@access(BUREAU_WRITERS)
@require_POST
def step_add(request, pk):
    return _record(
        request, pk, form_class=StepForm, prefix="step", service=services.step_record, success="已记录办事环节。"
    )


@access(BUREAU_WRITERS)
@require_POST
def case_complete(request, pk):
    case = selectors.get_case_for_user(request.user, pk, write=True)
    form = CompleteForm(request.POST, prefix="complete", case=case)
    done = save_form(
        request,
        form,
        lambda: services.case_complete(
            case=case,
            user=request.user,
            expected_version=form.cleaned_data["expected_version"],
            completed_on=form.cleaned_data["completed_on"],
            credit_code=form.cleaned_data.get("credit_code"),
            license_no=form.cleaned_data.get("license_no"),
        ),
        success=f"案件{case.number}已办结，机构名录已同步更新。",
        next_url=case,
    )
    return done or _again(request, case, forms={"complete": form})


@access(BUREAU_WRITERS)
@require_POST
def case_withdraw(request, pk):
    case = selectors.get_case_for_user(request.user, pk, write=True)
    form = WithdrawForm(request.POST, prefix="withdraw")
    done = save_form(
        request,
        form,
        lambda: services.case_withdraw(
            case=case,
            reason=form.cleaned_data["reason"],
            user=request.user,
            expected_version=form.cleaned_data["expected_version"],
            on=form.cleaned_data["on"],
        ),
        success=f"案件{case.number}已撤销。",
        next_url=case,
    )
    return done or _again(request, case, forms={"withdraw": form})


@access(BUREAU_WRITERS)
@require_POST
def case_note(request, pk):
    case = selectors.get_case_for_user(request.user, pk, write=True)
    form = NoteForm(request.POST, prefix="note")
    done = save_form(
        request,
        form,
        lambda: services.note_add(case=case, text=form.cleaned_data["text"], user=request.user),
        success="已添加备注。",
        next_url=f"{case.get_absolute_url()}#timeline",
    )
    return done or _again(request, case, forms={"note": form})
