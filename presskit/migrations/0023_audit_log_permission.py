"""Press officers read and export the audit log; editors do not.

The permission is made here, as `post_migrate` would make it later, so
that the group can have it now.
"""

from django.db import migrations


def grant(apps, schema_editor):
    ContentType = apps.get_model("contenttypes", "ContentType")
    Permission = apps.get_model("auth", "Permission")
    Group = apps.get_model("auth", "Group")
    content_type, _ = ContentType.objects.get_or_create(app_label="presskit", model="auditentry")
    view, _ = Permission.objects.get_or_create(
        content_type=content_type,
        codename="view_auditentry",
        defaults={"name": "Can view audit log entry"},
    )
    for group in Group.objects.filter(name="Press officers"):
        group.permissions.add(view)


def revoke(apps, schema_editor):
    Group = apps.get_model("auth", "Group")
    for group in Group.objects.filter(name="Press officers"):
        group.permissions.remove(*group.permissions.filter(codename="view_auditentry"))


class Migration(migrations.Migration):
    dependencies = [
        ("contenttypes", "0002_remove_content_type_name"),
        ("auth", "0012_alter_user_first_name_max_length"),
        ("presskit", "0022_audit_log"),
    ]

    operations = [migrations.RunPython(grant, revoke)]
