"""The app factory: settings, database, error handlers, routers and the OpenAPI document."""

import asyncio
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager

from asgi_correlation_id import CorrelationIdMiddleware
from fastapi import APIRouter, Depends, FastAPI
from fastapi_offline import FastAPIOffline

from secondround.accounts.credential_cache import CredentialCache
from secondround.accounts.router import auth_router, me_router
from secondround.accounts.throttle import SignInLimits
from secondround.activity.router import application_activity_router
from secondround.activity.router import router as activity_router
from secondround.answers.router import router as answers_router
from secondround.api.app_state import AppState, app_state, install_app_state
from secondround.api.credential_budget import CredentialBudget
from secondround.api.media_types import refuse_unreadable_bodies
from secondround.api.openapi import install_openapi, operation_id
from secondround.api.problem_handlers import install_problem_handlers
from secondround.api.problem_pages import router as problem_pages_router
from secondround.api.strict_query import reject_unknown_query_parameters
from secondround.api_keys.router import router as api_keys_router
from secondround.applications.router import router as applications_router
from secondround.calendar_feed.router import router as calendar_router
from secondround.changes.capture import install_change_capture
from secondround.changes.router import router as changes_router
from secondround.config import Settings, get_settings
from secondround.contacts.router import router as contacts_router
from secondround.db.constraints import install_constraint_handlers
from secondround.db.failures import PROBE_LIMITS, DatabaseProbe, install_database_failure_handlers
from secondround.db.session import Database, DatabaseLimits, create_db_engine
from secondround.debriefs.router import router as debriefs_router
from secondround.follow_ups.router import round_call_script_router
from secondround.follow_ups.router import router as follow_ups_router
from secondround.health.router import router as health_router
from secondround.idempotency.install import document_idempotency, idempotent_routes
from secondround.interviewers.router import round_interviewers_router
from secondround.interviewers.router import router as interviewers_router
from secondround.mail.router import router as mail_router
from secondround.mail.worker import MailWorker
from secondround.middleware.admission import AdmissionCounts, AdmissionMiddleware
from secondround.middleware.body_limit import BodyLimitMiddleware
from secondround.middleware.cors import CorsMiddleware
from secondround.middleware.docs import install_api_docs
from secondround.middleware.http_fields import HttpFieldsMiddleware
from secondround.middleware.security_headers import install_security_headers
from secondround.middleware.web_app import WebAppMiddleware
from secondround.oauth.router import clients_router, connected_router, metadata_router, oauth_router
from secondround.observability.access_log import AccessLogMiddleware
from secondround.observability.metrics import install_metrics
from secondround.observability.request_id import REQUEST_ID_HEADER, acceptable_request_id
from secondround.offers.router import router as offers_router
from secondround.plans import cache as plans_cache
from secondround.plans.router import router as plans_router
from secondround.portability.router import router as portability_router
from secondround.postings.router import IMPORT_PATHS
from secondround.postings.router import router as postings_router
from secondround.practice.router import router as practice_router
from secondround.questions.router import router as questions_router
from secondround.readiness.router import router as readiness_router
from secondround.roles.router import router as roles_router
from secondround.round_imports.router import router as round_imports_router
from secondround.round_questions.router import router as round_questions_router
from secondround.rounds.router import application_rounds_router
from secondround.rounds.router import router as rounds_router
from secondround.server.log_redaction import install_token_redaction
from secondround.stats.router import router as stats_router
from secondround.thank_you.router import router as thank_you_router
from secondround.webhooks.router import router as webhooks_router
from secondround.webhooks.worker import DeliveryWorker

API_PREFIX = "/api/v1"

