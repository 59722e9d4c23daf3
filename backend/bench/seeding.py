"""Seed a question bank straight into the database: the benchmarks need one bigger than a client would
build quickly through the API, but never one the per-account cap (config.py) would refuse: a plan
over more questions than any account can hold would time a case that cannot happen."""

import uuid

from sqlalchemy import func, insert, select

from secondround.config import Settings
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
        held = connection.execute(
            select(func.count()).select_from(Question).where(Question.owner_id == owner_id)  # type: ignore[arg-type]
        ).scalar_one()
        cap = Settings().max_questions_per_account
        if held + count > cap:
            raise ValueError(f"{held} + {count} questions is over the per-account cap of {cap}")
        connection.execute(insert(Question), rows)
    engine.dispose()
