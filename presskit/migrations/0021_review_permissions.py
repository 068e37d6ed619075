"""Editors and press officers read the requests for review in the admin.

Both take part: editors submit, press officers decide. The list is
read-only (presskit/admin.py); requests are made and decided on each
record's review page. The permission is made here, as `post_migrate`
would make it later, so that the groups can have it now.
"""

from django.db import migrations


def grant(apps, schema_editor):
    ContentType = apps.get_model("contenttypes", "ContentType")
    Permission = apps.get_model("auth", "Permission")
    Group = apps.get_model("auth", "Group")
    content_type, _ = ContentType.objects.get_or_create(app_label="presskit", model="review")
    view, _ = Permission.objects.get_or_create(
        content_type=content_type, codename="view_review", defaults={"name": "Can view review"}
    )
    for group in Group.objects.filter(name__in=["Editors", "Press officers"]):
        group.permissions.add(view)


def revoke(apps, schema_editor):
    Group = apps.get_model("auth", "Group")
    for group in Group.objects.filter(name__in=["Editors", "Press officers"]):
        group.permissions.remove(*group.permissions.filter(codename="view_review"))


class Migration(migrations.Migration):
    dependencies = [
        ("contenttypes", "0002_remove_content_type_name"),
        ("auth", "0012_alter_user_first_name_max_length"),
        ("presskit", "0020_review_and_schedule"),
    ]

    operations = [migrations.RunPython(grant, revoke)]
