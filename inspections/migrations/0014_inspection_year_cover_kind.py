"""The year's covering index also carries the kind of the organization when inspected (the figures by kind).

Its own migration: PostgreSQL does not build an index in the transaction that just updated every row.
"""

from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [
        ("inspections", "0013_inspection_organization_kind"),
    ]

    operations = [
        migrations.RemoveIndex(
            model_name='inspection',
            name='insp_year_cover',
        ),
        migrations.AddIndex(
            model_name='inspection',
            index=models.Index(fields=['year', 'inspected_on', 'id'], include=('plan', 'organization', 'organization_kind', 'is_joint', 'conclusion'), name='insp_year_cover'),
        ),
    ]
