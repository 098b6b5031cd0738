"""Objects of school A for the URL matrix (tests/test_url_matrix.py)."""

from django.core.files.base import ContentFile

from legalaid import services
from tests.legalaid.factories import (
    ActivityFactory,
    ActivityPhotoFactory,
    AppointmentFactory,
    CadreTrainingFactory,
    EvaluationFactory,
    LawFirmFactory,
    LawyerFactory,
    NormativeDocumentFactory,
    ServiceRecordFactory,
)
from tests.matrix import action


def _appointment(ctx):
    return AppointmentFactory(organization=ctx.school_a)


def _with_contract(ctx):
    appointment = _appointment(ctx)
    appointment.contract_file.save("contract.pdf", ContentFile(b"%PDF-1.4\n"), save=False)
    appointment.contract_name = "聘用合同.pdf"
    return services.appointment_update(
        appointment=appointment, data={}, user=ctx.school_admin_a, expected_version=appointment.version
    )


def _contract_version(ctx):
    appointment = _with_contract(ctx)
    return {"pk": appointment.pk, "history_id": appointment.history.latest("history_id").history_id}


def _photo(ctx):
    activity = ActivityFactory(organizations=[ctx.school_a])
    return {"pk": ActivityPhotoFactory(activity=activity, uploaded_by=ctx.school_admin_a).pk}


SAMPLES = {
    "legalaid:appointment_contract_version": _contract_version,
    "legalaid:school_counsel": lambda ctx: {"pk": ctx.school_a.pk},
    "legalaid:firm_detail": lambda ctx: {"pk": LawFirmFactory().pk},
    "legalaid:firm_edit": lambda ctx: {"pk": LawFirmFactory().pk},
    "legalaid:lawyer_detail": lambda ctx: {"pk": LawyerFactory().pk},
    "legalaid:lawyer_edit": lambda ctx: {"pk": LawyerFactory().pk},
    "legalaid:lawyer_history": lambda ctx: {"pk": LawyerFactory().pk},
    "legalaid:appointment_detail": lambda ctx: {"pk": _appointment(ctx).pk},
    "legalaid:appointment_edit": lambda ctx: {"pk": _appointment(ctx).pk},
    "legalaid:appointment_terminate": lambda ctx: {"pk": _appointment(ctx).pk},
    "legalaid:appointment_contract": lambda ctx: {"pk": _with_contract(ctx).pk},
    "legalaid:appointment_history": lambda ctx: {"pk": _appointment(ctx).pk},
    "legalaid:evaluation_create": lambda ctx: {"pk": _appointment(ctx).pk, "year": 2021},
    "legalaid:evaluation_edit": lambda ctx: {"pk": EvaluationFactory(appointment=_appointment(ctx)).pk},
    "legalaid:service_edit": lambda ctx: {"pk": ServiceRecordFactory(appointment=_appointment(ctx)).pk},
    "legalaid:activity_detail": lambda ctx: {"pk": ActivityFactory(organizations=[ctx.school_a]).pk},
    "legalaid:activity_edit": lambda ctx: {"pk": ActivityFactory(organizations=[ctx.school_a]).pk},
    "legalaid:activity_history": lambda ctx: {"pk": ActivityFactory(organizations=[ctx.school_a]).pk},
    "legalaid:activity_photo_add": lambda ctx: {"pk": ActivityFactory(organizations=[ctx.school_a]).pk},
    "legalaid:activity_photo": _photo,
    "legalaid:activity_photo_delete": action(_photo),
    "legalaid:training_edit": lambda ctx: {"pk": CadreTrainingFactory().pk},
    "legalaid:document_detail": lambda ctx: {"pk": NormativeDocumentFactory().pk},
    "legalaid:document_edit": lambda ctx: {"pk": NormativeDocumentFactory().pk},
    "legalaid:document_advance": action(lambda ctx: {"pk": NormativeDocumentFactory().pk}),
}
