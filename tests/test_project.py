"""Project-wide promises: migrations, production settings, the public URL contract."""

import os
import re
import secrets
import subprocess
import sys
from io import StringIO
from pathlib import Path

import pytest
from django.apps import apps
from django.contrib import admin
from django.core.exceptions import ImproperlyConfigured
from django.core.management import call_command

from config.settings.base import env_bool, env_count, env_list

ROOT = Path(__file__).resolve().parent.parent


def _manage(*args: str, **env: str) -> subprocess.CompletedProcess:
    environ = {k: v for k, v in os.environ.items() if not k.startswith("DJANGO_")}
    environ.update(env)
    return subprocess.run(
        [sys.executable, "manage.py", *args],
        cwd=ROOT,
        env=environ,
        capture_output=True,
        text=True,
        timeout=120,
    )


@pytest.mark.django_db
def test_no_model_change_lacks_a_migration():
    out = StringIO()
    call_command("makemigrations", "--check", "--dry-run", stdout=out)
    assert "No changes detected" in out.getvalue()


def test_production_settings_pass_the_deployment_checklist_without_warnings():
    result = _manage(
        "check",
        "--deploy",
        "--fail-level",
        "WARNING",
        DJANGO_SETTINGS_MODULE="config.settings.prod",
        DJANGO_SECRET_KEY=secrets.token_urlsafe(50),
        DJANGO_ALLOWED_HOSTS="press.example.org",
    )
    assert result.returncode == 0, result.stderr
    assert "System check identified no issues" in result.stdout


def test_production_refuses_to_start_without_a_secret_key():
    result = _manage(
        "check",
        DJANGO_SETTINGS_MODULE="config.settings.prod",
        DJANGO_ALLOWED_HOSTS="press.example.org",
    )
    assert result.returncode != 0
    assert (
        "DJANGO_SECRET_KEY (or DJANGO_SECRET_KEY_FILE) must be set in production" in result.stderr
    )


def test_production_refuses_a_development_secret_key():
    result = _manage(
        "check",
        DJANGO_SETTINGS_MODULE="config.settings.prod",
        DJANGO_SECRET_KEY="django-insecure-development-key-do-not-deploy",
        DJANGO_ALLOWED_HOSTS="press.example.org",
    )
    assert result.returncode != 0
    assert "too weak for production" in result.stderr


def test_production_refuses_to_start_without_allowed_hosts():
    result = _manage(
        "check",
        DJANGO_SETTINGS_MODULE="config.settings.prod",
        DJANGO_SECRET_KEY=secrets.token_urlsafe(50),
    )
    assert result.returncode != 0
    assert "DJANGO_ALLOWED_HOSTS must list the site's host names" in result.stderr


def test_a_press_office_time_zone_that_does_not_exist_is_refused_by_name():
    result = _manage("check", PRESSKIT_TIME_ZONE="Europe/Madird")

    assert result.returncode != 0
    assert "PRESSKIT_TIME_ZONE='Europe/Madird' is not a time zone name" in result.stderr


def test_the_secret_key_can_come_from_a_file(tmp_path):
    key_file = tmp_path / "secret"
    key_file.write_text(secrets.token_urlsafe(50) + "\n")
    result = _manage(
        "check",
        DJANGO_SETTINGS_MODULE="config.settings.prod",
        DJANGO_SECRET_KEY_FILE=str(key_file),
        DJANGO_ALLOWED_HOSTS="press.example.org",
    )
    assert result.returncode == 0, result.stderr


def test_boolean_settings_accept_only_true_or_false(monkeypatch):
    monkeypatch.setenv("DJANGO_DEBUG", "True")
    assert env_bool("DJANGO_DEBUG", False) is True
    monkeypatch.setenv("DJANGO_DEBUG", "yes")
    with pytest.raises(Exception, match="must be 'true' or 'false', not 'yes'"):
        env_bool("DJANGO_DEBUG", False)


@pytest.mark.parametrize("value", ["two", "-1", "1.5", "²"])
def test_count_settings_refuse_anything_but_a_whole_number_by_name(monkeypatch, value):
    monkeypatch.setenv("WEB_PAGES_AT_ONCE", value)
    with pytest.raises(
        ImproperlyConfigured, match=f"WEB_PAGES_AT_ONCE .* not '{re.escape(value)}'"
    ):
        env_count("WEB_PAGES_AT_ONCE", 2)


def test_count_settings_read_their_number_or_keep_their_default(monkeypatch):
    monkeypatch.delenv("WEB_PAGES_AT_ONCE", raising=False)
    assert env_count("WEB_PAGES_AT_ONCE", 3) == 3
    monkeypatch.setenv("WEB_PAGES_AT_ONCE", " 1 ")
    assert env_count("WEB_PAGES_AT_ONCE", 3) == 1


def test_list_settings_drop_blanks(monkeypatch):
    monkeypatch.setenv("DJANGO_ALLOWED_HOSTS", " press.example.org, ,www.example.org ")
    assert env_list("DJANGO_ALLOWED_HOSTS") == ["press.example.org", "www.example.org"]


def test_a_redis_url_switches_the_cache_to_redis():
    result = subprocess.run(
        [
            sys.executable,
            "-c",
            "from django.conf import settings; print(settings.CACHES['default']['BACKEND'])",
        ],
        cwd=ROOT,
        env={
            **os.environ,
            "DJANGO_SETTINGS_MODULE": "config.settings.dev",
            "REDIS_URL": "redis://127.0.0.1:6379/0",
        },
        capture_output=True,
        text=True,
    )
    assert result.stdout.strip() == "django.core.cache.backends.redis.RedisCache", result.stderr


def test_every_field_an_editor_sees_explains_itself():
    in_the_admin = [
        model
        for model in apps.get_models()
        if admin.site.is_registered(model) and model._meta.app_label in {"presskit", "festivals"}
    ]
    missing = [
        f"{model.__name__}.{field.name}"
        for model in in_the_admin
        for field in model._meta.get_fields()
        if getattr(field, "editable", False) and field.concrete and not field.auto_created
        if not field.help_text
    ]
    assert missing == []


def test_the_demo_names_the_port_the_site_is_served_on(tmp_path):
    venv = Path(sys.executable).parent.parent
    environ = {k: v for k, v in os.environ.items() if not k.startswith("DJANGO_")}
    environ.update(
        DATABASE_URL=f"sqlite:///{tmp_path / 'demo.sqlite3'}",
        DJANGO_MEDIA_ROOT=str(tmp_path / "media"),
    )

    result = subprocess.run(
        ["make", "--no-print-directory", "demo", "PORT=8001", f"VENV={venv}"],
        cwd=ROOT,
        env=environ,
        capture_output=True,
        text=True,
        timeout=300,
    )

    assert result.returncode == 0, result.stderr
    assert "log in at http://127.0.0.1:8001/admin/" in result.stdout
