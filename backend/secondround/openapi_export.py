"""Print the OpenAPI document, stable byte for byte (`make openapi` writes it to openapi/)."""

import json
import sys

from secondround.config import Settings
from secondround.main import create_app


def render() -> str:
    app = create_app(Settings(database_url="sqlite://"))
    return json.dumps(app.openapi(), indent=2, sort_keys=True, ensure_ascii=False) + "\n"


if __name__ == "__main__":
    sys.stdout.write(render())
