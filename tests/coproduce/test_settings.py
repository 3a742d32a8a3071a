"""Production settings, checked in a fresh process with production-like environment variables."""

import json
import os
import subprocess
import sys
from pathlib import Path

from cryptography.fernet import Fernet

ROOT = Path(__file__).resolve().parents[2]


def _production_env(**overrides) -> dict:
    env = {
        "PATH": os.environ.get("PATH", ""),
        "DJANGO_SETTINGS_MODULE": "coproduce.settings",
        "DEBUG": "false",
        "SECRET_KEY": "k" * 20 + "-production-like-secret-key-of-good-length-0123456789",
        "ALLOWED_HOSTS": "coproduce.example.gov.uk",
        "FIELD_ENCRYPTION_KEYS": Fernet.generate_key().decode(),
    }
    env.update(overrides)
    return {k: v for k, v in env.items() if v is not None}


def _manage(*args, **env):
    return subprocess.run(
        [sys.executable, "manage.py", *args],
        cwd=ROOT,
        env=_production_env(**env),
        capture_output=True,
        text=True,
        timeout=120,
    )


def test_check_deploy_reports_no_warnings_with_production_settings():
    result = _manage("check", "--deploy", "--fail-level", "WARNING")
    assert result.returncode == 0, result.stdout + result.stderr
    assert "no issues" in result.stdout


def test_start_up_without_a_secret_key_fails_with_a_clear_message():
    result = _manage("check", SECRET_KEY=None)
    assert result.returncode != 0
    assert "The environment variable SECRET_KEY must be set" in result.stderr


def test_a_misspelt_boolean_stops_start_up():
    result = _manage("check", DEBUG="ture")
    assert result.returncode != 0
    assert "DEBUG must be true or false" in result.stderr


def test_an_unknown_bank_holiday_region_stops_start_up():
    result = _manage("check", BANK_HOLIDAY_REGION="wales")
    assert result.returncode != 0
    assert "BANK_HOLIDAY_REGION must be england-and-wales, scotland or northern-ireland" in (
        result.stderr
    )


def test_there_are_no_model_changes_without_a_migration():
    result = _manage("makemigrations", "--check", "--dry-run")
    assert result.returncode == 0, result.stdout + result.stderr


def _settings(*names: str, **env) -> list[str]:
    """The values of `names` as production would read them (the last line of output: the
    shell may print other things first)."""
    code = "import json; from django.conf import settings as s; print(json.dumps([%s]))"
    result = _manage("shell", "-c", code % ", ".join(names), **env)
    assert result.returncode == 0, result.stderr
    return json.loads(result.stdout.splitlines()[-1])


def test_more_than_one_machine_shares_sessions_and_cache_in_redis_and_receipts_in_a_bucket():
    engine, cache, storage, log_format = _settings(
        "s.SESSION_ENGINE",
        "s.CACHES['default']['BACKEND']",
        "s.STORAGES['default']['BACKEND']",
        "s.LOG_FORMAT",
        REDIS_URL="redis://redis.internal:6379/0",
        OBJECT_STORAGE_BUCKET="coproduce-receipts",
        OBJECT_STORAGE_ENDPOINT_URL="http://minio:9000",
    )
    # Django's cached database sessions (coproduce/sessions.py), the cache being Redis.
    assert engine == "coproduce.sessions"
    assert cache == "django.core.cache.backends.redis.RedisCache"
    assert storage == "storages.backends.s3.S3Storage"
    assert log_format == "json"


def test_development_keeps_receipts_in_a_local_folder():
    storage, log_format = _settings(
        "s.STORAGES['default']['BACKEND']", "s.LOG_FORMAT", DEBUG="true"
    )
    assert storage == "django.core.files.storage.FileSystemStorage"
    assert log_format == "text"
