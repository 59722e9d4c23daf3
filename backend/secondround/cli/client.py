"""The API over HTTP for the client commands and the assistant server: one place that turns what the
server answered (or that it did not answer) into a plain sentence and an exit code."""

from collections.abc import Iterator
from typing import Any

import httpx

from secondround.cli import config
from secondround.cli.errors import CliError, ExitCode

API = "/api/v1"
TIMEOUT = httpx.Timeout(30.0, connect=10.0)
USER_AGENT = "secondround-cli"


class ApiRefused(CliError):
    """The server answered with a problem; `status` is its HTTP status."""

    def __init__(self, message: str, status: int, code: ExitCode = ExitCode.REFUSED) -> None:
        super().__init__(message, code)
        self.status = status


def problem_sentence(response: httpx.Response) -> str:
    """The problem's `detail` (plain words written for people), then any field error it leaves out."""
    try:
        body = response.json()
    except ValueError:
        body = None
    if not isinstance(body, dict):
        reason = response.reason_phrase or "an error"
        return f"The server answered {response.status_code} ({reason})."
    detail = str(body.get("detail") or body.get("title") or f"The server answered {response.status_code}.")
    for error in body.get("errors") or []:
        message = str(error.get("message", "")) if isinstance(error, dict) else ""
        if message and message not in detail:
            detail = f"{detail} {message}"
    return detail


def refusal(response: httpx.Response) -> ApiRefused:
    sentence = problem_sentence(response)
    if response.status_code == 401:
        return ApiRefused(
            f"The server did not accept your API key: {sentence} Sign in again with `secondround login` "
            f"or set {config.KEY_VARIABLE}.",
            401,
            ExitCode.NOT_SIGNED_IN,
        )
    return ApiRefused(sentence, response.status_code)


def unreachable(url: str, error: httpx.HTTPError) -> CliError:
    if isinstance(error, httpx.UnsupportedProtocol | httpx.InvalidURL):
        return CliError(
            f"{url} is not a server address: use one like http://127.0.0.1:8000 (set {config.URL_VARIABLE}).",
            ExitCode.USAGE,
        )
    if isinstance(error, httpx.TimeoutException):
        why = "it did not answer in time"
    elif isinstance(error, httpx.ConnectError):
        why = "nothing answered there"
    else:
        why = "the connection failed"
    return CliError(
        f"Cannot reach the server at {url}: {why}. Is it running? (set {config.URL_VARIABLE} to another address)",
        ExitCode.UNREACHABLE,
    )


def checked(response: httpx.Response) -> httpx.Response:
    if response.is_success:
        return response
    raise refusal(response)


class Api:
    """A synchronous client for the commands. `key=None` sends no credential (login)."""

    def __init__(self, url: str, key: str | None) -> None:
        self.url = url.rstrip("/")
        headers = {"User-Agent": USER_AGENT, "Accept": "application/json"}
        if key:
            headers["Authorization"] = f"Bearer {key}"
        self._http = httpx.Client(base_url=self.url + API, headers=headers, timeout=TIMEOUT)

    @classmethod
    def signed_in(cls) -> "Api":
        url = config.server_url()
        return cls(url, config.api_key(url))

    def __enter__(self) -> "Api":
        return self

    def __exit__(self, *_exc: object) -> None:
        self._http.close()

    def send(self, method: str, path: str, **kwargs: Any) -> httpx.Response:
        """The server's answer whatever its status (only no answer at all raises)."""
        try:
            return self._http.request(method, path, **kwargs)
        except httpx.HTTPError as error:
            raise unreachable(self.url, error) from None

    def request(self, method: str, path: str, **kwargs: Any) -> httpx.Response:
        return checked(self.send(method, path, **kwargs))

    def get(self, path: str, **kwargs: Any) -> httpx.Response:
        return self.request("GET", path, **kwargs)

    def post(self, path: str, **kwargs: Any) -> httpx.Response:
        return self.request("POST", path, **kwargs)

    def delete(self, path: str, **kwargs: Any) -> httpx.Response:
        return self.request("DELETE", path, **kwargs)

    def pages(self, path: str, params: dict[str, Any] | None = None, limit: int = 200) -> Iterator[list[Any]]:
        """Each page of a cursor-paged list, following `next_cursor` to the end."""
        query: dict[str, Any] = {**(params or {}), "limit": limit}
        while True:
            body = self.get(path, params=query).json()
            yield body["items"]
            if not body.get("next_cursor"):
                return
            query["cursor"] = body["next_cursor"]


class AsyncApi:
    """The same, asynchronous, for the assistant (MCP) server."""

    def __init__(self, url: str, key: str) -> None:
        self.url = url.rstrip("/")
        self._http = httpx.AsyncClient(
            base_url=self.url + API,
            headers={
                "User-Agent": USER_AGENT + " (mcp)",
                "Accept": "application/json",
                "Authorization": f"Bearer {key}",
            },
            timeout=TIMEOUT,
        )

    async def aclose(self) -> None:
        await self._http.aclose()

    async def request(self, method: str, path: str, **kwargs: Any) -> httpx.Response:
        try:
            response = await self._http.request(method, path, **kwargs)
        except httpx.HTTPError as error:
            raise unreachable(self.url, error) from None
        return checked(response)

    async def items(self, path: str, params: dict[str, Any] | None = None, at_most: int = 200) -> list[Any]:
        """Up to `at_most` items of a cursor-paged list, following `next_cursor`."""
        query: dict[str, Any] = {**(params or {}), "limit": min(at_most, 200)}
        found: list[Any] = []
        while len(found) < at_most:
            body = (await self.request("GET", path, params=query)).json()
            found.extend(body["items"])
            if not body.get("next_cursor"):
                break
            query["cursor"] = body["next_cursor"]
        return found[:at_most]
