"""Prepared queries: a queryset compiled to SQL once per process, then run with new parameters.

Django compiles a queryset to SQL every time it runs it. On the film page,
which shows eight kinds of record, that compilation costs ten times more
than the database work (benchmarks/RESULTS.md). The public pages' queries
differ only in their parameters (which film, which filters, what time it
is), so each shape is compiled once with placeholder values and then run
with the real ones, as a database's own prepared statements are. Nothing is
remembered but the SQL text: every call reads the database, so no result
can be stale.

A prepared query is written as an ordinary queryset, through `published()`,
so the rule of what is public stays in one place; tests compare each
prepared query with its plain queryset.
"""

import datetime
import threading
from collections.abc import Callable, Sequence
from dataclasses import dataclass

from django.db import connections
from django.db.models import Model, QuerySet
from django.db.models.base import ModelState
from django.db.models.fields.related_descriptors import ForeignKeyDeferredAttribute
from django.db.models.query_utils import DeferredAttribute
from django.db.models.signals import post_init, pre_init

_FIRST_INT_SENTINEL = -1_987_654_321


def _sentinel(kind: type, index: int):
    """A value no real parameter takes, to find where each parameter lands in the SQL."""
    if kind is int:
        return _FIRST_INT_SENTINEL - index
    if kind is str:
        return f"\x00prepared-parameter-{index}"
    if kind is datetime.datetime:
        return datetime.datetime(1901, 1, 1, 0, 0, 0, index + 1, tzinfo=datetime.UTC)
    if kind is datetime.date:
        return datetime.date(1901, 1, 1) + datetime.timedelta(days=index)
    raise TypeError(
        f"Prepared queries take int, str, date and datetime parameters, not {kind.__name__}."
    )


def _adapt(connection, value):
    """A parameter as the database backend passes it (SQLite takes dates as text)."""
    if isinstance(value, datetime.datetime):
        return connection.ops.adapt_datetimefield_value(value)
    if isinstance(value, datetime.date):
        return connection.ops.adapt_datefield_value(value)
    return value


def _materialize(model: type[Model], alias: str, plain: dict, through: Sequence) -> Model:
    """An instance holding only the given fields, built as unpickling builds one.

    Model.from_db() runs __init__ over every field of the model, loaded or
    not, which costs more than the query on a page of small lists. This
    puts plain columns straight into the instance's __dict__, sets the
    others (files, countries) through their descriptors, and leaves the
    rest deferred; models with pre_init or post_init receivers take
    from_db().
    """
    instance = model.__new__(model)
    instance.__dict__.update(plain)
    state = instance._state = ModelState()
    state.adding = False
    state.db = alias
    for attname, value in through:
        setattr(instance, attname, value)
    return instance


def _is_plain(model: type[Model], attname: str) -> bool:
    """Whether setting `attname` on a new instance only stores the value.

    A foreign key's id descriptor also forgets a cached related object,
    which a new instance does not have; files and countries wrap values.
    """
    return type(getattr(model, attname, None)) in (DeferredAttribute, ForeignKeyDeferredAttribute)


@dataclass(frozen=True)
class _Layout:
    """Where one model's columns sit in a row, and where to attach its instance."""

    path: tuple[str, ...]
    link: object  # the foreign key from the parent instance that leads here (None at the root)
    model: type[Model]
    attnames: tuple[str, ...]
    columns: tuple[int, ...]
    pk_column: int
    plain: bool  # no pre_init/post_init receivers: built without __init__
    direct: tuple[tuple[str, int], ...]  # (attname, column) stored as they are
    through: tuple[tuple[str, int], ...]  # (attname, column) set through descriptors

    def build(self, alias: str, row) -> Model:
        if self.plain:
            return _materialize(
                self.model,
                alias,
                {attname: row[column] for attname, column in self.direct},
                [(attname, row[column]) for attname, column in self.through],
            )
        return self.model.from_db(alias, self.attnames, [row[column] for column in self.columns])


@dataclass(frozen=True)
class _Plan:
    alias: str
    sql: str
    params: tuple
    slots: dict[str, tuple[int, ...]]
    converters: dict
    compiler: object
    layouts: tuple[_Layout, ...]

    def parameters(self, given: dict) -> list:
        connection = connections[self.alias]
        values = list(self.params)
        for name, positions in self.slots.items():
            value = _adapt(connection, given[name])
            for position in positions:
                values[position] = value
        return values

    def fetch(self, sql: str, values: list) -> list:
        with connections[self.alias].cursor() as cursor:
            cursor.execute(sql, values)
            rows = cursor.fetchall()
        if self.converters:
            rows = list(self.compiler.apply_converters(rows, self.converters))
        return rows


