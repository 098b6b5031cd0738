"""Objects of school A for the URL matrix (tests/test_url_matrix.py)."""

from inspections import services
from inspections.models import Conclusion
from tests.matrix import ANYONE, DISTRICT, Sample, action

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


def _combined_visit(ctx):
    from datetime import date

    from inspections.models import CombinedVisit

    visit = CombinedVisit.objects.create(organization=ctx.school_a, plan_key="matrix", planned_on=date(2025, 4, 15))
    visit.plans.set([PlanFactory(), PlanFactory()])
    return {"pk": visit.pk}


def _visit_plan(ctx):
    from datetime import date

    return PlanFactory(starts_on=date(2025, 3, 1), target_kinds=[ctx.school_a.kind])


def _visit(ctx):
    return {"plan": _visit_plan(ctx).pk, "organization": ctx.school_a.pk}


def _visited_code(ctx):
    from datetime import date

    plan = _visit_plan(ctx)
    InspectionFactory(plan=plan, organization=ctx.school_a, inspected_on=date.today())
    return services.visit_code_for(plan, ctx.school_a)


def _rating(ctx):
    """A rating of this year's visit, so the legal section's list shows one (its comment is user text)."""
    services.visit_rating_create(
        code=_visited_code(ctx),
        score=2,
        showed_certificates=True,
        followed_checklist=True,
        no_disruption=False,
        comment="检查时间过长",
    )
    return {}


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
    "inspections:combined_combine": action(lambda ctx: {}, sees=DISTRICT),
    "inspections:combined_decline": action(lambda ctx: {}, sees=DISTRICT),
    "inspections:combined_visit_detail": Sample(_combined_visit, sees=DISTRICT),
    "inspections:combined_visit_record": Sample(_combined_visit, sees=DISTRICT),
    "inspections:visit_code": _visit,
    "inspections:visit_code_qr": _visit,
    "visit_public": lambda ctx: {"token": _visited_code(ctx).token},
    "inspections:visit_ratings": Sample(_rating, sees=ANYONE),
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


# 行政检查审批表, 检查通知 and 回避 (国办发〔2024〕54号)
def _check_notice(ctx):
    from .factories import approved_notice

    return approved_notice(ctx.school_a, staff=ctx.staff)


def _draft_approval(ctx):
    from .factories import submitted_approval

    approval = submitted_approval([ctx.school_a], staff=ctx.staff)
    approval.status = "draft"
    approval.save(update_fields=["status"])
    return {"pk": approval.pk}


def _submitted_approval(ctx):
    from .factories import submitted_approval

    return {"pk": submitted_approval([ctx.school_a], staff=ctx.staff).pk}


def _recusal(ctx):
    notice = _check_notice(ctx)
    recusal = services.recusal_request(
        notice=notice, officer=notice.officers.first(), reason="利害关系", user=ctx.school_admin_a
    )
    return {"pk": recusal.pk}


SAMPLES.update(
    {
        "inspections:check_approval_detail": Sample(_submitted_approval, sees=DISTRICT),
        "inspections:check_approval_submit": action(_draft_approval, sees=DISTRICT),
        "inspections:check_approval_decide": action(_submitted_approval, sees=DISTRICT),
        "inspections:check_notice_detail": lambda ctx: {"pk": _check_notice(ctx).pk},
        "inspections:check_notice_pdf": lambda ctx: {"pk": _check_notice(ctx).pk},
        "inspections:check_notice_receive": action(lambda ctx: {"pk": _check_notice(ctx).pk}),
        "inspections:recusal_request": action(lambda ctx: {"pk": _check_notice(ctx).pk}),
        "inspections:recusal_decide": action(_recusal),
    }
)
