"""Where the command finds the server and the API key: the environment first, then the file that
`secondround login` writes (in the user's config directory, readable by the user only)."""

import json
import os
from dataclasses import dataclass
from pathlib import Path

from platformdirs import user_config_dir

from secondround.cli.errors import CliError, ExitCode

DEFAULT_URL = "http://127.0.0.1:8000"
URL_VARIABLE = "SECONDROUND_URL"
KEY_VARIABLE = "SECONDROUND_API_KEY"


def config_file() -> Path:
    """`~/.config/secondround/credentials.json` on Linux (honours XDG_CONFIG_HOME); the platform's own
    place elsewhere."""
    return Path(user_config_dir("secondround", appauthor=False)) / "credentials.json"


@dataclass(frozen=True)
class Stored:
    """What `login` keeps: the server, the key, and what `logout` needs to revoke it."""

    url: str
    api_key: str
    api_key_id: str | None = None
    email: str | None = None


def load() -> Stored | None:
    path = config_file()
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        return None
    except (OSError, ValueError) as error:
        raise CliError(
            f"The sign-in file {path} cannot be read ({error}); sign in again with `secondround login`.",
            ExitCode.NOT_SIGNED_IN,
        ) from None
    if not isinstance(data, dict) or not isinstance(data.get("url"), str) or not isinstance(data.get("api_key"), str):
        raise CliError(
            f"The sign-in file {path} is not one `secondround login` wrote; sign in again.", ExitCode.NOT_SIGNED_IN
        )
    return Stored(data["url"], data["api_key"], data.get("api_key_id"), data.get("email"))


def save(stored: Stored) -> Path:
    """Write the file with 0600 from the start (never readable by others, not even for a moment)."""
    path = config_file()
    path.parent.mkdir(parents=True, exist_ok=True, mode=0o700)
    tmp = path.with_suffix(".tmp")
    fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
    with os.fdopen(fd, "w", encoding="utf-8") as out:
        json.dump(stored.__dict__, out, indent=2)
    os.chmod(tmp, 0o600)  # in case it existed with other permissions
    os.replace(tmp, path)
    return path


def forget() -> bool:
    try:
        config_file().unlink()
    except FileNotFoundError:
        return False
    return True


def server_url() -> str:
    """SECONDROUND_URL, else the server you signed in to, else the local default."""
    url = os.environ.get(URL_VARIABLE, "").strip()
    if url:
        return url.rstrip("/")
    stored = load()
    return (stored.url if stored else DEFAULT_URL).rstrip("/")


def api_key(url: str) -> str:
    """SECONDROUND_API_KEY, else the key `login` stored for this server (a key is never sent to another
    server than the one it was made on); neither: not signed in (exit 4)."""
    key = os.environ.get(KEY_VARIABLE, "").strip()
    if key:
        return key
    stored = load()
    if stored is None or stored.url.rstrip("/") != url.rstrip("/"):
        raise CliError(
            f"You are not signed in: run `secondround login`, or set {KEY_VARIABLE} to a personal API key.",
            ExitCode.NOT_SIGNED_IN,
        )
    return stored.api_key
