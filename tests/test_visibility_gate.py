"""The one visibility gate: what each model declares is what every check, lock and query follows.

An editor prepares; only press officers make anything public. The walk
below takes every public model, a record hidden by each of its declared
rules in turn, and every field of its admin form, and tries as an editor
every value that could widen what the public sees, including values for
the fields the form does not show. Nothing may become public; the same
changes by a press officer do, which shows the walk reaches the gate.
"""

import datetime

import pytest
from django.apps import apps
from django.db import models, transaction
from django.urls import reverse
from django.utils import timezone

from festivals.models import Edition, Screening
from presskit.models import Asset, CompanyCredit, Credit, Film, Person, Quote
from presskit.publishing.models import (
    Access,
    AllPublic,
    Audience,
    From,
    Gated,
    Is,
    NotBefore,
    NotInBin,
    OpenTo,
    PartOpenTo,
    PublicRecord,
    Until,
)

from .admin_forms import form_data
from .factories import (
    DRAFT,
    PUBLISHABLE_FACTORIES,
    PUBLISHED,
    SCHEDULED,
    make_asset,
    make_company,
    make_credit,
    make_edition,
    make_film,
    make_quote,
    make_screening,
)

pytestmark = pytest.mark.django_db

# Every record behind the gate that has an admin of its own: those with a publication
# state, and credits (company credits are edited only inside their film: tested below).
FACTORIES = {**PUBLISHABLE_FACTORIES, Credit: make_credit}
PAST = datetime.datetime(2020, 1, 1, tzinfo=datetime.UTC)
DAY = datetime.timedelta(days=1)


def test_every_model_behind_the_gate_is_walked():
    gated = {model for model in apps.get_models() if issubclass(model, Gated)}
    assert gated - set(FACTORIES) == {CompanyCredit}


def _hidden_by(model, name):
    """A record of `model` that only the rule on `name` keeps from the public."""
    make, rule = FACTORIES[model], model.visibility[name]
    field = model._meta.get_field(name)
    headshot = {"kind": Asset.Kind.HEADSHOT} if (model, name) == (Asset, "person") else {}
    if isinstance(rule, NotInBin):
        return make(**{name: timezone.now()})
    if isinstance(rule, Is):
        other = next(value for value, _ in field.choices if value not in rule.values)
        return make(**{name: other})
    if isinstance(rule, NotBefore):
        return make(**{name: timezone.now() + datetime.timedelta(days=1)})
    if isinstance(rule, From):
        return make(publication_status=SCHEDULED, **{name: timezone.now() + DAY})
    if isinstance(rule, Until):
        return make(**{name: timezone.now() - DAY})
    if isinstance(rule, OpenTo):
        return make(**{name: Access.PRESS})
    if isinstance(rule, PublicRecord):
        return make(**{name: FACTORIES[field.related_model](publication_status=DRAFT)}, **headshot)
    assert isinstance(rule, AllPublic), rule
    record = make()
    getattr(record, name).add(FACTORIES[field.related_model](publication_status=DRAFT))
    return record


# Every rule that hides a whole record; PartOpenTo keeps back a part (a print size) instead.
HIDDEN = [
    (model, name)
    for model in FACTORIES
    for name, rule in model.visibility.items()
    if not isinstance(rule, PartOpenTo)
]


def _ids(value):
    return value.__name__ if isinstance(value, type) else value


@pytest.mark.parametrize(("model", "name"), HIDDEN, ids=_ids)
def test_each_rule_alone_hides_a_record_and_the_row_check_agrees(model, name):
    record = _hidden_by(model, name)

    assert not record.is_published()
    assert not model.objects.filter(pk=record.pk).published().exists()
    others = {other: rule for other, rule in model.visibility.items() if other != name}
    assert all(
        rule.holds(rule.value_of(record, other), timezone.now(), Audience.PUBLIC)
        for other, rule in others.items()
    ), "the record must be one step from public"


