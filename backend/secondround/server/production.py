"""Serve the API as in production: `python -m secondround.server [--host H] [--port P]`.

Uvicorn with the limits a public server needs (settings in `config.py`, README
"Configuration"): a deadline for the request head, for the body and for a client to read its
response, a cap on open connections (in all and per client address) that evicts idle and stalled
ones first, uvicorn's keep-alive timeout and listen backlog, and log records (text or JSON lines,
observability/logs.py) that cannot flood the disk. `--port 0` picks a free port; the line
"listening on http://..." names it.
"""

import argparse
import logging
import os
import resource
import signal
import socket
import sys

import uvicorn

from secondround.config import Settings, get_settings
from secondround.observability.logs import logging_config
from secondround.server.log_rate_limit import limit_log_rate
from secondround.server.slow_clients import ConnectionLimits, protocol_with_limits

log = logging.getLogger("uvicorn.error")  # configured by uvicorn, like its own startup lines

# File descriptors kept back from the connection cap: the database, log files, the listening socket.
RESERVED_FDS = 64


def raise_open_file_limit() -> int:
    """Lift the soft limit on open files to the hard one; return what is now allowed."""
    soft, hard = resource.getrlimit(resource.RLIMIT_NOFILE)
    if hard == resource.RLIM_INFINITY or soft < hard:
        target = hard if hard != resource.RLIM_INFINITY else max(soft, 65536)
        try:
            resource.setrlimit(resource.RLIMIT_NOFILE, (target, hard))
            soft = target
        except (ValueError, OSError):
            pass
    return soft


def bind(host: str, port: int, backlog: int) -> socket.socket:
    family = socket.AF_INET6 if ":" in host else socket.AF_INET
    # IPPROTO_TCP, not 0: asyncio only sets TCP_NODELAY on accepted sockets whose protocol says TCP,
    # and without it a small response can wait ~40 ms for a delayed ACK.
    sock = socket.socket(family, socket.SOCK_STREAM, socket.IPPROTO_TCP)
    sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    sock.bind((host, port))
    sock.listen(backlog)
    sock.setblocking(False)
    return sock


def build_server(settings: Settings, *, host: str, log_level: str = "info", access_log: bool = True) -> uvicorn.Server:
    fd_limit = raise_open_file_limit()
    # asyncio accepts up to `backlog` sockets at a time before the cap can close any, so the cap
    # leaves room for two such bursts below the open-file limit.
    backlog = min(settings.backlog, fd_limit // 8)
    max_connections = min(settings.max_connections, max(10, fd_limit - RESERVED_FDS - 2 * backlog))
    limits = ConnectionLimits(
        header_timeout=settings.header_timeout_seconds,
        body_timeout=settings.body_timeout_seconds,
        send_timeout=settings.send_timeout_seconds,
        max_connections=max_connections,
        max_per_address=settings.max_connections_per_address,
    )
    config = uvicorn.Config(
        "secondround.asgi:app",
        host=host,
        http=protocol_with_limits(limits),
        ws="none",
        lifespan="on",
        log_level=log_level,
        log_config=logging_config(settings.log_format, log_level, access_log=access_log),
        access_log=False,  # ours has the duration and the account (observability/access_log.py)
        proxy_headers=True,
        server_header=False,
        timeout_keep_alive=settings.keep_alive_seconds,
        backlog=backlog,
        timeout_graceful_shutdown=10,
    )
    server = uvicorn.Server(config)
    server.connection_limits = limits  # type: ignore[attr-defined]  # for tests and diagnostics
    return server


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(prog="python -m secondround.server", description=__doc__.splitlines()[0])
    parser.add_argument("--host", default="127.0.0.1")
    parser.add_argument("--port", type=int, default=8000, help="0 picks a free port")
    parser.add_argument(
        "--log-level",
        default=None,
        choices=["critical", "error", "warning", "info", "debug"],
        help="default: SECONDROUND_LOG_LEVEL",
    )
    parser.add_argument("--no-access-log", action="store_true", help="leave out one line per request")
    parser.add_argument(
        "--workers", type=int, default=1, help="server processes sharing the port (about one per core; default 1)"
    )
    args = parser.parse_args(argv)
    if args.workers < 1:
        parser.error("--workers must be 1 or more")

    settings = get_settings()
    server = build_server(
        settings, host=args.host, log_level=args.log_level or settings.log_level, access_log=not args.no_access_log
    )
    server.config.load()  # configures logging and imports the app before we bind
    limit_log_rate("uvicorn.error", "asyncio", "secondround")
    sock = bind(args.host, args.port, server.config.backlog)
    host, port = sock.getsockname()[:2]
    shown = f"[{host}]" if ":" in host else host
    log.info(
        "listening on http://%s:%d (header timeout %gs, body timeout %gs, send timeout %gs, at most %d connections, "
        "%s per address)",
        shown,
        port,
        settings.header_timeout_seconds,
        settings.body_timeout_seconds,
        settings.send_timeout_seconds,
        server.connection_limits.max_connections,  # type: ignore[attr-defined]
        settings.max_connections_per_address or "no cap",
    )
    if args.workers == 1:
        server.run(sockets=[sock])
        sys.exit(0 if server.started else 3)
    sys.exit(run_workers(server, sock, args.workers))


def run_workers(server: uvicorn.Server, sock: socket.socket, workers: int) -> int:
    """Fork `workers` processes that serve the one listening socket (the kernel spreads connections
    over them); restart one that dies; on SIGTERM or SIGINT stop them all gracefully.

    Forked after the app is imported, before any database connection or event loop exists, so each
    child opens its own. Each process keeps its own admission and per-account limits and credential
    cache (README, "Configuration"); sign-in limits are shared through Redis when it is configured.
    """
    children: set[int] = set()
    stopping = False

    def start_one() -> None:
        pid = os.fork()
        if pid == 0:  # the child: serve until told to stop
            signal.signal(signal.SIGTERM, signal.SIG_DFL)
            signal.signal(signal.SIGINT, signal.SIG_DFL)
            server.run(sockets=[sock])
            os._exit(0 if server.started else 3)
        children.add(pid)

    def stop(signum: int, _frame: object) -> None:
        nonlocal stopping
        stopping = True
        for pid in children:
            os.kill(pid, signal.SIGTERM)

    signal.signal(signal.SIGTERM, stop)
    signal.signal(signal.SIGINT, stop)
    for _ in range(workers):
        start_one()
    log.info("serving with %d worker processes", workers)
    status = 0
    while children:
        try:
            pid, code = os.wait()
        except ChildProcessError:
            break
        children.discard(pid)
        if os.waitstatus_to_exitcode(code) == 3 and not stopping:  # it could not start: neither will another
            log.error("worker %d could not start; stopping", pid)
            stop(signal.SIGTERM, None)
            status = 3
        elif not stopping:
            log.warning("worker %d exited (status %d); starting another", pid, code)
            start_one()
        elif os.waitstatus_to_exitcode(code) not in (0, -signal.SIGTERM):
            status = 1
    return status


if __name__ == "__main__":  # pragma: no cover
    main()
