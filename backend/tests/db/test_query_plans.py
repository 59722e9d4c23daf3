"""Every list's query, its first page and a page after a cursor, is served by an index on PostgreSQL.

Read from `EXPLAIN (FORMAT JSON)`: the list's own table is read through an index whose condition
names the list's parent (the owner, the round or the application), the filters that have an index of
their own, and, past the first page, the cursor's position (`ROW(...) > ROW(...)`, so a deep page
starts where the cursor points instead of reading the pages before it); no table is scanned
sequentially and nothing is sorted. Rows come out in keyset order straight from the index, so the
LIMIT stops the scan after one page: the first and the hundredth page cost the same.

PostgreSQL plans by statistics, and on a test database of a few rows a sequential scan and a sort
are cheapest whatever the indexes; that says nothing about a million rows. So each plan is made with
sequential scans and sorts priced out (`SET LOCAL enable_seqscan = off`, `enable_sort = off`,
`enable_incremental_sort = off`): the planner still picks one when no index can serve the query, and
that is what the test looks for. (`python -m bench scale` reads the same plans off a seeded
database of a million questions, with statistics and nothing switched off.)
"""

import json
import uuid
from datetime import UTC, date, datetime
from typing import Any

import pytest
from sqlalchemy import Date, DateTime, Integer, Uuid, inspect, text, tuple_
from sqlalchemy.dialects import postgresql

from secondround.db.session import create_db_engine
from tests.db.test_indexes import LIST_QUERIES

# The index each list needs: equality on these columns (the parent, and the filters meant to narrow
# through the index; the others are checked on the parent's rows), then the keyset order.
INDEXED_BY = {
    "applications": {"owner_id"},
    "applications?status": {"owner_id", "status"},
    "roles": {"owner_id"},
    "questions": {"owner_id"},
    "questions?direction&archived": {"owner_id", "direction", "archived"},
    "questions?application_id": {"application_id"},
    "questions?scope=bank": {"owner_id"},
    "rounds": {"application_id"},
    "interviewers": {"round_id"},
    "round questions": {"round_id"},
    "follow-ups": {"owner_id"},
    "follow-ups?when=all": {"owner_id"},
    "readiness": {"owner_id", "status"},
    "questions?updated_after": {"owner_id"},
}
# What the plan's index condition must name at least: the parent, whose rows the cap keeps few. On an
# empty database two indexes that both serve a query cost the same, so which one the planner takes
# there says nothing; that the narrower one exists is test_every_list_has_an_index_for_its_filters.
PARENT = {"application_id", "owner_id", "round_id"}
INDEX_SCANS = {"Index Scan", "Index Only Scan", "Bitmap Heap Scan"}
AFTER = {DateTime: datetime(2026, 6, 1, tzinfo=UTC), Uuid: uuid.uuid4(), Integer: 7, Date: date(2026, 6, 1)}


@pytest.fixture(scope="module")
def postgres_engine(database):
    if database.kind != "postgres":
        pytest.skip("PostgreSQL's plans (SQLite's: tests/db/test_indexes.py)")
    engine = create_db_engine(database.url)
    yield engine
    engine.dispose()


def _nodes(node: dict[str, Any]) -> list[dict[str, Any]]:
    return [node] + [n for child in node.get("Plans", []) for n in _nodes(child)]


def _after(column: Any) -> Any:
    return next(
        value
        for kind, value in AFTER.items()
        if isinstance(column.type, kind) or isinstance(getattr(column.type, "impl", None), kind)
    )


def plan_of(engine, statement) -> dict[str, Any]:
    sql = str(statement.compile(dialect=postgresql.psycopg.dialect(), compile_kwargs={"literal_binds": True}))
    with engine.connect() as connection, connection.begin():
        for setting in ("enable_seqscan", "enable_sort", "enable_incremental_sort"):
            connection.execute(text(f"SET LOCAL {setting} = off"))
        return json.loads(json.dumps(connection.execute(text(f"EXPLAIN (FORMAT JSON) {sql}")).scalar_one()))[0]["Plan"]


def index_condition(nodes: list[dict[str, Any]], node: dict[str, Any]) -> str:
    """The index condition a scan reads its table with (a bitmap heap scan's is on its index scans)."""
    if node["Node Type"] == "Bitmap Heap Scan":
        return " ".join(n.get("Index Cond", "") for n in _nodes(node) if n["Node Type"] == "Bitmap Index Scan")
    return node.get("Index Cond", "")


@pytest.mark.parametrize("page", ["first", "after a cursor"])
@pytest.mark.parametrize("name", sorted(LIST_QUERIES))
def test_list_query_reads_one_page_through_an_index(postgres_engine, name, page):
    statement, keyset = LIST_QUERIES[name]
    if keyset is None and page != "first":
        pytest.skip("no keyset order: a filter alone")
    if keyset is not None:
        if page != "first":
            statement = statement.where(tuple_(*keyset.columns) > tuple_(*(_after(c) for c in keyset.columns)))
        statement = statement.order_by(*keyset.columns).limit(51)
    nodes = _nodes(plan_of(postgres_engine, statement))
    kept = ("Node Type", "Relation Name", "Index Name", "Index Cond", "Filter", "Sort Key")
    shown = "\n".join(json.dumps({k: n[k] for k in kept if k in n}) for n in nodes)

    assert not [n for n in nodes if n["Node Type"] == "Seq Scan"], f"{name}: a table is scanned in full\n{shown}"
    assert not [n for n in nodes if "Sort" in n["Node Type"]], f"{name}: the rows are sorted\n{shown}"
    table = (keyset.columns[0] if keyset is not None else statement.get_final_froms()[0].c.id).table.name
    own = [n for n in nodes if n.get("Relation Name") == table]
    assert len(own) == 1 and own[0]["Node Type"] in INDEX_SCANS, f"{name}: {table} is not read by an index\n{shown}"
    condition = index_condition(nodes, own[0])
    parent = INDEXED_BY[name] & PARENT
    assert any(column in condition for column in parent), f"{name}: the index condition leaves out {parent}\n{shown}"
    if keyset is not None and page != "first":
        assert "ROW(" in condition and keyset.columns[0].key in condition, (
            f"{name}: the cursor is not in the index condition, so a deep page reads the pages before it: "
            f"{condition}\n{shown}"
        )


@pytest.mark.parametrize("name", sorted(LIST_QUERIES))
def test_every_list_has_an_index_for_its_filters_and_order(database, name):
    """In the migrated schema (either engine): an index on the list's filter columns, then its order."""
    statement, keyset = LIST_QUERIES[name]
    table = (keyset.columns[0] if keyset is not None else statement.get_final_froms()[0].c.id).table.name
    order = [c.name for c in keyset.columns] if keyset is not None else []
    engine = create_db_engine(database.url, pooled=False)
    try:
        indexes = [ix["column_names"] for ix in inspect(engine).get_indexes(table)]
        indexes.append(inspect(engine).get_pk_constraint(table)["constrained_columns"])
    finally:
        engine.dispose()
    width = len(INDEXED_BY[name])
    serving = [ix for ix in indexes if set(ix[:width]) == INDEXED_BY[name] and ix[width : width + len(order)] == order]
    assert serving, f"{name}: no index on {table} ({sorted(INDEXED_BY[name])} then {order}); there are {indexes}"
