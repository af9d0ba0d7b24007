"""A small closed-loop HTTP/1.1 load generator: C keep-alive connections, each sending the
next request as soon as its previous answer is read. Plain asyncio streams keep the client's
own CPU cost per request low, so that the figures are mostly the server's."""

from __future__ import annotations

import asyncio
import json
import time
from collections.abc import Sequence
from dataclasses import dataclass


@dataclass(frozen=True, slots=True)
class Run:
    label: str
    count: int
    seconds: float
    latencies: list[float]  # seconds, one per request
    errors: int = 0

    @property
    def per_second(self) -> float:
        return self.count / self.seconds

    def pct(self, q: float) -> float:
        """The q-quantile latency in milliseconds."""
        ordered = sorted(self.latencies)
        return ordered[min(len(ordered) - 1, int(q * len(ordered)))] * 1000


def post_requests(
    host: str, port: int, path: str, token: str, bodies: Sequence[object]
) -> list[bytes]:
    out = []
    for body in bodies:
        data = json.dumps(body, ensure_ascii=False).encode("utf-8")
        head = (
            f"POST {path} HTTP/1.1\r\nHost: {host}:{port}\r\nAuthorization: Bearer {token}\r\n"
            f"Content-Type: application/json\r\nContent-Length: {len(data)}\r\n\r\n"
        )
        out.append(head.encode("ascii") + data)
    return out


async def _read_response(reader: asyncio.StreamReader) -> int:
    status = int((await reader.readline()).split(b" ", 2)[1])
    length = 0
    while (line := await reader.readline()) not in (b"\r\n", b""):
        name, _, value = line.partition(b":")
        if name.strip().lower() == b"content-length":
            length = int(value)
    await reader.readexactly(length)
    return status


async def _run(host: str, port: int, requests: list[bytes], clients: int, seconds: float) -> Run:
    latencies: list[float] = []
    errors = 0
    cursor = 0
    stop_at = time.monotonic() + seconds

    async def client() -> None:
        nonlocal cursor, errors
        reader, writer = await asyncio.open_connection(host, port)
        try:
            while cursor < len(requests) and time.monotonic() < stop_at:
                request = requests[cursor]
                cursor += 1
                began = time.perf_counter()
                writer.write(request)
                status = await _read_response(reader)
                latencies.append(time.perf_counter() - began)
                errors += not 200 <= status < 300
        finally:
            writer.close()

    began = time.perf_counter()
    await asyncio.gather(*(client() for _ in range(clients)))
    elapsed = time.perf_counter() - began
    return Run(f"HTTP, {clients} client(s)", len(latencies), elapsed, latencies, errors)


def run_load(host: str, port: int, requests: list[bytes], clients: int, seconds: float) -> Run:
    return asyncio.run(_run(host, port, requests, clients, seconds))
