from django.core.exceptions import ValidationError

from config.lib.admin import EditorialForm, LocalDateTimeField
from presskit.publishing.admin import PublishableForm
from presskit.publishing.models import Embargoable

from .models import Screening, Venue
from .time_zones import COUNTRY_NAMES, ZONE_COUNTRIES, localize, zones_of_country


class ScreeningForm(PublishableForm):
    """Screening times are typed and shown in the venue's local time, and stored in UTC."""

    LOCAL_FIELDS = (
        *("starts_at", "ends_at", "previous_starts_at"),
        *("bookings_open_at", "bookings_close_at"),
    )

    starts_at = LocalDateTimeField(label="Starts (local time)")
    ends_at = LocalDateTimeField(label="Ends (local time)", required=False)
    previous_starts_at = LocalDateTimeField(
        label="Previously announced start (local time)", required=False
    )
    bookings_open_at = LocalDateTimeField(label="Bookings open (local time)", required=False)
    bookings_close_at = LocalDateTimeField(label="Bookings close (local time)", required=False)

    class Meta:
        model = Screening
        fields = "__all__"

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        zone = self.instance.time_zone if self.instance.pk else ""
        for name in self.LOCAL_FIELDS:
            if name not in self.fields:
                continue
            field = self.fields[name]
            value = getattr(self.instance, name)
            if zone and value is not None:
                self.initial[name] = value.astimezone(self.instance.zone).replace(tzinfo=None)
            if name == "starts_at" and zone and value is not None:
                field.help_text = (
                    f"As the clocks show it in {zone}. Stored as {value:%d %b %Y %H:%M} UTC."
                )
            else:
                field.help_text = (
                    "As the clocks show it at the venue (or, for a release without a venue, "
                    "in the time zone below)."
                )

    # Changing these moves an embargo tied to the screening (presskit.Embargoable).
    MOVES_EMBARGOES = ("starts_at", "ends_at", "venue")

    def clean(self):
        cleaned_data = super().clean()
        self.refuse_moving_embargoes()
        venue = cleaned_data.get("venue")
        zone = venue.time_zone if venue else cleaned_data.get("time_zone")
        entered = [name for name in self.LOCAL_FIELDS if cleaned_data.get(name)]
        if entered and not zone:
            if "time_zone" in self.fields:
                self.add_error(
                    "time_zone",
                    "Pick a venue, or for a release without a venue, the time zone its date applies in.",
                )
            else:
                self.add_error("venue", "Pick the venue: its time zone says what the times mean.")
            return cleaned_data
        for name in entered:
            try:
                cleaned_data[name] = localize(cleaned_data[name], zone)
            except ValidationError as error:
                self.add_error(name, error)
        return cleaned_data

    def refuse_moving_embargoes(self) -> None:
        """Only those who may publish move a screening that embargoes follow: moved earlier,
        the embargoes would lift sooner, which is making something public."""
        if self.may_publish or self.instance.pk is None:
            return
        if not set(self.MOVES_EMBARGOES) & set(self.changed_data):
            return
        if tied := Embargoable.tied_to(self.instance):
            raise ValidationError(
                f"{len(tied)} embargoes follow this screening "
                f"({', '.join(str(record) for record in tied[:3])}"
                f"{', …' if len(tied) > 3 else ''}): only a press officer can move it."
            )


class VenueForm(EditorialForm):
    class Meta:
        model = Venue
        fields = "__all__"

    def clean(self):
        cleaned_data = super().clean()
        zone, country = cleaned_data.get("time_zone"), cleaned_data.get("country")
        if zone and country and zone != "UTC":
            zone_country, _ = ZONE_COUNTRIES[zone]
            if zone_country != country:
                options = ", ".join(zones_of_country(str(country))) or "none listed"
                self.add_error(
                    "time_zone",
                    f"{zone} is a time zone of {COUNTRY_NAMES.get(zone_country, zone_country)}, "
                    f"but the venue is in {COUNTRY_NAMES.get(str(country), country)}. "
                    f"Its zones: {options}.",
                )
        return cleaned_data
