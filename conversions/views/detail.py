"""What the case page shows: facts, the three tracks, the checklist, visits and steps, the timeline."""

from .. import selectors
from ..forms import CompleteForm, NoteForm, StepForm, TrackForm, VerifyAllForm, VisitForm, WithdrawForm
from ..models import MaterialStatus, ProcedureBaseline, TrackStatus

STATUS_TAG = {
    MaterialStatus.PENDING: "",
    MaterialStatus.RECEIVED: "tag-warn",
    MaterialStatus.VERIFIED: "tag-ok",
    MaterialStatus.RETURNED: "tag-bad",
}
TRACK_TAG = {TrackStatus.PENDING: "", TrackStatus.IN_PROGRESS: "tag-warn", TrackStatus.DONE: "tag-ok"}


def detail_context(request, case, *, track_form=None, forms=None, material_errors=None) -> dict:
    """The case page's context; `track_form`/`forms` are bound forms to show again with their errors."""
    forms = forms or {}
    can_work = request.user.is_bureau_writer and case.is_open
    tracks = []
    for track in case.tracks.all():
        if track_form is not None and track_form.instance.pk == track.pk:
            form = track_form
        else:
            form = TrackForm(instance=track, prefix=f"track{track.pk}") if can_work else None
        tracks.append({"track": track, "form": form, "tag": TRACK_TAG.get(track.status, "")})
    materials = list(selectors.case_materials(case))
    material_errors = material_errors or {}
    groups = []
    for entry in tracks:
        department = entry["track"].department
        items = [
            {"item": m, "tag": STATUS_TAG.get(m.status, ""), "errors": material_errors.get(m.pk, [])}
            for m in materials
            if m.department == department
        ]
        done = sum(1 for i in items if i["item"].status == MaterialStatus.VERIFIED)
        groups.append({"label": entry["track"].get_department_display(), "items": items, "verified": done})
    visits = list(case.visits.all())
    steps = list(case.steps.all())
    unfinished = [t["track"].get_department_display() for t in tracks if t["track"].status != TrackStatus.DONE]
    version = {"expected_version": case.version}
    return {
        "case": case,
        "org": case.organization,
        "tracks": tracks,
        "groups": groups,
        "materials_total": len(materials),
        "materials_verified": sum(1 for m in materials if m.status == MaterialStatus.VERIFIED),
        "visits": visits,
        "steps": steps,
        "events": list(selectors.case_events(case)[:200]),
        "unfinished": unfinished,
        "baseline": ProcedureBaseline.objects.for_year(case.opened_on.year),
        "can_work": can_work,
        "visit_form": forms.get("visit") or VisitForm(prefix="visit", initial={"visited_on": _today()}),
        "step_form": forms.get("step")
        or StepForm(prefix="step", initial={"done_on": _today(), "name": "一窗受理、三部门并联办理"}),
        "complete_form": forms.get("complete") or CompleteForm(prefix="complete", initial=version, case=case),
        "verify_form": forms.get("verify") or VerifyAllForm(prefix="verify"),
        "withdraw_form": forms.get("withdraw") or WithdrawForm(prefix="withdraw", initial=version),
        "note_form": forms.get("note") or NoteForm(prefix="note"),
        "today": _today(),
    }


def _today():
    from django.utils import timezone

    return timezone.localdate()
