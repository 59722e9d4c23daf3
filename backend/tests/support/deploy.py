"""The deployment files (docker/) as the tests use them, so the tests run what the containers run:
compose.yaml's services, commands and environment, the Dockerfile's CMD and ENV, the nginx template
rendered with loopback upstreams, and the processes themselves started from those commands."""

import json
import os
import re
import shutil
import signal
import ssl
import subprocess
import sys
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import httpx
import yaml

from secondround.config import REPO_ROOT

DOCKER_DIR = REPO_ROOT / "docker"
COMPOSE_FILE = DOCKER_DIR / "compose.yaml"
DOCKERFILE = DOCKER_DIR / "Dockerfile"
NGINX_TEMPLATE = DOCKER_DIR / "nginx" / "secondround.conf.template"
ENV_EXAMPLE = DOCKER_DIR / "secondround.env.example"
MAKE_CERT = DOCKER_DIR / "make-cert.sh"

# Compose's interpolation: ${VAR}, ${VAR:-default}, ${VAR-default}; $$ is a literal $.
_COMPOSE_VARIABLE = re.compile(r"\$\$|\$\{([A-Za-z_][A-Za-z0-9_]*)(?:(:?-)([^}]*))?\}")
_LISTENING = re.compile(r"listening on (http://\S+:\d+)")


def interpolate(value: Any, env: dict[str, str]) -> Any:
    """Compose's variable substitution over every string of a loaded file."""
    if isinstance(value, dict):
        return {k: interpolate(v, env) for k, v in value.items()}
    if isinstance(value, list):
        return [interpolate(v, env) for v in value]
    if not isinstance(value, str):
        return value

    def one(match: re.Match[str]) -> str:
        if match.group(0) == "$$":
            return "$"
        name, how, default = match.group(1), match.group(2), match.group(3)
        if how == ":-":
            return env.get(name) or default
        if how == "-":
            return env.get(name, default)
        return env.get(name, "")

    return _COMPOSE_VARIABLE.sub(one, value)


def load_compose(env: dict[str, str] | None = None) -> dict[str, Any]:
    """compose.yaml as docker compose sees it (YAML merge keys resolved, variables substituted)."""
    return interpolate(yaml.safe_load(COMPOSE_FILE.read_text()), env or {})


def compose_service(name: str) -> dict[str, Any]:
    return load_compose()["services"][name]


def compose_command(name: str) -> list[str]:
    return list(compose_service(name)["command"])


def compose_environment(name: str) -> dict[str, str]:
    environment = compose_service(name).get("environment") or {}
    assert isinstance(environment, dict), "compose.yaml lists environment as a mapping"
    return {k: str(v) for k, v in environment.items()}


def _dockerfile_instructions() -> list[tuple[str, str]]:
    """(INSTRUCTION, arguments) of the runtime stage, continuation lines joined."""
    text = re.sub(r"\\\n\s*", " ", DOCKERFILE.read_text())
    stages = text.split("\nFROM ")
    return [
        (line.split(None, 1)[0].upper(), line.split(None, 1)[1] if " " in line.strip() else "")
        for line in ("FROM " + stages[-1]).splitlines()
        if line.strip() and not line.lstrip().startswith("#")
    ]


def dockerfile_cmd() -> list[str]:
    return json.loads(next(args for ins, args in _dockerfile_instructions() if ins == "CMD"))


def dockerfile_healthcheck() -> list[str]:
    args = next(args for ins, args in _dockerfile_instructions() if ins == "HEALTHCHECK")
    return json.loads(args.split(" CMD ", 1)[1])


def dockerfile_env() -> dict[str, str]:
    env: dict[str, str] = {}
    for ins, args in _dockerfile_instructions():
        if ins == "ENV":
            env.update(dict(pair.split("=", 1) for pair in args.split()))
    return env


