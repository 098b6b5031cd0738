"""Each inspection keeps its organization's kind on the day of the visit (figures by kind for a year).

Existing records take the registry's kind, except where a completed 变更 (学科类→非学科类) case shows the
institution was still 学科类 on the day of the visit.
"""

from django.conf import settings
from django.db import migrations, models


BACKFILL = [
    "UPDATE inspections_inspection SET organization_kind = "
    "(SELECT o.kind FROM directory_organization o WHERE o.id = inspections_inspection.organization_id)",
    "UPDATE inspections_inspection SET organization_kind = 'subject_training' WHERE EXISTS ("
    "SELECT 1 FROM conversions_conversioncase c WHERE c.organization_id = inspections_inspection.organization_id "
    "AND c.kind = 'change' AND c.status = 'completed' AND c.completed_on > inspections_inspection.inspected_on)",
    "UPDATE inspections_historicalinspection SET organization_kind = "
    "(SELECT i.organization_kind FROM inspections_inspection i WHERE i.id = inspections_historicalinspection.id) "
    "WHERE EXISTS (SELECT 1 FROM inspections_inspection i WHERE i.id = inspections_historicalinspection.id)",
]


class Migration(migrations.Migration):

    dependencies = [
        ('directory', '0004_merge_bounds_and_history'),
        ('inspections', '0012_unique_messages'),
        ('conversions', '0008_unique_messages'),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.AddField(
            model_name='historicalinspection',
            name='organization_kind',
            field=models.CharField(choices=[('public_primary', '公办小学'), ('public_junior', '公办初中'), ('public_nine_year', '公办九年一贯制学校'), ('public_senior', '公办高中'), ('public_kindergarten', '公办幼儿园'), ('private_kindergarten', '民办幼儿园'), ('private_school', '民办学校'), ('subject_training', '学科类培训机构'), ('nonsubject_training', '非学科类培训机构'), ('bureau', '教育行政部门')], default='', editable=False, max_length=30, verbose_name='检查时机构类型'),
            preserve_default=False,
        ),
        migrations.AddField(
            model_name='inspection',
            name='organization_kind',
            field=models.CharField(choices=[('public_primary', '公办小学'), ('public_junior', '公办初中'), ('public_nine_year', '公办九年一贯制学校'), ('public_senior', '公办高中'), ('public_kindergarten', '公办幼儿园'), ('private_kindergarten', '民办幼儿园'), ('private_school', '民办学校'), ('subject_training', '学科类培训机构'), ('nonsubject_training', '非学科类培训机构'), ('bureau', '教育行政部门')], default='', editable=False, max_length=30, verbose_name='检查时机构类型'),
            preserve_default=False,
        ),
        migrations.RunSQL(BACKFILL, migrations.RunSQL.noop),
    ]
