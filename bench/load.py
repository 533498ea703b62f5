"""A bounded loopback load on the web API while ingests write the store.

Starts `blocs serve` on a copy of a store (the demo store, built from `examples/` when no
`--db` is given), sends `--requests` requests from `--clients` concurrent clients over the
main API routes (each client on a keep-alive connection of its own, read by a minimal
HTTP/1.1 client: httpx costs more per request than the server's answer from a kept page, and
would measure itself), and keeps an ingest job running through the API the whole time (each
job uploads `--ingest-docs` new generated briefs, with event extraction), so the store is
written again and again while it is read. Before the ingest starts, `--baseline` requests
are sent with no writer about: the same load on the same machine at the same moment, which
the loaded figures are divided by (other work on the machine inflates both alike). Stops by
itself after the last request (or `--max-seconds`), then prints latency percentiles, errors
and throughput, over all requests and over those answered while an ingest was running.

    python bench/load.py [--db FILE] [--clients 50] [--requests 20000] [--baseline 2000]
"""

from __future__ import annotations

import argparse
import asyncio
import json
import random
import re
import shutil
import socket
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

import httpx

REPO = Path(__file__).resolve().parents[1]
BLOCS = Path(sys.executable).with_name("blocs")
TOKEN = "bench-token"
STATES = ["France", "Russia", "Turkey", "Germany", "China", "India", "Japan", "Iran", "Egypt"]
ACTS = [
    "{a} accused {b} of violating the ceasefire on {day}.",
    "Officials from {a} met their counterparts from {b} in Geneva on {day}.",
    "{a} imposed sanctions on {b} over its missile programme on {day}.",
    "{a} signed a defence cooperation agreement with {b} on {day}.",
]
DAYS = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday"]


def routes(article_id: str) -> list[str]:
    return [
        "/api/overview",
        "/api/articles?limit=20",
        "/api/articles?q=ceasefire&limit=20",
        f"/api/articles/{article_id}",
        "/api/events?limit=50",
        "/api/events?dyad=FRA-RUS",
        "/api/actors/FRA",
        "/api/runs",
        "/api/dyads/FRA/RUS",
        "/api/blocs",
    ]


def briefs(n: int, seed: int) -> bytes:
    """`n` distinct generated briefs as JSONL."""
    rng = random.Random(seed)
    lines = []
    for i in range(n):
        body = " ".join(
            rng.choice(ACTS).format(a=a, b=b, day=rng.choice(DAYS))
            for a, b in (rng.sample(STATES, 2) for _ in range(4))
        )
        record = {"id": f"bench-{seed}-{i}", "date": "2021-10-01", "title": f"Brief {seed}-{i}"}
        lines.append(json.dumps({**record, "text": f"{body} (ref {seed}-{i})"}))
    return ("\n".join(lines) + "\n").encode()


def demo_store(folder: Path) -> Path:
    db = folder / "demo.duckdb"
    subprocess.run(
        [str(BLOCS), "ingest", str(REPO / "examples"), "--db", str(db), "--no-progress"],
        check=True,
        stdout=subprocess.DEVNULL,
    )
    return db


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port: int = s.getsockname()[1]
        return port


def start_server(db: Path, port: int) -> subprocess.Popen[bytes]:
    server = subprocess.Popen(
        [str(BLOCS), "serve", "--db", str(db), "--port", str(port), "--token", TOKEN],
        stderr=subprocess.DEVNULL,
    )
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        try:
            if httpx.get(f"http://127.0.0.1:{port}/api/runs", timeout=2).status_code == 200:
                return server
        except httpx.HTTPError:
            pass
        time.sleep(0.2)
    server.kill()
    raise SystemExit("the server did not start")


class Ingests:
    """Keeps one ingest job running until told to stop; marks when one was running."""

    def __init__(self, http: httpx.AsyncClient, docs: int) -> None:
        self.http = http
        self.docs = docs
        self.running = False
        self.jobs: list[dict[str, object]] = []
        self.stop = asyncio.Event()

    async def run(self) -> None:
        seed = 0
        while not self.stop.is_set():
            seed += 1
            files = {"file": (f"bench-{seed}.jsonl", briefs(self.docs, seed))}
            headers = {"Authorization": f"Bearer {TOKEN}"}
            answer = await self.http.post("/api/ingest", files=files, headers=headers)
            answer.raise_for_status()
            job_id = answer.json()["job_id"]
            self.running = True
            started = time.perf_counter()
            while True:
                await asyncio.sleep(0.25)
                status = await self.http.get(f"/api/ingest/{job_id}")
                job = status.json()
                if status.status_code != 200:
                    raise SystemExit(f"job status: HTTP {status.status_code} {job}")
                if job["state"] in ("done", "failed"):
                    break
            self.running = False
            run = job.get("run") or {}
            self.jobs.append(
                {
                    "state": job["state"],
                    "seconds": round(time.perf_counter() - started, 1),
                    "articles_added": run.get("articles_added"),
                    "events_added": run.get("events_added"),
                    **({"error": job["error"]} if job["error"] else {}),
                }
            )


class Phase:
    """The requests of one phase: latencies (with whether an ingest ran), errors, time."""

    def __init__(self) -> None:
        self.latencies: list[tuple[float, bool]] = []
        self.errors: dict[str, int] = {}
        self.elapsed = 0.0