def local_argv(argv: list[str], **options: str) -> list[str]:
    """A container's command as this machine runs it: this interpreter for `python`, and the given
    `--option value` pairs replaced (e.g. the port, since two replicas share one host here)."""
    assert argv[0] == "python", argv
    out = [sys.executable, *argv[1:]]
    for name, value in options.items():
        flag = "--" + name.replace("_", "-")
        assert flag in out, (flag, argv)
        out[out.index(flag) + 1] = value
    return out


def process_env(service: str, **settings: str) -> dict[str, str]:
    """The service's environment as its container has it (the image's ENV, then compose's), with the
    `settings` that differ on this machine (database URL, Redis address, the proxy's address...)."""
    env = {k: v for k, v in os.environ.items() if not k.startswith("SECONDROUND_") and k != "FORWARDED_ALLOW_IPS"}
    env.update(dockerfile_env())
    env.pop("SECONDROUND_WEB_APP_DIR", None)  # /app/frontend/dist in the image; the checkout's here
    env.update(compose_environment(service))
    env.update(settings)
    return env


# ---- processes ----------------------------------------------------------------------------------


@dataclass
class Process:
    name: str
    process: subprocess.Popen
    log_path: Path
    base_url: str | None = None

    def log_text(self) -> str:
        return self.log_path.read_text(errors="replace")

    def kill(self) -> None:
        """SIGKILL: no shutdown, no flush."""
        if self.process.poll() is None:
            self.process.send_signal(signal.SIGKILL)
        self.process.wait(timeout=10)

    def stop(self) -> None:
        if self.process.poll() is None:
            self.process.terminate()
            try:
                self.process.wait(timeout=15)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait(timeout=10)


def start_process(name: str, argv: list[str], env: dict[str, str], log_path: Path) -> Process:
    with log_path.open("wb") as log_file:
        process = subprocess.Popen(argv, env=env, stdout=log_file, stderr=subprocess.STDOUT, cwd=REPO_ROOT / "backend")
    return Process(name, process, log_path)


def start_api(env: dict[str, str], log_path: Path, *, name: str = "api", timeout: float = 60) -> Process:
    """The api service's command on a free loopback port; returns once /api/v1/health answers."""
    argv = local_argv(compose_command("api"), host="127.0.0.1", port="0")
    proc = start_process(name, argv, env, log_path)
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        match = _LISTENING.search(proc.log_text())
        if match and proc.process.poll() is None:
            try:
                if httpx.get(f"{match.group(1)}/api/v1/health", timeout=2).status_code == 200:
                    proc.base_url = match.group(1)
                    return proc
            except httpx.HTTPError:
                pass
        if proc.process.poll() is not None:
            raise RuntimeError(f"{name} exited with {proc.process.returncode}:\n{proc.log_text()[-3000:]}")
        time.sleep(0.1)
    proc.kill()
    raise RuntimeError(f"{name} did not start:\n{proc.log_text()[-3000:]}")


# ---- nginx --------------------------------------------------------------------------------------

NGINX_MISSING = (
    "nginx is not installed: the proxy tests run docker/nginx/secondround.conf.template in a local nginx "
    "(`apt-get install nginx-light`; .ci/run installs it)"
)


def nginx_binary() -> str | None:
    return shutil.which("nginx") or next((p for p in ("/usr/sbin/nginx",) if Path(p).exists()), None)


def template_variables() -> set[str]:
    return set(re.findall(r"\$\{([A-Z_][A-Z0-9_]*)\}", NGINX_TEMPLATE.read_text()))


def render_nginx(values: dict[str, str]) -> str:
    """The template as the nginx image's envsubst renders it (only the variables given)."""
    text = NGINX_TEMPLATE.read_text()
    missing = template_variables() - values.keys()
    assert not missing, f"no value for {sorted(missing)}"
    for name, value in values.items():
        text = text.replace("${" + name + "}", value)
    return text


