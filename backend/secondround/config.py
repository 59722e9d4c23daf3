"""Server settings: one object, read from `SECONDROUND_*` environment variables."""

from functools import lru_cache
from pathlib import Path
from typing import Literal

from limits import parse_many
from pydantic import Field, field_validator, model_validator
from pydantic_settings import BaseSettings, SettingsConfigDict

REPO_ROOT = Path(__file__).resolve().parents[2]
DEVELOPMENT_SECRET = "development-only-secret-change-me"


class Settings(BaseSettings):
    model_config = SettingsConfigDict(env_prefix="SECONDROUND_", extra="ignore")

    environment: Literal["development", "test", "production"] = "development"
    database_url: str = f"sqlite:///{REPO_ROOT / 'data' / 'secondround.db'}"
    # Signs pagination cursors; must be set outside development.
    secret_key: str = DEVELOPMENT_SECRET
    access_token_ttl_seconds: int = Field(default=3600, ge=60)
    session_ttl_seconds: int = Field(default=14 * 24 * 3600, ge=300)
    # Extra origins (besides the app's own) allowed to make cookie-authenticated writes,
    # e.g. a frontend dev server: "http://localhost:5173,http://127.0.0.1:5173".
    allowed_origins: str = ""
    max_body_bytes: int = Field(default=1024 * 1024, ge=1024)
    # The job posting import (POST /api/v1/applications/import and its preview) reads a saved page
    # of up to 2 MiB of HTML; sent as a JSON string it grows by its escapes, hence the room.
    max_import_body_bytes: int = Field(default=3 * 1024 * 1024, ge=1024)
    # POST /api/v1/import takes a whole account's export document (README, "Export and import").
    max_import_bytes: int = Field(default=20 * 1024 * 1024, ge=1024)
    # The built web app (`make web`), served at / beside the API.
    web_app_dir: Path = REPO_ROOT / "frontend" / "dist"
    # Caps on what one account can accumulate (docs/decisions.md, "Caps"): far above real use,
    # low enough that a plan or a list always stays small and fast.
    max_questions_per_account: int = Field(default=2000, ge=1)
    max_roles_per_account: int = Field(default=100, ge=1)
    max_applications_per_account: int = Field(default=5000, ge=1)
    max_rounds_per_application: int = Field(default=50, ge=1)
    max_interviewers_per_round: int = Field(default=50, ge=1)
    # How long the change feed keeps deletions and superseded changes; an older cursor is a 410.
    change_retention_days: int = Field(default=30, ge=1)
    # Computed plans each process keeps, for the most recently used rounds (plans/cache.py); 0: none.
    plan_cache_size: int = Field(default=256, ge=0)

    # Requests and the database are sized together so that nothing waits without a bound
    # (docs/decisions.md, "Requests and the database"): at most `max_active_requests` requests run at
    # once, each with its own pooled connection; the rest wait up to `queue_timeout_seconds`, then 503.
    max_active_requests: int = Field(default=16, ge=1, le=200)
    max_requests_per_account: int = Field(default=6, ge=1)
    queue_timeout_seconds: float = Field(default=3, gt=0)
    request_timeout_seconds: float = Field(default=20, gt=0)
    # A request running this long makes the server ask the database whether it still answers.
    stall_check_seconds: float = Field(default=2, gt=0)
    # How long readiness waits for the database before it answers "not ready" (the database is not
    # called down on that alone: see db/failures.py).
    readiness_timeout_seconds: float = Field(default=1, gt=0)
    db_connect_timeout_seconds: int = Field(default=3, ge=2)  # libpq's minimum is 2
    db_statement_timeout_seconds: float = Field(default=10, gt=0)
    db_lock_timeout_seconds: float = Field(default=5, gt=0)
    sqlite_busy_timeout_seconds: float = Field(default=5, gt=0)

    # The server (python -m secondround.server): slow or idle clients cannot hold it.
    header_timeout_seconds: float = Field(default=10, gt=0)
    body_timeout_seconds: float = Field(default=30, gt=0)
    send_timeout_seconds: float = Field(default=30, gt=0)
    keep_alive_seconds: int = Field(default=5, ge=1)
    max_connections: int = Field(default=2000, ge=10)
    max_connections_per_address: int = Field(default=100, ge=0)  # 0: no cap (behind a proxy)
    backlog: int = Field(default=2048, ge=16)

    # Sign-in protection (README, "Configuration"): attempts on /auth/token, /auth/login and
    # /auth/register, per account (the email tried) and per client address, in the `limits` notation
    # ("10/minute;100/hour"). Counted in process memory, or in Redis (shared by every API process)
    # when `redis_url` is set; keys start with `redis_key_prefix`.
    auth_rate_limit: str = "10/minute;100/hour"
    auth_address_rate_limit: str = "30/minute;300/hour"
    redis_url: str | None = None
    redis_key_prefix: str = "secondround"
    # Requests each bearer credential (a token from /auth/token, an API key, an OAuth access token)
    # may make per minute, counted with the sign-in limits (memory, or Redis when configured).
    rate_limit_per_minute: int = Field(default=600, ge=1)
    # Origins (e.g. a browser extension's `chrome-extension://<id>`) whose pages may call the API
    # with a bearer credential (CORS); cookies stay same-origin whatever is listed here.
    cors_origins: str = ""

    # Webhooks (README, "Webhooks"). The delivery worker runs inside each API process unless
    # `webhook_worker_in_process` is false (then run `python -m secondround.worker`). Retries wait the
    # seconds listed (plus or minus 10 % jitter); the default spreads eight retries over about three
    # days. Private, loopback and other internal addresses are refused unless `webhook_allow_private`.
    webhook_worker_in_process: bool = True
    webhook_retry_schedule: str = "5,300,1800,7200,18000,36000,86400,86400"
    webhook_allow_private: bool = False
    webhook_timeout_seconds: float = Field(default=10, gt=0, le=60)
    webhook_poll_seconds: float = Field(default=2, gt=0)
    webhook_follow_up_scan_seconds: float = Field(default=300, gt=0)
    # Finished deliveries (delivered, or given up) and their attempts are kept this long for the log.
    webhook_retention_days: int = Field(default=30, ge=1, le=3650)

    # Mail (README, "Mail: reminders and password reset"): the daily reminder, password reset links and
    # the notice of a changed sign-in email, sent over SMTP by the worker (never inside a request).
    # With no `smtp_host` nothing is sent and nothing is queued. `smtp_starttls` upgrades the
    # connection before signing in (port 587); the connection and each command time out after
    # `smtp_timeout_seconds`. `public_url` is where the web app is reached: links in mails start with it.
    smtp_host: str | None = None
    smtp_port: int = Field(default=587, ge=1, le=65535)
    smtp_username: str | None = None
    smtp_password: str | None = None
    smtp_starttls: bool = True
    smtp_timeout_seconds: float = Field(default=15, gt=0, le=120)
    mail_from: str = "secondround <no-reply@localhost>"
    public_url: str = "http://127.0.0.1:8000"
    # A mail that fails is tried again after each delay listed (plus or minus 10 %), then given up.
    mail_retry_schedule: str = "30,120,600,1800,3600,7200"
    mail_poll_seconds: float = Field(default=2, gt=0)
    # How often the worker looks for accounts whose reminder is due (their morning has come).
    mail_reminder_scan_seconds: float = Field(default=60, gt=0)
    # Sent and given-up mails are kept this long (their bodies emptied once sent), then deleted.
    mail_retention_days: int = Field(default=7, ge=1, le=365)
    # How long a password reset link works.
    password_reset_ttl_seconds: int = Field(default=30 * 60, ge=60, le=24 * 3600)

    @property
    def mail_enabled(self) -> bool:
        return bool(self.smtp_host and self.smtp_host.strip())

    @property
    def mail_retry_delays(self) -> list[float]:
        return [float(part) for part in self.mail_retry_schedule.split(",") if part.strip()]

    @property
    def web_url(self) -> str:
        return self.public_url.rstrip("/")

    @field_validator("webhook_retry_schedule", "mail_retry_schedule")
    @classmethod
    def _retry_schedule(cls, value: str) -> str:
        try:
            delays = [float(part) for part in value.split(",") if part.strip()]
        except ValueError:
            delays = []
        if not delays or any(d < 0 for d in delays):
            raise ValueError(f"{value!r} is not a retry schedule: comma-separated seconds, e.g. 5,300,1800")
        return value

    @property
    def webhook_retry_delays(self) -> list[float]:
        """Seconds to wait before each retry: the first retry waits the first number, and so on."""
        return [float(part) for part in self.webhook_retry_schedule.split(",") if part.strip()]

    # Operating it (README, "Operating it"): log lines as text for a terminal or one JSON object per
    # line (the container's default); Prometheus metrics at /metrics when `metrics` is true.
    log_format: Literal["console", "json"] = "console"
    log_level: Literal["critical", "error", "warning", "info", "debug"] = "info"
    metrics: bool = False

    # OAuth apps the operator registers (README, "Connect an app with OAuth"): a JSON list of
    # {"client_id", "name", "redirect_uris", optional "client_secret_sha256"}; empty: none.
    oauth_clients: str = ""

    @field_validator("auth_rate_limit", "auth_address_rate_limit")
    @classmethod
    def _limits_notation(cls, value: str) -> str:
        if not value.strip() or not parse_many(value):
            raise ValueError(f"{value!r} is not a rate limit in the `limits` notation, e.g. 10/minute;100/hour")
        return value

    @field_validator("oauth_clients")
    @classmethod
    def _oauth_clients(cls, value: str) -> str:
        from secondround.oauth.clients import parse_configured_clients

        parse_configured_clients(value)  # raises ValueError naming what is wrong
        return value

    @model_validator(mode="after")
    def _refuse_default_secret_in_production(self) -> "Settings":
        if self.environment == "production" and self.secret_key == DEVELOPMENT_SECRET:
            raise ValueError("SECONDROUND_SECRET_KEY must be set in production")
        return self

    @property
    def sqlalchemy_url(self) -> str:
        """The URL with psycopg 3 as the PostgreSQL driver, whatever spelling the user gave."""
        url = self.database_url
        for prefix in ("postgres://", "postgresql://"):
            if url.startswith(prefix):
                return "postgresql+psycopg://" + url[len(prefix) :]
        return url

    @property
    def cors_origin_set(self) -> frozenset[str]:
        return frozenset(o.strip().rstrip("/").lower() for o in self.cors_origins.split(",") if o.strip())

    @property
    def extra_origins(self) -> set[str]:
        return {o.strip().rstrip("/") for o in self.allowed_origins.split(",") if o.strip()}


@lru_cache
def get_settings() -> Settings:
    return Settings()
