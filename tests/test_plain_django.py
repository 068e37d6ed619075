"""Plain Django: the project's code relies only on Django's public API.

Upgrading Django should be a version bump. These checks read the project's
own code (config/, presskit/, festivals/, benchmarks/, tests/, tracked or not,
migrations left out) with `ast` and fail on what would tie it to Django's
internals: private attributes and methods, private modules, the SQL compiler,
model instances' `__dict__`, names Django does not document that were once
used here, and the visibility gate built once at import time.

No database and no Django setup of its own: only source files are read. Each rule has a
self-test that feeds it a small snippet with a violation, so a rule cannot
pass by scanning nothing.
"""

import ast
import functools
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path

import django

ROOT = Path(__file__).resolve().parent.parent
PROJECT_DIRS = ("config", "presskit", "festivals", "benchmarks", "tests")
EXCLUDED_DIRS = ("benchmarks/work",)
DJANGO_DIR = Path(django.__file__).resolve().parent

# Django's private names that its documentation describes for our use.
DOCUMENTED_PRIVATE_NAMES = frozenset(
    {
        "_meta",  # Model _meta API: https://docs.djangoproject.com/en/6.1/ref/models/meta/
        "_default_manager",  # Managers: https://docs.djangoproject.com/en/6.1/topics/db/managers/#default-managers
        "_base_manager",  # Managers: https://docs.djangoproject.com/en/6.1/topics/db/managers/#base-managers
    }
)

# Names without an underscore that Django's documentation still does not describe,
# each once used here by mistake: the documented way is beside it.
UNDOCUMENTED_NAMES = {
    "in_atomic_block": "transaction.get_autocommit()",
    "flatchoices": "Field.choices",
    "m2m_field_name": "Model.field.through and its _meta.get_fields()",
    "m2m_reverse_field_name": "Model.field.through and its _meta.get_fields()",
    "get_compiler": "the QuerySet API",
}

# SQL compiler internals: neither the package nor anything in it may be imported.
SQL_INTERNALS = "django.db.models.sql"

# The visibility gate (presskit/publishing/models.py): judged when called.
GATE_METHODS = frozenset({"published", "visible_to"})

# Built-ins that read or write an attribute named by a string.
ATTRIBUTE_BUILTINS = frozenset({"getattr", "hasattr", "setattr", "delattr"})


def is_private(name: str) -> bool:
    """`_x` and `__x`, not dunders like `__init__`, not a bare `_`."""
    return (
        name.startswith("_")
        and not (name.startswith("__") and name.endswith("__"))
        and name.strip("_") != ""
    )


# --- Reading source ---------------------------------------------------------


@dataclass(frozen=True)
class Source:
    path: str  # relative to the project, for messages
    tree: ast.Module


def class_level_statements(body: Iterable[ast.stmt]) -> Iterator[ast.stmt]:
    """The statements run in a class body, including those under if/try/with/for."""
    for stmt in body:
        yield stmt
        if isinstance(stmt, (ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef)):
            continue
        for field in ("body", "orelse", "finalbody"):
            yield from class_level_statements(getattr(stmt, field, ()))
        for handler in getattr(stmt, "handlers", ()):
            yield from class_level_statements(handler.body)
        for case in getattr(stmt, "cases", ()):
            yield from class_level_statements(case.body)


def statements(body: Iterable[ast.stmt], owner: str = "") -> Iterator[tuple[ast.stmt, str]]:
    """Every statement at any depth, with the name of the class it is in ("" if none)."""
    for stmt in body:
        yield stmt, owner
        inner = stmt.name if isinstance(stmt, ast.ClassDef) else owner
        for field in ("body", "orelse", "finalbody"):
            yield from statements(getattr(stmt, field, ()), inner)
        for handler in getattr(stmt, "handlers", ()):
            yield from statements(handler.body, inner)
        for case in getattr(stmt, "cases", ()):
            yield from statements(case.body, inner)


