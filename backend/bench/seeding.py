"""Seed a question bank straight into the database: both benchmarks need one bigger than the API would
let a client build quickly (and than the per-account cap admits)."""

import uuid

from sqlalchemy import insert

from secondround.db.session import create_db_engine
from secondround.db.types import utcnow
from secondround.helpers.vocabulary import Category
from secondround.models import Question


def seed_question_bank(url: str, owner_id: uuid.UUID, count: int) -> None:
    categories = list(Category)
    now = utcnow()
    rows = [
        {
            "id": uuid.uuid4(),
            "owner_id": owner_id,
            "direction": "ask" if i % 5 else "expect",
            "text": f"Benchmark question {i:05d}: how does the team handle case {i}?",
            "category": categories[i % len(categories)].value,
            "importance": 1 + i % 5,
            "minutes": 1 + i % 3,
            "archived": False,
            "created_at": now,
            "updated_at": now,
        }
        for i in range(count)
    ]
    engine = create_db_engine(url)
    with engine.begin() as connection:
        connection.execute(insert(Question), rows)
    engine.dispose()