DESCRIPTION = """\
secondround helps a job candidate prepare later interview rounds: applications, rounds, the
interviewers met and their roles, a question bank, and a role-aware question plan.

**Base URL.** Paths include `/api/v1`, so a generated client takes the server's address alone
(e.g. `http://127.0.0.1:8000`) as its base URL.

**Signing in.** Scripts and other programs get a bearer token from `POST /api/v1/auth/token`
and send `Authorization: Bearer ...`. The web app signs in with `POST /api/v1/auth/login`,
which sets an HttpOnly session cookie; writes with that cookie must come from the app's own
origin, so scripts should not use it.

**Errors** are RFC 9457 problem documents (`application/problem+json`) whose `type` is one of
a fixed list; a page at each type's URI explains it. Unknown query parameters and body fields
are refused with 422, and so is text holding a NUL character (U+0000) or another control
character (U+0001 to U+001F but tab, line feed and carriage return, and U+007F DEL). A required
name or text made only of invisible characters (zero-width spaces, Hangul fillers, the blank
Braille pattern, tag characters) counts as blank. A method a path does not serve gets 405 with
`Allow`.

**Lists** use keyset pagination (`limit`, `cursor`, `next_cursor`, `Link: rel="next"`).
**Single resources** carry an `ETag`; send it in `If-Match` on PATCH, PUT and DELETE to avoid
overwriting someone else's change (412).

**Caching.** Every successful GET has an `ETag` (lists and readiness a strong one of their bytes, the
plan and the prep sheet a weak one); send it in `If-None-Match` to get a 304 without a body when
nothing changed. `HEAD` works wherever `GET` does (not listed per path).

**Limits.** Each bearer token or API key may make 600 requests a minute (the server's setting);
answers say what is left in `RateLimit-Policy` and `RateLimit` (draft-ietf-httpapi-ratelimit-headers),
and the request past it is a 429 with `Retry-After`.

**Bodies** are JSON (`application/json`) except the token form; another `Content-Type` is a 415.
**Browsers**: pages of origins the operator lists (CORS) may call the API with a bearer credential.
"""

