"""Objects of school A for the URL matrix (tests/test_url_matrix.py)."""

from inspections import services
from inspections.models import Conclusion
from tests.matrix import DISTRICT, Sample, action

from .conftest import attach_hazard_file, attach_inspection_file, attach_selfcheck_file
from .factories import (
    AssessmentFactory,
    ChecklistFactory,
    HazardFactory,
    InspectionFactory,
    OfficerFactory,
    PlanFactory,
    SectionFactory,
    SelfCheckFactory,
    SmartCampusFactory,
)


def _item(ctx):
    return ChecklistFactory().items.first()


def _unpublished_matter(ctx):
    from inspections.models import CheckMatter

    item = _item(ctx)
    CheckMatter.objects.create(item=item, body=SectionFactory(), org_kinds=[ctx.school_a.kind])
    return {"pk": item.pk}


def _rule(ctx):
    from inspections.models import FrequencyRule

    return {"pk": FrequencyRule.objects.create(year=2025, org_kind=ctx.school_a.kind, max_visits=2).pk}


def _inspection(ctx):
    return InspectionFactory(organization=ctx.school_a)


def _hazard(ctx):
    return HazardFactory(organization=ctx.school_a)


def _draw(ctx):
    OfficerFactory.create_batch(2)
    plan = PlanFactory(target_kinds=[ctx.school_a.kind])
    draw = services.draw_commit(plan=plan, quotas={ctx.school_a.kind: 1}, user=ctx.staff)
    return services.draw_perform(draw=draw, user=ctx.staff)


def _published_draw(ctx):
    draw = _draw(ctx)
    services.plan_publish_results(plan=draw.plan, user=ctx.staff)
    return {"pk": draw.pk}


def _committed_draw(ctx):
    OfficerFactory.create_batch(2)
    plan = PlanFactory(target_kinds=[ctx.school_a.kind])
    return {"pk": services.draw_commit(plan=plan, quotas={ctx.school_a.kind: 1}, user=ctx.staff).pk}


def _rectify_notice(ctx):
    inspection = InspectionFactory(organization=ctx.school_a, conclusion=Conclusion.RECTIFY, notice_serial=7)
    return {"pk": inspection.pk}


def _site_record(ctx):
    """A 2025 visit of school A: its 现场检查笔录 is signed in the portal."""
    from datetime import date

    return InspectionFactory(organization=ctx.school_a, inspected_on=date(2025, 5, 12))


def _signature(ctx):
    from inspections.services import signatures

    from .test_signatures import data_url, png

    record = _site_record(ctx)
    officer = record.officers.first()
    signature = signatures.signature_add(
        inspection=record, key=str(officer.pk), data_url=data_url(png()), user=ctx.staff
    )
    return {"pk": signature.pk}


SAMPLES = {
    "inspections:matter_edit": Sample(lambda ctx: {"pk": _item(ctx).pk}, sees=DISTRICT),
    "inspections:matter_publish": action(_unpublished_matter, sees=DISTRICT),
    "inspections:rule_edit": Sample(_rule, sees=DISTRICT),
    "inspections:officer_edit": lambda ctx: {"pk": OfficerFactory().pk},
    "inspections:checklist_detail": lambda ctx: {"pk": ChecklistFactory().pk},
    "inspections:checklist_items": lambda ctx: {"pk": ChecklistFactory(status="draft").pk},
    "inspections:checklist_export": lambda ctx: {"pk": ChecklistFactory().pk},
    "inspections:checklist_new_version": action(lambda ctx: {"pk": ChecklistFactory().pk}),
    "inspections:checklist_publish": action(lambda ctx: {"pk": ChecklistFactory(status="draft").pk}),
    "inspections:plan_detail": lambda ctx: {"pk": PlanFactory().pk},
    "inspections:plan_edit": lambda ctx: {"pk": PlanFactory().pk},
    "inspections:plan_publish": action(lambda ctx: {"pk": _draw(ctx).plan_id}),
    "inspections:draw_create": lambda ctx: {"pk": PlanFactory().pk},
    "inspections:draw_detail": lambda ctx: {"pk": _draw(ctx).pk},
    "inspections:draw_perform": action(_committed_draw),
    "inspections:public_draw": _published_draw,
    "inspections:inspection_detail": lambda ctx: {"pk": _inspection(ctx).pk},
    "inspections:inspection_record_pdf": lambda ctx: {"pk": _inspection(ctx).pk},
    "inspections:inspection_notice_pdf": _rectify_notice,
    "inspections:inspection_attachment": lambda ctx: {"pk": attach_inspection_file(_inspection(ctx), ctx.staff).pk},
    "inspections:site_record_edit": lambda ctx: {"pk": _site_record(ctx).pk},
    "inspections:sign_index": lambda ctx: {"pk": _site_record(ctx).pk},
    "inspections:sign": lambda ctx: {"pk": _site_record(ctx).pk, "signer": "rep"},
    "inspections:supplement_add": action(lambda ctx: {"pk": _site_record(ctx).pk}),
    "inspections:signature_image": _signature,
    "inspections:hazard_detail": lambda ctx: {"pk": _hazard(ctx).pk},
    "inspections:hazard_edit": lambda ctx: {"pk": _hazard(ctx).pk},
    "inspections:hazard_plan": lambda ctx: {"pk": _hazard(ctx).pk},
    "inspections:hazard_submit": action(lambda ctx: {"pk": _hazard(ctx).pk}),
    "inspections:hazard_verify": action(lambda ctx: {"pk": _hazard(ctx).pk}),
    "inspections:hazard_extend": action(lambda ctx: {"pk": _hazard(ctx).pk}),
    "inspections:hazard_notice": lambda ctx: {"pk": _hazard(ctx).pk},
    "inspections:hazard_history": lambda ctx: {"pk": _hazard(ctx).pk},
    "inspections:hazard_evidence": lambda ctx: {"pk": attach_hazard_file(_hazard(ctx), ctx.staff).pk},
    "inspections:selfcheck_detail": lambda ctx: {"pk": SelfCheckFactory(organization=ctx.school_a).pk},
    "inspections:selfcheck_review": action(lambda ctx: {"pk": SelfCheckFactory(organization=ctx.school_a).pk}),
    "inspections:selfcheck_attachment": lambda ctx: {
        "pk": attach_selfcheck_file(SelfCheckFactory(organization=ctx.school_a), ctx.staff).pk
    },
    "inspections:smart_campus_edit": lambda ctx: {"pk": SmartCampusFactory(organization=ctx.school_a).pk},
    "inspections:assessment_detail": lambda ctx: {"pk": AssessmentFactory(organization=ctx.school_a).pk},
    "inspections:assessment_edit": lambda ctx: {"pk": AssessmentFactory(organization=ctx.school_a).pk},
}