class Connection:
    """One keep-alive HTTP/1.1 connection that sends GETs and reads whole answers: far less
    work per request than httpx, so that the figures are the server's and not the load
    generator's (both share the machine)."""

    def __init__(self, host: str, port: int) -> None:
        self.host, self.port = host, port
        self.streams: tuple[asyncio.StreamReader, asyncio.StreamWriter] | None = None

    async def get(self, path: str) -> int:
        """The answer's status, its body read to the end."""
        if self.streams is None:
            self.streams = await asyncio.open_connection(self.host, self.port)
        reader, writer = self.streams
        writer.write(f"GET {path} HTTP/1.1\r\nHost: {self.host}\r\n\r\n".encode())
        head = (await reader.readuntil(b"\r\n\r\n")).lower()
        status = int(head[9:12])
        found = re.search(rb"\r\ncontent-length: *(\d+)", head)
        if found is None:
            raise ValueError("an answer without content-length")
        await reader.readexactly(int(found.group(1)))
        if b"\r\nconnection: close" in head:
            self.close()
        return status

    def close(self) -> None:
        if self.streams is not None:
            self.streams[1].close()
            self.streams = None


async def hammer(
    base: str,
    paths: list[str],
    clients: int,
    total: int,
    deadline: float,
    ingesting: Callable[[], bool],
) -> Phase:
    """`total` requests over `paths` from `clients` concurrent clients, each on a
    connection of its own."""
    phase = Phase()
    counter = iter(range(total))
    address = httpx.URL(base)

    async def client() -> None:
        connection = Connection(address.host, address.port or 80)
        for n in counter:
            if time.monotonic() > deadline:
                break
            during = ingesting()
            started = time.perf_counter()
            try:
                status = await asyncio.wait_for(connection.get(paths[n % len(paths)]), 30)
                if status != 200:
                    phase.errors[f"HTTP {status}"] = phase.errors.get(f"HTTP {status}", 0) + 1
            except (OSError, ValueError, asyncio.IncompleteReadError, TimeoutError) as exc:
                connection.close()
                name = type(exc).__name__
                phase.errors[name] = phase.errors.get(name, 0) + 1
            phase.latencies.append((time.perf_counter() - started, during or ingesting()))
        connection.close()

    began = time.perf_counter()
    await asyncio.gather(*(client() for _ in range(clients)))
    phase.elapsed = time.perf_counter() - began
    return phase


async def load(
    base: str, clients: int, total: int, baseline: int, docs: int, max_seconds: float
) -> None:
    limits = httpx.Limits(max_connections=clients + 4, max_keepalive_connections=clients + 4)
    async with httpx.AsyncClient(base_url=base, timeout=30, limits=limits) as http:
        article = (await http.get("/api/articles?limit=1")).json()["items"][0]["article_id"]
        paths = routes(article)
        for path in paths:  # warm the model cache, as a visitor before the load would
            (await http.get(path)).raise_for_status()
        deadline = time.monotonic() + max_seconds
        quiet = await hammer(base, paths, clients, baseline, deadline, lambda: False)
        ingests = Ingests(http, docs)
        writer = asyncio.create_task(ingests.run())
        while not ingests.running:
            await asyncio.sleep(0.05)
        loaded = await hammer(base, paths, clients, total, deadline, lambda: ingests.running)
        ingests.stop.set()
        await writer
    if quiet.latencies:
        print(f"baseline, no ingest ({clients} clients):")
        report(quiet, clients)
        print()
    print(f"with an ingest job running ({clients} clients):")
    report(loaded, clients, quiet)
    print(f"ingest jobs   {len(ingests.jobs)}: {ingests.jobs}")


def percentile(values: list[float], q: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(q * (len(ordered) - 1)))] * 1000


def report(phase: Phase, clients: int, baseline: Phase | None = None) -> None:
    every = [s for s, _ in phase.latencies]
    during = [s for s, busy in phase.latencies if busy]
    print(f"requests      {len(every)} in {phase.elapsed:.1f} s")
    print(f"throughput    {len(every) / phase.elapsed:.0f} requests/s")
    for label, values in (("all", every), ("while ingest", during)):
        if values and (label == "all" or baseline is not None):
            print(
                f"latency {label:<13} p50 {percentile(values, 0.5):.1f} ms  "
                f"p90 {percentile(values, 0.9):.1f} ms  p99 {percentile(values, 0.99):.1f} ms  "
                f"max {max(values) * 1000:.1f} ms  mean {statistics.fmean(values) * 1000:.1f} ms"
                f"  (n={len(values)})"
            )
    if baseline is not None and baseline.latencies:
        quiet = [s for s, _ in baseline.latencies]
        ratios = "  ".join(
            f"p{round(q * 100)} x{percentile(every, q) / percentile(quiet, q):.2f}"
            for q in (0.5, 0.9, 0.99)
        )
        print(f"vs baseline   {ratios}")
    errors = phase.errors
    print(f"errors        {sum(errors.values())} {errors if errors else ''}".rstrip())


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--db", type=Path, help="store to copy (default: build the demo store)")
    parser.add_argument("--clients", type=int, default=50)
    parser.add_argument("--requests", type=int, default=20_000)
    parser.add_argument(
        "--baseline", type=int, default=2_000, help="requests before the ingest starts"
    )
    parser.add_argument("--ingest-docs", type=int, default=40, help="briefs per ingest job")
    parser.add_argument("--max-seconds", type=float, default=600.0)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="blocs-load-") as tmp:
        folder = Path(tmp)
        db = folder / "store.duckdb"
        if args.db:
            shutil.copy(args.db, db)
        else:
            print("building the demo store from examples/ ...", file=sys.stderr)
            db = demo_store(folder)
        port = free_port()
        server = start_server(db, port)
        try:
            asyncio.run(
                load(
                    f"http://127.0.0.1:{port}",
                    args.clients,
                    args.requests,
                    args.baseline,
                    args.ingest_docs,
                    args.max_seconds,
                )
            )
        finally:
            server.terminate()
            server.wait(timeout=30)


if __name__ == "__main__":
    main()
