"""`python -m secondround.deploy.healthcheck [URL | --database]`: a container health check that
needs no curl in the image.

With a URL (default: the API's readiness on this container, http://127.0.0.1:8000/api/v1/health/ready),
exit 0 when it answers 2xx within `--timeout` seconds, else 1 with the reason on stderr.
With `--database` (the webhook worker, which serves no HTTP), exit 0 when the configured database
answers and its schema is at the latest migration: what the worker needs to deliver anything.
"""

import argparse
import sys
import urllib.error
import urllib.request

DEFAULT_URL = "http://127.0.0.1:8000/api/v1/health/ready"


def check_url(url: str, timeout: float) -> str | None:
    """None when healthy, else why not."""
    try:
        with urllib.request.urlopen(url, timeout=timeout) as response:  # noqa: S310 - a fixed local URL
            status = response.status
    except urllib.error.HTTPError as error:
        return f"{url} answered {error.code}: {error.read(300).decode(errors='replace')}"
    except (urllib.error.URLError, OSError) as error:
        return f"{url} did not answer: {error}"
    return None if 200 <= status < 300 else f"{url} answered {status}"


def check_database(timeout: float) -> str | None:
    from sqlalchemy import text

    from secondround.config import get_settings
    from secondround.db.migrations import current_revision, head_revision
    from secondround.db.session import DatabaseLimits, create_db_engine

    engine = create_db_engine(
        get_settings().sqlalchemy_url,
        DatabaseLimits(pool_size=1, connect_timeout=max(2, int(timeout)), statement_timeout=timeout),
        pooled=False,
    )
    try:
        with engine.connect() as connection:
            connection.execute(text("SELECT 1"))
            current = current_revision(connection)
    except Exception as error:  # any failure is "unhealthy", said in one line
        return f"the database did not answer: {str(error).strip().splitlines()[0] if str(error).strip() else error!r}"
    finally:
        engine.dispose()
    head = head_revision()
    return None if current == head else f"the schema is at {current or 'nothing'}, not at {head}"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        prog="python -m secondround.deploy.healthcheck", description=__doc__.splitlines()[0]
    )
    parser.add_argument("url", nargs="?", default=DEFAULT_URL)
    parser.add_argument("--database", action="store_true", help="check the database instead of a URL")
    parser.add_argument("--timeout", type=float, default=4.0)
    args = parser.parse_args(argv)
    problem = check_database(args.timeout) if args.database else check_url(args.url, args.timeout)
    if problem:
        print(f"unhealthy: {problem}", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
