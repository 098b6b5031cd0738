"""Factories of the counsel registry and the 普法 log."""

import itertools
from datetime import date
from decimal import Decimal

import factory
from django.core.files.base import ContentFile
from factory.django import DjangoModelFactory

from legalaid.models import (
    Activity,
    ActivityKind,
    ActivityPhoto,
    Appointment,
    CadreTraining,
    Evaluation,
    LawFirm,
    Lawyer,
    NormativeDocument,
    ServiceKind,
    ServiceRecord,
)
from tests.factories import DepartmentFactory, OrganizationFactory, UserFactory, valid_credit_code

_serial = itertools.count(1)


def valid_license_no(year: int = 2010) -> str:
    return f"13307{year}11{next(_serial):06d}"


class LawFirmFactory(DjangoModelFactory):
    class Meta:
        model = LawFirm

    name = factory.Sequence(lambda n: f"测试律师事务所{n}")
    credit_code = factory.LazyFunction(lambda: valid_credit_code("31"))
    address = factory.Faker("address")


class LawyerFactory(DjangoModelFactory):
    class Meta:
        model = Lawyer

    name = factory.Faker("name")
    firm = factory.SubFactory(LawFirmFactory)
    license_no = factory.LazyFunction(valid_license_no)
    phone = "13900000000"


class AppointmentFactory(DjangoModelFactory):
    class Meta:
        model = Appointment

    organization = factory.SubFactory(OrganizationFactory)
    lawyer = factory.SubFactory(LawyerFactory)
    start_date = date(2021, 1, 1)
    end_date = date(2030, 12, 31)
    ends_on = factory.SelfAttribute("end_date")
    fee = Decimal("6000")
    scope = "法律咨询、合同审查"


class ServiceRecordFactory(DjangoModelFactory):
    class Meta:
        model = ServiceRecord

    appointment = factory.SubFactory(AppointmentFactory)
    date = date(2021, 5, 10)
    kind = ServiceKind.CONSULTATION
    hours = Decimal("1.5")
    summary = "就学生意外伤害处理提供咨询。"


class EvaluationFactory(DjangoModelFactory):
    class Meta:
        model = Evaluation

    appointment = factory.SubFactory(AppointmentFactory)
    year = 2021
    score = 90
    comment = "服务及时。"


class ActivityFactory(DjangoModelFactory):
    class Meta:
        model = Activity
        skip_postgeneration_save = True

    title = factory.Sequence(lambda n: f"测试普法活动{n}")
    date = date(2021, 6, 26)
    kind = ActivityKind.ANTI_DRUG
    participants = 300

    @factory.post_generation
    def organizations(self, create, extracted, **kwargs):
        if create:
            self.organizations.set(extracted or [OrganizationFactory()])


PNG = b"\x89PNG\r\n\x1a\n" + b"\x00" * 32


class ActivityPhotoFactory(DjangoModelFactory):
    class Meta:
        model = ActivityPhoto

    activity = factory.SubFactory(ActivityFactory)
    file = factory.LazyFunction(lambda: ContentFile(PNG, name="photo.png"))
    original_name = "活动现场.png"
    size = len(PNG)
    uploaded_by = factory.SubFactory(UserFactory)


class CadreTrainingFactory(DjangoModelFactory):
    class Meta:
        model = CadreTraining

    date = date(2021, 3, 10)
    title = "民法典专题学习"
    participants = 50
    hours = Decimal("1.5")


class NormativeDocumentFactory(DjangoModelFactory):
    class Meta:
        model = NormativeDocument

    title = factory.Sequence(lambda n: f"测试规范性文件{n}")
    drafting_department = factory.SubFactory(DepartmentFactory, name="政策法规科", kind="section")
    drafted_on = date(2021, 3, 1)