def _candidates(model, field, public: dict):
    """Values for `field` that could make a hidden record public, as a form would post them.

    Every value of a declared field; one changed value of any other field
    (the gate does not read them, which this shows too).
    """
    if field.many_to_many:
        related = public.get(field.related_model)
        return [[]] + ([[str(related.pk)]] if related else [])
    if field.is_relation:
        related = public.get(field.related_model)
        return ([str(related.pk)] if related else []) + ([""] if field.null else [])
    choices = [value for value, _ in field.choices or ()]
    if choices:
        return choices if field.name in model.visibility else choices[-1:]
    if isinstance(field, models.DateTimeField):
        return [PAST, ""]
    if isinstance(field, models.CharField | models.TextField) and not field.unique:
        return ["Edited by an editor"]
    return []


def _post_value(data: dict, field, value) -> dict:
    data = dict(data)
    if isinstance(field, models.DateTimeField):
        data.pop(field.name, None)
        data[f"{field.name}_0"] = f"{value:%Y-%m-%d}" if value else ""
        data[f"{field.name}_1"] = f"{value:%H:%M:%S}" if value else ""
    else:
        data[field.name] = value
    return data


def _change_url(record) -> str:
    opts = record._meta
    return reverse(f"admin:{opts.app_label}_{opts.model_name}_change", args=[record.pk])


def _change(client, record, changes: dict, data: dict | None = None):
    """Post `record`'s admin form as `client` sees it (or as `data` holds it), with `changes`."""
    url = _change_url(record)
    if data is None:
        data = form_data(client.get(url), f"{record._meta.model_name}_form")
    for field, value in changes.items():
        data = _post_value(data, field, value)
    response = client.post(url, data)
    assert response.status_code in (200, 302), response.status_code
    return response


def _bin_url(model) -> str:
    return reverse(f"admin:{model._meta.app_label}_{model._meta.model_name}_bin")


@pytest.mark.parametrize(("model", "name"), HIDDEN, ids=_ids)
def test_an_editor_can_make_nothing_public_by_any_field(editor_client, model, name):
    record = _hidden_by(model, name)
    if isinstance(model.visibility[name], NotInBin):
        # In the bin it has no form; it comes out only by a restore, which is not theirs.
        assert editor_client.get(_change_url(record)).status_code == 302
        assert editor_client.post(_bin_url(model), {"restore": record.pk}).status_code == 403
        assert not model.objects.filter(pk=record.pk).published().exists()
        return
    public = {related: FACTORIES[related]() for related in (Film, Person, Screening)}
    fields = [
        field
        for field in (*model._meta.fields, *model._meta.many_to_many)
        if field.editable and not field.primary_key and not isinstance(field, models.FileField)
    ]
    # Each try is rolled back, so the form as first shown stays current.
    shown = form_data(editor_client.get(_change_url(record)), f"{model._meta.model_name}_form")
    tried = 0
    for field in fields:
        for value in _candidates(model, field, public):
            with transaction.atomic():
                _change(editor_client, record, {field: value}, shown)
                assert not model.objects.filter(pk=record.pk).published().exists(), (
                    f"an editor made a {model.__name__} hidden by {name} public "
                    f"by setting {field.name} to {value!r}"
                )
                transaction.set_rollback(True)
            tried += 1
    assert tried >= len(model.visibility)


def _opening_value(model, name, public: dict):
    rule, field = model.visibility[name], model._meta.get_field(name)
    if isinstance(rule, Is):
        return rule.values[0]
    if isinstance(rule, NotBefore):
        return ""
    if isinstance(rule, OpenTo):
        return Access.PUBLIC
    if isinstance(rule, PublicRecord):
        return str(public[field.related_model].pk)
    return []


# The walk reaches the gate: the same form, posted by a press officer, opens each record.
@pytest.mark.parametrize(
    ("model", "name"),
    [(model, name) for model, name in HIDDEN if name != "processing"],
    ids=_ids,
)
def test_a_press_officer_makes_the_same_record_public_with_the_same_form(press_client, model, name):
    record = _hidden_by(model, name)
    public = {related: FACTORIES[related]() for related in (Film, Person, Screening)}

    if name == "binned_at":  # restored from the bin
        assert press_client.post(_bin_url(model), {"restore": record.pk}).status_code == 302
        changes = {}
    elif name == "publish_at":  # a scheduled record is published now from its form
        changes = {model._meta.get_field("publication_status"): PUBLISHED}
    elif name == "withdraw_at":  # withdrawn as scheduled: published again from the list
        opts = record._meta
        response = press_client.post(
            reverse(f"admin:{opts.app_label}_{opts.model_name}_changelist"),
            {"action": "publish_selected", "_selected_action": [record.pk]},
        )
        assert response.status_code == 302
        changes = {}
    else:
        changes = {model._meta.get_field(name): _opening_value(model, name, public)}
    if changes:
        _change(press_client, record, changes)

    assert model.objects.filter(pk=record.pk).published().exists()