TAGS = [
    {"name": "health", "description": "Liveness and readiness probes for operators; no sign-in needed."},
    {
        "name": "auth",
        "description": "Create an account, sign in (bearer token for scripts, cookie for the web app), sign out.",
    },
    {"name": "me", "description": "Your own account: profile, email and password."},
    {
        "name": "applications",
        "description": "The jobs you applied for: company, position, salary, research notes, status.",
    },
    {
        "name": "rounds",
        "description": "Interview rounds of an application, their outcome and the follow-up after them.",
    },
    {"name": "interviewers", "description": "The people you meet in a round, in meeting order, each with a role."},
    {
        "name": "debriefs",
        "description": "What you noted about each person right after the round; carried to the next round when "
        "you meet them again, and a topic they raised becomes a question in one call.",
    },
    {
        "name": "thank-you-notes",
        "description": "Thank-you notes after a round: a draft per person from your debrief, and which ones you sent.",
    },
    {
        "name": "roles",
        "description": "Kinds of interviewer (supervisor, owner, co-worker, HR, your own) and what each cares about.",
    },
    {"name": "questions", "description": "Your question bank: questions to ask, and questions you expect to be asked."},
    {
        "name": "application-answers",
        "description": "Prepared answers written for one application: they win over the question's own answer "
        "in that application's plans and prep sheets, and never reach another application's.",
    },
    {
        "name": "round-questions",
        "description": "A question's state in one round: pinned, asked, answered or skipped, with notes.",
    },
    {
        "name": "plans",
        "description": "The plan for a round: whom to ask what, in which order, in the time you have; "
        "and the printable prep sheet.",
    },
    {
        "name": "readiness",
        "description": "Are you ready for a round? A checklist derived from your data, with what to do next.",
    },
    {
        "name": "follow-ups",
        "description": "Rounds waiting for a decision, with the date to follow up, and open offers to respond to.",
    },
    {
        "name": "offers",
        "description": "Offers, verbal then written (the verbal terms kept), their next step, a side-by-side "
        "comparison, and accepting or declining them.",
    },
    {
        "name": "practice",
        "description": "Practise the questions you expect, with spaced repetition (FSRS): the queue of what is due, "
        "what the next round's people will likely ask first, and your review of each.",
    },
    {
        "name": "stats",
        "description": "Counts of your applications, rounds, offers and outcomes, and the median time to each stage.",
    },
    {
        "name": "activity",
        "description": "Each application's log, newest first: calls, emails, notes, and the status and outcome "
        "changes written as they happened. Append-only: an edit keeps the earlier text.",
    },
    {
        "name": "contacts",
        "description": "People across applications: the interviewer of round 1 is the same contact in round 3.",
    },
    {
        "name": "mail",
        "description": "The daily reminder email: stopping it from the link in the mail, without signing in "
        "(turn it on again with `PATCH /api/v1/me`).",
    },
    {"name": "calendar", "description": "A private iCalendar feed of your rounds and follow-ups."},
    {
        "name": "api-keys",
        "description": "Personal API keys for scripts and integrations: `read` or `read` and `write`, "
        "optional expiry, shown once, revoked here.",
    },
    {
        "name": "changes",
        "description": "The change feed: every create, update and delete of your account, in commit order, "
        "for integrations that keep a copy.",
    },
    {
        "name": "webhooks",
        "description": "Endpoints that receive your changes as signed events (Standard Webhooks), "
        "retried for about three days, with a delivery log.",
    },
    {
        "name": "oauth",
        "description": "OAuth 2.0 for third-party apps (authorization code with PKCE, rotating refresh tokens, "
        "revocation): register an app, exchange codes for tokens, see and disconnect connected apps. "
        "Server metadata (RFC 8414) is at `/.well-known/oauth-authorization-server`; people allow an app "
        "on the web app's page `/oauth/authorize`. The token and revocation endpoints answer errors the "
        "RFC 6749 way (`error`, `error_description`), as OAuth client libraries expect.",
    },
    {
        "name": "export",
        "description": "All your data as one JSON document (with its JSON Schema) or a spreadsheet of your job "
        "search; and loading such a document into your account.",
    },
    {
        "name": "oauth-clients",
        "description": "The OAuth apps you make: register one (public with PKCE, or confidential with a secret "
        "shown once), list them, delete one (which disconnects it everywhere).",
    },
    {
        "name": "connected-apps",
        "description": "The OAuth apps you allowed into your account: what each may do, and disconnecting one.",
    },
]


@asynccontextmanager
async def _lifespan(app: FastAPI) -> AsyncIterator[None]:
    state = app_state(app)
    stop, tasks = asyncio.Event(), []
    if state.settings.webhook_worker_in_process:
        # The webhook delivery worker and the mail sender (which does nothing without an SMTP host),
        # on the app's own loop and database (webhooks/worker.py, mail/worker.py).
        tasks.append(asyncio.create_task(DeliveryWorker(state.database, state.settings).run(stop)))
        tasks.append(asyncio.create_task(MailWorker(state.database, state.settings).run(stop)))
    yield
    if tasks:
        stop.set()
        grace = max(state.settings.webhook_timeout_seconds, state.settings.smtp_timeout_seconds) + 5
        await asyncio.wait(tasks, timeout=grace)
        for task in tasks:
            task.cancel()
    await state.database.dispose()  # close pooled connections on the loop that opened them


