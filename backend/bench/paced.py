"""A constant-rate (open-loop) HTTP client: the latency at a given load, not at saturation.

Debian's wrk only drives a closed loop (each connection sends its next request when the last one
is answered), which measures the maximum rate but not the latency at, say, 70% of it; the
constant-rate mode of wrk2 is not packaged. This client sends requests on a fixed schedule
over keep-alive connections and times each one from the moment it was *due*, so a slow answer
that delays later requests counts against them too (no coordinated omission). Python limits it to
a few thousand requests per second, enough for the real endpoints; it reports the rate it
actually achieved, so a client that could not keep up shows.
"""

import asyncio
import statistics
from dataclasses import dataclass


@dataclass(frozen=True)
class PacedResult:
    target_rate: float
    achieved_rate: float
    p50_ms: float
    p99_ms: float
    errors: int  # socket errors, non-2xx answers and answers without the expected body
    statuses: dict[int, int]  # wrong answers by status (0: socket error; a 2xx: body without `expect`)


def _percentile(sorted_values: list[float], p: float) -> float:
    if not sorted_values:
        return float("nan")
    index = min(len(sorted_values) - 1, max(0, round(p / 100 * len(sorted_values)) - 1))
    return sorted_values[index]


async def _read_answer(reader: asyncio.StreamReader) -> tuple[int, bytes]:
    head = await reader.readuntil(b"\r\n\r\n")
    lines = head.split(b"\r\n")
    status = int(lines[0].split(b" ", 2)[1])
    length = 0
    for line in lines[1:]:
        name, _, value = line.partition(b":")
        if name.strip().lower() == b"content-length":
            length = int(value)
    body = await reader.readexactly(length) if length else b""
    return status, body


async def _run(
    host: str, port: int, requests: list[bytes], rate: float, seconds: float, connections: int, expect: bytes
) -> PacedResult:
    loop = asyncio.get_running_loop()
    queue: asyncio.Queue[tuple[float, bytes] | None] = asyncio.Queue()
    latencies: list[float] = []
    errors = 0
    statuses: dict[int, int] = {}

    async def worker() -> None:
        nonlocal errors
        reader = writer = None
        while (item := await queue.get()) is not None:
            due, raw = item
            try:
                if writer is None:
                    reader, writer = await asyncio.open_connection(host, port)
                writer.write(raw)
                status, body = await _read_answer(reader)
                if not 200 <= status < 300 or expect not in body:
                    errors += 1
                    statuses[status] = statuses.get(status, 0) + 1
            except (OSError, asyncio.IncompleteReadError, ValueError):
                errors += 1
                statuses[0] = statuses.get(0, 0) + 1
                if writer is not None:
                    writer.close()
                reader = writer = None
            latencies.append(loop.time() - due)
        if writer is not None:
            writer.close()

    workers = [asyncio.create_task(worker()) for _ in range(connections)]
    total = int(rate * seconds)
    start = loop.time() + 0.05
    for i in range(total):
        due = start + i / rate
        delay = due - loop.time()
        if delay > 0:
            await asyncio.sleep(delay)
        queue.put_nowait((due, requests[i % len(requests)]))
    for _ in workers:
        queue.put_nowait(None)
    await asyncio.gather(*workers)
    elapsed = loop.time() - start
    ordered = sorted(latencies)
    return PacedResult(
        target_rate=rate,
        achieved_rate=len(latencies) / elapsed,
        p50_ms=statistics.median(ordered) * 1000 if ordered else float("nan"),
        p99_ms=_percentile(ordered, 99) * 1000,
        errors=errors,
        statuses=statuses,
    )


def paced(
    host: str,
    port: int,
    requests: list[bytes],
    *,
    rate: float,
    seconds: float,
    connections: int = 16,
    expect: bytes = b"",
) -> PacedResult:
    """Send `rate` requests per second for `seconds`, cycling through the raw HTTP/1.1 `requests`; an
    answer counts as an error unless it is a 2xx whose body contains `expect`."""
    return asyncio.run(asyncio.wait_for(_run(host, port, requests, rate, seconds, connections, expect), seconds + 60))


def raw_request(method: str, host: str, port: int, path: str, headers: dict[str, str], body: bytes = b"") -> bytes:
    lines = [f"{method} {path} HTTP/1.1", f"Host: {host}:{port}"]
    lines += [f"{name}: {value}" for name, value in headers.items()]
    if body or method in ("POST", "PUT", "PATCH"):
        lines.append(f"Content-Length: {len(body)}")
    return ("\r\n".join(lines) + "\r\n\r\n").encode() + body
