"""Press officers decide on accreditations and keep them up to date; editors never see them.

An application holds personal data (email, country, an assignment letter)
that only those who decide need. The permissions are made here, as
`post_migrate` would make them later, so that the group can have them now.
"""

from django.db import migrations

PERMISSIONS = {
    "view_accreditation": "Can view accreditation",
    "change_accreditation": "Can change accreditation",
    "decide_accreditation": "Can approve, refuse and revoke accreditations",
}


def grant(apps, schema_editor):
    ContentType = apps.get_model("contenttypes", "ContentType")
    Permission = apps.get_model("auth", "Permission")
    Group = apps.get_model("auth", "Group")
    content_type, _ = ContentType.objects.get_or_create(app_label="presskit", model="accreditation")
    permissions = [
        Permission.objects.get_or_create(
            content_type=content_type, codename=codename, defaults={"name": name}
        )[0]
        for codename, name in PERMISSIONS.items()
    ]
    Group.objects.get(name="Press officers").permissions.add(*permissions)


def revoke(apps, schema_editor):
    Group = apps.get_model("auth", "Group")
    for group in Group.objects.filter(name="Press officers"):
        group.permissions.remove(*group.permissions.filter(codename__in=PERMISSIONS))


class Migration(migrations.Migration):
    dependencies = [
        ("contenttypes", "0002_remove_content_type_name"),
        ("auth", "0012_alter_user_first_name_max_length"),
        ("presskit", "0008_accreditation_and_access_levels"),
    ]

    operations = [migrations.RunPython(grant, revoke)]