def assigned_targets(stmt: ast.stmt) -> Iterator[ast.expr]:
    """Every simple target an assignment statement binds (tuples unpacked)."""
    if isinstance(stmt, ast.Assign):
        pending = list(stmt.targets)
    elif isinstance(stmt, (ast.AugAssign, ast.AnnAssign)):
        pending = [stmt.target]
    else:
        return
    while pending:
        target = pending.pop()
        if isinstance(target, (ast.Tuple, ast.List)):
            pending.extend(target.elts)
        elif isinstance(target, ast.Starred):
            pending.append(target.value)
        else:
            yield target


def string_attribute_name(call: ast.Call) -> str | None:
    """The name in `getattr(obj, "name")` and its siblings, if it is a literal."""
    if (
        isinstance(call.func, ast.Name)
        and call.func.id in ATTRIBUTE_BUILTINS
        and len(call.args) >= 2
        and isinstance(call.args[1], ast.Constant)
        and isinstance(call.args[1].value, str)
    ):
        return call.args[1].value
    return None


def snippet(node: ast.AST, limit: int = 70) -> str:
    text = " ".join(ast.unparse(node).split())
    return text if len(text) <= limit else text[: limit - 1] + "…"


def project_paths() -> list[Path]:
    paths = []
    for top in PROJECT_DIRS:
        for path in (ROOT / top).rglob("*.py"):
            relative = path.relative_to(ROOT)
            if "migrations" in relative.parts or ".venv" in relative.parts:
                continue
            if any(relative.is_relative_to(excluded) for excluded in EXCLUDED_DIRS):
                continue
            paths.append(path)
    return sorted(paths)


@functools.cache
def project_sources() -> tuple[tuple[Source, ...], tuple[str, ...]]:
    """The project's parsed files, and the files that do not parse."""
    sources, unparsable = [], []
    for path in project_paths():
        relative = path.relative_to(ROOT).as_posix()
        try:
            sources.append(Source(relative, ast.parse(path.read_bytes(), filename=relative)))
        except (SyntaxError, ValueError) as error:
            unparsable.append(f"{relative}: {error}")
    return tuple(sources), tuple(unparsable)


# --- Django's private names -------------------------------------------------


@dataclass(frozen=True)
class DjangoName:
    kind: str  # "method" or "attribute"
    where: str  # e.g. "AdminSite._registry, django/contrib/admin/sites.py:68"


@functools.cache
def django_private_names() -> dict[str, DjangoName]:
    """Django's private attribute names, read from the installed Django's source.

    A name counts if Django defines it as a method or function in a class
    body, assigns it as a class attribute, or assigns it as `self._x` (or
    `cls._x`). The first definition found is kept, to point at in messages.
    """
    found: dict[str, DjangoName] = {}

    def keep(name: str, kind: str, owner: str, path: str, line: int) -> None:
        # The first definition wins, except that a method beats an attribute.
        if not is_private(name) or (name in found and found[name].kind == "method"):
            return
        if name not in found or kind == "method":
            found[name] = DjangoName(kind, f"{owner}.{name}, {path}:{line}")

    for file in sorted(DJANGO_DIR.rglob("*.py")):
        data = file.read_bytes()
        if b"class" not in data and b"self" not in data and b"cls" not in data:
            continue  # nothing to find: saves parsing the locale formats
        path = "django/" + file.relative_to(DJANGO_DIR).as_posix()
        try:
            tree = ast.parse(data, filename=path)
        except SyntaxError:  # templates for startproject are not all Python
            continue
        # Classes and assignments are statements: walking statements (not
        # every expression node) finds them all, several times faster.
        for stmt, owner in statements(tree.body):
            if isinstance(stmt, ast.ClassDef):
                for member in class_level_statements(stmt.body):
                    if isinstance(member, (ast.FunctionDef, ast.AsyncFunctionDef)):
                        keep(member.name, "method", stmt.name, path, member.lineno)
                    for target in assigned_targets(member):
                        if isinstance(target, ast.Name):
                            keep(target.id, "attribute", stmt.name, path, member.lineno)
            for target in assigned_targets(stmt):
                if (
                    isinstance(target, ast.Attribute)
                    and isinstance(target.value, ast.Name)
                    and target.value.id in {"self", "cls"}
                ):
                    keep(target.attr, "attribute", owner or target.value.id, path, stmt.lineno)
    return found


