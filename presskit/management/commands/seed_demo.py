import datetime

from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.core.management.base import BaseCommand

from presskit.demo.loader import catalogue_load
from presskit.models import Accreditation
from presskit.models.accreditation import office_date

# Demo logins, made only when DEBUG is on: never on a production site.
DEMO_ACCOUNTS = [
    ("editor", "Editors", "Demo editor (prepares drafts)"),
    ("press", "Press officers", "Demo press officer (publishes, sets embargoes)"),
]
# An accredited journalist, and one whose application waits for the press office.
DEMO_JOURNALISTS = [
    ("journalist@example.org", "Aigerim Demo", "Steppe Weekly", Accreditation.Status.APPROVED),
    ("applicant@example.org", "Iker Demo", "Donostia Gaur", Accreditation.Status.PENDING),
]


class Command(BaseCommand):
    help = (
        "Load the La Tregua demo catalogue. Safe to run again: existing records are left "
        "as they are. With DEBUG on, also creates demo staff logins."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--without-pictures",
            action="store_true",
            help="Skip drawing the sample stills, key art and headshots (a few seconds).",
        )

    def handle(self, *args, **options):
        created = catalogue_load(with_pictures=not options["without_pictures"])
        if created:
            summary = ", ".join(
                f"{count} {model._meta.verbose_name if count == 1 else model._meta.verbose_name_plural}"
                for model, count in created.items()
            )
            self.stdout.write(self.style.SUCCESS(f"Loaded the La Tregua catalogue: {summary}."))
        else:
            self.stdout.write("The La Tregua catalogue is already loaded; nothing changed.")
        if settings.DEBUG:
            self._demo_accounts()

    def _demo_accounts(self):
        User = get_user_model()
        for username, group_name, role in DEMO_ACCOUNTS:
            user, created = User.objects.get_or_create(
                username=username, defaults={"is_staff": True, "email": f"{username}@example.org"}
            )
            if created:
                user.set_password(username)
                user.save(update_fields=["password"])
                user.groups.add(Group.objects.get(name=group_name))
            self.stdout.write(
                f"{role}: log in at {settings.SITE_URL}/admin/ as "
                f"username '{username}', password '{username}'."
            )
        for email, name, outlet, status in DEMO_JOURNALISTS:
            user, created = User.objects.get_or_create(username=email, defaults={"email": email})
            if created:
                user.set_password("journalist")
                user.save(update_fields=["password"])
                Accreditation.objects.create(
                    user=user,
                    name=name,
                    email=email,
                    new_outlet=outlet,
                    role=Accreditation.Role.CRITIC,
                    country="KZ",
                    languages=["kk", "ru"],
                    work_url="https://example.org/reviews",
                    status=status,
                    valid_until=office_date() + datetime.timedelta(days=365)
                    if status == Accreditation.Status.APPROVED
                    else None,
                )
            self.stdout.write(
                f"Demo journalist ({Accreditation.Status(status).label.lower()}): sign in at "
                f"{settings.SITE_URL}/press/sign-in/ as '{email}', password 'journalist'."
            )
