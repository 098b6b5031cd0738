"""Objects of school A for the URL matrix (tests/test_url_matrix.py): a case of school A's organization."""

from tests.conversions.factories import CaseFactory


def _case(ctx):
    return CaseFactory(organization=ctx.school_a)


def _track(ctx):
    return {"pk": _case(ctx).tracks.first().pk}


def _material(ctx):
    from conversions.models import MaterialItem

    case = _case(ctx)
    return {"pk": MaterialItem.objects.create(case=case, department="market", name="股东会决议").pk}


SAMPLES = {
    **{
        f"conversions:{name}": lambda ctx: {"pk": _case(ctx).pk}
        for name in (
            "case_detail",
            "case_history",
            "case_pdf",
            "case_edit",
            "case_complete",
            "case_withdraw",
            "case_note",
            "visit_add",
            "step_add",
            "materials_verify_all",
        )
    },
    "conversions:track_update": _track,
    "conversions:material_mark": _material,
}