def loopback_upstreams(ports: list[int]) -> str:
    """compose's SECONDROUND_UPSTREAM_SERVERS with each replica on a loopback port: the same server
    parameters, less `resolve` (for DNS names; nginx before 1.27.3 does not know it)."""
    compose_value = compose_environment("proxy")["SECONDROUND_UPSTREAM_SERVERS"]
    match = re.fullmatch(r"server (\S+) (.*);", compose_value.strip())
    assert match, compose_value
    parameters = " ".join(p for p in match.group(2).split() if p != "resolve")
    return " ".join(f"server 127.0.0.1:{port} {parameters};" for port in ports)


def make_certificate(folder: Path) -> Path:
    """docker/make-cert.sh's certificate for localhost and 127.0.0.1, in `folder`."""
    if not shutil.which("openssl"):
        raise AssertionError("openssl is needed to run docker/make-cert.sh")
    subprocess.run(
        ["sh", str(MAKE_CERT), "localhost", "127.0.0.1"],
        env={**os.environ, "CERT_DIR": str(folder)},
        check=True,
        capture_output=True,
        timeout=60,
    )
    return folder / "fullchain.pem"


@dataclass
class Nginx:
    process: subprocess.Popen
    folder: Path
    https_url: str
    http_url: str
    certificate: Path

    def client(self, **kwargs: Any) -> httpx.Client:
        trust = ssl.create_default_context(cafile=str(self.certificate))
        return httpx.Client(base_url=self.https_url, verify=trust, timeout=30, **kwargs)

    def error_log(self) -> str:
        path = self.folder / "error.log"
        return path.read_text(errors="replace") if path.exists() else ""


def _free_port() -> int:
    import socket

    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@contextmanager
def running_nginx(folder: Path, upstream_ports: list[int]) -> Iterator[Nginx]:
    """nginx in the foreground with the rendered template (as conf.d/default.conf in the image),
    listening on loopback only, its files in `folder`."""
    binary = nginx_binary()
    assert binary, NGINX_MISSING
    folder.mkdir(parents=True, exist_ok=True)
    certs = folder / "certs"
    certificate = make_certificate(certs)
    http_port, https_port = _free_port(), _free_port()
    compose_proxy = compose_environment("proxy")
    site = render_nginx(
        {
            **compose_proxy,
            "SECONDROUND_UPSTREAM_SERVERS": loopback_upstreams(upstream_ports),
            "NGINX_RESOLVER": "127.0.0.1",
            "NGINX_HTTP_PORT": f"127.0.0.1:{http_port}",
            "NGINX_HTTPS_PORT": f"127.0.0.1:{https_port}",
            "NGINX_CERT_DIR": str(certs),
        }
    )
    (folder / "default.conf").write_text(site)
    temp = "\n".join(
        f"    {kind}_temp_path {folder / kind};" for kind in ("client_body", "proxy", "fastcgi", "uwsgi", "scgi")
    )
    # The image's own nginx.conf, in short: the site above is included in its http block.
    (folder / "nginx.conf").write_text(
        f"""{"user root;" if os.geteuid() == 0 else ""}
worker_processes 1;
pid {folder / "nginx.pid"};
error_log {folder / "error.log"} warn;
events {{ worker_connections 1024; }}
http {{
    include /etc/nginx/mime.types;
    default_type application/octet-stream;
    access_log {folder / "access.log"};
{temp}
    include {folder / "default.conf"};
}}
"""
    )
    check = subprocess.run([binary, "-t", "-p", str(folder), "-c", str(folder / "nginx.conf")], capture_output=True)
    assert check.returncode == 0, check.stderr.decode()
    process = subprocess.Popen(
        [binary, "-p", str(folder), "-c", str(folder / "nginx.conf"), "-g", "daemon off;"],
        stdout=subprocess.DEVNULL,
        stderr=(folder / "stderr.log").open("wb"),
    )
    nginx = Nginx(process, folder, f"https://127.0.0.1:{https_port}", f"http://127.0.0.1:{http_port}", certificate)
    try:
        deadline = time.monotonic() + 10
        while True:
            try:
                if httpx.get(f"{nginx.http_url}/nginx-health", timeout=1).status_code == 200:
                    break
            except httpx.HTTPError:
                pass
            assert process.poll() is None, (folder / "stderr.log").read_text() + nginx.error_log()
            assert time.monotonic() < deadline, "nginx did not start:\n" + nginx.error_log()
            time.sleep(0.05)
        yield nginx
    finally:
        if process.poll() is None:
            process.send_signal(signal.SIGQUIT)
            try:
                process.wait(timeout=10)
            except subprocess.TimeoutExpired:
                process.kill()
                process.wait(timeout=5)


