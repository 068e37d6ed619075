"""The two staff groups and what they may do.

Editors prepare everything: they add, change and view every record, and
delete only the small rows an editor corrects (a credit, a quote, a
clipping, a screening, an award, a file). Press officers may do all of that,
delete anything not in use, and publish, which includes setting embargoes.
"""

from django.contrib.auth.management import create_permissions
from django.db import migrations

APPS = ("presskit", "festivals")
EDITOR_DELETABLE = {
    "credit",
    "companycredit",
    "quote",
    "coverage",
    "screening",
    "award",
    "asset",
}


def create_groups(apps, schema_editor):
    # Permissions are normally created after all migrations have run; make
    # them now so the groups can be given them.
    for app_config in apps.get_app_configs():
        app_config.models_module = True
        create_permissions(app_config, apps=apps, verbosity=0)
        app_config.models_module = None

    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    permissions = Permission.objects.filter(content_type__app_label__in=APPS).select_related(
        "content_type"
    )

    editors, _ = Group.objects.get_or_create(name="Editors")
    editors.permissions.set(
        permission
        for permission in permissions
        if permission.codename.split("_", 1)[0] in {"add", "change", "view"}
        or (
            permission.codename.startswith("delete_")
            and permission.content_type.model in EDITOR_DELETABLE
        )
    )
    press_officers, _ = Group.objects.get_or_create(name="Press officers")
    press_officers.permissions.set(permissions)


def remove_groups(apps, schema_editor):
    apps.get_model("auth", "Group").objects.filter(name__in=["Editors", "Press officers"]).delete()


class Migration(migrations.Migration):
    dependencies = [
        ("auth", "0012_alter_user_first_name_max_length"),
        ("contenttypes", "0002_remove_content_type_name"),
        ("presskit", "0001_initial"),
        ("festivals", "0001_initial"),
    ]

    operations = [migrations.RunPython(create_groups, remove_groups)]
