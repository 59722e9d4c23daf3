"""The request model (docs/decisions.md, "The request model"): every endpoint and dependency is
`async def`, so a request reaches the database through `db.run` without a worker-thread hand-off.
A sync one would quietly cost a hand-off on every request; the few that must block (they call
Redis) are listed here with the reason."""

import inspect

from fastapi.dependencies.models import Dependant
from fastapi.routing import APIRoute, iter_route_contexts

# Dependencies allowed to be sync, so FastAPI runs them in a worker thread: each may call Redis.
MAY_BLOCK = {"sign_in_attempt": "counts the attempt in the shared (Redis) sign-in limits"}


def _is_async(call) -> bool:
    if inspect.iscoroutinefunction(call) or inspect.isasyncgenfunction(call):
        return True
    dunder = getattr(call, "__call__", None)  # noqa: B004 - security schemes are callable objects
    return inspect.iscoroutinefunction(dunder)


def _calls(dependant: Dependant):
    pending = [dependant]
    while pending:
        current = pending.pop()
        if current.call is not None:
            yield current.call
        pending.extend(current.dependencies)


def test_every_endpoint_and_dependency_is_async(app):
    sync = set()
    routes = [c for c in iter_route_contexts(app.routes) if isinstance(c.original_route, APIRoute)]
    assert len(routes) > 40
    for route in routes:
        for call in _calls(route.dependant):  # with the dependencies of the routers it is included in
            name = getattr(call, "__name__", type(call).__name__)
            if not _is_async(call) and name not in MAY_BLOCK:
                sync.add(f"{route.path} {sorted(route.methods)}: {name}")
    assert not sync, "sync endpoints or dependencies (a thread hand-off per request):\n" + "\n".join(sorted(sync))