def test_an_editor_relinking_a_published_quote_to_a_public_film_is_told_why_not(editor_client):
    quote = make_quote(film=make_film(publication_status=DRAFT), text="Hidden with its film.")

    response = _change(editor_client, quote, {Quote._meta.get_field("film"): make_film().pk})

    assert response.status_code == 200
    assert "only press officers can make something public" in response.content.decode()
    quote.refresh_from_db()
    assert not quote.film.is_published()


def test_an_editor_may_still_relink_a_draft(editor_client):
    quote = make_quote(film=make_film(publication_status=DRAFT), publication_status=DRAFT)
    film = make_film()

    response = _change(editor_client, quote, {Quote._meta.get_field("film"): film.pk})

    assert response.status_code == 302
    quote.refresh_from_db()
    assert quote.film == film


def test_every_locked_field_is_read_only_for_editors_and_open_to_press_officers(
    editor_client, press_client
):
    for model, make in FACTORIES.items():
        record = make()
        opts = record._meta
        url = reverse(f"admin:{opts.app_label}_{opts.model_name}_change", args=[record.pk])
        editor_page, press_page = editor_client.get(url), press_client.get(url)
        as_editor = form_data(editor_page, f"{opts.model_name}_form")
        as_press = form_data(press_page, f"{opts.model_name}_form")
        for name in model.locked_fields():
            sent = {name, f"{name}_0"}
            # A checkbox left unticked is not sent: its input on the page says it is there.
            a_box = f'name="{name}"'
            assert not sent & set(as_editor), f"{model.__name__}.{name} is editable by editors"
            assert a_box not in editor_page.content.decode()
            if opts.get_field(name).editable:
                assert sent & set(as_press) or a_box in press_page.content.decode(), (
                    f"{model.__name__}.{name} is locked for publishers"
                )


def test_an_editor_cannot_open_a_screening_through_its_editions_inline(editor_client):
    edition = make_edition()
    screening = make_screening(edition=edition, film=make_film(publication_status=DRAFT))
    draft = make_screening(edition=edition, publication_status=DRAFT)
    url = reverse("admin:festivals_edition_change", args=[edition.pk])
    data = form_data(editor_client.get(url), "edition_form")
    rows = {data[f"screenings-{n}-id"]: n for n in range(2)}
    moved, drafted = rows[str(screening.pk)], rows[str(draft.pk)]
    data[f"screenings-{moved}-film"] = str(make_film().pk)
    data[f"screenings-{drafted}-publication_status"] = "published"

    response = editor_client.post(url, data)

    assert response.status_code == 200
    assert "only press officers can make something public" in response.content.decode()
    assert not Screening.objects.published().exists()
    assert Edition.objects.get().screenings.count() == 2


def test_an_editor_cannot_credit_a_company_on_a_published_film(editor_client):
    film = make_film()
    company = make_company(name="Spassk 99 AIE")
    url = reverse("admin:presskit_film_change", args=[film.pk])
    data = form_data(editor_client.get(url), "film_form")
    data.update(
        {
            "company_credits-0-company": str(company.pk),
            "company_credits-0-role": "production",
            "company_credits-0-order": "1",
        }
    )

    response = editor_client.post(url, data)

    assert response.status_code == 200
    assert "only press officers can make something public" in response.content.decode()
    assert not film.company_credits.exists()


def test_an_editor_cannot_open_a_print_size_kept_for_the_press(editor_client, press_client):
    still = make_asset(print_access=Access.PRESS)
    field = Asset._meta.get_field("print_access")

    for client in (editor_client, press_client):
        shown = form_data(client.get(_change_url(still)), "asset_form")
        _change(client, still, {field: Access.PUBLIC}, shown)
        still.refresh_from_db()
        opened = still.size_is_open("print", Audience.PUBLIC)
        assert opened is (client is press_client), "only a press officer opens it"