def create_app(settings: Settings | None = None) -> FastAPI:
    settings = settings or get_settings()
    # Swagger UI and ReDoc from files in the package, not a CDN: /docs works offline and loads no
    # third-party script into a page that holds the user's token.
    app = FastAPIOffline(
        docs_url=None,  # the docs pages come from install_api_docs, with a policy that admits their script
        redoc_url=None,
        title="secondround",
        version="1.0.0",
        description=DESCRIPTION,
        openapi_tags=TAGS,
        license_info={"name": "Proprietary: all rights reserved", "identifier": "LicenseRef-Proprietary"},
        generate_unique_id_function=operation_id,
        lifespan=_lifespan,
    )
    limits = DatabaseLimits.from_settings(settings)
    state = AppState(
        settings=settings,
        database=Database(settings.sqlalchemy_url, limits),
        db_probe=DatabaseProbe(
            create_db_engine(settings.sqlalchemy_url, PROBE_LIMITS, pooled=False),
            timeout=settings.readiness_timeout_seconds,
        ),
        sign_in_limits=SignInLimits(settings),
        credentials=CredentialCache(),
        credential_budget=CredentialBudget(settings),
    )
    install_app_state(app, state)
    plans_cache.configure(settings.plan_cache_size)
    install_change_capture(settings.change_retention_days)

    api = APIRouter(
        prefix=API_PREFIX,
        dependencies=[Depends(reject_unknown_query_parameters), Depends(refuse_unreadable_bodies)],
    )
    for router in (
        health_router,
        auth_router,
        me_router,
        postings_router,
        applications_router,
        round_imports_router,
        application_rounds_router,
        answers_router,
        rounds_router,
        round_interviewers_router,
        interviewers_router,
        debriefs_router,
        thank_you_router,
        roles_router,
        questions_router,
        round_questions_router,
        plans_router,
        readiness_router,
        follow_ups_router,
        round_call_script_router,
        application_activity_router,
        activity_router,
        contacts_router,
        offers_router,
        practice_router,
        stats_router,
        mail_router,
        calendar_router,
        api_keys_router,
        changes_router,
        webhooks_router,
        oauth_router,
        clients_router,
        connected_router,
        portability_router,
    ):
        api.include_router(idempotent_routes(router))  # before inclusion: FastAPI builds handlers then
    app.include_router(api)
    app.include_router(problem_pages_router)
    app.include_router(metadata_router)

    install_problem_handlers(app)
    install_database_failure_handlers(app)
    install_constraint_handlers(app)
    install_openapi(
        app,
        servers=[{"url": "/", "description": "This server; paths start with /api/v1"}],
        contact={"name": "secondround maintainers"},
    )
    document_idempotency(app)
    install_api_docs(app)
    install_token_redaction()
    # Innermost, so every middleware added after it (body limit, security headers) wraps the web
    # app's responses as well as the API's.
    app.add_middleware(WebAppMiddleware, dist_dir=settings.web_app_dir, api_router=app.router)
    import_advice = (
        "A job posting import takes a page of up to 2 MB: save only the posting's page, or paste its JSON-LD."
    )
    larger = {
        path: (max(settings.max_import_body_bytes, settings.max_body_bytes), import_advice) for path in IMPORT_PATHS
    }
    larger[f"{API_PREFIX}/import"] = (
        max(settings.max_import_bytes, settings.max_body_bytes),
        "An account import takes an export document of up to SECONDROUND_MAX_IMPORT_BYTES.",
    )
    app.add_middleware(BodyLimitMiddleware, max_bytes=settings.max_body_bytes, larger=larger)
    admission_counts = AdmissionCounts()
    app.add_middleware(
        AdmissionMiddleware,
        slots=settings.max_active_requests,
        per_account=settings.max_requests_per_account,
        queue_timeout=settings.queue_timeout_seconds,
        request_timeout=settings.request_timeout_seconds,
        probe=state.db_probe,
        stall_check=settings.stall_check_seconds,
        counts=admission_counts,
    )
    # Outside admission, so its 429s and 503s get the same treatment (HEAD without a body, the
    # RateLimit fields, CORS headers a browser extension needs to read them).
    app.add_middleware(HttpFieldsMiddleware)
    app.add_middleware(CorsMiddleware, origins=settings.cors_origin_set)
    install_security_headers(app)
    if settings.metrics:
        install_metrics(app, admission_counts, settings.max_active_requests)
    # Outermost: every line logged while a request runs carries its id, refusals included.
    app.add_middleware(AccessLogMiddleware)
    app.add_middleware(CorrelationIdMiddleware, header_name=REQUEST_ID_HEADER, validator=acceptable_request_id)
    return app
