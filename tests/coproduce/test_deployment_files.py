"""docker-compose.yml, .env.example and the README agree with what the settings read."""

import re
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parents[2]
SETTINGS_VARIABLES = set(
    re.findall(
        r'env_(?:str|bool|int|list)\(\s*"([A-Z_]+)"', (ROOT / "coproduce/settings.py").read_text()
    )
)


def test_compose_defines_the_five_services_and_web_waits_for_a_healthy_database():
    compose = yaml.safe_load((ROOT / "docker-compose.yml").read_text())
    services = compose["services"]
    assert set(services) == {"db", "redis", "web", "worker", "beat"}
    assert "healthcheck" in services["db"]
    assert services["web"]["depends_on"]["db"]["condition"] == "service_healthy"
    assert "gunicorn" in services["web"]["command"]
    assert "celery -A coproduce worker" in services["worker"]["command"]
    assert "celery -A coproduce beat" in services["beat"]["command"]
    assert all(services[name]["env_file"] == ".env" for name in ("web", "worker", "beat"))


def test_the_example_environment_sets_what_production_needs():
    example = (ROOT / ".env.example").read_text()
    for name in [
        "DEBUG",
        "SECRET_KEY",
        "ALLOWED_HOSTS",
        "DATABASE_URL",
        "REDIS_URL",
        "FIELD_ENCRYPTION_KEYS",
        "SITE_URL",
    ]:
        assert re.search(rf"^{name}=", example, re.M), name


def test_the_readme_documents_every_variable_the_settings_read():
    readme = (ROOT / "README.md").read_text()
    undocumented = {name for name in SETTINGS_VARIABLES if f"`{name}`" not in readme}
    assert not undocumented
