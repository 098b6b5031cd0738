"""No account is a Django superuser any more (三员分立): is_superuser is cleared and is_staff means
"系统管理员" (the reference-data pages of /admin/). Roles are kept as they are."""

from django.db import migrations


def forwards(apps, schema_editor):
    User = apps.get_model("accounts", "User")
    db = schema_editor.connection.alias
    User.objects.using(db).update(is_superuser=False, is_staff=False)
    User.objects.using(db).filter(role="admin").update(is_staff=True)


class Migration(migrations.Migration):
    dependencies = [("accounts", "0003_three_administrators_audit_log_security_policy")]

    operations = [migrations.RunPython(forwards, migrations.RunPython.noop)]