# ---- the whole stack ----------------------------------------------------------------------------


def local_redis_url() -> str | None:
    """The local Redis (SECONDROUND_TEST_REDIS_URL, or 127.0.0.1:6379 when it answers), or None."""
    import redis

    url = os.environ.get("SECONDROUND_TEST_REDIS_URL") or "redis://127.0.0.1:6379/0"
    try:
        redis.Redis.from_url(url, socket_connect_timeout=1).ping()
    except redis.RedisError:
        return None
    return url


@dataclass
class Stack:
    """compose.yaml's services as processes on this machine: prestart (run once), the api replicas,
    the worker, nginx in front."""

    apis: list[Process]
    nginx: Nginx
    worker: Process | None
    env: dict[str, str]
    folder: Path

    def api_log(self) -> str:
        return "\n".join(api.log_text() for api in self.apis)


def stack_env(database_url: str, redis_url: str | None, **settings: str) -> dict[str, str]:
    """What differs on this machine from compose: the database, Redis (a key prefix of its own), the
    proxy's address (nginx runs on loopback), a secret; plus the test's own `settings`."""
    import uuid

    values = {
        "SECONDROUND_DATABASE_URL": database_url,
        "SECONDROUND_SECRET_KEY": "stack-secret-" + "x" * 24,
        "FORWARDED_ALLOW_IPS": "127.0.0.1",
        "SECONDROUND_REDIS_KEY_PREFIX": f"secondround-deploy-{uuid.uuid4().hex[:12]}",
        **settings,
    }
    if redis_url:
        values["SECONDROUND_REDIS_URL"] = redis_url
    return values


def run_prestart(env: dict[str, str], log_path: Path, timeout: float = 120) -> str:
    proc = start_process("prestart", local_argv(compose_command("prestart")), env, log_path)
    code = proc.process.wait(timeout=timeout)
    assert code == 0, f"prestart exited with {code}:\n{proc.log_text()}"
    return proc.log_text()


@contextmanager
def running_stack(folder: Path, settings: dict[str, str], *, replicas: int = 2, worker: bool = True) -> Iterator[Stack]:
    """prestart, then `replicas` api processes, the worker and nginx, each from compose.yaml's command
    and environment with `settings` (stack_env) on top; everything stopped afterwards."""
    folder.mkdir(parents=True, exist_ok=True)
    run_prestart(process_env("prestart", **settings), folder / "prestart.log")
    apis: list[Process] = []
    worker_process: Process | None = None
    try:
        for n in range(1, replicas + 1):
            apis.append(start_api(process_env("api", **settings), folder / f"api-{n}.log", name=f"api-{n}"))
        if worker:
            argv = local_argv(compose_command("worker"))
            worker_process = start_process("worker", argv, process_env("worker", **settings), folder / "worker.log")
        ports = [int((api.base_url or "").rsplit(":", 1)[1]) for api in apis]
        with running_nginx(folder / "nginx", ports) as nginx:
            yield Stack(apis, nginx, worker_process, settings, folder)
    finally:
        for proc in [*apis, *([worker_process] if worker_process else [])]:
            proc.stop()
