"""Refuse request bodies over the configured size with a 413 problem, before any parsing.

A few paths take more (`larger`: a saved job posting page for the import, up to
`max_import_body_bytes`); their refusal says what they take."""

from starlette.types import ASGIApp, Message, Receive, Scope, Send

from secondround.api.problems import PayloadTooLarge, error_response


class BodyLimitMiddleware:
    def __init__(self, app: ASGIApp, max_bytes: int, larger: dict[str, tuple[int, str]] | None = None) -> None:
        self.app = app
        self.max_bytes = max_bytes
        # path -> (limit, the sentence a refusal adds)
        self.larger = larger or {}

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http" or scope["method"] in ("GET", "HEAD", "OPTIONS"):
            await self.app(scope, receive, send)
            return

        max_bytes, advice = self.larger.get(scope["path"], (self.max_bytes, ""))
        declared = dict(scope["headers"]).get(b"content-length")
        if declared is not None and declared.isdigit() and int(declared) > max_bytes:
            await self._refuse(scope, receive, send, max_bytes, advice)
            return

        # Read the (bounded) body up front, so a chunked upload cannot slip past the limit,
        # then replay it to the app.
        chunks: list[bytes] = []
        size = 0
        while True:
            message = await receive()
            if message["type"] == "http.disconnect":
                return
            chunk = message.get("body", b"")
            size += len(chunk)
            if size > max_bytes:
                await self._refuse(scope, receive, send, max_bytes, advice)
                return
            chunks.append(chunk)
            if not message.get("more_body", False):
                break

        body = b"".join(chunks)
        replayed = False

        async def replay() -> Message:
            nonlocal replayed
            if not replayed:
                replayed = True
                return {"type": "http.request", "body": body, "more_body": False}
            return await receive()

        await self.app(scope, replay, send)

    async def _refuse(self, scope: Scope, receive: Receive, send: Send, max_bytes: int, advice: str) -> None:
        detail = f"The request body is larger than {max_bytes} bytes." + (f" {advice}" if advice else "")
        # Connection: close, as the rest of the body is not read.
        refusal = error_response(PayloadTooLarge(detail, headers={"Connection": "close"}), instance=scope["path"])
        await refusal(scope, receive, send)
