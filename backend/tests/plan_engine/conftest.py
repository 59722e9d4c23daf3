from pathlib import Path

import pytest

HERE = Path(__file__).parent


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    """Mark every test in this folder `pure`: the plan engine has no database, so the PostgreSQL pass
    deselects them (`-m "not pure"`) rather than run the same thing twice."""
    for item in items:
        if HERE in item.path.parents:
            item.add_marker(pytest.mark.pure)
