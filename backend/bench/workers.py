"""`python -m bench.workers N PORT`: the production server in N processes sharing one listening socket.

Stands in for `python -m secondround.server --workers N` while the server has no such option (the
load benchmark uses the option as soon as `--help` lists it): the socket is bound once as the server
binds it, then N forked processes each run the production server (server/production.py: same
limits, logging and access log) on it, and the kernel spreads the connections over them. SIGTERM
stops them all.
"""

import os
import signal
import sys


def main(workers: int, port: int) -> None:
    from secondround.config import get_settings
    from secondround.server import production

    settings = get_settings()
    sock = production.bind("127.0.0.1", port, settings.backlog)
    children: list[int] = []
    for _ in range(workers):
        pid = os.fork()
        if pid == 0:  # a worker: the server, on the shared socket
            from secondround.server.log_rate_limit import limit_log_rate

            server = production.build_server(settings, host="127.0.0.1")
            server.config.load()
            limit_log_rate("uvicorn.error", "asyncio", "secondround")
            server.run(sockets=[sock])
            os._exit(0)
        children.append(pid)

    def stop(signum: int, frame: object) -> None:
        for child in children:
            try:
                os.kill(child, signal.SIGTERM)
            except ProcessLookupError:
                pass

    signal.signal(signal.SIGTERM, stop)
    signal.signal(signal.SIGINT, stop)
    for child in children:
        os.waitpid(child, 0)


if __name__ == "__main__":
    main(int(sys.argv[1]), int(sys.argv[2]))
