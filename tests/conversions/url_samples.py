"""Objects of school A for the URL matrix (tests/test_url_matrix.py): a case of school A's organization."""

from tests.conversions.factories import CaseFactory
from tests.matrix import DISTRICT, Sample, action


def _case(ctx):
    return CaseFactory(organization=ctx.school_a)


def _track(ctx):
    return {"pk": _case(ctx).tracks.first().pk}


def _material(ctx):
    from conversions.models import MaterialItem

    case = _case(ctx)
    return {"pk": MaterialItem.objects.create(case=case, department="market", name="股东会决议").pk}


def _case_pk(ctx):
    return {"pk": _case(ctx).pk}


def _baseline(ctx):
    from conversions.models import ProcedureBaseline

    return {"pk": ProcedureBaseline.objects.create(year=2021, steps=3, visits=3, source="改革前办事指南").pk}


SAMPLES = {
    "conversions:baseline_edit": Sample(_baseline, sees=DISTRICT),
    **{f"conversions:{name}": _case_pk for name in ("case_detail", "case_history", "case_pdf", "case_edit")},
    **{
        f"conversions:{name}": action(_case_pk)
        for name in ("case_complete", "case_withdraw", "case_note", "visit_add", "step_add", "materials_verify_all")
    },
    "conversions:track_update": action(_track),
    "conversions:material_mark": action(_material),
}
