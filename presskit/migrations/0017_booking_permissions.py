"""Press officers see and keep each press screening's list, and let journalists in at the door.

Bookings hold who is coming where (personal data): editors do not see them.
The permissions are made here, as `post_migrate` would make them later, so
that the group can have them now. Door staff who are not press officers
are given "Can check journalists in at the door" alone.
"""

from django.db import migrations

PERMISSIONS = {
    "view_booking": "Can view booking",
    "change_booking": "Can change booking",
    "check_in_booking": "Can check journalists in at the door",
}


def grant(apps, schema_editor):
    ContentType = apps.get_model("contenttypes", "ContentType")
    Permission = apps.get_model("auth", "Permission")
    Group = apps.get_model("auth", "Group")
    content_type, _ = ContentType.objects.get_or_create(app_label="presskit", model="booking")
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
        ("presskit", "0016_bookings"),
    ]

    operations = [migrations.RunPython(grant, revoke)]
