"""The app factory: settings, database, error handlers, routers and the OpenAPI document."""

from fastapi import APIRouter, FastAPI
from fastapi.responses import RedirectResponse
from fastapi_offline import FastAPIOffline

from secondround.accounts.router import auth_router, me_router
from secondround.accounts.throttle import SignInLimits
from secondround.applications.router import router as applications_router
from secondround.calendar_feed.router import router as calendar_router
from secondround.core.admission import AdmissionMiddleware
from secondround.core.body_limit import BodyLimitMiddleware
from secondround.core.config import Settings, get_settings
from secondround.core.db import DatabaseLimits, create_db_engine
from secondround.core.db_failures import DatabaseProbe, install_database_failure_handlers
from secondround.core.errors import install_problem_handlers
from secondround.core.log_redaction import install_token_redaction
from secondround.core.openapi import install_openapi, operation_id
from secondround.follow_ups.router import router as follow_ups_router
from secondround.health.router import router as health_router
from secondround.interviewers.router import round_interviewers_router
from secondround.interviewers.router import router as interviewers_router
from secondround.plans.router import router as plans_router
from secondround.questions.router import router as questions_router
from secondround.roles.router import router as roles_router
from secondround.round_questions.router import router as round_questions_router
from secondround.rounds.router import application_rounds_router
from secondround.rounds.router import router as rounds_router

DESCRIPTION = """\
secondround helps a job candidate prepare later interview rounds: applications, rounds, the
interviewers met and their roles, a question bank, and a role-aware question plan.

Errors are RFC 9457 problem documents (`application/problem+json`). Lists use keyset
pagination (`limit`, `cursor`, `next_cursor`, `Link: rel="next"`). Single resources carry an
`ETag`; send `If-Match` on PATCH, PUT and DELETE to avoid overwriting someone else's change.
"""


def create_app(settings: Settings | None = None) -> FastAPI:
    settings = settings or get_settings()
    # Swagger UI and ReDoc from files in the package, not a CDN: /docs works offline and loads no
    # third-party script into a page that holds the user's token.
    app = FastAPIOffline(
        title="secondround", version="1.0.0", description=DESCRIPTION, generate_unique_id_function=operation_id
    )
    app.state.settings = settings
    limits = DatabaseLimits.from_settings(settings)
    app.state.engine = create_db_engine(settings.sqlalchemy_url, limits)
    app.state.db_probe = DatabaseProbe(create_db_engine(settings.sqlalchemy_url, limits, pooled=False))
    app.state.sign_in_limits = SignInLimits(settings)

    api = APIRouter(prefix="/api/v1")
    for router in (
        health_router,
        auth_router,
        me_router,
        applications_router,
        application_rounds_router,
        rounds_router,
        round_interviewers_router,
        interviewers_router,
        roles_router,
        questions_router,
        round_questions_router,
        plans_router,
        follow_ups_router,
        calendar_router,
    ):
        api.include_router(router)
    app.include_router(api)

    @app.get("/", include_in_schema=False)
    def home() -> RedirectResponse:
        # Until the web app is served here, a newcomer opening the address lands on the API docs.
        return RedirectResponse("/docs")

    install_problem_handlers(app)
    install_database_failure_handlers(app)
    install_openapi(app)
    install_token_redaction()
    app.add_middleware(BodyLimitMiddleware, max_bytes=settings.max_body_bytes)
    app.add_middleware(
        AdmissionMiddleware,
        slots=settings.max_active_requests,
        per_account=settings.max_requests_per_account,
        queue_timeout=settings.queue_timeout_seconds,
        request_timeout=settings.request_timeout_seconds,
        probe=app.state.db_probe,
    )
    return app
