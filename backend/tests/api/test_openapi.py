"""The committed OpenAPI document is generated from the code; a stale file fails the build."""

import json

from secondround.config import REPO_ROOT
from secondround.openapi_export import render

OPENAPI_FILE = REPO_ROOT / "openapi" / "openapi.json"


def test_committed_openapi_matches_the_code():
    assert OPENAPI_FILE.read_text() == render(), "openapi/openapi.json is stale: run `make openapi`"


def test_operation_ids_are_readable_and_unique():
    spec = json.loads(render())
    ids = [op["operationId"] for path in spec["paths"].values() for op in path.values()]
    assert len(ids) == len(set(ids))
    assert "applications-list" in ids and "rounds-create" in ids
    assert all(i == i.lower() and " " not in i and "_" not in i for i in ids)


# The OAuth token and revocation endpoints answer their own errors the RFC 6749 way (5.2), which
# OAuth client libraries expect (docs/decisions.md, "OAuth for third-party apps"); the server's own
# refusals there (413, 429) are still problems.
RFC6749_ERRORS = {("/api/v1/oauth/token", "400"), ("/api/v1/oauth/token", "401")}
RFC6749_ERRORS |= {("/api/v1/oauth/revoke", code) for _, code in RFC6749_ERRORS}


def test_every_error_response_is_a_problem_document():
    spec = json.loads(render())
    for path, operations in spec["paths"].items():
        for method, op in operations.items():
            codes = set(op["responses"])
            if path != "/api/v1/health":
                assert any(c.startswith("4") or c.startswith("5") for c in codes), (method, path)
            for code, response in op["responses"].items():
                if (path, code) in RFC6749_ERRORS:
                    assert response["content"]["application/json"]["schema"]["$ref"].endswith("/OAuthError")
                elif code[0] in "45":
                    assert list(response["content"]) == ["application/problem+json"], (method, path, code)
                    assert response["content"]["application/problem+json"]["schema"]["$ref"].endswith("/Problem")
            if op["security"] or path.startswith("/api/v1/applications"):
                assert "401" in codes, (method, path)
            if "requestBody" in op:
                assert "422" in codes and "413" in codes, (method, path)


def test_swagger_ui_is_served_without_a_cdn(client):
    page = client.get("/docs")
    assert page.status_code == 200 and "cdn." not in page.text
    assert "/static-offline-docs/swagger-ui-bundle.js" in page.text
    script = client.get("/static-offline-docs/swagger-ui-bundle.js")
    assert script.status_code == 200 and len(script.content) > 100_000
    # The address itself is the web app now (tests/web/test_serving.py), no longer a redirect to /docs.
    assert "location" not in client.get("/", follow_redirects=False).headers
