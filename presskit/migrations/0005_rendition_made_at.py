from django.db import migrations, models


class Migration(migrations.Migration):
    """A rendition made again keeps its row; its date must move with its content."""

    dependencies = [("presskit", "0004_download_permissions")]

    operations = [
        migrations.RenameField(model_name="rendition", old_name="created_at", new_name="made_at"),
        migrations.AlterField(
            model_name="rendition",
            name="made_at",
            field=models.DateTimeField(
                auto_now=True, help_text="When this copy was last made: its Last-Modified date."
            ),
        ),
    ]