class PreparedQuery:
    """`build(**params)` makes the queryset; calling returns its rows as model instances.

    `fields` names the fields to load, through relations too
    ("person__name"): each instance holds those fields, and its related
    instances are attached, so `credit.person.name` needs no query.
    Parameters are ints, strings, dates or aware datetimes, passed by
    keyword; each set of parameter names is its own prepared shape.
    """

    def __init__(self, build: Callable[..., QuerySet], *, fields: Sequence[str]):
        self.build = build
        self.fields = tuple(fields)
        self._plans: dict[tuple, _Plan] = {}
        self._lock = threading.Lock()

    def __call__(self, **params) -> list[Model]:
        plan = self._plan("instances", params)
        rows = plan.fetch(plan.sql, plan.parameters(params))
        seen: dict = {}
        return [self._instance(plan, row, seen) for row in rows]

    def rows(self, **params) -> list[tuple]:
        """The rows as tuples of `fields`, in that order (for distinct lists of values)."""
        plan = self._plan("rows", params)
        width = len(self.fields)
        return [tuple(row[:width]) for row in plan.fetch(plan.sql, plan.parameters(params))]

    def count(self, **params) -> int:
        plan = self._plan("instances", params)
        with connections[plan.alias].cursor() as cursor:
            cursor.execute(f"SELECT COUNT(*) FROM ({plan.sql}) prepared", plan.parameters(params))
            return cursor.fetchone()[0]

    def slice(self, offset: int, limit: int, **params) -> list[Model]:
        """Rows offset to offset + limit, in the queryset's order (a page of a list)."""
        plan = self._plan("instances", params)
        values = [*plan.parameters(params), limit, offset]
        rows = plan.fetch(f"{plan.sql} LIMIT %s OFFSET %s", values)
        seen: dict = {}
        return [self._instance(plan, row, seen) for row in rows]

    def plain(self, **params) -> QuerySet:
        """The same query, unprepared: what the tests compare the prepared one with."""
        return self.build(**params)

    def _plan(self, mode: str, params: dict) -> _Plan:
        key = (mode, *sorted((name, type(value)) for name, value in params.items()))
        plan = self._plans.get(key)
        if plan is None:
            with self._lock:
                plan = self._plans.get(key) or self._prepare(mode, key[1:])
                self._plans[key] = plan
        return plan

    def _prepare(self, mode: str, kinds: tuple) -> _Plan:
        sentinels = {name: _sentinel(kind, index) for index, (name, kind) in enumerate(kinds)}
        queryset = self.build(**sentinels)
        if mode == "rows":
            layouts, columns = (), list(self.fields)
        else:
            layouts, columns = self._layouts(queryset.model)
        alias = queryset.db
        connection = connections[alias]
        compiler = queryset.values_list(*columns).query.get_compiler(using=alias)
        sql, params = compiler.as_sql()
        if " LIMIT " in sql:
            raise ValueError("Slice a prepared query with .slice(), not in its queryset.")
        # Where each parameter lands; a shape may not use every one (the
        # schedule's order ignores the time once a date range is chosen).
        slots = {}
        for name, sentinel in sentinels.items():
            adapted = _adapt(connection, sentinel)
            slots[name] = tuple(i for i, param in enumerate(params) if param == adapted)
        selected = [column[0] for column in compiler.select[0 : compiler.col_count]]
        return _Plan(
            alias=alias,
            sql=sql,
            params=tuple(params),
            slots=slots,
            converters=compiler.get_converters(selected),
            compiler=compiler,
            layouts=layouts,
        )

    def _layouts(self, model: type[Model]) -> tuple[tuple[_Layout, ...], list[str]]:
        """Group the fields by the model they belong to, in that model's own field order."""
        by_path: dict[tuple[str, ...], set[str]] = {(): {"pk"}}
        for name in self.fields:
            *path, field_name = name.split("__")
            for depth in range(1, len(path) + 1):
                by_path.setdefault(tuple(path[:depth]), {"pk"})
            by_path[tuple(path)].add(field_name)
        columns, layouts = [], []
        for path in sorted(by_path, key=len):
            target, link = model, None
            for step in path:
                link = target._meta.get_field(step)
                if not (link.many_to_one or link.one_to_one) or not link.concrete:
                    raise ValueError(f"Prepared queries follow foreign keys only, not {step!r}.")
                if not link.target_field.primary_key:
                    raise ValueError(f"{step!r} must point at a primary key to be prepared.")
                target = link.related_model
            wanted = by_path[path]
            fields = [
                field
                for field in target._meta.concrete_fields
                if field.name in wanted or (field.primary_key and "pk" in wanted)
            ]
            start = len(columns)
            columns += ["__".join((*path, field.name)) for field in fields]
            pk_index = next(i for i, field in enumerate(fields) if field.primary_key)
            pairs = [(field.attname, start + i) for i, field in enumerate(fields)]
            layouts.append(
                _Layout(
                    path=path,
                    link=link,
                    model=target,
                    attnames=tuple(field.attname for field in fields),
                    columns=tuple(range(start, start + len(fields))),
                    pk_column=start + pk_index,
                    plain=not (pre_init.has_listeners(target) or post_init.has_listeners(target)),
                    direct=tuple(pair for pair in pairs if _is_plain(target, pair[0])),
                    through=tuple(pair for pair in pairs if not _is_plain(target, pair[0])),
                )
            )
        return tuple(layouts), columns

    @staticmethod
    def _instance(plan: _Plan, row, seen: dict) -> Model:
        """The row's main instance, with its related ones attached.

        Related records that recur in the results (the same outlet under
        several quotes) are one instance, as in the database.
        """
        built: dict[tuple[str, ...], Model | None] = {}
        for layout in plan.layouts:
            parent = built.get(layout.path[:-1]) if layout.path else None
            if layout.path and parent is None:
                built[layout.path] = None
                continue
            pk = row[layout.pk_column]
            if pk is None:
                instance = None
            elif layout.path and (layout.path, pk) in seen:
                instance = seen[layout.path, pk]
            else:
                instance = layout.build(plan.alias, row)
                seen[layout.path, pk] = instance
            built[layout.path] = instance
            if layout.path:
                # What the foreign key's descriptor would do, without its checks.
                parent.__dict__[layout.link.attname] = row[layout.pk_column]
                layout.link.set_cached_value(parent, instance)
        return built[()]


class PreparedList:
    """A prepared query with fixed parameters, as a sequence Django's Paginator can page through."""

    def __init__(self, query: PreparedQuery, **params):
        self.query, self.params = query, params

    def count(self) -> int:
        return self.query.count(**self.params)

    def __getitem__(self, window: slice) -> list[Model]:
        start, stop = window.start or 0, window.stop
        return self.query.slice(start, stop - start, **self.params)
