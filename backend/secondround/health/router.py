from fastapi import APIRouter, Request
from pydantic import BaseModel

from secondround.api.app_state import app_state
from secondround.api.problems import problem_responses
from secondround.health import service

router = APIRouter(prefix="/health", tags=["health"])


class Health(BaseModel):
    status: str


class ServiceReadiness(BaseModel):
    """The service can serve: its database answers and its schema is at the latest migration."""

    status: str
    database: str
    migration: str


@router.get("", response_model=Health, summary="Liveness")
async def liveness() -> Health:
    """The process is up (does not touch the database)."""
    return Health(status="ok")


@router.get("/ready", response_model=ServiceReadiness, summary="Readiness", responses=problem_responses(503))
async def readiness(request: Request) -> ServiceReadiness:
    """Ready to serve: the database answers and its schema is at the latest migration.

    Answers within two seconds whatever the database does: the check runs on a fresh connection
    in its own threads, with its own deadline (db/failures.py)."""
    ready = await service.check_ready(app_state(request.app))
    return ServiceReadiness(status="ready", database=ready.database, migration=ready.migration)
