"""The route walker: every (method, path) the app serves under /api/v1, with its request body's
schema, so tests that walk every route cover a route added later without being touched."""

import re
from dataclasses import dataclass

import pytest
from fastapi.routing import APIRoute, iter_route_contexts


@dataclass(frozen=True)
class ApiRoute:
    method: str
    path: str  # with {placeholders}
    name: str

    @property
    def path_params(self) -> list[str]:
        return re.findall(r"{(\w+)(?::\w+)?}", self.path)

    def url(self, ids: dict[str, str]) -> str:
        """The path with every parameter filled from `ids`; fails loudly on a parameter it does not know."""
        unknown = [p for p in self.path_params if p not in ids]
        if unknown:
            pytest.fail(
                f"{self.method} {self.path}: no test object for path parameter(s) {unknown}; "
                "teach tests.support.builders.World about it"
            )
        return re.sub(r"{(\w+)(?::\w+)?}", lambda m: ids[m.group(1)], self.path)


def api_routes(app) -> list[ApiRoute]:
    """Every (method, path) the app serves under /api/v1, including routes of included routers."""
    contexts = [c for c in iter_route_contexts(app.routes) if isinstance(c.original_route, APIRoute)]
    # The path as the OpenAPI document writes it: `{external_id:path}` (a converter) is `{external_id}`.
    routes = {
        ApiRoute(method, re.sub(r"{(\w+):\w+}", r"{\1}", c.path), c.name)
        for c in contexts
        for method in c.methods
        if c.path.startswith("/api/v1") and method != "HEAD"
    }
    return sorted(routes, key=lambda r: (r.path, r.method))


# Bodies that are an open vocabulary, so their model cannot forbid unknown members: a schema.org
# JobPosting in JSON-LD takes any property (docs/decisions.md, "Job posting import"). Walkers start
# from the schema's first example (a real posting) and check that a server-owned field sent along is
# never taken, instead of expecting it refused.
OPEN_BODIES = {
    ("POST", "/api/v1/applications/import"): "JSON-LD (schema.org JobPosting) is an open vocabulary",
    ("POST", "/api/v1/applications/import/preview"): "JSON-LD (schema.org JobPosting) is an open vocabulary",
}


def request_body_schema(app, route: ApiRoute) -> tuple[str, dict] | None:
    """(media type, JSON schema) of the route's request body from the OpenAPI document, or None."""
    operation = app.openapi()["paths"][route.path][route.method.lower()]
    content = operation.get("requestBody", {}).get("content", {})
    for media_type, spec in content.items():
        return media_type, spec["schema"]
    return None


def resolve_schema(app, schema: dict) -> dict:
    """Follow $ref and pick the non-null branch of an optional."""
    while True:
        if "$ref" in schema:
            schema = app.openapi()["components"]["schemas"][schema["$ref"].rsplit("/", 1)[-1]]
        elif "anyOf" in schema:
            schema = next(s for s in schema["anyOf"] if s.get("type") != "null")
        else:
            return schema
