"""Query rows are read by name, never by position: `row[:11]` or `row[-1]` breaks silently (a wrong
value, not an error) the day a column is added to the query, as the plan's loader once did."""

import ast
from pathlib import Path

import secondround

PACKAGE = Path(secondround.__file__).parent


def positional_row_reads(root: Path) -> list[str]:
    """`row[<number>]`, `row[-1]` and `row[a:b]` on any name that holds a row (`row`, `rows[i]`, `*_row`)."""
    found = []
    for path in sorted(root.rglob("*.py")):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"), filename=str(path))):
            if not isinstance(node, ast.Subscript) or not isinstance(node.value, ast.Name):
                continue
            if not (node.value.id == "row" or node.value.id.endswith("_row")):
                continue
            index = node.slice
            if isinstance(index, ast.UnaryOp) and isinstance(index.operand, ast.Constant):
                index = index.operand
            if isinstance(index, ast.Slice) or (isinstance(index, ast.Constant) and isinstance(index.value, int)):
                found.append(f"{path.relative_to(root.parent)}:{node.lineno}: {ast.unparse(node)}")
    return found


def test_the_walk_finds_a_positional_read(tmp_path):
    (tmp_path / "loader.py").write_text("def f(row):\n    return row[:11], row[-1], row['name']\n")
    assert positional_row_reads(tmp_path) == [
        f"{tmp_path.name}/loader.py:2: row[:11]",
        f"{tmp_path.name}/loader.py:2: row[-1]",
    ]


def test_no_query_row_is_read_by_position():
    found = positional_row_reads(PACKAGE)
    assert not found, "Read these rows by name (labelled columns into a NamedTuple):\n" + "\n".join(found)