# --- The checkers: each returns "path:line what was found" ------------------


def by_place(problem: str) -> tuple[str, int]:
    """Sorts messages by file, then line."""
    place = problem.split(" ", 1)[0]
    path, _, line = place.rpartition(":")
    return path, int(line)


def private_django_name_uses(source: Source) -> list[str]:
    """Rule 1: attributes and method overrides named like Django's private names."""
    names = django_private_names()
    problems = []

    def flag(name: str) -> DjangoName | None:
        return None if name in DOCUMENTED_PRIVATE_NAMES else names.get(name)

    for node in ast.walk(source.tree):
        if isinstance(node, ast.Attribute) and (django_name := flag(node.attr)):
            problems.append(
                f"{source.path}:{node.lineno} uses Django's private {django_name.kind} "
                f"{node.attr} in `{snippet(node)}` (Django's: {django_name.where})"
            )
        elif (
            isinstance(node, ast.Call)
            and (name := string_attribute_name(node))
            and (django_name := flag(name))
        ):
            problems.append(
                f"{source.path}:{node.lineno} uses Django's private {django_name.kind} "
                f"{name} in `{snippet(node)}` (Django's: {django_name.where})"
            )
        elif isinstance(node, ast.ClassDef):
            for stmt in class_level_statements(node.body):
                if isinstance(stmt, (ast.FunctionDef, ast.AsyncFunctionDef)) and (
                    django_name := flag(stmt.name)
                ):
                    what = (
                        f"overrides Django's private method {stmt.name}"
                        if django_name.kind == "method"
                        else f"defines a method named like Django's private attribute {stmt.name}"
                    )
                    problems.append(
                        f"{source.path}:{stmt.lineno} {what} in class {node.name} "
                        f"(Django's: {django_name.where})"
                    )
    return sorted(problems, key=by_place)


def private_django_imports(source: Source) -> list[str]:
    """Rule 2: private modules and names, ModelState, the SQL compiler."""
    problems = []

    def at(node: ast.stmt) -> str:
        return f"{source.path}:{node.lineno}"

    def module_problem(module: str) -> str | None:
        if module == SQL_INTERNALS or module.startswith(SQL_INTERNALS + "."):
            return f"imports from {module} (the SQL compiler's internals)"
        private = [part for part in module.split(".") if is_private(part)]
        if private:
            return f"imports Django's private module {module}"
        return None

    for node in ast.walk(source.tree):
        if isinstance(node, ast.Import):
            for alias in node.names:
                if alias.name.split(".")[0] == "django" and (problem := module_problem(alias.name)):
                    problems.append(f"{at(node)} {problem}")
        elif isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
            if node.module.split(".")[0] != "django":
                continue
            if problem := module_problem(node.module):
                problems.append(f"{at(node)} {problem}")
                continue
            for alias in node.names:
                full = f"{node.module}.{alias.name}"
                if is_private(alias.name):
                    problems.append(
                        f"{at(node)} imports Django's private name {alias.name} from {node.module}"
                    )
                elif alias.name == "ModelState":
                    problems.append(
                        f"{at(node)} imports ModelState from {node.module} (Django's internal model state)"
                    )
                elif full == SQL_INTERNALS:
                    problems.append(f"{at(node)} imports {full} (the SQL compiler's internals)")
    return sorted(problems, key=by_place)


def instance_dict_reads(source: Source) -> list[str]:
    """Rule 3: `.__dict__` and one-argument `vars()`."""
    problems = []
    for node in ast.walk(source.tree):
        if isinstance(node, ast.Attribute) and node.attr == "__dict__":
            problems.append(f"{source.path}:{node.lineno} reads __dict__ in `{snippet(node)}`")
        elif isinstance(node, ast.Call) and (
            (
                isinstance(node.func, ast.Name)
                and node.func.id == "vars"
                and len(node.args) == 1
                and not node.keywords
            )
            or string_attribute_name(node) == "__dict__"
        ):
            problems.append(f"{source.path}:{node.lineno} reads __dict__ through `{snippet(node)}`")
    return sorted(problems, key=by_place)


