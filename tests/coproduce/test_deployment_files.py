"""docker-compose.yml, the Dockerfile, .env.example and the README agree with what the settings
read and with bin/start. docker is not on CI's machines: the compose file is checked against the
parts of the Compose specification it uses (a YAML parse and the keys, references and values)."""

import re
import subprocess
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parents[2]
SETTINGS_VARIABLES = set(
    re.findall(
        r'env_(?:str|bool|int|list)\(\s*"([A-Z_]+)"', (ROOT / "coproduce/settings.py").read_text()
    )
)


COMPOSE = yaml.safe_load((ROOT / "docker-compose.yml").read_text())
SERVICES = COMPOSE["services"]
APP = {name: s for name, s in SERVICES.items() if "build" in s}

# The parts of the Compose specification this file may use (compose-spec.json).
TOP_LEVEL = {"name", "services", "volumes", "networks", "configs", "secrets"}
SERVICE_KEYS = {
    "build",
    "command",
    "depends_on",
    "entrypoint",
    "env_file",
    "environment",
    "healthcheck",
    "image",
    "ports",
    "restart",
    "volumes",
}
CONDITIONS = {"service_started", "service_healthy", "service_completed_successfully"}


def test_only_keys_of_the_compose_specification():
    assert set(COMPOSE) - TOP_LEVEL <= {k for k in COMPOSE if k.startswith("x-")}
    for name, service in SERVICES.items():
        assert set(service) <= SERVICE_KEYS, name
        assert ("image" in service) != ("build" in service), name
        for other, needs in service.get("depends_on", {}).items():
            assert other in SERVICES and needs["condition"] in CONDITIONS, (name, other)
        for volume in service.get("volumes", []):
            source = volume.split(":")[0]
            assert source.startswith((".", "/")) or source in COMPOSE["volumes"], volume
        for port in service.get("ports", []):
            assert re.fullmatch(r"\d+:\d+", port), port
        if "healthcheck" in service:
            assert service["healthcheck"]["test"][0] in ("CMD", "CMD-SHELL"), name


def test_every_app_process_starts_through_bin_start_and_migrations_run_once():
    assert {name: s["command"] for name, s in APP.items()} == {
        "migrate": ["migrate"],
        "web": ["web"],
        "worker": ["worker"],
        "beat": ["beat"],
    }
    assert all(s["entrypoint"] == ["bin/start"] for s in APP.values())
    assert all(s["env_file"] == ".env" for s in APP.values())
    for name in ("web", "worker", "beat"):
        needs = APP[name]["depends_on"]["migrate"]["condition"]
        assert needs == "service_completed_successfully", name
    assert "migrate" not in APP["migrate"]["depends_on"]
    dockerfile = (ROOT / "Dockerfile").read_text()
    assert 'ENTRYPOINT ["bin/start"]' in dockerfile and 'CMD ["web"]' in dockerfile
    assert "manage.py migrate" not in dockerfile


def test_receipts_go_to_the_object_store_in_the_file():
    store = [name for name, s in SERVICES.items() if s.get("image", "").startswith("minio/minio")]
    assert store == ["minio"]
    for name, service in APP.items():
        env = service["environment"]
        assert env["OBJECT_STORAGE_BUCKET"]
        assert env["OBJECT_STORAGE_ENDPOINT_URL"] == "http://minio:9000"
        if name != "migrate":
            needs = service["depends_on"]["minio-bucket"]["condition"]
            assert needs == "service_completed_successfully"
    assert not any("volumes" in service for service in APP.values())  # nothing on local disk


def test_bin_start_refuses_a_process_it_does_not_know():
    result = subprocess.run([ROOT / "bin/start", "nonsense"], capture_output=True, text=True)
    assert result.returncode == 64
    assert "usage: bin/start migrate|web|worker|beat" in result.stderr


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
