"""The runtime image's files, laid out here as the Dockerfile copies them (no Docker engine runs
here): the package finds alembic.ini and the migrations beside it, and the prestart command migrates
a database from that copy alone; the web app lands where SECONDROUND_WEB_APP_DIR points."""

import os
import re
import shutil
import subprocess
import sys

import pytest

from secondround.config import REPO_ROOT
from tests.support.deploy import DOCKERFILE, compose_command, dockerfile_env

pytestmark = pytest.mark.pure  # a SQLite file whatever the pass: once per make test


def _runtime_stage() -> str:
    text = re.sub(r"\\\n\s*", " ", DOCKERFILE.read_text())
    return text.split("\nFROM ")[-1]


def test_the_copied_files_alone_migrate_a_database_with_the_prestart_command(tmp_path):
    stage = _runtime_stage()
    workdir = re.search(r"^WORKDIR (\S+)$", stage, re.M).group(1)
    app = tmp_path / workdir.strip("/")
    for source, target in re.findall(r"^COPY (?!--from)(\S+) (\S+)$", stage, re.M):
        origin, destination = REPO_ROOT / source, app / target
        if origin.is_dir():
            shutil.copytree(origin, destination, ignore=shutil.ignore_patterns("__pycache__", "*.pyc"))
        else:
            destination = destination / origin.name if target.endswith("/") or target == "./" else destination
            destination.parent.mkdir(parents=True, exist_ok=True)
            shutil.copy(origin, destination)
    assert (app / "alembic.ini").exists() and (app / "migrations" / "env.py").exists()
    # `pip install -e backend` puts /app/backend on the path: so does PYTHONPATH here.
    env = {k: v for k, v in os.environ.items() if not k.startswith("SECONDROUND_")}
    env.update(
        PYTHONPATH=str(app / "backend"),
        SECONDROUND_DATABASE_URL=f"sqlite:///{tmp_path / 'image.db'}",
        SECONDROUND_SECRET_KEY="image-" + "x" * 30,
    )
    where = subprocess.run(
        [sys.executable, "-c", "import secondround.config as c; print(c.REPO_ROOT)"],
        env=env,
        cwd=tmp_path,
        capture_output=True,
        text=True,
        check=True,
    )
    assert where.stdout.strip() == str(app)
    argv = [sys.executable, *compose_command("prestart")[1:]]
    result = subprocess.run(argv, env=env, cwd=tmp_path, capture_output=True, text=True, timeout=120)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "migrating the schema from nothing to" in result.stderr


def test_the_web_app_is_copied_where_the_server_looks_for_it():
    stage = _runtime_stage()
    workdir = re.search(r"^WORKDIR (\S+)$", stage, re.M).group(1)
    source, target = re.search(r"^COPY --from=web (\S+) (\S+)$", stage, re.M).groups()
    assert source == "/src/frontend/dist"  # vite's outDir in the web stage (WORKDIR /src/frontend)
    assert dockerfile_env()["SECONDROUND_WEB_APP_DIR"] == f"{workdir}/{target}"
    assert f"{workdir}/{target}" == "/app/frontend/dist"