def undocumented_name_uses(source: Source) -> list[str]:
    """Rule 5: attributes named in UNDOCUMENTED_NAMES, read or called."""
    problems = []
    for node in ast.walk(source.tree):
        name = node.attr if isinstance(node, ast.Attribute) else None
        if isinstance(node, ast.Call):
            name = string_attribute_name(node)
        if name in UNDOCUMENTED_NAMES:
            problems.append(
                f"{source.path}:{node.lineno} uses Django's undocumented {name} in "
                f"`{snippet(node)}`: use {UNDOCUMENTED_NAMES[name]}"
            )
    return sorted(problems, key=by_place)


def gate_queries_built_at_import(source: Source) -> list[str]:
    """Rule 4: `published()`/`visible_to()` called outside any function or lambda body.

    `where` is None inside a function body, else where the code runs: module
    level or a class body. Decorators, default values and annotations run
    where the function is defined, so they keep the outer `where`.
    """
    problems = []

    def visit(node: ast.AST, where: str | None) -> None:
        if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef)):
            for outer in (*node.decorator_list, node.args, node.returns):
                if outer is not None:
                    visit(outer, where)
            for stmt in node.body:
                visit(stmt, None)
            return
        if isinstance(node, ast.Lambda):
            visit(node.args, where)
            visit(node.body, None)
            return
        if isinstance(node, ast.ClassDef):
            for outer in (*node.decorator_list, *node.bases, *node.keywords):
                visit(outer, where)
            inner = None if where is None else f"the body of class {node.name}"
            for stmt in node.body:
                visit(stmt, inner)
            return
        if (
            where is not None
            and isinstance(node, ast.Call)
            and isinstance(node.func, ast.Attribute)
            and node.func.attr in GATE_METHODS
        ):
            problems.append(
                f"{source.path}:{node.lineno} calls {node.func.attr}() in {where}: "
                f"`{snippet(node)}` is built once at import, freezing the embargo clock"
            )
        for child in ast.iter_child_nodes(node):
            visit(child, where)

    visit(source.tree, "module level")
    return sorted(problems, key=by_place)


def violations(checker: Callable[[Source], list[str]]) -> list[str]:
    sources, _ = project_sources()
    return sorted((problem for source in sources for problem in checker(source)), key=by_place)


def report(problems: list[str], rule: str) -> str:
    return f"{len(problems)} {rule}:\n" + "\n".join(problems)


def from_snippet(code: str) -> Source:
    return Source("snippet.py", ast.parse(code, filename="snippet.py"))


# --- The rules --------------------------------------------------------------


def test_project_code_uses_no_private_django_attribute_or_method():
    problems = violations(private_django_name_uses)
    assert not problems, report(
        problems, "uses of Django's private names (rename ours, or use the public API)"
    )


def test_project_code_imports_nothing_private_from_django():
    problems = violations(private_django_imports)
    assert not problems, report(problems, "imports of Django's private modules or names")


def test_project_code_never_reads_an_instance_dict():
    problems = violations(instance_dict_reads)
    assert not problems, report(problems, "reads of __dict__ (use fields or getattr instead)")


def test_project_code_uses_no_undocumented_django_name():
    sources, _ = project_sources()
    problems = sorted(
        (
            problem
            for source in sources
            if source.path != "tests/test_plain_django.py"  # names them, to find them
            for problem in undocumented_name_uses(source)
        ),
        key=by_place,
    )
    assert not problems, report(problems, "uses of Django's undocumented names")


def test_undocumented_name_check_reports_attributes_and_getattr():
    problems = undocumented_name_uses(
        from_snippet(
            "if connection.in_atomic_block:\n"
            "    labels = dict(field.flatchoices)\n"
            "name = getattr(field, 'm2m_field_name')()\n"
            "labels = dict(field.choices)\n"
        )
    )
    assert [problem.split(" uses")[0] for problem in problems] == [
        "snippet.py:1",
        "snippet.py:2",
        "snippet.py:3",
    ], problems


