"""Press officers see who downloaded what; editors do not. Nobody edits the log."""

from django.contrib.auth.management import create_permissions
from django.db import migrations


def grant(apps, schema_editor):
    app_config = apps.get_app_config("presskit")
    app_config.models_module = True
    create_permissions(app_config, apps=apps, verbosity=0)
    app_config.models_module = None
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    view_downloads = Permission.objects.get(
        content_type__app_label="presskit", codename="view_download"
    )
    Group.objects.get(name="Press officers").permissions.add(view_downloads)


def revoke(apps, schema_editor):
    Group = apps.get_model("auth", "Group")
    for group in Group.objects.filter(name="Press officers"):
        group.permissions.remove(*group.permissions.filter(codename="view_download"))


class Migration(migrations.Migration):
    dependencies = [
        ("presskit", "0003_renditions_and_downloads"),
    ]

    operations = [migrations.RunPython(grant, revoke)]
