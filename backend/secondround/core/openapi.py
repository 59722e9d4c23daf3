"""OpenAPI: stable, readable operation ids and problem+json error responses."""

from typing import Any

from fastapi import FastAPI
from fastapi.openapi.utils import get_openapi
from fastapi.routing import APIRoute

from secondround.core.errors import PROBLEM_MEDIA_TYPE


def operation_id(route: APIRoute) -> str:
    """`list_applications` tagged `applications` -> `applications-list`; `get_round_plan` -> `rounds-get-plan`."""
    tag = str(route.tags[0]) if route.tags else "default"
    stems = {tag, tag.rstrip("s"), tag.replace("-", "_"), tag.replace("-", "_").rstrip("s")}
    words = [w for w in route.name.split("_") if w not in stems]
    name = "_".join(words)
    for stem in sorted(stems, key=len, reverse=True):  # multi-word tags such as round_questions
        name = name.replace(f"_{stem}", "").replace(stem, "")
    return f"{tag}-{name.strip('_').replace('_', '-') or 'call'}"


def install_openapi(app: FastAPI) -> None:
    def build() -> dict[str, Any]:
        if app.openapi_schema:
            return app.openapi_schema
        schema = get_openapi(
            title=app.title, version=app.version, description=app.description, routes=app.routes, tags=app.openapi_tags
        )
        for path in schema.get("paths", {}).values():
            for operation in path.values():
                if "requestBody" in operation:
                    # FastAPI answers 400 itself when a body cannot be parsed at all (e.g. a broken form).
                    operation["responses"].setdefault(
                        "400",
                        {
                            "description": "The body could not be parsed (malformed JSON or form data)",
                            "content": {PROBLEM_MEDIA_TYPE: {"schema": {"$ref": "#/components/schemas/Problem"}}},
                        },
                    )
                for code, response in operation.get("responses", {}).items():
                    content = response.get("content", {})
                    if code[0] in "45" and "application/json" in content:
                        response["content"] = {PROBLEM_MEDIA_TYPE: content.pop("application/json")}
        app.openapi_schema = schema
        return schema

    app.openapi = build  # type: ignore[method-assign]
