from fastapi import APIRouter, Request
from pydantic import BaseModel
from sqlalchemy import text

from secondround.core.errors import ServiceUnavailable, problem_responses
from secondround.core.migrations import current_revision, head_revision

router = APIRouter(prefix="/health", tags=["health"])


class Health(BaseModel):
    status: str


class Readiness(BaseModel):
    status: str
    database: str
    migration: str


@router.get("", response_model=Health)
def liveness() -> Health:
    """The process is up (does not touch the database)."""
    return Health(status="ok")


@router.get("/ready", response_model=Readiness, responses=problem_responses(503))
def readiness(request: Request) -> Readiness:
    """Ready to serve: the database answers and its schema is at the latest migration."""
    try:
        with request.app.state.engine.connect() as connection:
            connection.execute(text("SELECT 1"))
            current = current_revision(connection)
    except Exception as exc:  # any driver error means "not ready", never a 500
        raise ServiceUnavailable(f"The database is unreachable ({type(exc).__name__}).") from None
    head = head_revision()
    if current != head:
        raise ServiceUnavailable(
            f"The database schema is at {current or 'nothing'}, not at {head}: "
            "run the migrations (alembic upgrade head)."
        )
    return Readiness(status="ready", database=request.app.state.engine.dialect.name, migration=head)
