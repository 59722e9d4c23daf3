"""The installed `secondround` command, run as a subprocess against the app served on loopback.

Each run gets a clean environment: none of the caller's SECONDROUND_* settings, a config directory of
its own (XDG_CONFIG_HOME), PYTHONPATH at this checkout's backend (so the command runs this code), and
a wide terminal so tables are not cut.
"""

import os
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

import pytest

from tests.support.accounts import User

BACKEND = Path(__file__).resolve().parents[2]
# The console script pip writes beside the interpreter ([project.scripts] in pyproject.toml).
COMMAND = str(Path(sys.executable).parent / "secondround")


@dataclass
class Finished:
    code: int
    stdout: str
    stderr: str

    def __str__(self) -> str:
        return f"exit {self.code}\n--- stdout\n{self.stdout}\n--- stderr\n{self.stderr}"


def command_env(config_home: Path, **variables: str) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith("SECONDROUND_")}
    env.update(PYTHONPATH=str(BACKEND), XDG_CONFIG_HOME=str(config_home), COLUMNS="200", PYTHONUNBUFFERED="1")
    env.update(variables)
    return env


def run_command(args: list[str], env: dict[str, str], *, input: str | None = None, timeout: float = 60) -> Finished:
    done = subprocess.run(
        [COMMAND, *args], env=env, input=input, capture_output=True, text=True, timeout=timeout, cwd=BACKEND
    )
    return Finished(done.returncode, done.stdout, done.stderr)


def make_key(user: User, scopes: tuple[str, ...] = ("read", "write")) -> dict:
    r = user.post("/api/v1/api-keys", json={"name": "CLI test", "scopes": list(scopes)})
    assert r.status_code == 201, r.text
    return r.json()


@dataclass
class Cli:
    """The command signed in as one user with a personal API key, at the test server."""

    base_url: str
    config_home: Path
    key: str | None

    def env(self, **variables: str) -> dict[str, str]:
        defaults = {"SECONDROUND_URL": self.base_url}
        if self.key:
            defaults["SECONDROUND_API_KEY"] = self.key
        return command_env(self.config_home, **{**defaults, **variables})

    def __call__(self, *args: str, input: str | None = None, **variables: str) -> Finished:
        return run_command(list(args), self.env(**variables), input=input)


@pytest.fixture
def cli_for(base_url, tmp_path):
    """cli_for(user) -> a Cli with a fresh read+write key of that user; cli_for(None): no key at all."""

    def _make(user: User | None, scopes: tuple[str, ...] = ("read", "write")) -> Cli:
        key = make_key(user, scopes)["key"] if user is not None else None
        home = tmp_path / f"config-{len(list(tmp_path.iterdir()))}"
        home.mkdir()
        return Cli(base_url, home, key)

    return _make
