"""Unknown query parameters are refused (422 naming them), once for every route: a misspelt or
unsupported filter must not silently return the unfiltered list."""

from typing import Any

from fastapi import Request
from fastapi.dependencies.models import Dependant
from fastapi.exceptions import RequestValidationError

_declared_by_route: dict[int, frozenset[str]] = {}


def _declared_query_names(dependant: Dependant) -> frozenset[str]:
    names: set[str] = set()
    pending = [dependant]
    while pending:
        current = pending.pop()
        names.update(field.alias for field in current.query_params)
        pending.extend(current.dependencies)
    return frozenset(names)


async def reject_unknown_query_parameters(request: Request) -> None:
    """A router dependency: compares the query string with the parameters the matched route declares."""
    route: Any = request.scope.get("route")
    dependant = getattr(route, "dependant", None)
    if dependant is None or not request.query_params:
        return
    declared = _declared_by_route.get(id(route))
    if declared is None:
        declared = _declared_by_route[id(route)] = _declared_query_names(dependant)
    unknown = [name for name in dict.fromkeys(request.query_params.keys()) if name not in declared]
    if unknown:
        raise RequestValidationError(
            [
                {
                    "type": "extra_forbidden",
                    "loc": ("query", name),
                    "msg": "is not a query parameter of this operation",
                    "input": request.query_params[name],
                }
                for name in unknown
            ]
        )
