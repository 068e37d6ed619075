"""Press officers decide on accreditations and keep them up to date; editors never see them.

An application holds personal data (email, country, an assignment letter)
that only those who decide need.
"""

from django.contrib.auth.management import create_permissions
from django.db import migrations

CODENAMES = ("view_accreditation", "change_accreditation", "decide_accreditation")


def grant(apps, schema_editor):
    app_config = apps.get_app_config("presskit")
    app_config.models_module = True
    create_permissions(app_config, apps=apps, verbosity=0)
    app_config.models_module = None
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    permissions = Permission.objects.filter(
        content_type__app_label="presskit", codename__in=CODENAMES
    )
    Group.objects.get(name="Press officers").permissions.add(*permissions)


def revoke(apps, schema_editor):
    Group = apps.get_model("auth", "Group")
    for group in Group.objects.filter(name="Press officers"):
        group.permissions.remove(*group.permissions.filter(codename__in=CODENAMES))


class Migration(migrations.Migration):
    dependencies = [
        ("presskit", "0008_accreditation_and_access_levels"),
    ]

    operations = [migrations.RunPython(grant, revoke)]