def test_visibility_gate_is_called_each_time_never_built_at_import():
    problems = violations(gate_queries_built_at_import)
    assert not problems, report(
        problems, "gate querysets built at import (build them in a function or method)"
    )


# --- The checks check something ---------------------------------------------


def test_the_scan_reads_at_least_50_project_files_and_all_of_them_parse():
    sources, unparsable = project_sources()
    assert not unparsable, "files that do not parse:\n" + "\n".join(unparsable)
    paths = {source.path for source in sources}
    assert len(paths) >= 50, f"only {len(paths)} project files found under {ROOT}"
    assert "tests/test_plain_django.py" in paths
    assert not any("/migrations/" in path for path in paths)


def test_django_private_names_are_read_from_django_source():
    names = django_private_names()
    assert len(names) > 500, f"only {len(names)} private names found in {DJANGO_DIR}"
    for name in ("_post_clean", "_get_validation_exclusions", "_get_FIELD_display", "_state"):
        assert name in names, f"{name} not found among Django's private names"
    for name in DOCUMENTED_PRIVATE_NAMES:
        assert name in names, f"{name} is allowed but Django no longer defines it"
    assert names["_post_clean"].kind == "method"


def test_private_name_check_reports_overrides_and_accesses_but_not_documented_names():
    problems = private_django_name_uses(
        from_snippet(
            "class FilmForm(forms.ModelForm):\n"
            "    def _post_clean(self):\n"
            "        super()._post_clean()\n"
            "        return self.instance._state.adding, getattr(self, '_errors')\n"
            "\n"
            "opts = Film._meta\n"
            "films = Film._default_manager.all()\n"
        )
    )
    assert any(
        problem.startswith("snippet.py:2 overrides Django's private method _post_clean")
        for problem in problems
    ), problems
    for line, name in ((3, "_post_clean"), (4, "_state"), (4, "_errors")):
        assert any(
            problem.startswith(f"snippet.py:{line} uses Django's private ")
            and f" {name} " in problem
            for problem in problems
        ), (line, name, problems)
    assert not any("snippet.py:6" in problem or "snippet.py:7" in problem for problem in problems)


def test_import_check_reports_private_modules_names_model_state_and_the_compiler():
    problems = private_django_imports(
        from_snippet(
            "from django.utils._os import safe_join\n"
            "from django.db.models.fields import _load_field\n"
            "import django.utils._os\n"
            "from django.db.models.base import ModelState\n"
            "from django.db.models.sql.compiler import SQLCompiler\n"
            "from django.db.models import sql\n"
            "import django.db.models.sql\n"
            "from django.db import models\n"
            "from django import __version__\n"
        )
    )
    assert [problem.split(" ")[0] for problem in problems] == [
        f"snippet.py:{line}" for line in range(1, 8)
    ], problems


def test_dict_check_reports_dunder_dict_and_vars():
    problems = instance_dict_reads(
        from_snippet("data = film.__dict__\nfields = vars(film)\nnames = vars()\n")
    )
    assert [problem.split(" ")[0] for problem in problems] == ["snippet.py:1", "snippet.py:2"]


def test_gate_check_reports_module_and_class_level_calls_only():
    problems = gate_queries_built_at_import(
        from_snippet(
            "FILMS = Film.objects.published()\n"
            "class FilmList(ListView):\n"
            "    queryset = Film.objects.visible_to(None)\n"
            "    def get_queryset(self):\n"
            "        return Film.objects.published()\n"
            "def view(request, films=Film.objects.published()):\n"
            "    later = lambda: Film.objects.published()\n"
            "lazy = lambda: Film.objects.published()\n"
        )
    )
    assert [problem.split(" ")[0] for problem in problems] == [
        "snippet.py:1",
        "snippet.py:3",
        "snippet.py:6",
    ], problems
    assert "in the body of class FilmList" in problems[1]
