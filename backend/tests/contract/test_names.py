"""Names that cannot be confused: no two classes of the backend share a name.

Two classes of one name (the engine's `InterviewerPlan` and the plan response's, the readiness rules'
`Readiness` and the health probe's) make a reader check every import to know which one a line means,
and make an alias at the import the only way to use both. Walked with `ast`, so a class added later
is covered without touching this file.
"""

import ast
from collections import defaultdict
from pathlib import Path

import secondround

PACKAGE = Path(secondround.__file__).parent


def class_names(root: Path) -> dict[str, list[str]]:
    """Every class defined under `root` (nested ones included), with where each is defined."""
    found: dict[str, list[str]] = defaultdict(list)
    for path in sorted(root.rglob("*.py")):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"), filename=str(path))):
            if isinstance(node, ast.ClassDef):
                found[node.name].append(f"{path.relative_to(root.parent)}:{node.lineno}")
    return found


def test_the_walk_sees_the_backend():
    names = class_names(PACKAGE)
    assert {"RoundPlanRead", "InterviewerPlan", "Checklist"} <= names.keys()


def test_no_two_classes_share_a_name():
    shared = {name: places for name, places in class_names(PACKAGE).items() if len(places) > 1}
    assert not shared, "Classes that share a name (rename one so the name says which is which):\n" + "\n".join(
        f"  {name}: {', '.join(places)}" for name, places in sorted(shared.items())
    )
