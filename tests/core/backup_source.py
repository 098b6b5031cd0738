"""Fills a scratch PostgreSQL database with the portal's tables and a few records of a year, for the
backup script's test (tests/core/test_backup_script.py):

    DATABASE_URL=postgres://…/scratch python -m tests.core.backup_source

The tables are created from the models (no migrations: a full `migrate` costs minutes), the records
by the test factories, audit history included.
"""

import os
from datetime import date


def main() -> None:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "wucheng_edu.settings")
    import django

    django.setup()
    from django.apps import apps
    from django.db import connection

    with connection.schema_editor() as editor:
        for model in apps.get_models():
            if model._meta.managed and not model._meta.proxy:
                editor.create_model(model)

    from tests.factories import OrganizationFactory
    from tests.inspections.factories import HazardFactory, InspectionFactory
    from tests.legalaid.factories import AppointmentFactory

    schools = OrganizationFactory.create_batch(5)
    for school in schools[:3]:
        HazardFactory(organization=school, found_on=date(2022, 11, 20))
    InspectionFactory(organization=schools[1])
    AppointmentFactory(organization=schools[0])


if __name__ == "__main__":
    main()
