"""A serialization format for backups: Django's JSON, with every time to the microsecond.

Django's JSON encoder cuts times to the millisecond, so a backup written with
it would not bring every row back identical. Registered in
`SERIALIZATION_MODULES` as "exactjson" (config/settings/base.py), it is read
and written by `dumpdata` and `loaddata` like any other format.
"""

import datetime

from django.core.serializers import json
from django.core.serializers.json import DjangoJSONEncoder


class ExactEncoder(DjangoJSONEncoder):
    def default(self, o):
        if isinstance(o, datetime.datetime | datetime.time):
            return o.isoformat()  # microseconds and offset as they are
        return super().default(o)


class Serializer(json.Serializer):
    def serialize(self, queryset, **options):
        return super().serialize(queryset, **{**options, "cls": ExactEncoder})


Deserializer = json.Deserializer
